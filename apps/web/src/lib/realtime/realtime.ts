import { useSyncExternalStore } from 'react';
import { isSessionEnded } from '../api/api-error';
import { authSession } from '../auth/auth-session.store';
import { refreshAccessToken } from '../auth/token-refresh';
import { type ConnectionStatus, RealtimeClient } from './realtime-client';

/** The app's one socket: started by the signed-in shell, stopped when it goes. */
export const realtime = new RealtimeClient({
  getToken: () => authSession.getAccessToken(),
  refreshToken: (stale) => refreshAccessToken(stale),
  isSessionEnded,
  onSessionEnded: () => authSession.signOut('session-ended'),
});

// A ban closes every socket of the user at once; this tab lands on the login page with the
// reason and the end, instead of first trying (and failing) to refresh.
realtime.on('session-ended', (ended) => {
  if (ended.reason === 'banned') authSession.signOut('banned', { until: ended.banned_until ?? null, reason: ended.ban_reason ?? '' });
});

// The server closes a socket when the token it was opened with expires; a refreshed token
// sent on the open socket keeps it (and its rooms) alive instead of a reconnect.
authSession.onToken((token) => {
  if (realtime.isConnected()) realtime.request('auth', { token }).catch(() => undefined);
});

export const useConnectionStatus = (): ConnectionStatus =>
  useSyncExternalStore(realtime.subscribeStatus, realtime.getStatus, realtime.getStatus);
