import { banOf, isSessionEnded } from '../api/api-error';
import { sendRoute } from '../api/http-transport';
import { authSession, hadSession } from './auth-session.store';

const LOCK_NAME = 'discordgym-token-refresh';

let inFlight: Promise<string> | null = null;

/**
 * Trades the httpOnly refresh cookie for a new access token. One refresh at a time:
 * concurrent callers share it, and a Web Lock lines up other tabs, because every refresh
 * rotates the cookie and a second use of the old one would count as token reuse.
 *
 * `staleToken` is the token a request was refused with; if another caller has already
 * replaced it, the new one is returned without asking the server again.
 */
export function refreshAccessToken(staleToken: string | null = null): Promise<string> {
  const current = authSession.getAccessToken();
  if (current && current !== staleToken) return Promise.resolve(current);
  inFlight ??= withTabLock(runRefresh).finally(() => {
    inFlight = null;
  });
  return inFlight;
}

/**
 * On start-up: signed in again if the cookie still holds a live session, signed out
 * otherwise. A browser with no sign of an earlier session gets the login page at once,
 * without waiting a round trip; the cookie is still tried behind it.
 */
export async function restoreSession(): Promise<void> {
  if (!hadSession()) authSession.signOut('initial');
  try {
    await refreshAccessToken();
  } catch {
    // refreshAccessToken has already recorded the outcome; a failed restore just means the login page.
    if (authSession.getState().status === 'restoring') authSession.signOut('initial');
  }
}

async function runRefresh(): Promise<string> {
  try {
    // An empty body: the refresh token travels in the httpOnly cookie, sent with the web client header.
    const response = await sendRoute('refresh', { body: {} }, null);
    authSession.signIn(response.token, response.user.id);
    return response.token;
  } catch (error) {
    const ban = banOf(error);
    if (ban) {
      // Banned, also found out on a reload: the login page shows why and until when.
      authSession.signOut('banned', ban);
    } else if (isSessionEnded(error)) {
      const { status } = authSession.getState();
      // Someone signed out already (a first visit, a logout) stays as they are.
      if (status !== 'signed-out') authSession.signOut(status === 'restoring' ? 'initial' : 'session-ended');
    }
    throw error;
  }
}

function withTabLock<T>(task: () => Promise<T>): Promise<T> {
  if (typeof navigator === 'undefined' || !navigator.locks) return task();
  return navigator.locks.request(LOCK_NAME, task);
}
