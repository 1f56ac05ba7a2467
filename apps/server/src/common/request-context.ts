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

declare module 'fastify' {
  interface FastifyRequest {
    auth?: AuthContext;
  }
}

/** The signed-in user and session, set by the AccessGuard. */
export const CurrentAuth = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthContext => {
  const auth = ctx.switchToHttp().getRequest<FastifyRequest>().auth;
  if (!auth) throw new AppError('UNAUTHENTICATED', 'Sign in first');
  return auth;
});

export const Client = createParamDecorator((_: unknown, ctx: ExecutionContext): ClientInfo => {
  const request = ctx.switchToHttp().getRequest<FastifyRequest>();
  const userAgent = request.headers['user-agent'];
  return { ip: request.ip || null, userAgent: typeof userAgent === 'string' ? userAgent.slice(0, 512) : null };
});
