import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  type AdminUser,
  type AdminUserPage,
  type AdminUserQuery,
  type BanBody,
  RegisterBody,
  type SessionEnded,
  UserRole,
} from '@discordgym/contracts';
import { AppError } from '../../common/app-error';
import { DomainEvents } from '../../events/domain-events.service';
import { RealtimeEmitter } from '../../realtime/realtime-emitter';
import { AuditService } from '../audit/audit.service';
import { AuthService } from '../auth/auth.service';
import { SessionValidityService } from '../auth/session-validity.service';
import { accountStatus, activeBan, toUserSummary } from '../users/account-status';
import type { UserRow } from '../users/users.repository';
import { UsersService } from '../users/users.service';
import { type AdminActor, actorId, AdminPolicy } from './admin.policy';
import { AdminRepository, type SessionStats } from './admin.repository';
import { decodeIdCursor, encodeIdCursor } from './id-cursor';

/** Consumer name of the socket-closing reaction to `user.banned`: stable across releases. */
const BAN_SOCKETS_CONSUMER = 'admin.ban-sockets';

export function toAdminUser(row: UserRow, stats: SessionStats | undefined, now: Date): AdminUser {
  return {
    ...toUserSummary(row, now),
    username: row.username,
    email: row.email,
    created_at: row.createdAt.toISOString(),
    last_seen_at: stats?.lastSeenAt?.toISOString() ?? null,
    sessions_count: stats?.live ?? 0,
    banned_at: accountStatus(row, now) === 'banned' ? (row.bannedAt?.toISOString() ?? null) : null,
    banned_until: accountStatus(row, now) === 'banned' ? (row.bannedUntil?.toISOString() ?? null) : null,
    ban_reason: accountStatus(row, now) === 'banned' ? row.banReason : null,
  };
}

/** What a banned user's sockets are told before they close; the web app shows it on the login page. */
export function bannedNotice(row: Pick<UserRow, 'bannedUntil' | 'banReason'>): SessionEnded {
  const until = row.bannedUntil?.toISOString() ?? null;
  return {
    reason: 'banned',
    message: until ? `Your account is banned until ${until}` : 'Your account is banned',
    banned_until: until,
    ban_reason: row.banReason ?? '',
  };
}

/**
 * Accounts as moderators and admins see them: the list, roles, bans, password resets and
 * the CLI's first admin. Every change is audited in its own transaction; a ban reaches
 * every socket of the user on every instance at once, and again through `user.banned`
 * for writers without sockets of their own (the admin CLI in the cluster mode).
 */
@Injectable()
export class AdminService implements OnModuleInit {
  constructor(
    private readonly repository: AdminRepository,
    private readonly policy: AdminPolicy,
    private readonly users: UsersService,
    private readonly auth: AuthService,
    private readonly validity: SessionValidityService,
    private readonly emitter: RealtimeEmitter,
    private readonly events: DomainEvents,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    this.events.subscribe('user.banned', BAN_SOCKETS_CONSUMER, async (event) => {
      const user = await this.repository.findUser(event.payload.user_id);
      // Lifted again before this ran: the user may be online legitimately by now.
      if (!user || !activeBan(user)) return;
      this.emitter.endUser(user.id, bannedNotice(user));
    });
  }

  async listUsers(query: AdminUserQuery): Promise<AdminUserPage> {
    const now = new Date();
    const rows = await this.repository.listUsers(
      { q: query.q || undefined, status: query.status, role: query.role, beforeId: query.cursor ? decodeIdCursor(query.cursor) : undefined, limit: query.limit + 1 },
      now,
    );
    const page = rows.slice(0, query.limit);
    const stats = await this.repository.sessionStats(page.map((r) => r.id), now);
    return {
      items: page.map((row) => toAdminUser(row, stats.get(row.id), now)),
      next_cursor: rows.length > query.limit && page.length ? encodeIdCursor(page.at(-1)!.id) : null,
    };
  }

  async getUser(userId: string): Promise<AdminUser> {
    const row = await this.repository.findUser(userId);
    if (!row) throw AppError.notFound('User');
    return this.present(row);
  }

  /** `username#1234`: how the CLI names people. */
  async findByHandle(handle: string): Promise<UserRow> {
    const row = await this.users.findForLogin({ handle });
    if (!row) throw AppError.notFound(`User ${handle}`);
    return row;
  }

