import { useSyncExternalStore } from 'react';

/** Why the user is signed out: decides whether the login page explains itself. */
export type SignOutReason = 'initial' | 'logout' | 'session-ended';

export type AuthState =
  | { status: 'restoring' }
  | { status: 'signed-in'; userId: string }
  | { status: 'signed-out'; reason: SignOutReason };

type Listener = () => void;

const HINT_KEY = 'discordgym.had-session';

/**
 * Whether this browser was signed in when it last ran the app: not a secret (no token,
 * no user), only a hint that lets start-up fetch the signed-in UI while the session is
 * still being restored from the cookie.
 */
export function hadSession(): boolean {
  try {
    return localStorage.getItem(HINT_KEY) === '1';
  } catch {
    return false;
  }
}

function rememberSession(signedIn: boolean): void {
  try {
    if (signedIn) localStorage.setItem(HINT_KEY, '1');
    else localStorage.removeItem(HINT_KEY);
  } catch {
    // Storage disabled: start-up just does not get the hint.
  }
}

/**
 * The access token lives in this closure and nowhere else: not in localStorage, not in a
 * cookie readable by scripts. A reload starts signed out and restores from the httpOnly
 * refresh cookie.
 */
function createAuthSessionStore() {
  let state: AuthState = { status: 'restoring' };
  let accessToken: string | null = null;
  const listeners = new Set<Listener>();

  const publish = (next: AuthState): void => {
    state = next;
    for (const listener of listeners) listener();
  };

  return {
    getState: (): AuthState => state,
    getAccessToken: (): string | null => accessToken,
    subscribe(listener: Listener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    signIn(token: string, userId: string): void {
      accessToken = token;
      rememberSession(true);
      // Same user, new token: nothing on screen changes, so nobody needs to re-render.
      if (state.status === 'signed-in' && state.userId === userId) return;
      publish({ status: 'signed-in', userId });
    },
    signOut(reason: SignOutReason): void {
      accessToken = null;
      rememberSession(false);
      if (state.status === 'signed-out' && state.reason === reason) return;
      publish({ status: 'signed-out', reason });
    },
  };
}

export const authSession = createAuthSessionStore();

export const useAuthState = (): AuthState =>
  useSyncExternalStore(authSession.subscribe, authSession.getState, authSession.getState);
