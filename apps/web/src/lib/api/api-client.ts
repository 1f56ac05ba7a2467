import type { RouteName } from '@discordgym/contracts';
import { authSession } from '../auth/auth-session.store';
import { refreshAccessToken } from '../auth/token-refresh';
import { ApiError, banOf, isSessionEnded } from './api-error';
import { needsAuth, sendRoute } from './send-route';
import type { RouteInput, RouteOutput } from './route-types';

/**
 * Calls a route of the contract with the current access token. An expired token is
 * refreshed once (silently, through the cookie) and the request retried once; a session
 * that has ended signs this browser out, which sends the route guards to the login page.
 */
export async function api<N extends RouteName>(name: N, input: RouteInput<N>): Promise<RouteOutput<N>> {
  if (!(await needsAuth(name))) return sendRoute(name, input, null);

  let token = authSession.getAccessToken() ?? (await refreshAccessToken());
  try {
    return await sendRoute(name, input, token);
  } catch (error) {
    if (!(error instanceof ApiError && error.code === 'TOKEN_EXPIRED')) throw endSessionIf(error);
  }
  token = await refreshAccessToken(token);
  try {
    return await sendRoute(name, input, token);
  } catch (error) {
    throw endSessionIf(error);
  }
}

function endSessionIf(error: unknown): unknown {
  const ban = banOf(error);
  if (ban) authSession.signOut('banned', ban);
  else if (isSessionEnded(error) || (error instanceof ApiError && error.code === 'TOKEN_EXPIRED')) {
    authSession.signOut('session-ended');
  }
  return error;
}
