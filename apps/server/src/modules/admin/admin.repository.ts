import { Injectable } from '@nestjs/common';
import type { AccountStatus, UserRole } from '@discordgym/contracts';
import { and, count, desc, eq, gt, inArray, isNull, lt, max, or, type SQL, sql } from 'drizzle-orm';
import { Database, type Executor } from '../../infra/db/database';
import { sessions, users } from '../../infra/db/schema';
import type { UserRow } from '../users/users.repository';

export interface UserListFilter {
  q?: string | undefined;
  status?: AccountStatus | undefined;
  role?: UserRole | undefined;
  beforeId?: string | undefined;
  limit: number;
}

export interface SessionStats {
  lastSeenAt: Date | null;
  live: number;
}

export interface BanFields {
  bannedAt: Date;
  bannedUntil: Date | null;
  banReason: string;
}

/** Work that must commit with the change: the audit entry, the domain event. */
export type InTransaction<T = void> = (tx: Executor, result: T) => Promise<void>;

/** `%` and `_` typed by a moderator are literal characters, not wildcards. */
const escapeLike = (value: string): string => value.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Banned right now: the same rule as `activeBan`, in SQL. */
const bannedNow = (now: Date): SQL => sql`(${users.bannedAt} is not null and (${users.bannedUntil} is null or ${users.bannedUntil} > ${now}))`;

/**
 * The account side of administration. Bans, role changes and password resets also revoke
 * sessions: that write belongs to the same transaction as the change, so it lives here.
 */
@Injectable()
export class AdminRepository {
  constructor(private readonly database: Database) {}

  private get db() {
    return this.database.db;
  }

  async findUser(id: string): Promise<UserRow | undefined> {
    const [row] = await this.db.select().from(users).where(eq(users.id, id)).limit(1);
    return row;
  }

  /** Newest accounts first, keyset on the (time-ordered) id. */
  async listUsers(filter: UserListFilter, now: Date): Promise<UserRow[]> {
    const where: (SQL | undefined)[] = [];
    if (filter.q) {
      const q = filter.q.toLowerCase();
      const prefix = `${escapeLike(q)}%`;
      const [name, discriminator] = q.split('#');
      where.push(
        or(
          sql`lower(${users.username}) like ${prefix}`,
          sql`lower(${users.displayName}) like ${prefix}`,
          sql`${users.email} like ${prefix}`,
          name && discriminator ? and(sql`lower(${users.username}) = ${name}`, eq(users.discriminator, discriminator)) : undefined,
        ),
      );
    }
    if (filter.status === 'banned') where.push(bannedNow(now));
    if (filter.status === 'active') where.push(sql`not ${bannedNow(now)}`);
    if (filter.role) where.push(eq(users.role, filter.role));
    if (filter.beforeId) where.push(lt(users.id, filter.beforeId));
    return this.db
      .select()
      .from(users)
      .where(and(...where))
      .orderBy(desc(users.id))
      .limit(filter.limit);
  }

  /** Last seen (the latest use of any session) and live sessions, for one page of users. */
  async sessionStats(userIds: string[], now: Date): Promise<Map<string, SessionStats>> {
    if (!userIds.length) return new Map();
    const rows = await this.db
      .select({
        userId: sessions.userId,
        lastSeenAt: max(sessions.lastUsedAt),
        live: sql<number>`count(*) filter (where ${sessions.revokedAt} is null and ${sessions.expiresAt} > ${now})`.mapWith(Number),
      })
      .from(sessions)
      .where(inArray(sessions.userId, userIds))
      .groupBy(sessions.userId);
    return new Map(rows.map((r) => [r.userId, { lastSeenAt: r.lastSeenAt, live: r.live }]));
  }

