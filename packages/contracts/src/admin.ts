import { z } from 'zod';
import { Id, IsoDate, plainText } from './common';
import { ChatAttachmentUsage } from './chat-attachments';
import { UserRole } from './users';

/** Page sizes of the admin lists: a table screen's worth, never unbounded. */
export const ADMIN_PAGE_DEFAULT = 50;
export const ADMIN_PAGE_MAX = 100;

const limit = z.coerce.number().int().min(1).max(ADMIN_PAGE_MAX).default(ADMIN_PAGE_DEFAULT);
/** An opaque keyset cursor handed out by the previous page. */
const cursor = z.string().min(1).max(200).optional();

/** Banned means banned right now: a ban whose `until` has passed is over. */
export const AccountStatus = z.enum(['active', 'banned']);
export type AccountStatus = z.infer<typeof AccountStatus>;

/** Who someone is, as the moderation screens show them. */
export const AdminUserSummary = z
  .object({
    id: Id,
    handle: z.string(),
    display_name: z.string().nullable(),
    role: UserRole,
    status: AccountStatus,
  })
  .meta({ id: 'AdminUserSummary' });
export type AdminUserSummary = z.infer<typeof AdminUserSummary>;

export const AdminUser = AdminUserSummary.extend({
  username: z.string(),
  email: z.string(),
  created_at: IsoDate,
  /** The latest use of any of their sessions; null when they never came back after signing up. */
  last_seen_at: IsoDate.nullable(),
  /** Sessions that are neither revoked nor expired. */
  sessions_count: z.number().int(),
  banned_at: IsoDate.nullable(),
  /** null with `status: banned` is a ban without end. */
  banned_until: IsoDate.nullable(),
  ban_reason: z.string().nullable(),
}).meta({ id: 'AdminUser' });
export type AdminUser = z.infer<typeof AdminUser>;

export const AdminUserQuery = z.strictObject({
  /** Prefix of username, display name or email, or an exact handle `name#1234`. */
  q: plainText(0, 254).optional(),
  status: AccountStatus.optional(),
  role: UserRole.optional(),
  cursor,
  limit,
});
export type AdminUserQuery = z.infer<typeof AdminUserQuery>;

export const AdminUserPage = z.object({ items: z.array(AdminUser), next_cursor: z.string().nullable() }).meta({ id: 'AdminUserPage' });
export type AdminUserPage = z.infer<typeof AdminUserPage>;

export const SetRoleBody = z.strictObject({ role: UserRole }).meta({ id: 'SetRoleBody' });
export type SetRoleBody = z.infer<typeof SetRoleBody>;

export const BanReason = plainText(1, 500);

export const BanBody = z
  .strictObject({
    reason: BanReason,
    /** The ban ends then; without it the ban has no end. Must lie in the future. */
    until: IsoDate.optional(),
  })
  .meta({ id: 'BanBody' });
export type BanBody = z.infer<typeof BanBody>;

// ---- reports ----

export const ReportStatus = z.enum(['open', 'resolved', 'dismissed']);
export type ReportStatus = z.infer<typeof ReportStatus>;

export const ReportAction = z.enum(['delete_message', 'ban_author', 'dismiss']);
export type ReportAction = z.infer<typeof ReportAction>;

export const ReportBody = z.strictObject({ reason: plainText(1, 500) }).meta({ id: 'ReportBody' });
export type ReportBody = z.infer<typeof ReportBody>;

/** What the reporter gets back: their report, the same one on a repeat. */
export const ReportReceipt = z
  .object({ id: Id, message_id: Id, status: ReportStatus, created_at: IsoDate })
  .meta({ id: 'ReportReceipt' });
export type ReportReceipt = z.infer<typeof ReportReceipt>;

export const ReportedMessage = z
  .object({
    id: Id,
    chatroom_id: Id,
    /** The text now: empty once the message is deleted (see the report's `reported_content`). */
    content: z.string(),
    created_at: IsoDate,
    edited_at: IsoDate.nullable(),
    deleted_at: IsoDate.nullable(),
  })
  .meta({ id: 'ReportedMessage' });

export const Report = z
  .object({
    id: Id,
    status: ReportStatus,
    reason: z.string(),
    /** The message's text when it was reported: what the moderator judges, even after an edit or delete. */
    reported_content: z.string(),
    created_at: IsoDate,
    resolution: ReportAction.nullable(),
    resolved_by: AdminUserSummary.nullable(),
    resolved_at: IsoDate.nullable(),
    message: ReportedMessage,
    author: AdminUserSummary,
    reporter: AdminUserSummary,
  })
  .meta({ id: 'Report' });
