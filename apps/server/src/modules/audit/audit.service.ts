import { Injectable } from '@nestjs/common';
import type { AuditAction, AuditEntry, AuditPage, AuditQuery } from '@discordgym/contracts';
import { v7 as uuidv7 } from 'uuid';
import type { Executor } from '../../infra/db/database';
import { toUserSummary } from '../users/account-status';
import { AuditRepository } from './audit.repository';

/** One entry: who did what to whom. `actorId` null is the system or the admin CLI. */
export interface AuditRecord {
  actorId: string | null;
  action: AuditAction;
  targetUserId?: string | null;
  /** What else the entry is about, when it is not (only) a user: `message`, `report`. */
  targetType?: string | null;
  targetId?: string | null;
  details?: Record<string, unknown>;
  ip?: string | null;
}

/**
 * The append-only audit log of admin and moderator actions and security events. Callers
 * pass their transaction so the entry commits with the change it describes, or neither.
 */
@Injectable()
export class AuditService {
  constructor(private readonly repository: AuditRepository) {}

  async record(entry: AuditRecord, tx?: Executor): Promise<string> {
    const id = uuidv7();
    await this.repository.insert(
      {
        id,
        actorId: entry.actorId,
        action: entry.action,
        targetUserId: entry.targetUserId ?? null,
        targetType: entry.targetType ?? null,
        targetId: entry.targetId ?? null,
        details: entry.details ?? {},
        ip: entry.ip ?? null,
      },
      tx,
    );
    return id;
  }

  async list(query: AuditQuery): Promise<AuditPage> {
    const rows = await this.repository.list({
      action: query.action,
      actorId: query.actor,
      targetUserId: query.target,
      beforeId: query.before,
      limit: query.limit + 1,
    });
    const page = rows.slice(0, query.limit);
    const now = new Date();
    const items: AuditEntry[] = page.map(({ entry, actor, target }) => ({
      id: entry.id,
      action: entry.action as AuditAction,
      actor: actor ? toUserSummary(actor, now) : null,
      actor_id: entry.actorId,
      target_user: target ? toUserSummary(target, now) : null,
      target_user_id: entry.targetUserId,
      target_type: entry.targetType,
      target_id: entry.targetId,
      details: (entry.details ?? {}) as Record<string, unknown>,
      ip: entry.ip,
      created_at: entry.createdAt.toISOString(),
    }));
    return { items, next_cursor: rows.length > query.limit ? (page.at(-1)?.entry.id ?? null) : null };
  }
}
