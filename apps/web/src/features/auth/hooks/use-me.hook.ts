import { useQuery } from '@tanstack/react-query';
import { type LastUser, lastUser, useAuthState } from '../../../lib/auth/auth-session.store';
import { authKeys, fetchMe } from '../api/auth.api';

export const useMe = () => useQuery({ queryKey: authKeys.me, queryFn: ({ signal }) => fetchMe(signal) });

/**
 * Who is signed in, for the frame's name, avatar and role: the server's answer, or after an
 * offline start (no answer yet) what this device remembers of the same user.
 */
export function useSignedInUser(): LastUser | undefined {
  const me = useMe();
  const auth = useAuthState();
  if (me.data) return me.data;
  if (auth.status !== 'signed-in') return undefined;
  const remembered = lastUser();
  return remembered?.id === auth.userId ? remembered : undefined;
}
