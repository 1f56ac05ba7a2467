import { sql } from 'drizzle-orm';
import { bigint, boolean, index, inet, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey(),
    username: varchar('username', { length: 32 }).notNull(),
    discriminator: varchar('discriminator', { length: 4 }).notNull(),
    email: varchar('email', { length: 254 }).notNull(),
    passwordHash: text('password_hash').notNull(),
    displayName: varchar('display_name', { length: 64 }),
    bio: text('bio'),
    avatar: varchar('avatar', { length: 40 }),
    role: varchar('role', { length: 16 }).notNull().default('member'),
    /** Set while banned; `banned_until` null with `banned_at` set is a ban without end. */
    bannedAt: timestamp('banned_at', { withTimezone: true, mode: 'date' }),
    bannedUntil: timestamp('banned_until', { withTimezone: true, mode: 'date' }),
    banReason: varchar('ban_reason', { length: 500 }),
    /** Privacy: who may send me friend requests (everyone | friends_of_friends | nobody). */
    friendRequestsFrom: varchar('friend_requests_from', { length: 24 }).notNull().default('everyone'),
    /** Privacy: who may open a DM with me or add me to a group (everyone | friends). */
    dmsFrom: varchar('dms_from', { length: 16 }).notNull().default('everyone'),
    /** Privacy: whether my read pointer is shown to others ("seen"). */
    readReceipts: boolean('read_receipts').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('users_email_key').on(t.email),
    uniqueIndex('users_handle_key').on(sql`lower(${t.username})`, t.discriminator),
    index('users_username_search_idx').on(sql`lower(${t.username}) text_pattern_ops`),
    index('users_display_name_search_idx').on(sql`lower(${t.displayName}) text_pattern_ops`),
  ],
);

/** One row per signed-in device. */
export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    userAgent: varchar('user_agent', { length: 512 }),
    ip: inet('ip'),
    createdAt: createdAt(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
    revokedReason: varchar('revoked_reason', { length: 32 }),
  },
  (t) => [index('sessions_user_idx').on(t.userId, t.revokedAt)],
);

/**
 * Every refresh token a session was ever given, by hash. A token that was already
 * rotated and comes back after the grace period means it was copied: the session dies.
 */
