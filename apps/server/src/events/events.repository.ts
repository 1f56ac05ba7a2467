import { Injectable } from '@nestjs/common';
import { and, asc, inArray, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import { Database, type Executor } from '../infra/db/database';
import { consumedEvents, domainEvents } from '../infra/db/schema';

export type DomainEventRow = typeof domainEvents.$inferSelect;

@Injectable()
export class EventsRepository {
  constructor(private readonly database: Database) {}

  async insert(tx: Executor, rows: { id: string; name: string; payload: unknown }[]): Promise<void> {
    if (rows.length) await tx.insert(domainEvents).values(rows);
  }

  /**
   * Hands the oldest undispatched events to `deliver` inside a transaction that holds
   * their rows (other instances skip them), and stamps them dispatched only once
   * `deliver` has resolved: a crash in between leaves them for the next round.
   */
  async dispatchBatch(limit: number, deliver: (rows: DomainEventRow[]) => Promise<void>): Promise<number> {
    return this.database.db.transaction(async (tx) => {
      const rows = await tx
        .select()
        .from(domainEvents)
        .where(isNull(domainEvents.dispatchedAt))
        .orderBy(asc(domainEvents.id))
        .limit(limit)
        .for('update', { skipLocked: true });
      if (!rows.length) return 0;
      await deliver(rows);
      await tx
        .update(domainEvents)
        .set({ dispatchedAt: new Date() })
        .where(inArray(domainEvents.id, rows.map((r) => r.id)));
      return rows.length;
    });
  }

  /** Runs `work` once per consumer and event: the marker row commits with the work, or neither does. */
  async once<T>(consumer: string, eventId: string, work: (tx: Executor) => Promise<T>): Promise<{ ran: true; result: T } | { ran: false }> {
    return this.database.db.transaction(async (tx) => {
      const claimed = await tx.insert(consumedEvents).values({ consumer, eventId }).onConflictDoNothing().returning({ eventId: consumedEvents.eventId });
      if (!claimed.length) return { ran: false } as const;
      return { ran: true, result: await work(tx as unknown as Executor) } as const;
    });
  }

  /** Dispatched events and consumer markers older than `before`: bounded per call. */
  async prune(before: Date, limit: number): Promise<number> {
    const db = this.database.db;
    const old = db
      .select({ id: domainEvents.id })
      .from(domainEvents)
      .where(and(isNotNull(domainEvents.dispatchedAt), lt(domainEvents.createdAt, before)))
      .limit(limit);
    const deleted = await db.delete(domainEvents).where(inArray(domainEvents.id, old)).returning({ id: domainEvents.id });
    const markers = db.select({ eventId: consumedEvents.eventId }).from(consumedEvents).where(lt(consumedEvents.createdAt, before)).limit(limit);
    await db.delete(consumedEvents).where(sql`(${consumedEvents.eventId}) in (${markers})`);
    return deleted.length;
  }
}
