import { type RouteName, WALL_TOKEN_HEADER } from '@discordgym/contracts';
import { api } from '../../../lib/api/api-client';
import { sendRoute } from '../../../lib/api/http-transport';
import type { RouteInput, RouteOutput } from '../../../lib/api/route-types';

/**
 * Who is looking at an album: a signed-in member (access token), a guest (the httpOnly
 * guest cookie, which the browser sends by itself) or a wall (its token in a header).
 */
export type AlbumAccess = { kind: 'member' } | { kind: 'guest' } | { kind: 'wall'; token: string };

export const MEMBER: AlbumAccess = { kind: 'member' };
export const GUEST: AlbumAccess = { kind: 'guest' };

/** Calls a route as `access`: the same contract and client, only the credential differs. */
export function albumCall<N extends RouteName>(access: AlbumAccess, name: N, input: RouteInput<N>): Promise<RouteOutput<N>> {
  if (access.kind === 'member') return api(name, input);
  if (access.kind === 'guest') return sendRoute(name, input, null);
  const withToken = { ...input, headers: { ...input.headers, [WALL_TOKEN_HEADER]: access.token } } as RouteInput<N>;
  return sendRoute(name, withToken, null);
}

/** A stable query-key part per credential, so a guest's and a member's caches never mix. */
export const accessKey = (access: AlbumAccess): string => access.kind;
