import type { RouteName, routes } from '@discordgym/contracts';
import type { z } from 'zod';

type Routes = typeof routes;

type Part<N extends RouteName, K extends 'body' | 'params' | 'query'> = Routes[N] extends Record<K, infer S extends z.ZodType>
  ? z.input<S>
  : never;

/** What a caller passes for route N: exactly the parts its contract declares. */
export type RouteInput<N extends RouteName> = ([Part<N, 'body'>] extends [never] ? { body?: never } : { body: Part<N, 'body'> }) &
  ([Part<N, 'params'>] extends [never] ? { params?: never } : { params: Part<N, 'params'> }) &
  ([Part<N, 'query'>] extends [never] ? { query?: never } : { query?: Part<N, 'query'> }) & {
    signal?: AbortSignal;
    /** Extra request headers, e.g. an album wall's token (`x-album-wall-token`). */
    headers?: Record<string, string>;
  };

/** What route N answers with, after the contract's schema has parsed it. */
export type RouteOutput<N extends RouteName> = Routes[N] extends Record<'response', infer S extends z.ZodType> ? z.output<S> : void;
