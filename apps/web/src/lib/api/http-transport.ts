import { ErrorBody, ErrorIssue, type RouteContract, type RouteName, routes, WEB_CLIENT_HEADER, WEB_CLIENT_VALUE } from '@discordgym/contracts';
import { z } from 'zod';
import { ApiError, TransportError } from './api-error';
import './ban-details';
import type { RouteInput, RouteOutput } from './route-types';

interface LooseInput {
  body?: unknown;
  params?: Record<string, string>;
  query?: Record<string, string | number | undefined>;
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

const Issues = z.array(ErrorIssue);

/**
 * One request to the API, nothing more: no tokens refreshed, no retries. Sends the web
 * client header on every call, so register, login and refresh put the refresh token
 * into the httpOnly cookie instead of handing it to JavaScript.
 */
export async function sendRoute<N extends RouteName>(name: N, input: RouteInput<N>, accessToken: string | null): Promise<RouteOutput<N>> {
  // RouteInput is the typed face; inside, every route is handled alike.
  const request = input as LooseInput;
  const route: RouteContract = routes[name];
  // Parsed here too: the contract's transforms (trim, lower-case email) apply before sending.
  const body = route.body && request.body !== undefined ? route.body.parse(request.body) : request.body;
  const headers: Record<string, string> = { ...request.headers, [WEB_CLIENT_HEADER]: WEB_CLIENT_VALUE, accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (accessToken) headers.authorization = `Bearer ${accessToken}`;

  let response: Response;
  try {
    response = await fetch(buildUrl(route.path, request.params, request.query), {
      method: route.method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      signal: request.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new TransportError('network', { cause: error });
  }

  if (!response.ok) throw await toApiError(response);
  if (!route.response) return undefined as RouteOutput<N>;
  const parsed = route.response.safeParse(await readJson(response));
  if (!parsed.success) throw new TransportError('unexpected-response', { cause: parsed.error });
  return parsed.data as RouteOutput<N>;
}

/** Whether the route wants the access token; its contract says so. */
export const needsAuth = (name: RouteName): boolean => Boolean(routes[name].auth);

export function buildUrl(path: string, params: LooseInput['params'] = {}, query: LooseInput['query'] = {}): string {
  const filled = path.replace(/:([A-Za-z_]+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new TypeError(`missing path parameter ${name}`);
    return encodeURIComponent(value);
  });
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) search.set(key, String(value));
  const qs = search.toString();
  return qs ? `${filled}?${qs}` : filled;
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch (error) {
    throw new TransportError('unexpected-response', { cause: error });
  }
}

async function toApiError(response: Response): Promise<ApiError | TransportError> {
  const parsed = ErrorBody.safeParse(await response.json().catch(() => null));
  // A proxy's HTML error page or a gateway timeout: not an answer of our API.
  if (!parsed.success) return new TransportError(response.status >= 500 ? 'network' : 'unexpected-response');
  const { code, message, details } = parsed.data.error;
  const issues = Issues.safeParse(details);
  const retryAfter = Number(response.headers.get('retry-after'));
  return new ApiError(code, response.status, issues.success ? issues.data : [], Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null, message, details);
}
