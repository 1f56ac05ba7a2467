import { Injectable } from '@nestjs/common';
import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { Database, type Executor } from '../../infra/db/database';
import { auditLog, users } from '../../infra/db/schema';

export type AuditRow = typeof auditLog.$inferSelect;
export type NewAuditRow = typeof auditLog.$inferInsert;

const actors = alias(users, 'audit_actor');
const targets = alias(users, 'audit_target');

const person = <T extends typeof actors | typeof targets>(table: T) => ({
  id: table.id as T['id'],
  username: table.username as T['username'],
  discriminator: table.discriminator as T['discriminator'],
  displayName: table.displayName as T['displayName'],
  role: table.role as T['role'],
  bannedAt: table.bannedAt as T['bannedAt'],
  bannedUntil: table.bannedUntil as T['bannedUntil'],
  banReason: table.banReason as T['banReason'],
});

export interface AuditFilter {
  action?: string | undefined;
  actorId?: string | undefined;
  targetUserId?: string | undefined;
  beforeId?: string | undefined;
  limit: number;
}

/** Inserts and reads only: the table refuses UPDATE and DELETE (a trigger), and nothing here tries. */
@Injectable()
export class AuditRepository {
  constructor(private readonly database: Database) {}

  async insert(row: NewAuditRow, tx?: Executor): Promise<void> {
    await (tx ?? this.database.db).insert(auditLog).values(row);
  }

  /** Newest first by id (UUIDv7, time-ordered); each filter has its own (column, id) index. */
  async list(filter: AuditFilter) {
    const where: SQL[] = [];
    if (filter.action) where.push(eq(auditLog.action, filter.action));
    if (filter.actorId) where.push(eq(auditLog.actorId, filter.actorId));
    if (filter.targetUserId) where.push(eq(auditLog.targetUserId, filter.targetUserId));
    if (filter.beforeId) where.push(lt(auditLog.id, filter.beforeId));
    return this.database.db
      .select({ entry: auditLog, actor: person(actors), target: person(targets) })
      .from(auditLog)
      .leftJoin(actors, eq(actors.id, auditLog.actorId))
      .leftJoin(targets, eq(targets.id, auditLog.targetUserId))
      .where(and(...where))
      .orderBy(desc(auditLog.id))
      .limit(filter.limit);
  }
}
