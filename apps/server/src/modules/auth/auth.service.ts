import { Inject, Injectable } from '@nestjs/common';
import type { AuthResponse, LoginBody, RegisterBody, SessionList } from '@discordgym/contracts';
import { v7 as uuidv7 } from 'uuid';
import { AppError } from '../../common/app-error';
import type { AuthContext, ClientInfo } from '../../common/request-context';
import { CONFIG } from '../../config/config.module';
import type { Config } from '../../config/env';
import { RateLimiter } from '../../infra/kv/rate-limiter';
import { toSelfUser, UsersService } from '../users/users.service';
import type { UserRow } from '../users/users.repository';
import { AuthRepository } from './auth.repository';
import { PasswordService } from './password.service';
import { SessionValidityService } from './session-validity.service';
import { TokenService } from './token.service';

/** What the controller needs to answer: the body and the refresh token for the cookie. */
export interface IssuedTokens {
  response: Omit<AuthResponse, 'refresh_token'>;
  refreshToken: string;
}

const INVALID_CREDENTIALS = 'Wrong email, handle or password';

@Injectable()
export class AuthService {
  constructor(
    private readonly repository: AuthRepository,
    private readonly users: UsersService,
    private readonly passwords: PasswordService,
    private readonly tokens: TokenService,
    private readonly validity: SessionValidityService,
    private readonly limiter: RateLimiter,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  async register(body: RegisterBody, client: ClientInfo): Promise<IssuedTokens> {
    await this.limiter.consume('register-ip', client.ip ?? 'unknown', {
      max: this.config.RATE_LIMIT_REGISTER_PER_IP,
      windowSeconds: this.config.RATE_LIMIT_REGISTER_WINDOW_SECONDS,
    });
    if (this.passwords.isCommon(body.password)) {
      throw new AppError('PASSWORD_TOO_COMMON', 'This password is on the list of the most common ones; choose another', [
        { path: 'password', message: 'too common' },
      ]);
    }
    const passwordHash = await this.passwords.hash(body.password);
    const user = await this.users.createAccount({ username: body.username, email: body.email, passwordHash });
    return this.startSession(user, client);
  }

  async login(body: LoginBody, client: ClientInfo): Promise<IssuedTokens> {
    const loginWindow = this.config.RATE_LIMIT_LOGIN_WINDOW_SECONDS;
    await this.limiter.consume('login-ip', client.ip ?? 'unknown', { max: this.config.RATE_LIMIT_LOGIN_PER_IP, windowSeconds: loginWindow });

    const user = await this.users.findForLogin(body);
    // One budget per account, whether it is named by email or by handle; a name without
    // an account has its own, so the answer is the same either way.
    const account = user ? `user:${user.id}` : `name:${'email' in body ? body.email : body.handle.toLowerCase()}`;
    await this.limiter.consume('login-account', account, { max: this.config.RATE_LIMIT_LOGIN_PER_ACCOUNT, windowSeconds: loginWindow });
    // Unknown accounts are verified against a decoy hash: same answer, about the same time.
    const ok = await this.passwords.verify(user?.passwordHash, body.password);
    if (!user || !ok) throw new AppError('INVALID_CREDENTIALS', INVALID_CREDENTIALS);
    await this.limiter.reset('login-account', account);
    return this.startSession(user, client);
  }

  async refresh(refreshToken: string | undefined, client: ClientInfo): Promise<IssuedTokens> {
    if (!refreshToken) throw new AppError('REFRESH_TOKEN_INVALID', 'No refresh token');
    const next = this.tokens.newRefreshToken();
    const outcome = await this.repository.rotateRefreshToken(
      TokenService.hashRefresh(refreshToken),
      next.hash,
      new Date(),
      this.config.REFRESH_REUSE_GRACE_SECONDS * 1000,
      client,
    );
    if (outcome.kind === 'invalid') throw new AppError('REFRESH_TOKEN_INVALID', 'The refresh token is not valid; sign in again');
    if (outcome.kind === 'reused') {
      await this.validity.markRevoked(outcome.sessionId);
      throw new AppError('REFRESH_TOKEN_REUSED', 'This refresh token was already used; the session has been signed out for safety');
    }
    const user = await this.users.findById(outcome.session.userId);
    if (!user) throw new AppError('REFRESH_TOKEN_INVALID', 'The refresh token is not valid; sign in again');
    return this.issue(user, outcome.session.id, next.token);
  }

  async logout(auth: AuthContext): Promise<void> {
    await this.repository.revokeSession(auth.userId, auth.sessionId, 'logout', new Date());
    await this.validity.markRevoked(auth.sessionId);
  }

  async listSessions(auth: AuthContext): Promise<SessionList> {
    const rows = await this.repository.listActiveSessions(auth.userId, new Date());
    return {
      items: rows.map((s) => ({
        id: s.id,
        user_agent: s.userAgent,
        ip: s.ip,
        created_at: s.createdAt.toISOString(),
        last_used_at: s.lastUsedAt.toISOString(),
        current: s.id === auth.sessionId,
      })),
    };
  }

  async revokeSession(auth: AuthContext, sessionId: string): Promise<void> {
    const revoked = await this.repository.revokeSession(auth.userId, sessionId, 'signed_out_by_user', new Date());
    if (!revoked) throw AppError.notFound('Session');
    await this.validity.markRevoked(sessionId);
  }

  async revokeOtherSessions(auth: AuthContext): Promise<number> {
    const ids = await this.repository.revokeOtherSessions(auth.userId, auth.sessionId, new Date());
    await Promise.all(ids.map((id) => this.validity.markRevoked(id)));
    return ids.length;
  }

  private async startSession(user: UserRow, client: ClientInfo): Promise<IssuedTokens> {
    const refresh = this.tokens.newRefreshToken();
    const session = await this.repository.createSession({
      id: uuidv7(),
      userId: user.id,
      userAgent: client.userAgent,
      ip: client.ip,
      expiresAt: new Date(Date.now() + this.config.REFRESH_TOKEN_TTL_DAYS * 86_400_000),
      tokenHash: refresh.hash,
    });
    return this.issue(user, session.id, refresh.token);
  }

  private async issue(user: UserRow, sessionId: string, refreshToken: string): Promise<IssuedTokens> {
    const token = await this.tokens.signAccess({ userId: user.id, sessionId });
    return {
      response: { token, expires_in: this.tokens.accessTtlSeconds, user: toSelfUser(user) },
      refreshToken,
    };
  }
}
