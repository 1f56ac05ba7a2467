import { Body, Controller, Param, Req, Res } from '@nestjs/common';
import {
  type AuthResponse,
  type LoginBody,
  REFRESH_COOKIE,
  type RefreshBody,
  type RegisterBody,
  type RevokedCount,
  routes,
  type SelfUser,
  SESSION_HINT_COOKIE,
  type SessionList,
  WEB_CLIENT_HEADER,
  WEB_CLIENT_VALUE,
} from '@discordgym/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Inject } from '@nestjs/common';
import { type AuthContext, Client, type ClientInfo, CurrentAuth } from '../../common/request-context';
import { Route } from '../../common/route.decorator';
import { ZodValidationPipe } from '../../common/zod-validation.pipe';
import { CONFIG } from '../../config/config.module';
import type { Config } from '../../config/env';
import { UsersService } from '../users/users.service';
import { AuthService, type IssuedTokens } from './auth.service';

const COOKIE_PATH = '/api/auth';

@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  @Route(routes.register)
  async register(
    @Body(new ZodValidationPipe(routes.register.body)) body: RegisterBody,
    @Client() client: ClientInfo,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AuthResponse> {
    return this.answer(await this.auth.register(body, client), request, reply);
  }

  @Route(routes.login)
  async login(
    @Body(new ZodValidationPipe(routes.login.body)) body: LoginBody,
    @Client() client: ClientInfo,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AuthResponse> {
    return this.answer(await this.auth.login(body, client), request, reply);
  }

  @Route(routes.refresh)
  async refresh(
    @Body(new ZodValidationPipe(routes.refresh.body)) body: RefreshBody,
    @Client() client: ClientInfo,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AuthResponse> {
    // The cookie only counts with the web client's header: a custom header cannot be sent
    // cross-site without a CORS preflight, which is what keeps this safe from CSRF.
    const token = body.refresh_token ?? (isWebClient(request) ? request.cookies[REFRESH_COOKIE] : undefined);
    try {
      return this.answer(await this.auth.refresh(token, client), request, reply);
    } catch (error) {
      if (isWebClient(request)) this.clearCookie(reply);
      throw error;
    }
  }

  @Route(routes.logout)
  async logout(@CurrentAuth() auth: AuthContext, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    await this.auth.logout(auth);
    this.clearCookie(reply);
  }

  @Route(routes.me)
  me(@CurrentAuth() auth: AuthContext): Promise<SelfUser> {
    return this.users.getSelf(auth.userId);
  }

  @Route(routes.listSessions)
  listSessions(@CurrentAuth() auth: AuthContext): Promise<SessionList> {
    return this.auth.listSessions(auth);
  }

  @Route(routes.revokeSession)
  async revokeSession(
    @CurrentAuth() auth: AuthContext,
    @Param(new ZodValidationPipe(routes.revokeSession.params)) params: { id: string },
  ): Promise<void> {
    await this.auth.revokeSession(auth, params.id);
  }

  @Route(routes.revokeOtherSessions)
  async revokeOtherSessions(@CurrentAuth() auth: AuthContext): Promise<RevokedCount> {
    return { revoked: await this.auth.revokeOtherSessions(auth) };
  }

  private answer(issued: IssuedTokens, request: FastifyRequest, reply: FastifyReply): AuthResponse {
    if (!isWebClient(request)) return { ...issued.response, refresh_token: issued.refreshToken };
    reply.setCookie(REFRESH_COOKIE, issued.refreshToken, {
      httpOnly: true,
      sameSite: 'strict',
      secure: this.secureCookie(request),
      path: COOKIE_PATH,
      maxAge: this.config.REFRESH_TOKEN_TTL_DAYS * 86_400,
    });
    // Only "there may be a session": lets the web app skip the refresh on a signed-out load.
    reply.setCookie(SESSION_HINT_COOKIE, '1', {
      httpOnly: false,
      sameSite: 'strict',
      secure: this.secureCookie(request),
      path: '/',
      maxAge: this.config.REFRESH_TOKEN_TTL_DAYS * 86_400,
    });
    return issued.response;
  }

  private clearCookie(reply: FastifyReply): void {
    reply.clearCookie(REFRESH_COOKIE, { path: COOKIE_PATH });
    reply.clearCookie(SESSION_HINT_COOKIE, { path: '/' });
  }

  /** Secure everywhere but plain-HTTP localhost, where browsers would drop it. */
  private secureCookie(request: FastifyRequest): boolean {
    if (this.config.COOKIE_SECURE !== 'auto') return this.config.COOKIE_SECURE === 'true';
    return !/^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/.test(request.hostname);
  }
}

function isWebClient(request: FastifyRequest): boolean {
  return request.headers[WEB_CLIENT_HEADER] === WEB_CLIENT_VALUE;
}
