import { banOf, isSessionEnded, TransportError } from '../api/api-error';
import { sendRoute } from '../api/send-route';
import { authSession, hadSession, hasSessionCookie } from './auth-session.store';

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
 *
 * Without network (or with the server out of reach) nobody can tell whether the session
 * still lives, so the last signed-in user gets the app with what this device keeps, and
 * the token is fetched once the network is back: the server's answer then decides, and a
 * session that ended meanwhile signs out as it would online.
 */
export async function restoreSession(): Promise<void> {
  if (!hadSession()) authSession.signOut('initial');
  // No refresh cookie can be there without its readable hint: asking would only earn a 401 (logged by the browser).
  if (!hadSession() && !hasSessionCookie()) return;
  try {
    await refreshAccessToken();
  } catch (error) {
    if (authSession.getState().status !== 'restoring') return;
    if (error instanceof TransportError && error.kind === 'network' && authSession.resumeOffline()) {
      refreshWhenOnline();
      return;
    }
    // refreshAccessToken has already recorded the outcome; a failed restore just means the login page.
    authSession.signOut('initial');
  }
}

let waitingForNetwork = false;

/**
 * After an offline start: the token as soon as the browser is online again, so the socket
 * and the outboxes (which also ask for one on their own) find it there.
 */
function refreshWhenOnline(): void {
  if (waitingForNetwork || typeof window === 'undefined') return;
  waitingForNetwork = true;
  window.addEventListener('online', () => {
    if (authSession.getState().status !== 'signed-in' || authSession.getAccessToken()) return;
    // A network error leaves things as they are until the next `online`; an ended session signs out inside.
    refreshAccessToken().catch(() => undefined);
  });
}

async function runRefresh(): Promise<string> {
  try {
    // An empty body: the refresh token travels in the httpOnly cookie, sent with the web client header.
    const response = await sendRoute('refresh', { body: {} }, null);
    authSession.signIn(response.token, response.user);
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
