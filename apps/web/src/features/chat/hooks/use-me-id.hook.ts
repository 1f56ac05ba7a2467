import { useAuthState } from '../../../lib/auth/auth-session.store';

/** The signed-in user's id; chat is only ever mounted inside the signed-in shell. */
export function useMeId(): string {
  const auth = useAuthState();
  return auth.status === 'signed-in' ? auth.userId : '';
}
