import { Injectable } from '@nestjs/common';
import { UNREAD_COUNT_CAP } from '@discordgym/contracts';
import { and, desc, eq, exists, inArray, isNull, lt, ne, notExists, notInArray, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { v7 as uuidv7 } from 'uuid';
import { Database, type Db, type Executor } from '../../infra/db/database';
import { blocks, chatAttachments, chatroomParticipants, chatrooms, friendRequests, friendships, isActiveParticipant, messages, notifications, pushSubscriptions, users } from '../../infra/db/schema';

export type NotificationRow = typeof notifications.$inferSelect;
export type PushSubscriptionRow = typeof pushSubscriptions.$inferSelect;
type UserRow = typeof users.$inferSelect;

/** What a producer asks for: one notification for one person (the event id is added on insert). */
export interface NotificationDraft {
  userId: string;
  kind: string;
  actorId: string | null;
  chatroomId?: string | null;
  messageId?: string | null;
  /** Kind-specific extras a later kind may need (kept as JSON); the message kinds need none. */
  data?: Record<string, unknown>;
}

/** A notification with what its view needs, read in one query. */
export interface NotificationViewRow {
  notification: NotificationRow;
  actor: UserRow | null;
  seq: number | null;
  content: string | null;
  /** Attachments on the message (0 without a message). */
  attachmentCount: number;
  deletedAt: Date | null;
  roomName: string | null;
  isGroup: boolean | null;
  /** Whether the recipient is (still) in the notification's room. */
  member: boolean;
}

/** The message a `message.created` event is about, as the consumer needs it. */
export interface MessageFacts {
  chatroomId: string;
  senderId: string;
  deleted: boolean;
  isGroup: boolean;
  /** Who wrote the message this one answers (null: not a reply, or the parent is gone). */
  replyToSenderId: string | null;
}

export interface MessageCandidate {
  userId: string;
  level: string | null;
}

/**
 * All queries of notifications and push subscriptions. The message consumer also reads a
 * few chat and friends tables (the message, its room's participants and their levels,
 * blocks, pending requests): read-only, in one place, so a notification decision costs
 * one or two indexed queries instead of a round of service calls.
 */
@Injectable()
export class NotificationsRepository {
  constructor(private readonly database: Database) {}

  private get db(): Db {
    return this.database.db;
  }

  // ---- what the producers read ----

  /**
   * The message a `message.created` event is about, with the room's members who might be
   * notified about it (one query per event): in a DM the other person; in a group those
   * mentioned, the author of the answered message and whoever chose "all" (a big group's
   * silent majority is never loaded). Those who blocked the sender are left out.
   */
  async messageWithCandidates(messageId: string, senderId: string, mentionedIds: string[]): Promise<{ facts: MessageFacts; candidates: MessageCandidate[] } | undefined> {
    const parent = alias(messages, 'parent');
    const rows = await this.db
      .select({
        chatroomId: messages.chatroomId,
        senderId: messages.senderId,
        deletedAt: messages.deletedAt,
        isGroup: chatrooms.isGroup,
        replyToSenderId: parent.senderId,
        userId: chatroomParticipants.userId,
        level: chatroomParticipants.notificationLevel,
      })
      .from(messages)
      .innerJoin(chatrooms, eq(chatrooms.id, messages.chatroomId))
      .leftJoin(parent, and(eq(parent.id, messages.replyToId), eq(parent.chatroomId, messages.chatroomId)))
      .leftJoin(
        chatroomParticipants,
        and(
          eq(chatroomParticipants.chatroomId, messages.chatroomId),
          ne(chatroomParticipants.userId, senderId),
          isActiveParticipant(),
          or(
            eq(chatrooms.isGroup, false),
            eq(chatroomParticipants.notificationLevel, 'all'),
            mentionedIds.length ? inArray(chatroomParticipants.userId, mentionedIds) : undefined,
            eq(chatroomParticipants.userId, parent.senderId),
          ),
          notExists(
            this.db
              .select({ one: sql`1` })
              .from(blocks)
              .where(and(eq(blocks.blockerId, chatroomParticipants.userId), eq(blocks.blockedId, senderId))),
          ),
        ),
      )
      .where(eq(messages.id, messageId));
    const first = rows[0];
    if (!first) return undefined;
    return {
      facts: { chatroomId: first.chatroomId, senderId: first.senderId, deleted: first.deletedAt !== null, isGroup: first.isGroup, replyToSenderId: first.replyToSenderId },
      candidates: rows.flatMap((r) => (r.userId === null ? [] : [{ userId: r.userId, level: r.level }])),
    };
  }

  /** A request that was accepted, declined or cancelled before its notification was made is not news. */
  async requestPending(requestId: string): Promise<boolean> {
    const [row] = await this.db.select({ id: friendRequests.id }).from(friendRequests).where(eq(friendRequests.id, requestId)).limit(1);
    return row !== undefined;
  }

  async areFriends(userId: string, friendId: string): Promise<boolean> {
    const [row] = await this.db
      .select({ userId: friendships.userId })
      .from(friendships)
      .where(and(eq(friendships.userId, userId), eq(friendships.friendId, friendId)))
      .limit(1);
    return row !== undefined;
  }

  // ---- writing notifications ----

  /** Inserts the drafts of one event; a (event, recipient) pair already stored is skipped. */
  async insert(tx: Executor, eventId: string, drafts: NotificationDraft[]): Promise<NotificationRow[]> {
    if (!drafts.length) return [];
    return tx
      .insert(notifications)
      .values(
        drafts.map((d) => ({
          id: uuidv7(),
          userId: d.userId,
          kind: d.kind,
          actorId: d.actorId,
          chatroomId: d.chatroomId ?? null,
          messageId: d.messageId ?? null,
          eventId,
          data: d.data ?? {},
        })),
      )
      .onConflictDoNothing({ target: [notifications.eventId, notifications.userId] })
      .returning();
  }

  /** Of these users, those with at least one push subscription. */
  async usersWithPush(tx: Executor, userIds: string[]): Promise<string[]> {
    if (!userIds.length) return [];
    const rows = await tx.select({ userId: pushSubscriptions.userId }).from(pushSubscriptions).where(inArray(pushSubscriptions.userId, userIds));
    return [...new Set(rows.map((r) => r.userId))];
  }

  // ---- reading notifications ----

  /** Newest first, strictly older than `before` (ids are time-ordered). */
  async page(userId: string, before: string | undefined, limit: number): Promise<NotificationViewRow[]> {
    return this.view(and(eq(notifications.userId, userId), before ? lt(notifications.id, before) : undefined), limit);
  }

  async byIds(ids: string[]): Promise<NotificationViewRow[]> {
    if (!ids.length) return [];
    return this.view(inArray(notifications.id, ids), ids.length);
  }

  private async view(where: ReturnType<typeof and>, limit: number): Promise<NotificationViewRow[]> {
    const member = exists(
      this.db
        .select({ one: sql`1` })
        .from(chatroomParticipants)
        .where(and(eq(chatroomParticipants.chatroomId, notifications.chatroomId), eq(chatroomParticipants.userId, notifications.userId), isActiveParticipant())),
    );
    const rows = await this.db
      .select({
        notification: notifications,
        actor: users,
        seq: messages.seq,
        content: messages.content,
        attachmentCount: sql<number>`(select count(*)::int from ${chatAttachments} where ${chatAttachments.messageId} = ${messages.id})`,
        deletedAt: messages.deletedAt,
        roomName: chatrooms.name,
        isGroup: chatrooms.isGroup,
        member: sql<boolean>`${member}`,
      })
      .from(notifications)
      .leftJoin(users, eq(users.id, notifications.actorId))
      .leftJoin(messages, eq(messages.id, notifications.messageId))
      .leftJoin(chatrooms, eq(chatrooms.id, notifications.chatroomId))
      .where(where)
      .orderBy(desc(notifications.id))
      .limit(limit);
    return rows.map((r) => ({ ...r, member: Boolean(r.member), attachmentCount: Number(r.attachmentCount ?? 0) }));
  }

  /** Exact below the cap; a huge backlog is never counted in full. */
  async unreadCount(userId: string): Promise<number> {
    const unread = this.db
      .select({ one: sql`1` })
      .from(notifications)
      .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
      .limit(UNREAD_COUNT_CAP)
      .as('unread');
    const [row] = await this.db.select({ n: sql<number>`count(*)::int` }).from(unread);
    return Number(row?.n ?? 0);
  }

  /** Of these users, those with an unread notification of this kind whose `data` has this key and value. */
  async withUnread(userIds: string[], kind: string, dataKey: string, dataValue: string): Promise<string[]> {
    if (!userIds.length) return [];
    const rows = await this.db
      .selectDistinct({ userId: notifications.userId })
      .from(notifications)
      .where(and(inArray(notifications.userId, userIds), eq(notifications.kind, kind), isNull(notifications.readAt), sql`${notifications.data} ->> ${dataKey} = ${dataValue}`));
    return rows.map((r) => r.userId);
  }

  async exists(userId: string, id: string): Promise<boolean> {
    const [row] = await this.db
      .select({ id: notifications.id })
      .from(notifications)
      .where(and(eq(notifications.id, id), eq(notifications.userId, userId)))
      .limit(1);
    return row !== undefined;
  }

  /** true when it was unread until now. */
  async markRead(userId: string, id: string, at: Date): Promise<boolean> {
    const rows = await this.db
      .update(notifications)
      .set({ readAt: at })
      .where(and(eq(notifications.id, id), eq(notifications.userId, userId), isNull(notifications.readAt)))
      .returning({ id: notifications.id });
    return rows.length > 0;
  }

  /** Everything unread up to now; one statement (the partial unread index finds the rows). */
  async markAllRead(userId: string, at: Date): Promise<void> {
    await this.db
      .update(notifications)
      .set({ readAt: at })
      .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  }

  // ---- push subscriptions ----

  /**
   * One row per endpoint (a browser profile): subscribing again updates its keys, and an
   * endpoint that now belongs to another account (someone else signed in on that browser)
   * moves to it. Beyond `keep` per user the oldest go.
   */
  async upsertSubscription(input: { userId: string; endpoint: string; p256dh: string; auth: string; userAgent: string | null }, keep: number): Promise<PushSubscriptionRow> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(pushSubscriptions)
        .values({ id: uuidv7(), ...input })
        .onConflictDoUpdate({
          target: pushSubscriptions.endpoint,
          set: { userId: input.userId, p256dh: input.p256dh, auth: input.auth, userAgent: input.userAgent },
        })
        .returning();
      const newest = tx
        .select({ id: pushSubscriptions.id })
        .from(pushSubscriptions)
        .where(eq(pushSubscriptions.userId, input.userId))
        .orderBy(desc(pushSubscriptions.id))
        .limit(keep);
      await tx.delete(pushSubscriptions).where(and(eq(pushSubscriptions.userId, input.userId), notInArray(pushSubscriptions.id, newest)));
      return row!;
    });
  }

  async deleteSubscription(userId: string, endpoint: string): Promise<boolean> {
    const rows = await this.db
      .delete(pushSubscriptions)
      .where(and(eq(pushSubscriptions.userId, userId), eq(pushSubscriptions.endpoint, endpoint)))
      .returning({ id: pushSubscriptions.id });
    return rows.length > 0;
  }

  async deleteSubscriptionById(id: string): Promise<void> {
    await this.db.delete(pushSubscriptions).where(eq(pushSubscriptions.id, id));
  }

  /** Bounded by the per-user maximum that upsert keeps. */
  async subscriptionsOf(userId: string, limit: number): Promise<PushSubscriptionRow[]> {
    return this.db.select().from(pushSubscriptions).where(eq(pushSubscriptions.userId, userId)).orderBy(desc(pushSubscriptions.id)).limit(limit);
  }

  async subscription(id: string): Promise<PushSubscriptionRow | undefined> {
    const [row] = await this.db.select().from(pushSubscriptions).where(eq(pushSubscriptions.id, id)).limit(1);
    return row;
  }
}
