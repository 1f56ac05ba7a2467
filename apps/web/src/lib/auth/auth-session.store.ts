import type { SelfUser } from '@discordgym/contracts';
import { SESSION_HINT_COOKIE } from '@discordgym/contracts/web-client';
import { useSyncExternalStore } from 'react';
import type { BanNotice } from '../api/api-error';

/** Why the user is signed out: decides whether the login page explains itself. */
export type SignOutReason = 'initial' | 'logout' | 'session-ended' | 'banned';

export type AuthState =
  | { status: 'restoring' }
  | { status: 'signed-in'; userId: string }
  | { status: 'signed-out'; reason: SignOutReason; ban?: BanNotice };

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

/** The server's readable twin of the httpOnly refresh cookie: set and cleared with it, holds no secret. */
export function hasSessionCookie(): boolean {
  if (typeof document === 'undefined') return false;
  return document.cookie.split(';').some((part) => part.trim().startsWith(`${SESSION_HINT_COOKIE}=`));
}

const LAST_USER_KEY = 'discordgym.last-user';

/** What this device remembers of the signed-in user for an offline start: the public profile and the role, no email, no token. */
export type LastUser = Pick<SelfUser, 'id' | 'username' | 'handle' | 'display_name' | 'avatar' | 'role'>;

/**
 * The user this browser was last signed in as, while that session has not ended: lets a
 * start without network open the app with what the device keeps (outboxes, the live
 * workout) instead of the login page. Gone with every sign-out, so never anyone else's.
 */
export function lastUser(): LastUser | null {
  try {
    const raw = localStorage.getItem(LAST_USER_KEY);
    const parsed = raw ? (JSON.parse(raw) as Partial<LastUser>) : null;
    return parsed && typeof parsed.id === 'string' ? (parsed as LastUser) : null;
  } catch {
    return null;
  }
}

function rememberSession(user: LastUser | null): void {
  try {
    if (user) {
      localStorage.setItem(HINT_KEY, '1');
      const { id, username, handle, display_name, avatar, role } = user;
      localStorage.setItem(LAST_USER_KEY, JSON.stringify({ id, username, handle, display_name, avatar, role }));
    } else {
      localStorage.removeItem(HINT_KEY);
      localStorage.removeItem(LAST_USER_KEY);
    }
  } catch {
    // Storage disabled: start-up just does not get the hint, and an offline start shows the login page.
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
  const tokenListeners = new Set<(token: string) => void>();

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
    /** Every new access token (a refresh too, which changes nothing on screen). */
    onToken(listener: (token: string) => void): () => void {
      tokenListeners.add(listener);
      return () => tokenListeners.delete(listener);
    },
    signIn(token: string, user: LastUser): void {
      const renewed = accessToken !== token;
      accessToken = token;
      rememberSession(user);
      if (renewed) for (const listener of [...tokenListeners]) listener(token);
      // Same user, new token: nothing on screen changes, so nobody needs to re-render.
      if (state.status === 'signed-in' && state.userId === user.id) return;
      publish({ status: 'signed-in', userId: user.id });
    },
    /**
     * Start-up without network: signed in as the last user, with no token yet. Requests
     * fail as offline ones do (the outboxes keep their entries) until a refresh succeeds.
     * False when this browser has no such user, or its session has ended since.
     */
    resumeOffline(): boolean {
      const user = hadSession() ? lastUser() : null;
      if (!user || state.status !== 'restoring') return false;
      publish({ status: 'signed-in', userId: user.id });
      return true;
    },
    /** `ban` with reason `banned`: what the login page tells the person. */
    signOut(reason: SignOutReason, ban?: BanNotice): void {
      accessToken = null;
      rememberSession(null);
      if (state.status === 'signed-out' && state.reason === reason && !ban) return;
      // A ban is news even after a plain sign-out: the login page must say why.
      if (state.status === 'signed-out' && state.reason === 'banned' && reason !== 'banned') return;
      publish(ban ? { status: 'signed-out', reason, ban } : { status: 'signed-out', reason });
    },
  };
}

export const authSession = createAuthSessionStore();

export const useAuthState = (): AuthState =>
  useSyncExternalStore(authSession.subscribe, authSession.getState, authSession.getState);
