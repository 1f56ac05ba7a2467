import { Injectable } from '@nestjs/common';
import { and, count, gte, sql } from 'drizzle-orm';
import { Database } from '../../infra/db/database';
import { chatrooms, messages, sessions } from '../../infra/db/schema';

const DAY_MS = 86_400_000;

/**
 * The smallest UUIDv7 of a millisecond: its first 48 bits are the Unix time. Message ids
 * are UUIDv7 made at send time, so "since T" is a range scan of the primary key rather
 * than a scan of the whole table by `created_at` (which has no index).
 */
export function uuidv7Floor(at: Date): string {
  const hex = Math.max(0, at.getTime()).toString(16).padStart(12, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7000-8000-000000000000`;
}

@Injectable()
export class StatsRepository {
  constructor(private readonly database: Database) {}

  private get db() {
    return this.database.db;
  }

  /** Distinct users with a session used in each window (sessions of the last 30 days only). */
  async activeUsers(now: Date): Promise<{ day: number; week: number; month: number }> {
    const since = (days: number) => new Date(now.getTime() - days * DAY_MS);
    const [row] = await this.db
      .select({
        day: sql<number>`count(distinct ${sessions.userId}) filter (where ${sessions.lastUsedAt} > ${since(1)})`.mapWith(Number),
        week: sql<number>`count(distinct ${sessions.userId}) filter (where ${sessions.lastUsedAt} > ${since(7)})`.mapWith(Number),
        month: sql<number>`count(distinct ${sessions.userId})`.mapWith(Number),
      })
      .from(sessions)
      .where(sql`${sessions.lastUsedAt} > ${since(30)}`);
    return { day: row?.day ?? 0, week: row?.week ?? 0, month: row?.month ?? 0 };
  }

  /** Messages sent per UTC day since `from` (deleted ones too: they were sent). */
  async messagesPerDay(from: Date): Promise<Map<string, number>> {
    const day = sql<string>`to_char(${messages.createdAt} at time zone 'UTC', 'YYYY-MM-DD')`;
    const rows = await this.db
      .select({ day, count: count() })
      .from(messages)
      .where(and(gte(messages.id, uuidv7Floor(new Date(from.getTime() - 60_000))), gte(messages.createdAt, from)))
      .groupBy(day);
    return new Map(rows.map((r) => [r.day, r.count]));
  }

  async rooms(): Promise<{ total: number; groups: number }> {
    const [row] = await this.db
      .select({ total: count(), groups: sql<number>`count(*) filter (where ${chatrooms.isGroup})`.mapWith(Number) })
      .from(chatrooms);
    return { total: row?.total ?? 0, groups: row?.groups ?? 0 };
  }
}
