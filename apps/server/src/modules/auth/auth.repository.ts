import { Injectable } from '@nestjs/common';
import { and, desc, eq, gt, isNull, ne } from 'drizzle-orm';
import { Database } from '../../infra/db/database';
import { refreshTokens, sessions, users } from '../../infra/db/schema';

export type SessionRow = typeof sessions.$inferSelect;

export type RotationOutcome =
  | { kind: 'rotated'; session: SessionRow }
  | { kind: 'invalid' }
  | { kind: 'reused'; sessionId: string; userId: string };

export interface NewSession {
  id: string;
  userId: string;
  userAgent: string | null;
  ip: string | null;
  expiresAt: Date;
  tokenHash: string;
}

@Injectable()
export class AuthRepository {
  constructor(private readonly database: Database) {}

  private get db() {
    return this.database.db;
  }

  async createSession(input: NewSession): Promise<SessionRow> {
    return this.db.transaction(async (tx) => {
      const [session] = await tx
        .insert(sessions)
        .values({ id: input.id, userId: input.userId, userAgent: input.userAgent, ip: input.ip, expiresAt: input.expiresAt })
        .returning();
      await tx.insert(refreshTokens).values({ tokenHash: input.tokenHash, sessionId: input.id });
      return session!;
    });
  }

  /**
   * Swaps `presentedHash` for `nextHash` under a row lock on the session, so two
   * concurrent refreshes of one session are serialised. A token rotated longer ago than
   * `graceMs` is a copy: the session is revoked in the same transaction.
   */
  async rotateRefreshToken(presentedHash: string, nextHash: string, now: Date, graceMs: number, client: { ip: string | null; userAgent: string | null }): Promise<RotationOutcome> {
    return this.db.transaction(async (tx) => {
      const [found] = await tx
        .select({ token: refreshTokens, session: sessions })
        .from(refreshTokens)
        .innerJoin(sessions, eq(sessions.id, refreshTokens.sessionId))
        .where(eq(refreshTokens.tokenHash, presentedHash))
        .limit(1)
        .for('update', { of: sessions });
      if (!found) return { kind: 'invalid' } as const;
      const { token, session } = found;
      if (session.revokedAt || session.expiresAt <= now) return { kind: 'invalid' } as const;

      if (token.rotatedAt && now.getTime() - token.rotatedAt.getTime() > graceMs) {
        await tx.update(sessions).set({ revokedAt: now, revokedReason: 'refresh_reuse' }).where(eq(sessions.id, session.id));
        return { kind: 'reused', sessionId: session.id, userId: session.userId } as const;
      }
      // Within the grace a client that lost the last answer gets a fresh token; every
      // token still live for the session is retired so only the newest one works.
      await tx
        .update(refreshTokens)
        .set({ rotatedAt: now })
        .where(and(eq(refreshTokens.sessionId, session.id), isNull(refreshTokens.rotatedAt)));
      await tx.insert(refreshTokens).values({ tokenHash: nextHash, sessionId: session.id, createdAt: now });
      const [updated] = await tx
        .update(sessions)
        .set({ lastUsedAt: now, ip: client.ip, userAgent: client.userAgent ?? session.userAgent })
        .where(eq(sessions.id, session.id))
        .returning();
      return { kind: 'rotated', session: updated! } as const;
    });
  }

  /** Whose session a refresh token belongs to, live or not (to tell a banned user why it fails). */
  async findUserIdByRefreshHash(tokenHash: string): Promise<string | undefined> {
    const [row] = await this.db
      .select({ userId: sessions.userId })
      .from(refreshTokens)
      .innerJoin(sessions, eq(sessions.id, refreshTokens.sessionId))
      .where(eq(refreshTokens.tokenHash, tokenHash))
      .limit(1);
    return row?.userId;
  }

  async findSession(id: string): Promise<SessionRow | undefined> {
    const [row] = await this.db.select().from(sessions).where(eq(sessions.id, id)).limit(1);
    return row;
  }

  /** The session and its user's role, in one query: what every request's session check reads. */
  async findSessionWithRole(id: string): Promise<{ session: SessionRow; role: string } | undefined> {
    const [row] = await this.db
      .select({ session: sessions, role: users.role })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(eq(sessions.id, id))
      .limit(1);
    return row;
  }

  async listActiveSessions(userId: string, now: Date): Promise<SessionRow[]> {
    return this.db
      .select()
      .from(sessions)
      .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)))
      .orderBy(desc(sessions.lastUsedAt));
  }

  /** Revokes one of the user's sessions; false when there is no such live session. */
  async revokeSession(userId: string, sessionId: string, reason: string, now: Date): Promise<boolean> {
    const rows = await this.db
      .update(sessions)
      .set({ revokedAt: now, revokedReason: reason })
      .where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId), isNull(sessions.revokedAt)))
      .returning({ id: sessions.id });
    return rows.length > 0;
  }

  async revokeOtherSessions(userId: string, keepSessionId: string, now: Date): Promise<string[]> {
    const rows = await this.db
      .update(sessions)
      .set({ revokedAt: now, revokedReason: 'signed_out_by_user' })
      .where(and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId), isNull(sessions.revokedAt)))
      .returning({ id: sessions.id });
    return rows.map((r) => r.id);
  }

  async touchSession(sessionId: string, now: Date): Promise<void> {
    await this.db.update(sessions).set({ lastUsedAt: now }).where(eq(sessions.id, sessionId));
  }
}
