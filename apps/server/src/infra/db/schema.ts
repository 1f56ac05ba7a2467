import { isNull, sql, type SQLWrapper } from 'drizzle-orm';
import { bigint, boolean, check, date, index, inet, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';

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
    /** What others see of my presence while I am connected: online | idle | dnd | invisible. */
    presenceChoice: varchar('presence_choice', { length: 16 }).notNull().default('online'),
    /** A short custom status; shown until `custom_status_expires_at` (null: until cleared). */
    customStatusText: varchar('custom_status_text', { length: 128 }),
    customStatusExpiresAt: timestamp('custom_status_expires_at', { withTimezone: true, mode: 'date' }),
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
  /** A group's icon: one of the built-in `GROUP_ICONS` ids, null for the initials. */
  icon: varchar('icon', { length: 32 }),
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
    /**
     * Set when the owner removed them: the row stays (read-only history up to `removed_seq`,
     * the room in their list) until they dismiss it, but grants no membership (`isActiveParticipant`).
     */
    removedAt: timestamp('removed_at', { withTimezone: true, mode: 'date' }),
    removedBy: uuid('removed_by').references(() => users.id, { onDelete: 'set null' }),
    removedSeq: bigint('removed_seq', { mode: 'number' }),
  },
  (t) => [primaryKey({ columns: [t.chatroomId, t.userId] }), index('chatroom_participants_user_idx').on(t.userId)],
);

/** The one membership condition: a participant row counts only while its member was not removed. */
export const isActiveParticipant = () => isNull(chatroomParticipants.removedAt);

/**
 * The searchable words of a message: as written ('simple', so any word matches by prefix)
 * and stemmed in English and German. The search query uses this same expression, which is
 * what lets it use `messages_search_vector_idx` (GIN).
 */
export const messageSearchVector = (content: SQLWrapper) =>
  sql`(to_tsvector('simple', ${content}) || to_tsvector('english', ${content}) || to_tsvector('german', ${content}))`;

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
    /** A card's `{kind, id, snapshot}` as the sender's feature made it at send time (ChatCards). */
    card: jsonb('card').$type<{ kind: string; id: string; snapshot: Record<string, unknown> }>(),
    /** 'user', or 'system' for a line the server writes (someone added, left, removed; a rename): `system` says which. */
    kind: varchar('kind', { length: 16 }).notNull().default('user'),
    system: jsonb('system').$type<Record<string, unknown>>(),
  },
  (t) => [
    uniqueIndex('messages_room_seq_key').on(t.chatroomId, t.seq),
    uniqueIndex('messages_sender_client_key').on(t.senderId, t.clientId),
    index('messages_search_vector_idx').using('gin', messageSearchVector(t.content)),
  ],
);

/**
 * An image or file for a message (issue 12). Uploaded before the message is sent (the row
 * then has no `message_id`), put on exactly one message by the send, and deleted with its
 * objects when that message is deleted; an upload never sent is swept after
 * `upload_expires_at`. Keys are made by the server: `chat/<room>/<attachment>/…`.
 */