export type Report = z.infer<typeof Report>;

export const ReportQuery = z.strictObject({ status: ReportStatus.default('open'), cursor, limit });
export type ReportQuery = z.infer<typeof ReportQuery>;

export const ReportPage = z.object({ items: z.array(Report), next_cursor: z.string().nullable() }).meta({ id: 'ReportPage' });
export type ReportPage = z.infer<typeof ReportPage>;

export const ResolveReportBody = z
  .strictObject({
    action: ReportAction,
    /** Why; for `ban_author` the ban's reason (the report's reason when left out). */
    reason: BanReason.optional(),
    /** `ban_author` only: when the ban ends. */
    until: IsoDate.optional(),
  })
  .refine((body) => body.until === undefined || body.action === 'ban_author', { path: ['until'], message: 'only with action ban_author' })
  .meta({ id: 'ResolveReportBody' });
export type ResolveReportBody = z.infer<typeof ResolveReportBody>;

export const ReportIdParams = z.strictObject({ id: Id });

// ---- audit log ----

/** Every kind of audit entry: admin and moderator actions, and security events. */
export const AuditAction = z.enum([
  'user.created',
  'user.role_changed',
  'user.banned',
  'user.unbanned',
  'user.password_reset',
  'message.deleted',
  'report.resolved',
  'report.dismissed',
  'security.refresh_reuse',
  'security.ban_evasion',
]);
export type AuditAction = z.infer<typeof AuditAction>;

export const AuditEntry = z
  .object({
    id: Id,
    action: AuditAction,
    /** null: the system, or the admin CLI at the server's terminal (`details.via: "cli"`). */
    actor: AdminUserSummary.nullable(),
    actor_id: Id.nullable(),
    target_user: AdminUserSummary.nullable(),
    target_user_id: Id.nullable(),
    target_type: z.string().nullable(),
    target_id: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
    ip: z.string().nullable(),
    created_at: IsoDate,
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditQuery = z.strictObject({
  action: AuditAction.optional(),
  /** Entries made by this user. */
  actor: Id.optional(),
  /** Entries about this user. */
  target: Id.optional(),
  /** Entries older than this one (the previous page's `next_cursor`). */
  before: Id.optional(),
  limit,
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditPage = z.object({ items: z.array(AuditEntry), next_cursor: z.string().nullable() }).meta({ id: 'AuditPage' });
export type AuditPage = z.infer<typeof AuditPage>;

// ---- stats ----

export const AdminStats = z
  .object({
    users: z.object({
      total: z.number().int(),
      banned: z.number().int(),
      /** Distinct users with a session used within the window. */
      active_24h: z.number().int(),
      active_7d: z.number().int(),
      active_30d: z.number().int(),
    }),
    /** The last 30 UTC days, oldest first, today included; days without messages count 0. */
    messages_per_day: z.array(z.object({ day: z.string(), count: z.number().int() })),
    online: z.object({
      sockets: z.number().int(),
      instances: z.array(z.object({ instance: z.string(), sockets: z.number().int(), users: z.number().int(), reported_at: IsoDate })),
    }),
    rooms: z.object({ total: z.number().int(), groups: z.number().int(), dms: z.number().int() }),
    queues: z.object({
      /** Jobs waiting, running or delayed, all queues together. */
      depth: z.number().int(),
      failed: z.number().int(),
      by_queue: z.record(z.string(), z.object({ waiting: z.number().int(), active: z.number().int(), delayed: z.number().int(), failed: z.number().int() })),
    }),
    /** Album photos in object storage (originals + derivatives), from the database; cached up to 30 s. */
    storage: z.object({
      total_bytes: z.number().int(),
      photos: z.number().int(),
      albums_with_photos: z.number().int(),
      /** The largest albums (at most 20), largest first. */
      top_albums: z.array(z.object({ album_id: z.string(), title: z.string(), bytes: z.number().int(), photos: z.number().int() })),
    }),
    /** Chat images and files, with the per-user and per-room quotas. */
    chat_attachments: ChatAttachmentUsage,
    generated_at: IsoDate,
  })
  .meta({ id: 'AdminStats' });
export type AdminStats = z.infer<typeof AdminStats>;

/** What ACCOUNT_BANNED carries in `details`. */
export const BanDetails = z.object({ banned_until: IsoDate.nullable(), reason: z.string() });
export type BanDetails = z.infer<typeof BanDetails>;
