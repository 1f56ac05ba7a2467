import type { AuthResponse } from '@discordgym/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { authSession } from '../../../lib/auth/auth-session.store';
import { authKeys, logIn, logOut, registerAccount } from '../api/auth.api';

/**
 * Register and login end the same way: the user is cached first, then the session is
 * published, so the guard that now redirects lands on a page that already has its data.
 */
function useStartSession() {
  const queryClient = useQueryClient();
  return (response: AuthResponse): void => {
    queryClient.setQueryData(authKeys.me, response.user);
    authSession.signIn(response.token, response.user);
  };
}

export function useRegister() {
  const startSession = useStartSession();
  return useMutation({ mutationFn: registerAccount, onSuccess: startSession });
}

export function useLogin() {
  const startSession = useStartSession();
  return useMutation({ mutationFn: logIn, onSuccess: startSession });
}

/** Signs out only once the server has ended the session; otherwise the cookie would still restore it. */
export function useLogout() {
  return useMutation({ mutationFn: logOut, onSuccess: () => authSession.signOut('logout') });
}
