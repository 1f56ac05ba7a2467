import type { RouteName } from '@discordgym/contracts';
import { TransportError } from './api-error';
import type { RouteInput, RouteOutput } from './route-types';

type Transport = typeof import('./http-transport');

let transport: Promise<Transport> | null = null;

/**
 * The transport checks every body and answer against the contract's zod schemas, and the
 * route table holds the schemas of every route: with zod, about half of the entry chunk.
 * So it is fetched on the first request (or in idle time after the first paint) instead of
 * with the entry, and a first visit to the login page shows the form without it.
 */
export function loadTransport(): Promise<Transport> {
  transport ??= import('./http-transport').catch((error: unknown) => {
    // Offline without the service worker's copy: a network failure like any other, tried again on the next request.
    transport = null;
    throw new TransportError('network', { cause: error });
  });
  return transport;
}

/** `sendRoute` of http-transport.ts, from the entry chunk. */
export async function sendRoute<N extends RouteName>(name: N, input: RouteInput<N>, accessToken: string | null): Promise<RouteOutput<N>> {
  return (await loadTransport()).sendRoute(name, input, accessToken);
}

export async function needsAuth(name: RouteName): Promise<boolean> {
  return (await loadTransport()).needsAuth(name);
}
