import { Injectable } from '@nestjs/common';
import type { ReportAction, ReportStatus } from '@discordgym/contracts';
import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { Database, type Executor } from '../../infra/db/database';
import { messages, reports, users } from '../../infra/db/schema';
import type { InTransaction } from './admin.repository';

export type ReportRow = typeof reports.$inferSelect;

const authors = alias(users, 'report_author');
const reporters = alias(users, 'report_reporter');
const resolvers = alias(users, 'report_resolver');

const person = <T extends typeof authors | typeof reporters | typeof resolvers>(table: T) => ({
  id: table.id as T['id'],
  username: table.username as T['username'],
  discriminator: table.discriminator as T['discriminator'],
  displayName: table.displayName as T['displayName'],
  role: table.role as T['role'],
  bannedAt: table.bannedAt as T['bannedAt'],
  bannedUntil: table.bannedUntil as T['bannedUntil'],
  banReason: table.banReason as T['banReason'],
});

export interface Closing {
  status: Exclude<ReportStatus, 'open'>;
  resolution: ReportAction;
  resolvedBy: string | null;
  at: Date;
}

@Injectable()
export class ReportsRepository {
  constructor(private readonly database: Database) {}

  private get db() {
    return this.database.db;
  }

  /** One report per reporter and message: a repeat returns the first one (`created` false). */
  async insert(row: { id: string; messageId: string; reporterId: string; reason: string; reportedContent: string }): Promise<{ report: ReportRow; created: boolean }> {
    const [created] = await this.db.insert(reports).values(row).onConflictDoNothing({ target: [reports.messageId, reports.reporterId] }).returning();
    if (created) return { report: created, created: true };
    const [existing] = await this.db
      .select()
      .from(reports)
      .where(and(eq(reports.messageId, row.messageId), eq(reports.reporterId, row.reporterId)))
      .limit(1);
    return { report: existing!, created: false };
  }

  async find(id: string): Promise<ReportRow | undefined> {
    const [row] = await this.db.select().from(reports).where(eq(reports.id, id)).limit(1);
    return row;
  }

  /** The queue: newest first by id, one status at a time (the (status, id) index). */
  async list(filter: { status: ReportStatus; beforeId?: string | undefined; limit: number }) {
    const where: SQL[] = [eq(reports.status, filter.status)];
    if (filter.beforeId) where.push(lt(reports.id, filter.beforeId));
    return this.details(and(...where)!, filter.limit);
  }

  async findDetailed(id: string) {
    const [row] = await this.details(eq(reports.id, id), 1);
    return row;
  }

  /**
   * Closes open reports — this one, or (`wholeMessage`) every open report of its message,
   * since deleting the message or banning its author answers them all. Returns the ids
   * this call closed; none when someone else got there first.
   */
  async close(report: ReportRow, wholeMessage: boolean, closing: Closing, inTx: InTransaction<string[]>): Promise<string[]> {
    return this.db.transaction(async (tx) => {
      const which = wholeMessage ? eq(reports.messageId, report.messageId) : eq(reports.id, report.id);
      const closed = await tx
        .update(reports)
        .set({ status: closing.status, resolution: closing.resolution, resolvedBy: closing.resolvedBy, resolvedAt: closing.at })
        .where(and(which, eq(reports.status, 'open')))
        .returning({ id: reports.id });
      const ids = closed.map((r) => r.id);
      if (ids.length) await inTx(tx as unknown as Executor, ids);
      return ids;
    });
  }

  private details(where: SQL, limit: number) {
    return this.db
      .select({ report: reports, message: messages, author: person(authors), reporter: person(reporters), resolver: person(resolvers) })
      .from(reports)
      .innerJoin(messages, eq(messages.id, reports.messageId))
      .innerJoin(authors, eq(authors.id, messages.senderId))
      .innerJoin(reporters, eq(reporters.id, reports.reporterId))
      .leftJoin(resolvers, eq(resolvers.id, reports.resolvedBy))
      .where(where)
      .orderBy(desc(reports.id))
      .limit(limit);
  }
}
