import type { QueryClient } from '@tanstack/react-query';
import { authSession } from '../lib/auth/auth-session.store';
import { authKeys, fetchMe } from '../features/auth/api/auth.api';
import { chatKeys, fetchRooms } from '../features/chat/api/chat.api';

const signedIn = (): Promise<boolean> =>
  new Promise((resolve) => {
    const check = (): boolean => {
      const { status } = authSession.getState();
      if (status === 'restoring') return false;
      resolve(status === 'signed-in');
      return true;
    };
    if (check()) return;
    const stop = authSession.subscribe(() => {
      if (check()) stop();
    });
  });

/**
 * Loaded at start-up when this browser had a session: this module sits in the signed-in
 * app's chunk, so importing it fetches that chunk while the session is being restored,
 * and once it is, the data the first page shows is requested before that page asks.
 */
export async function warmUp(queryClient: QueryClient): Promise<void> {
  if (!(await signedIn())) return;
  void queryClient.prefetchQuery({ queryKey: authKeys.me, queryFn: ({ signal }) => fetchMe(signal) });
  void queryClient.prefetchQuery({ queryKey: chatKeys.rooms, queryFn: ({ signal }) => fetchRooms(signal), staleTime: 60_000 });
}
