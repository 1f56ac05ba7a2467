import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { type RouteContract, roleRank } from '@discordgym/contracts';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../common/app-error';
import { PUBLIC_ROUTE, ROUTE_CONTRACT } from '../../common/route.decorator';
import { CONFIG } from '../../config/config.module';
import type { Config } from '../../config/env';
import { RateLimiter } from '../../infra/kv/rate-limiter';
import { SessionValidityService } from './session-validity.service';
import { TokenService } from './token.service';

/**
 * Global guard: every route needs a valid access token of a live session unless its
 * contract says `auth: false`, and the role its contract names (403 below it). Also
 * spends the per-user API budget.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly validity: SessionValidityService,
    private readonly limiter: RateLimiter,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const isPublic = this.reflector.getAllAndOverride<boolean | undefined>(PUBLIC_ROUTE, [context.getHandler(), context.getClass()]);
    if (isPublic === true) return true;
    // Handlers without a contract never reach here unguarded: undefined means "protected".
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const token = bearerToken(request.headers.authorization);
    const claims = await this.tokens.verifyAccess(token);
    const { role } = await this.validity.assertActive(claims.userId, claims.sessionId);
    const contract = this.reflector.get<RouteContract | undefined>(ROUTE_CONTRACT, context.getHandler());
    const needed = contract?.role ?? 'member';
    if (roleRank[role] < roleRank[needed]) throw AppError.forbidden(`This needs the ${needed} role`);
    await this.limiter.consume('api-user', claims.userId, {
      max: this.config.RATE_LIMIT_API_PER_USER,
      windowSeconds: this.config.RATE_LIMIT_API_WINDOW_SECONDS,
    });
    request.auth = { userId: claims.userId, sessionId: claims.sessionId, role };
    return true;
  }
}

export function bearerToken(header: string | undefined): string {
  if (!header) throw new AppError('UNAUTHENTICATED', 'Sign in first: send Authorization: Bearer <token>');
  // The scheme is case-insensitive (RFC 9110 §11.1).
  const match = /^Bearer ([A-Za-z0-9._~+/=-]{1,4096})$/i.exec(header);
  if (!match) throw new AppError('TOKEN_INVALID', 'Malformed Authorization header');
  return match[1]!;
}
