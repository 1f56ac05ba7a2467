import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GUEST_COOKIE, type RouteContract, roleRank, WALL_TOKEN_HEADER, WEB_CLIENT_HEADER, WEB_CLIENT_VALUE } from '@discordgym/contracts';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../common/app-error';
import { PUBLIC_ROUTE, ROUTE_CONTRACT } from '../../common/route.decorator';
import { CONFIG } from '../../config/config.module';
import type { Config } from '../../config/env';
import { RateLimiter } from '../../infra/kv/rate-limiter';
import { AlbumVisitors } from './album-visitors';
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
    private readonly visitors: AlbumVisitors,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const isPublic = this.reflector.getAllAndOverride<boolean | undefined>(PUBLIC_ROUTE, [context.getHandler(), context.getClass()]);
    if (isPublic === true) return true;
    // Handlers without a contract never reach here unguarded: undefined means "protected".
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const contract = this.reflector.get<RouteContract | undefined>(ROUTE_CONTRACT, context.getHandler());
    // A signed-in user always goes the user's way; only a request without a token may be a guest or a wall.
    if (request.headers.authorization === undefined && (await this.admitVisitor(request, contract))) return true;
    const token = bearerToken(request.headers.authorization);
    const claims = await this.tokens.verifyAccess(token);
    const { role } = await this.validity.assertActive(claims.userId, claims.sessionId);
    const needed = contract?.role ?? 'member';
    if (roleRank[role] < roleRank[needed]) throw AppError.forbidden(`This needs the ${needed} role`);
    await this.limiter.consume('api-user', claims.userId, {
      max: this.config.RATE_LIMIT_API_PER_USER,
      windowSeconds: this.config.RATE_LIMIT_API_WINDOW_SECONDS,
    });
    request.auth = { userId: claims.userId, sessionId: claims.sessionId, role };
    return true;
  }

  /**
   * A guest cookie or a wall token: true when it let the request in, false when the request
   * carries neither that works (it then needs a user's token). A working one on a route not
   * open to it is 403; on a route of another album 404 (other albums are not revealed).
   */
  private async admitVisitor(request: FastifyRequest, contract: RouteContract | undefined): Promise<boolean> {
    const wallToken = request.headers[WALL_TOKEN_HEADER];
    // The cookie counts only with the web client's header: a custom header cannot be sent
    // cross-site without a CORS preflight, which keeps guest writes safe from CSRF.
    const guestCookie = request.headers[WEB_CLIENT_HEADER] === WEB_CLIENT_VALUE ? request.cookies?.[GUEST_COOKIE] : undefined;
    let visitor;
    if (typeof wallToken === 'string' && wallToken) {
      visitor = await this.visitors.verifyWallToken(wallToken);
      // Said plainly where a wall could be let in, so the projector shows "link revoked" rather than "sign in".
      if (!visitor && contract?.albumAccess?.wall) throw new AppError('INVITE_INVALID', 'This wall link no longer works');
    } else if (guestCookie) {
      visitor = await this.visitors.verifyGuestSession(guestCookie);
      if (!visitor && contract?.albumAccess?.guests) throw new AppError('GUEST_SESSION_ENDED', 'Your guest session has ended; open the invite link again');
    }
    if (!visitor) return false;
    const open = visitor.kind === 'guest' ? contract?.albumAccess?.guests : contract?.albumAccess?.wall;
    if (open !== true) throw AppError.forbidden(visitor.kind === 'guest' ? 'Guests cannot do this; sign in with an account' : 'A wall link only shows the wall');
    const albumId = (request.params as Record<string, unknown> | undefined)?.id;
    if (albumId !== undefined && albumId !== visitor.albumId) throw AppError.notFound('Album');
    await this.limiter.consume(visitor.kind === 'guest' ? 'api-guest' : 'api-wall', visitor.kind === 'guest' ? visitor.guestId : visitor.wallLinkId, {
      max: this.config.RATE_LIMIT_API_PER_USER,
      windowSeconds: this.config.RATE_LIMIT_API_WINDOW_SECONDS,
    });
    request.albumVisitor = visitor;
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