export const chatAttachments = pgTable(
  'chat_attachments',
  {
    id: uuid('id').primaryKey(),
    chatroomId: uuid('chatroom_id')
      .notNull()
      .references(() => chatrooms.id, { onDelete: 'cascade' }),
    uploaderId: uuid('uploader_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** Set by the send that carries it; null while uploaded but not sent. */
    messageId: uuid('message_id').references(() => messages.id, { onDelete: 'cascade' }),
    /** Its place on the message (0-based, the order of `attachment_ids`). */
    position: integer('position').notNull().default(0),
    clientId: varchar('client_id', { length: 64 }).notNull(),
    /** image | file, decided at complete from the sniffed type. */
    kind: varchar('kind', { length: 8 }).notNull().default('file'),
    name: varchar('name', { length: 255 }).notNull(),
    /** Claimed at presign; replaced by the sniffed type at complete. */
    contentType: varchar('content_type', { length: 128 }).notNull(),
    byteSize: bigint('byte_size', { mode: 'number' }).notNull(),
    /** Bytes of the thumbnail and preview together (quotas and storage usage). */
    derivedBytes: bigint('derived_bytes', { mode: 'number' }).notNull().default(0),
    originalKey: varchar('original_key', { length: 512 }).notNull(),
    thumbKey: varchar('thumb_key', { length: 512 }),
    previewKey: varchar('preview_key', { length: 512 }),
    width: integer('width'),
    height: integer('height'),
    placeholder: varchar('placeholder', { length: 128 }),
    /** pending_upload | processing | ready | failed */
    status: varchar('status', { length: 16 }).notNull().default('pending_upload'),
    failureReason: varchar('failure_reason', { length: 64 }),
    /** While on no message: when the sweep removes it (the PUT URL's expiry, plus time to send). */
    uploadExpiresAt: timestamp('upload_expires_at', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('chat_attachments_uploader_client_key').on(t.uploaderId, t.clientId),
    index('chat_attachments_message_idx').on(t.messageId, t.position),
    index('chat_attachments_room_idx').on(t.chatroomId),
    index('chat_attachments_unsent_idx').on(t.uploadExpiresAt).where(sql`${t.messageId} is null`),
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

// ---- albums (issue 9; written by albums-core, every album helper builds on it) ----

/**
 * A party album. Settings live as columns (not jsonb) so quotas and windows are checked in SQL.
 * `last_seq` is the album's change counter: every change the wall must see (a photo approved,
 * removed, hidden) bumps it in the change's transaction and stamps the photo's `seq`.
 * Deleting an album sets `deleted_at` (every route then answers 404) and records
 * `album.deleted`; the cleanup job removes the objects and then the rows.
 */
export const albums = pgTable(
  'albums',
  {
    id: uuid('id').primaryKey(),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    title: varchar('title', { length: 120 }).notNull(),
    /** A calendar day with no time zone: the party's date as the host typed it. */
    eventDate: date('event_date', { mode: 'string' }),
    description: text('description'),
    /** No foreign key (photos reference albums); cleared in code when the photo goes. */
    coverPhotoId: uuid('cover_photo_id'),
    uploadsOpen: boolean('uploads_open').notNull().default(true),
    uploadWindowStart: timestamp('upload_window_start', { withTimezone: true, mode: 'date' }),
    uploadWindowEnd: timestamp('upload_window_end', { withTimezone: true, mode: 'date' }),
    approvalRequired: boolean('approval_required').notNull().default(false),
    guestQuotaPhotos: integer('guest_quota_photos').notNull().default(100),
    guestQuotaBytes: bigint('guest_quota_bytes', { mode: 'number' }).notNull().default(2 * 1024 * 1024 * 1024),
    maxFileBytes: bigint('max_file_bytes', { mode: 'number' }).notNull().default(200 * 1024 * 1024),
    guestsMayDownload: boolean('guests_may_download').notNull().default(false),
    lastSeq: bigint('last_seq', { mode: 'number' }).notNull().default(0),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    deletedAt: timestamp('deleted_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('albums_owner_idx').on(t.ownerId), index('albums_deleted_idx').on(t.deletedAt).where(sql`${t.deletedAt} is not null`)],
);

/** People with accounts. The owner has a row too, role `host`. role: host | cohost | member. */
export const albumMembers = pgTable(
  'album_members',
  {
    albumId: uuid('album_id')
      .notNull()
      .references(() => albums.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: varchar('role', { length: 16 }).notNull(),
    addedBy: uuid('added_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.albumId, t.userId] }), index('album_members_user_idx').on(t.userId, t.albumId)],
);

/**
 * A join link. The token is looked up by its SHA-256 (`token_hash`); `token_enc` is the
 * token sealed with AES-256-GCM under a key derived from JWT_SECRET, so a host can show the
 * QR again while a database dump alone lets nobody join.
 */
export const albumInvites = pgTable(
  'album_invites',
  {
    id: uuid('id').primaryKey(),
    albumId: uuid('album_id')
      .notNull()
      .references(() => albums.id, { onDelete: 'cascade' }),
    tokenHash: varchar('token_hash', { length: 64 }).notNull(),
    tokenEnc: text('token_enc').notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [uniqueIndex('album_invites_token_key').on(t.tokenHash), index('album_invites_album_idx').on(t.albumId, t.id)],
);

/**
 * A guest: no account, one album. The guest cookie carries a random token; only its
 * SHA-256 is stored. Rows are never deleted while the album lives (their photos point here):
 * leaving or being removed sets `revoked_at` (+ reason left | removed).
 */
export const albumGuests = pgTable(
  'album_guests',
  {
    id: uuid('id').primaryKey(),
    albumId: uuid('album_id')
      .notNull()
      .references(() => albums.id, { onDelete: 'cascade' }),
    displayName: varchar('display_name', { length: 64 }).notNull(),
    inviteId: uuid('invite_id').references(() => albumInvites.id, { onDelete: 'set null' }),
    sessionTokenHash: varchar('session_token_hash', { length: 64 }).notNull(),
    sessionExpiresAt: timestamp('session_expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
    revokedReason: varchar('revoked_reason', { length: 16 }),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('album_guests_session_key').on(t.sessionTokenHash), index('album_guests_album_idx').on(t.albumId, t.id)],
);

/** A read-only wall link (projector, no login). One live link per album: making a new one revokes the old. Token stored like invites. */
export const albumWallLinks = pgTable(
  'album_wall_links',
  {
    id: uuid('id').primaryKey(),
    albumId: uuid('album_id')
      .notNull()
      .references(() => albums.id, { onDelete: 'cascade' }),
    tokenHash: varchar('token_hash', { length: 64 }).notNull(),
    tokenEnc: text('token_enc').notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    uniqueIndex('album_wall_links_token_key').on(t.tokenHash),
    uniqueIndex('album_wall_links_live_key').on(t.albumId).where(sql`${t.revokedAt} is null`),
  ],
);

/**
 * One uploaded file, by a user or a guest (`uploader_user_id` / `uploader_guest_id`; no check
 * constraint, because deleting the account nulls the user id and the photo stays).
 * status: pending_upload | processing | awaiting_approval | approved | rejected | failed.
 * `client_id` makes retries idempotent per uploader and album. `seq` is stamped from
 * `albums.last_seq` on insert and on every change the wall sees (approval, rejection,
 * deletion); a wall catches up with `seq > cursor`. A deleted photo keeps its row with
 * `deleted_at` (so catch-up can say "removed") until the cleanup job purges it.
 */
export const albumPhotos = pgTable(
  'album_photos',
  {
    id: uuid('id').primaryKey(),
    albumId: uuid('album_id')
      .notNull()
      .references(() => albums.id, { onDelete: 'cascade' }),
    uploaderUserId: uuid('uploader_user_id').references(() => users.id, { onDelete: 'set null' }),
    uploaderGuestId: uuid('uploader_guest_id').references(() => albumGuests.id, { onDelete: 'set null' }),
    clientId: varchar('client_id', { length: 64 }).notNull(),
    /** The client's file name, cleaned, for ZIP entries only; never part of a storage key. */
    originalName: varchar('original_name', { length: 255 }),
    originalKey: varchar('original_key', { length: 512 }).notNull(),
    thumbKey: varchar('thumb_key', { length: 512 }),
    previewKey: varchar('preview_key', { length: 512 }),
    /** Claimed at presign; replaced by the sniffed type at complete. */
    contentType: varchar('content_type', { length: 64 }).notNull(),
    byteSize: bigint('byte_size', { mode: 'number' }).notNull(),
    /** Bytes of the thumbnail and preview together (storage usage). */
    derivedBytes: bigint('derived_bytes', { mode: 'number' }).notNull().default(0),
    width: integer('width'),
    height: integer('height'),
    takenAt: timestamp('taken_at', { withTimezone: true, mode: 'date' }),
    /** thumbhash, base64. */
    placeholder: varchar('placeholder', { length: 128 }),
    status: varchar('status', { length: 24 }).notNull().default('pending_upload'),
    failureReason: varchar('failure_reason', { length: 64 }),
    /** The storage's multipart upload id while a large file is in flight. */
    multipartUploadId: varchar('multipart_upload_id', { length: 1024 }),
    /** When the presigned URL(s) stop working: the sweep removes `pending_upload` rows past it. */
    uploadExpiresAt: timestamp('upload_expires_at', { withTimezone: true, mode: 'date' }),
    heartCount: integer('heart_count').notNull().default(0),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    createdAt: createdAt(),
    processedAt: timestamp('processed_at', { withTimezone: true, mode: 'date' }),
    approvedAt: timestamp('approved_at', { withTimezone: true, mode: 'date' }),
    approvedBy: uuid('approved_by').references(() => users.id, { onDelete: 'set null' }),
    deletedAt: timestamp('deleted_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    uniqueIndex('album_photos_user_client_key').on(t.albumId, t.uploaderUserId, t.clientId).where(sql`${t.uploaderUserId} is not null`),
    uniqueIndex('album_photos_guest_client_key').on(t.albumId, t.uploaderGuestId, t.clientId).where(sql`${t.uploaderGuestId} is not null`),
    index('album_photos_album_idx').on(t.albumId, t.id),
    index('album_photos_album_seq_idx').on(t.albumId, t.seq),
    index('album_photos_album_taken_idx').on(t.albumId, t.takenAt, t.id),
    index('album_photos_guest_idx').on(t.uploaderGuestId),
    index('album_photos_pending_idx').on(t.uploadExpiresAt).where(sql`${t.status} = 'pending_upload'`),
  ],
);

/** One heart per photo and person: exactly one of user_id / guest_id. */
export const albumPhotoHearts = pgTable(
  'album_photo_hearts',
  {
    id: uuid('id').primaryKey(),
    photoId: uuid('photo_id')
      .notNull()
      .references(() => albumPhotos.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    guestId: uuid('guest_id').references(() => albumGuests.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [
    check('album_photo_hearts_one_actor', sql`(${t.userId} is null) <> (${t.guestId} is null)`),
    uniqueIndex('album_photo_hearts_user_key').on(t.photoId, t.userId).where(sql`${t.userId} is not null`),
    uniqueIndex('album_photo_hearts_guest_key').on(t.photoId, t.guestId).where(sql`${t.guestId} is not null`),
  ],
);

// ---- end albums ----

// ---- workouts (issue 10; written by workouts-core, every workout helper builds on it) ----

/**
 * Weights are stored in kg and distances in metres, numeric with enough scale that the
 * exact lb / mi factors (0.45359237, 1609.344) survive; beside them the value and unit the
 * user typed, so 100 lb is shown as 100 lb again and never as 99.99.
 */
const kg = (name: string) => numeric(name, { precision: 14, scale: 8, mode: 'number' });
const metres = (name: string) => numeric(name, { precision: 14, scale: 5, mode: 'number' });
const entered = (name: string) => numeric(name, { precision: 12, scale: 4, mode: 'number' });
const updatedAt = () => timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();

/** Built-ins have `owner_id` null and a stable `slug` (the migration inserts them); custom ones belong to a user. */
export const exercises = pgTable(
  'exercises',
  {
    id: uuid('id').primaryKey(),
    ownerId: uuid('owner_id').references(() => users.id, { onDelete: 'cascade' }),
    slug: varchar('slug', { length: 80 }),
    nameEn: varchar('name_en', { length: 100 }).notNull(),
    nameDe: varchar('name_de', { length: 100 }).notNull(),
    primaryMuscles: text('primary_muscles').array().notNull().default(sql`'{}'::text[]`),
    secondaryMuscles: text('secondary_muscles').array().notNull().default(sql`'{}'::text[]`),
    /** barbell | dumbbell | machine | cable | kettlebell | bodyweight | band | plate | smith_machine | other | none */
    equipment: varchar('equipment', { length: 24 }).notNull(),
    trackingType: varchar('tracking_type', { length: 24 }).notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    /** Custom exercises are soft-deleted: past workouts keep pointing at them. */
    deletedAt: timestamp('deleted_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    uniqueIndex('exercises_slug_key').on(t.slug),
    index('exercises_owner_idx').on(t.ownerId),
    check(
      'exercises_tracking_type_check',
      sql`${t.trackingType} in ('weight_reps','bodyweight_reps','weighted_bodyweight','assisted_bodyweight','duration','distance_duration','weight_distance')`,
    ),
    check('exercises_builtin_slug_check', sql`(${t.ownerId} is null) = (${t.slug} is not null)`),
  ],
);

/** Per-user settings of the training log; a missing row means the defaults. */
export const workoutPreferences = pgTable(
  'workout_preferences',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    weightUnit: varchar('weight_unit', { length: 2 }).notNull().default('kg'),
    distanceUnit: varchar('distance_unit', { length: 2 }).notNull().default('km'),
    /** male | female | null; only DOTS needs it. */
    sex: varchar('sex', { length: 8 }),
    bodyweightKg: kg('bodyweight_kg'),
    bodyweightInput: entered('bodyweight_input'),
    /** private | friends | public: what a new workout starts with. */
    defaultVisibility: varchar('default_visibility', { length: 8 }).notNull().default('friends'),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('workout_preferences_weight_unit_check', sql`${t.weightUnit} in ('kg','lb')`),
    check('workout_preferences_distance_unit_check', sql`${t.distanceUnit} in ('km','mi')`),
    check('workout_preferences_sex_check', sql`${t.sex} is null or ${t.sex} in ('male','female')`),
  ],
);

export const routineFolders = pgTable(
  'routine_folders',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: varchar('name', { length: 100 }).notNull(),
    position: integer('position').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('routine_folders_user_idx').on(t.userId, t.position)],
);

export const routines = pgTable(
  'routines',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    folderId: uuid('folder_id').references(() => routineFolders.id, { onDelete: 'set null' }),
    title: varchar('title', { length: 100 }).notNull(),
    notes: text('notes'),
    position: integer('position').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('routines_user_idx').on(t.userId, t.folderId, t.position)],
);

export const routineExercises = pgTable(
  'routine_exercises',
  {
    id: uuid('id').primaryKey(),
    routineId: uuid('routine_id')
      .notNull()
      .references(() => routines.id, { onDelete: 'cascade' }),
    exerciseId: uuid('exercise_id')
      .notNull()
      .references(() => exercises.id),
    position: integer('position').notNull(),
    supersetGroup: integer('superset_group'),
    /** The rest timer the client runs after each set of this exercise. */
    restSeconds: integer('rest_seconds'),
    notes: text('notes'),
  },
  (t) => [index('routine_exercises_routine_idx').on(t.routineId, t.position)],
);

/** The target sets of a routine exercise (all targets optional: "3 × 8-12" is reps only). */
export const routineSets = pgTable(
  'routine_sets',
  {
    id: uuid('id').primaryKey(),
    routineExerciseId: uuid('routine_exercise_id')
      .notNull()
      .references(() => routineExercises.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    type: varchar('type', { length: 8 }).notNull().default('normal'),
    weightKg: kg('weight_kg'),
    weightInput: entered('weight_input'),
    weightUnit: varchar('weight_unit', { length: 2 }),
    repsMin: integer('reps_min'),
    repsMax: integer('reps_max'),
    distanceM: metres('distance_m'),
    distanceInput: entered('distance_input'),
    distanceUnit: varchar('distance_unit', { length: 2 }),
    durationS: integer('duration_s'),
  },
  (t) => [index('routine_sets_exercise_idx').on(t.routineExerciseId, t.position)],
);

/**
 * `client_id` is unique per user: a retried `POST /api/workouts` (the offline outbox, an
 * import of the same CSV row) returns the first workout. `finished_at` null = in progress.
 * `volume_kg` and `set_count` are the finish summary, kept current on every write, so
 * weekly stats read one row per workout.
 */
export const workouts = pgTable(
  'workouts',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    clientId: varchar('client_id', { length: 64 }).notNull(),
    title: varchar('title', { length: 100 }).notNull(),
    notes: text('notes'),
    startedAt: timestamp('started_at', { withTimezone: true, mode: 'date' }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true, mode: 'date' }),
    finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'date' }),
    visibility: varchar('visibility', { length: 8 }).notNull().default('friends'),
    routineId: uuid('routine_id').references(() => routines.id, { onDelete: 'set null' }),
    /** manual | strong | hevy: where it came from (imports set it). */
    source: varchar('source', { length: 8 }).notNull().default('manual'),
    /** Bumped on every write; a sync may send the revision it started from. */
    revision: integer('revision').notNull().default(1),
    volumeKg: numeric('volume_kg', { precision: 16, scale: 4, mode: 'number' }).notNull().default(0),
    setCount: integer('set_count').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('workouts_user_client_key').on(t.userId, t.clientId),
    index('workouts_user_started_idx').on(t.userId, t.startedAt, t.id),
    index('workouts_feed_idx').on(t.finishedAt, t.id).where(sql`${t.finishedAt} is not null and ${t.visibility} <> 'private'`),
    check('workouts_visibility_check', sql`${t.visibility} in ('private','friends','public')`),
    check('workouts_end_after_start_check', sql`${t.endedAt} is null or ${t.endedAt} >= ${t.startedAt}`),
  ],
);

/** `user_id` and `exercise_id` sit here so "every set of my bench press" is one index range. */
export const workoutExercises = pgTable(
  'workout_exercises',
  {
    id: uuid('id').primaryKey(),
    workoutId: uuid('workout_id')
      .notNull()
      .references(() => workouts.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    exerciseId: uuid('exercise_id')
      .notNull()
      .references(() => exercises.id),
    clientId: varchar('client_id', { length: 64 }).notNull(),
    position: integer('position').notNull(),
    supersetGroup: integer('superset_group'),
    restSeconds: integer('rest_seconds'),
    notes: text('notes'),
  },
  (t) => [
    uniqueIndex('workout_exercises_workout_client_key').on(t.workoutId, t.clientId),
    index('workout_exercises_user_exercise_idx').on(t.userId, t.exerciseId),
  ],
);

export const workoutSets = pgTable(
  'workout_sets',
  {
    id: uuid('id').primaryKey(),
    workoutExerciseId: uuid('workout_exercise_id')
      .notNull()
      .references(() => workoutExercises.id, { onDelete: 'cascade' }),
    clientId: varchar('client_id', { length: 64 }).notNull(),
    position: integer('position').notNull(),
    /** normal | warmup | drop | failure; warm-ups count for nothing (volume, records). */
    type: varchar('type', { length: 8 }).notNull().default('normal'),
    /** For assisted bodyweight: the assistance. */
    weightKg: kg('weight_kg'),
    weightInput: entered('weight_input'),
    weightUnit: varchar('weight_unit', { length: 2 }),
    reps: integer('reps'),
    rpe: numeric('rpe', { precision: 3, scale: 1, mode: 'number' }),
    distanceM: metres('distance_m'),
    distanceInput: entered('distance_input'),
    /** m | km | mi */
    distanceUnit: varchar('distance_unit', { length: 2 }),
    durationS: integer('duration_s'),
    done: boolean('done').notNull().default(false),
    completedAt: timestamp('completed_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    uniqueIndex('workout_sets_exercise_client_key').on(t.workoutExerciseId, t.clientId),
    check('workout_sets_type_check', sql`${t.type} in ('normal','warmup','drop','failure')`),
  ],
);

/**
 * Every record ever set, in order (the PR history); `current` marks the standing one per
 * (user, exercise, kind[, weight]). Rebuilt for an exercise whenever a workout with it is
 * finished, edited or deleted, so deleting the PR workout brings the previous one back.
 * kind: heaviest | e1rm | set_volume | reps_at_weight (weight_kg = the weight) | distance | duration.
 */
export const personalRecords = pgTable(
  'personal_records',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    exerciseId: uuid('exercise_id')
      .notNull()
      .references(() => exercises.id, { onDelete: 'cascade' }),
    kind: varchar('kind', { length: 16 }).notNull(),
    /** Only for reps_at_weight: the weight the reps were done at. */
    weightKg: kg('weight_kg'),
    value: numeric('value', { precision: 16, scale: 6, mode: 'number' }).notNull(),
    previousValue: numeric('previous_value', { precision: 16, scale: 6, mode: 'number' }),
    workoutId: uuid('workout_id')
      .notNull()
      .references(() => workouts.id, { onDelete: 'cascade' }),
    setId: uuid('set_id')
      .notNull()
      .references(() => workoutSets.id, { onDelete: 'cascade' }),
    achievedAt: timestamp('achieved_at', { withTimezone: true, mode: 'date' }).notNull(),
    current: boolean('current').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    index('personal_records_user_exercise_idx').on(t.userId, t.exerciseId, t.kind, t.achievedAt),
    index('personal_records_workout_idx').on(t.workoutId),
    uniqueIndex('personal_records_current_key')
      .on(t.userId, t.exerciseId, t.kind, sql`coalesce(${t.weightKg}, -1)`)
      .where(sql`${t.current}`),
    check('personal_records_kind_check', sql`${t.kind} in ('heaviest','e1rm','set_volume','reps_at_weight','distance','duration')`),
  ],
);

export const bodyMeasurements = pgTable(
  'body_measurements',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    clientId: varchar('client_id', { length: 64 }).notNull(),
    measuredAt: timestamp('measured_at', { withTimezone: true, mode: 'date' }).notNull(),
    bodyweightKg: kg('bodyweight_kg').notNull(),
    bodyweightInput: entered('bodyweight_input').notNull(),
    bodyweightUnit: varchar('bodyweight_unit', { length: 2 }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('body_measurements_user_client_key').on(t.userId, t.clientId), index('body_measurements_user_idx').on(t.userId, t.measuredAt)],
);

// social layer of workouts (used by workouts-social)

export const workoutKudos = pgTable(
  'workout_kudos',
  {
    workoutId: uuid('workout_id')
      .notNull()
      .references(() => workouts.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.workoutId, t.userId] }), index('workout_kudos_user_idx').on(t.userId)],
);

export const workoutComments = pgTable(
  'workout_comments',
  {
    id: uuid('id').primaryKey(),
    workoutId: uuid('workout_id')
      .notNull()
      .references(() => workouts.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    clientId: varchar('client_id', { length: 64 }),
    body: text('body').notNull(),
    createdAt: createdAt(),
    deletedAt: timestamp('deleted_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    index('workout_comments_workout_idx').on(t.workoutId, t.id),
    uniqueIndex('workout_comments_user_client_key').on(t.userId, t.clientId).where(sql`${t.clientId} is not null`),
  ],
);

/** Opt-in: rooms a user's new PRs are announced in. */
export const prAnnouncementRooms = pgTable(
  'pr_announcement_rooms',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    chatroomId: uuid('chatroom_id')
      .notNull()
      .references(() => chatrooms.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.chatroomId] }), index('pr_announcement_rooms_room_idx').on(t.chatroomId)],
);

/**
 * A set (or record) far above the user's previous best is held out of leaderboards until
 * they confirm it. status: pending | confirmed | rejected.
 */
export const leaderboardHolds = pgTable(
  'leaderboard_holds',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    workoutId: uuid('workout_id')
      .notNull()
      .references(() => workouts.id, { onDelete: 'cascade' }),
    setId: uuid('set_id').references(() => workoutSets.id, { onDelete: 'cascade' }),
    exerciseId: uuid('exercise_id').references(() => exercises.id, { onDelete: 'cascade' }),
    /** e1rm | heaviest | volume: which metric looked implausible. */
    metric: varchar('metric', { length: 16 }).notNull(),
    value: numeric('value', { precision: 16, scale: 6, mode: 'number' }).notNull(),
    previousBest: numeric('previous_best', { precision: 16, scale: 6, mode: 'number' }),
    status: varchar('status', { length: 12 }).notNull().default('pending'),
    createdAt: createdAt(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    uniqueIndex('leaderboard_holds_workout_set_metric_key').on(t.workoutId, sql`coalesce(${t.setId}, ${t.workoutId})`, t.metric),
    index('leaderboard_holds_user_idx').on(t.userId, t.status),
    check('leaderboard_holds_status_check', sql`${t.status} in ('pending','confirmed','rejected')`),
  ],
);

// ---- end workouts ----

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
  albums,
  albumMembers,
  albumInvites,
  albumGuests,
  albumWallLinks,
  albumPhotos,
  albumPhotoHearts,
  exercises,
  workoutPreferences,
  routineFolders,
  routines,
  routineExercises,
  routineSets,
  workouts,
  workoutExercises,
  workoutSets,
  personalRecords,
  bodyMeasurements,
  workoutKudos,
  workoutComments,
  prAnnouncementRooms,
  leaderboardHolds,
};
export type Schema = typeof schema;