  /**
   * Changes the role under a lock on every admin row, so two admins demoting each other at
   * once cannot leave none: the second one sees the first one's change and is refused.
   */
  async setRole(
    userId: string,
    role: UserRole,
    inTx: InTransaction<{ previous: string; sessionIds: string[] }>,
  ): Promise<{ kind: 'changed'; row: UserRow; previous: string; sessionIds: string[] } | { kind: 'last_admin' } | { kind: 'not_found' }> {
    return this.db.transaction(async (tx) => {
      const admins = await tx.select({ id: users.id }).from(users).where(eq(users.role, 'admin')).for('update');
      const [target] = await tx.select().from(users).where(eq(users.id, userId)).for('update');
      if (!target) return { kind: 'not_found' } as const;
      if (target.role === 'admin' && role !== 'admin' && admins.length <= 1) return { kind: 'last_admin' } as const;
      const [row] = await tx.update(users).set({ role, updatedAt: new Date() }).where(eq(users.id, userId)).returning();
      const sessionIds = await this.liveSessionIds(tx as unknown as Executor, userId);
      await inTx(tx as unknown as Executor, { previous: target.role, sessionIds });
      return { kind: 'changed', row: row!, previous: target.role, sessionIds } as const;
    });
  }

  /** Bans (or re-bans with a new reason or end) and revokes every live session, in one transaction. */
  async ban(userId: string, fields: BanFields, now: Date, inTx: InTransaction<string[]>): Promise<{ row: UserRow; sessionIds: string[] } | undefined> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx
        .update(users)
        .set({ ...fields, updatedAt: now })
        .where(eq(users.id, userId))
        .returning();
      if (!row) return undefined;
      const sessionIds = await this.revokeAll(tx as unknown as Executor, userId, 'banned', now);
      await inTx(tx as unknown as Executor, sessionIds);
      return { row, sessionIds };
    });
  }

  /** Lifts the ban; `wasBanned` false when there was none in force (nothing to audit). */
  async unban(userId: string, now: Date, inTx: InTransaction<boolean>): Promise<{ row: UserRow; wasBanned: boolean } | undefined> {
    return this.db.transaction(async (tx) => {
      const [before] = await tx.select().from(users).where(eq(users.id, userId)).for('update');
      if (!before) return undefined;
      const wasBanned = before.bannedAt !== null;
      const [row] = await tx
        .update(users)
        .set({ bannedAt: null, bannedUntil: null, banReason: null, updatedAt: now })
        .where(eq(users.id, userId))
        .returning();
      await inTx(tx as unknown as Executor, wasBanned);
      return { row: row!, wasBanned };
    });
  }

  /** A new password, and every session signed out with the old one. */
  async setPassword(userId: string, passwordHash: string, now: Date, inTx: InTransaction<string[]>): Promise<{ row: UserRow; sessionIds: string[] } | undefined> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx.update(users).set({ passwordHash, updatedAt: now }).where(eq(users.id, userId)).returning();
      if (!row) return undefined;
      const sessionIds = await this.revokeAll(tx as unknown as Executor, userId, 'password_reset', now);
      await inTx(tx as unknown as Executor, sessionIds);
      return { row, sessionIds };
    });
  }

  private async revokeAll(tx: Executor, userId: string, reason: string, now: Date): Promise<string[]> {
    const rows = await tx
      .update(sessions)
      .set({ revokedAt: now, revokedReason: reason })
      .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)))
      .returning({ id: sessions.id });
    return rows.map((r) => r.id);
  }

  private async liveSessionIds(tx: Executor, userId: string): Promise<string[]> {
    const rows = await tx
      .select({ id: sessions.id })
      .from(sessions)
      .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), gt(sessions.expiresAt, new Date())));
    return rows.map((r) => r.id);
  }

  async countUsers(now: Date): Promise<{ total: number; banned: number }> {
    const [row] = await this.db
      .select({ total: count(), banned: sql<number>`count(*) filter (where ${bannedNow(now)})`.mapWith(Number) })
      .from(users);
    return { total: row?.total ?? 0, banned: row?.banned ?? 0 };
  }
}
