import type { QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { authSession } from '../lib/auth/auth-session.store';

/** Nothing of one account may linger in the cache for whoever signs in next on this browser. */
export function useClearCacheOnSignOut(queryClient: QueryClient): void {
  useEffect(
    () =>
      authSession.subscribe(() => {
        if (authSession.getState().status === 'signed-out') queryClient.clear();
      }),
    [queryClient],
  );
}