export const refreshTokens = pgTable(
  'refresh_tokens',
  {
    tokenHash: varchar('token_hash', { length: 64 }).primaryKey(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    rotatedAt: timestamp('rotated_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('refresh_tokens_session_idx').on(t.sessionId)],
);

/**
 * A DM (`is_group` false) is unique per pair through `dm_key` ("<smaller id>:<larger id>").
 * `last_seq` is the room's message counter: a send bumps it in the insert's transaction.
 */
export const chatrooms = pgTable('chatrooms', {
  id: uuid('id').primaryKey(),
  name: varchar('name', { length: 100 }),
  isGroup: boolean('is_group').notNull(),
  dmKey: varchar('dm_key', { length: 80 }).unique('chatrooms_dm_key_key'),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  lastSeq: bigint('last_seq', { mode: 'number' }).notNull().default(0),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

/** `last_read_seq` is the read pointer: everything up to it is read (not a flag per message). */
export const chatroomParticipants = pgTable(
  'chatroom_participants',
  {
    chatroomId: uuid('chatroom_id')
      .notNull()
      .references(() => chatrooms.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: varchar('role', { length: 16 }).notNull().default('member'),
    joinedAt: timestamp('joined_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    lastReadSeq: bigint('last_read_seq', { mode: 'number' }).notNull().default(0),
    /** all | mentions | none; null = the room type's default (DMs all, groups mentions). */
    notificationLevel: varchar('notification_level', { length: 16 }),
  },
  (t) => [primaryKey({ columns: [t.chatroomId, t.userId] }), index('chatroom_participants_user_idx').on(t.userId)],
);

export const messages = pgTable(
  'messages',
  {
    id: uuid('id').primaryKey(),
    chatroomId: uuid('chatroom_id')
      .notNull()
      .references(() => chatrooms.id, { onDelete: 'cascade' }),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    senderId: uuid('sender_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    clientId: varchar('client_id', { length: 64 }).notNull(),
    content: text('content').notNull(),
    replyToId: uuid('reply_to_id'),
    createdAt: createdAt(),
    editedAt: timestamp('edited_at', { withTimezone: true, mode: 'date' }),
    deletedAt: timestamp('deleted_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    uniqueIndex('messages_room_seq_key').on(t.chatroomId, t.seq),
    uniqueIndex('messages_sender_client_key').on(t.senderId, t.clientId),
    index('messages_search_idx').using('gin', sql`to_tsvector('simple', ${t.content})`),
  ],
);

export const messageReactions = pgTable(
  'message_reactions',
  {
    messageId: uuid('message_id')
      .notNull()
      .references(() => messages.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    emoji: varchar('emoji', { length: 32 }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.messageId, t.userId, t.emoji] })],
);

export const messageMentions = pgTable(
  'message_mentions',
  {
    messageId: uuid('message_id')
      .notNull()
      .references(() => messages.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.messageId, t.userId] }), index('message_mentions_user_idx').on(t.userId)],
);

// ---- friends and blocking ----

/** A pending request; accepted or declined requests are deleted (the friendship row stays). */
export const friendRequests = pgTable(
  'friend_requests',
  {
    id: uuid('id').primaryKey(),
    fromUserId: uuid('from_user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    toUserId: uuid('to_user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('friend_requests_pair_key').on(t.fromUserId, t.toUserId), index('friend_requests_to_idx').on(t.toUserId)],
);

/** Both directions are stored (two rows per friendship), so "my friends" is one index scan. */
export const friendships = pgTable(
  'friendships',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    friendId: uuid('friend_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.friendId] })],
);

export const blocks = pgTable(
  'blocks',
  {
    blockerId: uuid('blocker_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    blockedId: uuid('blocked_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.blockerId, t.blockedId] }), index('blocks_blocked_idx').on(t.blockedId)],
);

// ---- domain events (the outbox) ----

/**
 * Written in the same transaction as the change it describes; the dispatcher hands each
 * row to its subscribers through the job queue and then stamps `dispatched_at`.
 */
export const domainEvents = pgTable(
  'domain_events',
  {
    id: uuid('id').primaryKey(),
    name: varchar('name', { length: 64 }).notNull(),
    payload: jsonb('payload').notNull(),
    createdAt: createdAt(),
    dispatchedAt: timestamp('dispatched_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('domain_events_undispatched_idx').on(t.id).where(sql`${t.dispatchedAt} is null`)],
);

/** One row per consumer and event it has applied: what makes a consumer see each event once. */
export const consumedEvents = pgTable(
  'consumed_events',
  {
    consumer: varchar('consumer', { length: 64 }).notNull(),
    eventId: uuid('event_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.consumer, t.eventId] })],
);

// ---- notifications ----

export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** mention | reply | dm | friend_request | friend_accepted (later: kudos, album_upload). */
    kind: varchar('kind', { length: 32 }).notNull(),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    chatroomId: uuid('chatroom_id').references(() => chatrooms.id, { onDelete: 'cascade' }),
    messageId: uuid('message_id').references(() => messages.id, { onDelete: 'cascade' }),
    /** The domain event that made it: one notification per event and recipient. */
    eventId: uuid('event_id').notNull(),
    data: jsonb('data').notNull().default({}),
    readAt: timestamp('read_at', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('notifications_event_user_key').on(t.eventId, t.userId),
    index('notifications_user_idx').on(t.userId, t.id),
    index('notifications_unread_idx').on(t.userId).where(sql`${t.readAt} is null`),
  ],
);

export const pushSubscriptions = pgTable(
  'push_subscriptions',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    endpoint: varchar('endpoint', { length: 2048 }).notNull(),
    p256dh: varchar('p256dh', { length: 256 }).notNull(),
    auth: varchar('auth', { length: 64 }).notNull(),
    userAgent: varchar('user_agent', { length: 512 }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('push_subscriptions_endpoint_key').on(t.endpoint), index('push_subscriptions_user_idx').on(t.userId)],
);

// ---- moderation ----

export const reports = pgTable(
  'reports',
  {
    id: uuid('id').primaryKey(),
    messageId: uuid('message_id')
      .notNull()
      .references(() => messages.id, { onDelete: 'cascade' }),
    reporterId: uuid('reporter_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    reason: varchar('reason', { length: 500 }).notNull(),
    /** The message's text when it was reported: an edit or a delete afterwards cannot hide it. */
    reportedContent: text('reported_content').notNull().default(''),
    /** open | resolved | dismissed */
    status: varchar('status', { length: 16 }).notNull().default('open'),
    /** delete_message | ban_author | dismiss */
    resolution: varchar('resolution', { length: 32 }),
    resolvedBy: uuid('resolved_by').references(() => users.id, { onDelete: 'set null' }),
    resolvedAt: timestamp('resolved_at', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('reports_message_reporter_key').on(t.messageId, t.reporterId), index('reports_status_idx').on(t.status, t.id)],
);

/**
 * Append-only: no foreign keys (an entry outlives the accounts it names), and a trigger
 * in the migration refuses UPDATE and DELETE.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: uuid('id').primaryKey(),
    actorId: uuid('actor_id'),
    action: varchar('action', { length: 64 }).notNull(),
    targetUserId: uuid('target_user_id'),
    targetType: varchar('target_type', { length: 32 }),
    targetId: varchar('target_id', { length: 64 }),
    details: jsonb('details').notNull().default({}),
    ip: inet('ip'),
    createdAt: createdAt(),
  },
  (t) => [
    index('audit_log_action_idx').on(t.action, t.id),
    index('audit_log_actor_idx').on(t.actorId, t.id),
    index('audit_log_target_idx').on(t.targetUserId, t.id),
  ],
);

export const schema = {
  users,
  sessions,
  refreshTokens,
  chatrooms,
  chatroomParticipants,
  messages,
  messageReactions,
  messageMentions,
  friendRequests,
  friendships,
  blocks,
  domainEvents,
  consumedEvents,
  notifications,
  pushSubscriptions,
  reports,
  auditLog,
};
export type Schema = typeof schema;
