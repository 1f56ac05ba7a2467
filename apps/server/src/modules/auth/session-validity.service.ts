import { Inject, Injectable } from '@nestjs/common';
import { AppError } from '../../common/app-error';
import { CONFIG } from '../../config/config.module';
import type { Config } from '../../config/env';
import { KvStore } from '../../infra/kv/kv-store';
import { AuthRepository } from './auth.repository';

const ACTIVE_CACHE_MS = 60_000;
const TOUCH_EVERY_MS = 60_000;

/**
 * Whether a session may still use its access tokens. Cached in the KvStore (Redis in the
 * cluster mode), and overwritten with "revoked" the moment a session is revoked, so every
 * instance refuses its tokens on the next request rather than at `exp`.
 */
@Injectable()
export class SessionValidityService {
  constructor(
    private readonly kv: KvStore,
    private readonly repository: AuthRepository,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  async assertActive(userId: string, sessionId: string): Promise<void> {
    const cached = await this.kv.get(this.key(sessionId));
    if (cached === userId) return this.touch(sessionId);
    if (cached === 'revoked') throw new AppError('SESSION_REVOKED', 'This session has been signed out');

    const session = await this.repository.findSession(sessionId);
    // A token naming someone else's session says nothing about that session: refuse it
    // without caching anything, or such a token could sign another user out.
    if (session && session.userId !== userId) throw new AppError('TOKEN_INVALID', 'Invalid access token');
    if (!session || session.revokedAt || session.expiresAt <= new Date()) {
      await this.markRevoked(sessionId);
      throw new AppError('SESSION_REVOKED', 'This session has been signed out');
    }
    // Never over a "revoked" that another instance wrote after our read: setIfAbsent, not set.
    await this.kv.setIfAbsent(this.key(sessionId), userId, ACTIVE_CACHE_MS);
    return this.touch(sessionId);
  }

  /** Kept as long as an access token of the session can live. */
  markRevoked(sessionId: string): Promise<void> {
    return this.kv.set(this.key(sessionId), 'revoked', (this.config.ACCESS_TOKEN_TTL_SECONDS + 60) * 1000);
  }

  /** "Last used" for the devices list, written at most once a minute per session. */
  private async touch(sessionId: string): Promise<void> {
    if (await this.kv.setIfAbsent(`session-touch:${sessionId}`, '1', TOUCH_EVERY_MS)) {
      await this.repository.touchSession(sessionId, new Date());
    }
  }

  private key(sessionId: string): string {
    return `session:${sessionId}`;
  }
}
