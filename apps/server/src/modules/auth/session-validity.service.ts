import { Inject, Injectable } from '@nestjs/common';
import { type SessionEnded, UserRole } from '@discordgym/contracts';
import { AppError } from '../../common/app-error';
import { CONFIG } from '../../config/config.module';
import type { Config } from '../../config/env';
import { TickBatcher } from '../../common/tick-batcher';
import { KvStore } from '../../infra/kv/kv-store';
import { RealtimeEmitter } from '../../realtime/realtime-emitter';
import { AuthRepository } from './auth.repository';

const ACTIVE_CACHE_MS = 60_000;
const TOUCH_EVERY_MS = 60_000;
/** Sessions whose last touch this instance remembers (it only saves the shared cache a write). */
const TOUCHED_MAX = 50_000;

export interface ActiveSession {
  role: UserRole;
}

/**
 * Whether a session may still use its access tokens, and its user's role. Cached in the
 * KvStore (Redis in the cluster mode) as "<userId> <role>", and overwritten with "revoked"
 * the moment a session is revoked, so every instance refuses its tokens on the next
 * request rather than at `exp`. A role change drops the user's cached entries.
 */
@Injectable()
export class SessionValidityService {
  /** The shared cache's entries asked for in one turn of the event loop (a client's burst of events): one read each. */
  private readonly entries = new TickBatcher<string, string | null>(async (keys) => new Map(await Promise.all(keys.map(async (key) => [key, await this.kv.get(key)] as const))));
  /** session id → when this instance last wrote its "last used". */
  private readonly touched = new Map<string, number>();

  constructor(
    private readonly kv: KvStore,
    private readonly repository: AuthRepository,
    private readonly emitter: RealtimeEmitter,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  async assertActive(userId: string, sessionId: string): Promise<ActiveSession> {
    const cached = (await this.entries.get(this.key(sessionId))) ?? null;
    if (cached === 'revoked') throw new AppError('SESSION_REVOKED', 'This session has been signed out');
    if (cached) {
      const [owner, role] = cached.split(' ');
      const parsed = UserRole.safeParse(role);
      if (owner === userId && parsed.success) {
        await this.touch(sessionId);
        return { role: parsed.data };
      }
    }

    const found = await this.repository.findSessionWithRole(sessionId);
    // A token naming someone else's session says nothing about that session: refuse it
    // without caching anything, or such a token could sign another user out.
    if (found && found.session.userId !== userId) throw new AppError('TOKEN_INVALID', 'Invalid access token');
    if (!found || found.session.revokedAt || found.session.expiresAt <= new Date()) {
      await this.markRevoked(sessionId);
      throw new AppError('SESSION_REVOKED', 'This session has been signed out');
    }
    const role = UserRole.catch('member').parse(found.role);
    // Never over a "revoked" that another instance wrote after our read: setIfAbsent, not set.
    await this.kv.setIfAbsent(this.key(sessionId), `${userId} ${role}`, ACTIVE_CACHE_MS);
    await this.touch(sessionId);
    return { role };
  }

  /** Kept as long as an access token of the session can live. */
  markRevoked(sessionId: string): Promise<void> {
    return this.kv.set(this.key(sessionId), 'revoked', (this.config.ACCESS_TOKEN_TTL_SECONDS + 60) * 1000);
  }

  /**
   * The sessions were revoked in the database: refuse their tokens everywhere and close
   * their sockets on every instance (the adapter carries the disconnect).
   */
  async ended(sessionIds: string[], why: SessionEnded): Promise<void> {
    await Promise.all(sessionIds.map((id) => this.markRevoked(id)));
    this.emitter.endSessions(sessionIds, why);
  }

  /** After a role change: the next request of each of these sessions reads the role afresh. */
  async forget(sessionIds: string[]): Promise<void> {
    await Promise.all(sessionIds.map((id) => this.kv.del(this.key(id))));
  }

  /** "Last used" for the devices list, written at most once a minute per session. */
  private async touch(sessionId: string): Promise<void> {
    const now = Date.now();
    if (now - (this.touched.get(sessionId) ?? -Infinity) < TOUCH_EVERY_MS) return;
    if (this.touched.size >= TOUCHED_MAX) this.touched.clear();
    this.touched.set(sessionId, now);
    if (await this.kv.setIfAbsent(`session-touch:${sessionId}`, '1', TOUCH_EVERY_MS)) {
      await this.repository.touchSession(sessionId, new Date());
    }
  }

  private key(sessionId: string): string {
    return `session:${sessionId}`;
  }
}
