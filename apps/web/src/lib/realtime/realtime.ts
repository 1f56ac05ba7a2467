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

export const useConnectionStatus = (): ConnectionStatus =>
  useSyncExternalStore(realtime.subscribeStatus, realtime.getStatus, realtime.getStatus);
