import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { UserRole } from '@discordgym/contracts';
import type { FastifyRequest } from 'fastify';
import { AppError } from './app-error';

export interface AuthContext {
  userId: string;
  sessionId: string;
  /** Read with the session check on every request and socket event, so a role change applies at once. */
  role: UserRole;
}

export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}

/** A guest of one album (no account): the guest cookie, checked by the AccessGuard on `albumAccess.guests` routes only. */
export interface GuestAuthContext {
  kind: 'guest';
  guestId: string;
  albumId: string;
  displayName: string;
}

/** A projector opened with a wall link: read-only, one album, `albumAccess.wall` routes only. */
export interface WallAuthContext {
  kind: 'wall';
  wallLinkId: string;
  albumId: string;
}

/** Whoever calls an album route: a signed-in user, a guest, or a wall. */
export type AlbumCaller = ({ kind: 'user' } & AuthContext) | GuestAuthContext | WallAuthContext;

declare module 'fastify' {
  interface FastifyRequest {
    auth?: AuthContext;
    /** Set instead of `auth` when a guest cookie or wall token let the request in. */
    albumVisitor?: GuestAuthContext | WallAuthContext;
  }
}

/** The signed-in user and session, set by the AccessGuard. */
export const CurrentAuth = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthContext => {
  const auth = ctx.switchToHttp().getRequest<FastifyRequest>().auth;
  if (!auth) throw new AppError('UNAUTHENTICATED', 'Sign in first');
  return auth;
});

/** The caller of a route that may admit guests or a wall (`albumAccess` in its contract). */
export const CurrentCaller = createParamDecorator((_: unknown, ctx: ExecutionContext): AlbumCaller => {
  const request = ctx.switchToHttp().getRequest<FastifyRequest>();
  if (request.auth) return { kind: 'user', ...request.auth };
  if (request.albumVisitor) return request.albumVisitor;
  throw new AppError('UNAUTHENTICATED', 'Sign in first');
});

export const Client = createParamDecorator((_: unknown, ctx: ExecutionContext): ClientInfo => {
  const request = ctx.switchToHttp().getRequest<FastifyRequest>();
  const userAgent = request.headers['user-agent'];
  return { ip: request.ip || null, userAgent: typeof userAgent === 'string' ? userAgent.slice(0, 512) : null };
});
