import { sql } from 'drizzle-orm';
import { bigint, boolean, index, inet, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';

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

export const schema = { users, sessions, refreshTokens, chatrooms, chatroomParticipants, messages, messageReactions, messageMentions };
export type Schema = typeof schema;
