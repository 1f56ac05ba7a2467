import { type RouteName, routes, WEB_CLIENT_HEADER, WEB_CLIENT_VALUE } from '@discordgym/contracts';
import { authSession } from '../auth/auth-session.store';
import { refreshAccessToken } from '../auth/token-refresh';
import { TransportError } from './api-error';
import { buildUrl } from './http-transport';

export interface FileRouteInput {
  params?: Record<string, string>;
  /** Sent as JSON (a POST route, e.g. a ZIP of a selection). */
  body?: unknown;
  /**
   * `user` (default): the access token. `cookie`: none, for callers without an account
   * (an album guest), whose httpOnly cookie the browser sends by itself.
   */
  credential?: 'user' | 'cookie';
  signal?: AbortSignal;
}

/**
 * The bytes a route answers that is no JSON (an export, a QR code, a ZIP). The API wants
 * the access token in a header, so a plain link or `<img src>` cannot do it: the bytes
 * are fetched here, with one refresh of an expired token.
 */
export async function fetchRouteBlob(name: RouteName, input: FileRouteInput = {}): Promise<Blob> {
  const route = routes[name];
  const url = buildUrl(route.path, input.params);
  const send = (token: string | null) =>
    fetch(url, {
      method: route.method,
      headers: {
        [WEB_CLIENT_HEADER]: WEB_CLIENT_VALUE,
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(input.body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: input.body !== undefined ? JSON.stringify(input.body) : undefined,
      credentials: 'same-origin',
      signal: input.signal,
    }).catch((cause: unknown) => {
      if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
      throw new TransportError('network', { cause });
    });
  let token = input.credential === 'cookie' ? null : (authSession.getAccessToken() ?? (await refreshAccessToken()));
  let response = await send(token);
  if (response.status === 401 && token) {
    token = await refreshAccessToken(token);
    response = await send(token);
  }
  if (!response.ok) throw new TransportError('unexpected-response');
  return response.blob();
}

/** Saves what a route answers (an export) as a file. It passes through memory: for small files only. */
export async function downloadRoute(name: RouteName, filename: string, input: FileRouteInput = {}): Promise<void> {
  const url = URL.createObjectURL(await fetchRouteBlob(name, input));
  saveUrl(url, filename);
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * Lets the browser download `url` itself, as a click on `<a download>` would: the bytes go
 * straight to disk, however large. For a same-origin URL that needs no header (a signed link).
 */
export function saveUrl(url: string, filename: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
}
