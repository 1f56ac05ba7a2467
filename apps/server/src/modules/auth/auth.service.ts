import { Inject, Injectable } from '@nestjs/common';
import type { AuthResponse, LoginBody, RegisterBody, SessionList } from '@discordgym/contracts';
import { v7 as uuidv7 } from 'uuid';
import { AppError } from '../../common/app-error';
import type { AuthContext, ClientInfo } from '../../common/request-context';
import { CONFIG } from '../../config/config.module';
import type { Config } from '../../config/env';
import { RateLimiter } from '../../infra/kv/rate-limiter';
import { AuditService } from '../audit/audit.service';
import { activeBan, bannedError } from '../users/account-status';
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
/** A bare username names at most this many accounts before the login asks for the full handle. */
const USERNAME_CANDIDATES = 5;

@Injectable()
export class AuthService {
  constructor(
    private readonly repository: AuthRepository,
    private readonly users: UsersService,
    private readonly passwords: PasswordService,
    private readonly tokens: TokenService,
    private readonly validity: SessionValidityService,
    private readonly limiter: RateLimiter,
    private readonly audit: AuditService,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  async register(body: RegisterBody, client: ClientInfo): Promise<IssuedTokens> {
    await this.limiter.consume('register-ip', client.ip ?? 'unknown', {
      max: this.config.RATE_LIMIT_REGISTER_PER_IP,
      windowSeconds: this.config.RATE_LIMIT_REGISTER_WINDOW_SECONDS,
    });
    const user = await this.createAccount(body);
    return this.startSession(user, client);
  }

  /** An account without a session: what register and the admin CLI's create-admin share. */
  async createAccount(body: RegisterBody): Promise<UserRow> {
    const passwordHash = await this.hashNewPassword(body.password);
    return this.users.createAccount({ username: body.username, email: body.email, passwordHash });
  }

  /** The rules every new password passes (length is the contract's), then its hash. */
  async hashNewPassword(password: string): Promise<string> {
    if (this.passwords.isCommon(password)) {
      throw new AppError('PASSWORD_TOO_COMMON', 'This password is on the list of the most common ones; choose another', [
        { path: 'password', message: 'too common' },
      ]);
    }
    return this.passwords.hash(password);
  }

  async login(body: LoginBody, client: ClientInfo): Promise<IssuedTokens> {
    const loginWindow = this.config.RATE_LIMIT_LOGIN_WINDOW_SECONDS;
    await this.limiter.consume('login-ip', client.ip ?? 'unknown', { max: this.config.RATE_LIMIT_LOGIN_PER_IP, windowSeconds: loginWindow });

    // An email or a full handle names one account; a bare username may name several.
    const candidates = await this.users.findLoginCandidates(body, USERNAME_CANDIDATES);
    const user = candidates.length === 1 ? candidates[0] : undefined;
    // One budget per account, whether it is named by email, handle or username; a name
    // without an account has its own, so the answer is the same either way.
    const accounts = candidates.length ? candidates.map((c) => `user:${c.id}`) : [`name:${'email' in body ? body.email : body.handle.toLowerCase()}`];
    for (const account of accounts) {
      await this.limiter.consume('login-account', account, { max: this.config.RATE_LIMIT_LOGIN_PER_ACCOUNT, windowSeconds: loginWindow });
    }
    if (candidates.length > 1) await this.refuseAmbiguous(candidates, body.password);
    // Unknown accounts are verified against a decoy hash: same answer, about the same time.
    const ok = await this.passwords.verify(user?.passwordHash, body.password);
    if (!user || !ok) throw new AppError('INVALID_CREDENTIALS', INVALID_CREDENTIALS);
    // Checked only after the password: a stranger must not learn that an account is banned.
    await this.refuseIfBanned(user, 'login', client);
    await this.limiter.reset('login-account', `user:${user.id}`);
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
    if (outcome.kind === 'invalid') {
      // A ban revoked the session: say so, rather than "sign in again" (which would fail too).
      const ownerId = await this.repository.findUserIdByRefreshHash(TokenService.hashRefresh(refreshToken));
      const owner = ownerId ? await this.users.findById(ownerId) : undefined;
      if (owner) await this.refuseIfBanned(owner, 'refresh', client);
      throw new AppError('REFRESH_TOKEN_INVALID', 'The refresh token is not valid; sign in again');
    }
    if (outcome.kind === 'reused') {
      await this.audit.record({
        actorId: null,
        action: 'security.refresh_reuse',
        targetUserId: outcome.userId,
        targetType: 'session',
        targetId: outcome.sessionId,
        details: { user_agent: client.userAgent },
        ip: client.ip,
      });
      await this.validity.ended([outcome.sessionId], { reason: 'revoked', message: 'This session was signed out because its refresh token was used twice' });
      throw new AppError('REFRESH_TOKEN_REUSED', 'This refresh token was already used; the session has been signed out for safety');
    }
    const user = await this.users.findById(outcome.session.userId);
    if (!user) throw new AppError('REFRESH_TOKEN_INVALID', 'The refresh token is not valid; sign in again');
    if (activeBan(user)) {
      // Banned after this session's last refresh (or straight in the database): it ends here.
      await this.repository.revokeSession(user.id, outcome.session.id, 'banned', new Date());
      await this.validity.markRevoked(outcome.session.id);
      await this.refuseIfBanned(user, 'refresh', client);
    }
    return this.issue(user, outcome.session.id, next.token);
  }

  async logout(auth: AuthContext): Promise<void> {
    await this.repository.revokeSession(auth.userId, auth.sessionId, 'logout', new Date());
    await this.validity.ended([auth.sessionId], { reason: 'signed_out', message: 'You signed out' });
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
    await this.validity.ended([sessionId], { reason: 'revoked', message: 'This device was signed out from another one' });
  }

  async revokeOtherSessions(auth: AuthContext): Promise<number> {
    const ids = await this.repository.revokeOtherSessions(auth.userId, auth.sessionId, new Date());
    await this.validity.ended(ids, { reason: 'revoked', message: 'This device was signed out from another one' });
    return ids.length;
  }

  /**
   * Several accounts share the username: only someone whose password fits one of them is
   * told to use the full handle; everyone else gets the answer a wrong password gets.
   * Every candidate is checked, so the time does not tell which one matched.
   */
  private async refuseAmbiguous(candidates: UserRow[], password: string): Promise<never> {
    let fits = false;
    for (const candidate of candidates) {
      if (await this.passwords.verify(candidate.passwordHash, password)) fits = true;
    }
    if (!fits) throw new AppError('INVALID_CREDENTIALS', INVALID_CREDENTIALS);
    throw new AppError('HANDLE_AMBIGUOUS', 'Several accounts use this username; sign in with your full handle (name#1234) or your email');
  }

  /** A banned account trying to get in is a ban-evasion attempt: audited, then refused with the ban. */
  private async refuseIfBanned(user: UserRow, via: 'login' | 'refresh', client: ClientInfo): Promise<void> {
    const ban = activeBan(user);
    if (!ban) return;
    await this.audit.record({
      actorId: user.id,
      action: 'security.ban_evasion',
      targetUserId: user.id,
      details: { via, user_agent: client.userAgent },
      ip: client.ip,
    });
    throw bannedError(ban);
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
