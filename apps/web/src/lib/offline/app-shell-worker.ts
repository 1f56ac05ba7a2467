import { authSession } from '../auth/auth-session.store';

/** public/sw.js, served from the root so it controls every page: the offline app shell and the push messages. */
export const SERVICE_WORKER_URL = '/sw.js';

const register = (): void => {
  // At idle: the precache downloads every chunk, which should not compete with the first page's work.
  const start = (): void => void navigator.serviceWorker.register(SERVICE_WORKER_URL, { scope: '/' }).catch(() => undefined);
  if (typeof requestIdleCallback === 'function') requestIdleCallback(start, { timeout: 3_000 });
  else setTimeout(start, 0);
};

/**
 * Installs the service worker once someone is signed in: the signed-in app is what has to
 * open offline (the login page needs the network anyway), and a signed-out visitor does not
 * download every chunk of it. After the page's load and at idle, so the precache does not
 * compete with start-up. Registering again is a no-op; a new build is picked up by the browser's update check.
 */
export function registerAppShellWorker(): void {
  if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  const registerIfSignedIn = (): boolean => {
    if (authSession.getState().status !== 'signed-in') return false;
    if (document.readyState === 'complete') register();
    else window.addEventListener('load', register, { once: true });
    return true;
  };
  if (registerIfSignedIn()) return;
  const stop = authSession.subscribe(() => {
    if (registerIfSignedIn()) stop();
  });
}