  async setRole(actor: AdminActor, userId: string, role: UserRole): Promise<AdminUser> {
    this.policy.assertMayChangeRole(actor);
    const outcome = await this.repository.setRole(userId, role, async (tx, { previous }) => {
      if (previous === role) return;
      await this.audit.record(
        { actorId: actorId(actor), action: 'user.role_changed', targetUserId: userId, details: { from: previous, to: role, ...via(actor) }, ip: ipOf(actor) },
        tx,
      );
    });
    if (outcome.kind === 'not_found') throw AppError.notFound('User');
    if (outcome.kind === 'last_admin') throw new AppError('LAST_ADMIN', 'This is the last admin; make someone else an admin first');
    // Every instance reads the new role on the session's next request or socket event.
    await this.validity.forget(outcome.sessionIds);
    return this.present(outcome.row);
  }

  async ban(actor: AdminActor, userId: string, body: BanBody): Promise<AdminUser> {
    const target = await this.repository.findUser(userId);
    if (!target) throw AppError.notFound('User');
    this.policy.assertMayBan(actor, target);
    const now = new Date();
    const until = body.until ? new Date(body.until) : null;
    if (until && until <= now) {
      throw new AppError('VALIDATION_FAILED', 'A ban must end in the future', [{ path: 'until', message: 'must be in the future' }]);
    }
    const banned = await this.repository.ban(userId, { bannedAt: now, bannedUntil: until, banReason: body.reason }, now, async (tx, sessionIds) => {
      await this.events.record(tx, 'user.banned', { user_id: userId, by_user_id: actorId(actor), reason: body.reason, until: until?.toISOString() ?? null });
      await this.audit.record(
        {
          actorId: actorId(actor),
          action: 'user.banned',
          targetUserId: userId,
          details: { reason: body.reason, until: until?.toISOString() ?? null, sessions_revoked: sessionIds.length, ...via(actor) },
          ip: ipOf(actor),
        },
        tx,
      );
    });
    if (!banned) throw AppError.notFound('User');
    // After commit: refuse the tokens everywhere, then close every socket of the user on
    // every instance (one `session-ended` per socket: through the user's channel only).
    await Promise.all(banned.sessionIds.map((id) => this.validity.markRevoked(id)));
    this.emitter.endUser(userId, bannedNotice(banned.row));
    this.events.kick();
    return this.present(banned.row);
  }

  async unban(actor: AdminActor, userId: string): Promise<AdminUser> {
    const target = await this.repository.findUser(userId);
    if (!target) throw AppError.notFound('User');
    this.policy.assertMayBan(actor, target);
    const outcome = await this.repository.unban(userId, new Date(), async (tx, wasBanned) => {
      if (!wasBanned) return;
      await this.audit.record({ actorId: actorId(actor), action: 'user.unbanned', targetUserId: userId, details: { ...via(actor) }, ip: ipOf(actor) }, tx);
    });
    if (!outcome) throw AppError.notFound('User');
    return this.present(outcome.row);
  }

  /** A new password set by an admin (the CLI); every session of the user is signed out. */
  async resetPassword(actor: AdminActor, userId: string, password: string): Promise<AdminUser> {
    if (actor.kind === 'user' && actor.role !== 'admin') throw AppError.forbidden('Only an admin resets passwords');
    const passwordHash = await this.auth.hashNewPassword(password);
    const outcome = await this.repository.setPassword(userId, passwordHash, new Date(), async (tx, sessionIds) => {
      await this.audit.record(
        { actorId: actorId(actor), action: 'user.password_reset', targetUserId: userId, details: { sessions_revoked: sessionIds.length, ...via(actor) }, ip: ipOf(actor) },
        tx,
      );
    });
    if (!outcome) throw AppError.notFound('User');
    await this.validity.ended(outcome.sessionIds, { reason: 'revoked', message: 'Your password was reset by an admin; sign in with the new one' });
    return this.present(outcome.row);
  }

  /** The CLI's create-admin: an account by the register rules (format, common passwords), then the role. */
  async createAdmin(actor: AdminActor, input: { email: string; username: string; password: string }): Promise<AdminUser> {
    const parsed = RegisterBody.safeParse(input);
    if (!parsed.success) {
      throw new AppError(
        'VALIDATION_FAILED',
        parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
        parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      );
    }
    const user = await this.auth.createAccount(parsed.data);
    await this.audit.record({ actorId: actorId(actor), action: 'user.created', targetUserId: user.id, details: { role: 'admin', ...via(actor) } });
    return this.setRole(actor, user.id, UserRole.enum.admin);
  }

  private async present(row: UserRow): Promise<AdminUser> {
    const now = new Date();
    const stats = await this.repository.sessionStats([row.id], now);
    return toAdminUser(row, stats.get(row.id), now);
  }
}

function via(actor: AdminActor): Record<string, string> {
  return actor.kind === 'system' ? { via: actor.via } : {};
}

function ipOf(actor: AdminActor): string | null {
  return actor.kind === 'user' ? (actor.ip ?? null) : null;
}
