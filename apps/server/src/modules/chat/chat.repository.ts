import { Injectable } from '@nestjs/common';
import { and, asc, desc, eq, inArray, isNotNull, ne, sql } from 'drizzle-orm';
import { Database, type Db } from '../../infra/db/database';
import { chatroomParticipants, chatrooms, isActiveParticipant, messageMentions, messageReactions, messages, users } from '../../infra/db/schema';

export type ChatroomRow = typeof chatrooms.$inferSelect;
export type ParticipantRow = typeof chatroomParticipants.$inferSelect;
export type MessageRow = typeof messages.$inferSelect;
export type UserRow = typeof users.$inferSelect;
export type ReactionRow = typeof messageReactions.$inferSelect;

/** A transaction handle or the database: the same query methods on both. */
export type Executor = Pick<Db, 'select' | 'insert' | 'update' | 'delete' | 'execute'>;

export interface RoomSummaryRow {
  room: ChatroomRow;
  membership: ParticipantRow;
  unreadCount: number;
}

export interface NewMessage {
  id: string;
  chatroomId: string;
  senderId: string;
  clientId: string;
  content: string;
  replyToId: string | null;
  mentionIds: string[];
  card: MessageRow['card'];
  /** Only on a system line: what happened (its sender is who did it). */
  system?: Record<string, unknown>;
}

@Injectable()
export class ChatRepository {
  constructor(private readonly database: Database) {}

  private get db(): Db {
    return this.database.db;
  }

  transaction<T>(work: (tx: Executor) => Promise<T>): Promise<T> {
    return this.db.transaction((tx) => work(tx as unknown as Executor));
  }

  // ---- rooms and participants ----

  async findRoom(id: string, tx: Executor = this.db): Promise<ChatroomRow | undefined> {
    const [row] = await tx.select().from(chatrooms).where(eq(chatrooms.id, id)).limit(1);
    return row;
  }

  async findDm(dmKey: string): Promise<ChatroomRow | undefined> {
    const [row] = await this.db.select().from(chatrooms).where(eq(chatrooms.dmKey, dmKey)).limit(1);
    return row;
  }

  /** A member now: a removed member's row (kept until they dismiss it) does not count. */
  async findMembership(roomId: string, userId: string, tx: Executor = this.db): Promise<ParticipantRow | undefined> {
    const [row] = await tx
      .select()
      .from(chatroomParticipants)
      .where(and(eq(chatroomParticipants.chatroomId, roomId), eq(chatroomParticipants.userId, userId), isActiveParticipant()))
      .limit(1);
    return row;
  }

  /**
   * Memberships now (removed rows do not count) with their rooms, for many joins at once:
   * every pair of these users and rooms that exists (the caller keeps the pairs it asked for).
   */
  async membershipsAmong(userIds: string[], roomIds: string[]): Promise<{ membership: ParticipantRow; room: ChatroomRow }[]> {
    if (!userIds.length || !roomIds.length) return [];
    return this.db
      .select({ membership: chatroomParticipants, room: chatrooms })
      .from(chatroomParticipants)
      .innerJoin(chatrooms, eq(chatrooms.id, chatroomParticipants.chatroomId))
      .where(and(inArray(chatroomParticipants.userId, userIds), inArray(chatroomParticipants.chatroomId, roomIds), isActiveParticipant()));
  }

  /** The members now of each of these rooms, as (room, user) pairs. */
  async participantIdsOf(roomIds: string[]): Promise<{ chatroomId: string; userId: string }[]> {
    if (!roomIds.length) return [];
    return this.db
      .select({ chatroomId: chatroomParticipants.chatroomId, userId: chatroomParticipants.userId })
      .from(chatroomParticipants)
      .where(and(inArray(chatroomParticipants.chatroomId, roomIds), isActiveParticipant()));
  }

  /** The row the owner's removal left behind, until its member dismisses it. */
  async findRemoval(roomId: string, userId: string, tx: Executor = this.db): Promise<ParticipantRow | undefined> {
    const [row] = await tx
      .select()
      .from(chatroomParticipants)
      .where(and(eq(chatroomParticipants.chatroomId, roomId), eq(chatroomParticipants.userId, userId), isNotNull(chatroomParticipants.removedAt)))
      .limit(1);
    return row;
  }

  /** Marks a member removed (no longer a member; the row stays for their read-only view). */
  async markRemoved(roomId: string, userId: string, removedBy: string, removedSeq: number, tx: Executor): Promise<boolean> {
    const rows = await tx
      .update(chatroomParticipants)
      .set({ removedAt: new Date(), removedBy, removedSeq, role: 'member' })
      .where(and(eq(chatroomParticipants.chatroomId, roomId), eq(chatroomParticipants.userId, userId), isActiveParticipant()))
      .returning({ userId: chatroomParticipants.userId });
    return rows.length > 0;
  }

  /** Dismissing a removal: the row goes for good. */
  async deleteRemoval(roomId: string, userId: string): Promise<boolean> {
    const rows = await this.db
      .delete(chatroomParticipants)
      .where(and(eq(chatroomParticipants.chatroomId, roomId), eq(chatroomParticipants.userId, userId), isNotNull(chatroomParticipants.removedAt)))
      .returning({ userId: chatroomParticipants.userId });
    return rows.length > 0;
  }

  async insertRoom(room: typeof chatrooms.$inferInsert, members: { userId: string; role: 'owner' | 'member' }[], tx: Executor): Promise<ChatroomRow> {
    const [created] = await tx.insert(chatrooms).values(room).returning();
    await tx.insert(chatroomParticipants).values(members.map((m) => ({ chatroomId: room.id, userId: m.userId, role: m.role })));
    return created!;
  }

  async updateRoomSettings(id: string, settings: { name?: string; icon?: string | null }, tx: Executor = this.db): Promise<void> {
    await tx.update(chatrooms).set({ ...settings, updatedAt: new Date() }).where(eq(chatrooms.id, id));
  }

  async deleteRoom(id: string, tx: Executor = this.db): Promise<void> {
    await tx.delete(chatrooms).where(eq(chatrooms.id, id));
  }

  /** Adds the users not yet in the room (someone removed earlier comes back as a member); returns the ids actually added. */
  async addParticipants(roomId: string, userIds: string[], tx: Executor = this.db): Promise<string[]> {
    if (!userIds.length) return [];
    const rows = await tx
      .insert(chatroomParticipants)
      .values(userIds.map((userId) => ({ chatroomId: roomId, userId, role: 'member' })))
      .onConflictDoUpdate({
        target: [chatroomParticipants.chatroomId, chatroomParticipants.userId],
        set: { removedAt: null, removedBy: null, removedSeq: null, role: 'member', joinedAt: new Date() },
        setWhere: isNotNull(chatroomParticipants.removedAt),
      })
      .returning({ userId: chatroomParticipants.userId });
    return rows.map((r) => r.userId);
  }

  async removeParticipant(roomId: string, userId: string, tx: Executor = this.db): Promise<boolean> {
    const rows = await tx
      .delete(chatroomParticipants)
      .where(and(eq(chatroomParticipants.chatroomId, roomId), eq(chatroomParticipants.userId, userId), isActiveParticipant()))
      .returning({ userId: chatroomParticipants.userId });
    return rows.length > 0;
  }

  /** The longest-standing remaining member becomes owner when the owner leaves. */
  async promoteOldestMember(roomId: string, tx: Executor): Promise<string | undefined> {
    const [next] = await tx
      .select({ userId: chatroomParticipants.userId })
      .from(chatroomParticipants)
      .where(and(eq(chatroomParticipants.chatroomId, roomId), isActiveParticipant()))
      .orderBy(asc(chatroomParticipants.joinedAt), asc(chatroomParticipants.userId))
      .limit(1);
    if (!next) return undefined;
    await tx
      .update(chatroomParticipants)
      .set({ role: 'owner' })
      .where(and(eq(chatroomParticipants.chatroomId, roomId), eq(chatroomParticipants.userId, next.userId)));
    return next.userId;
  }

  async participants(roomIds: string[]): Promise<{ participant: ParticipantRow; user: UserRow }[]> {
    if (!roomIds.length) return [];
    return this.db
      .select({ participant: chatroomParticipants, user: users })
      .from(chatroomParticipants)
      .innerJoin(users, eq(users.id, chatroomParticipants.userId))
      .where(and(inArray(chatroomParticipants.chatroomId, roomIds), isActiveParticipant()))
      .orderBy(asc(chatroomParticipants.joinedAt));
  }

  async participantIds(roomId: string): Promise<string[]> {
    const rows = await this.db
      .select({ userId: chatroomParticipants.userId })
      .from(chatroomParticipants)
      .where(and(eq(chatroomParticipants.chatroomId, roomId), isActiveParticipant()));
    return rows.map((r) => r.userId);
  }

  /** Everyone with a row here, removed members too: who hears that the room is gone. */
  async everyoneListing(roomId: string): Promise<string[]> {
    const rows = await this.db.select({ userId: chatroomParticipants.userId }).from(chatroomParticipants).where(eq(chatroomParticipants.chatroomId, roomId));
    return rows.map((r) => r.userId);
  }

  /** Everyone who shares at least one room with the user: who may see their presence. */
  async roomMateIds(userId: string): Promise<string[]> {
    const mine = this.db
      .select({ id: chatroomParticipants.chatroomId })
      .from(chatroomParticipants)
      .where(and(eq(chatroomParticipants.userId, userId), isActiveParticipant()));
    const rows = await this.db
      .selectDistinct({ userId: chatroomParticipants.userId })
      .from(chatroomParticipants)
      .where(and(inArray(chatroomParticipants.chatroomId, mine), ne(chatroomParticipants.userId, userId), isActiveParticipant()));
    return rows.map((r) => r.userId);
  }

  async roomIdsOf(userId: string): Promise<string[]> {
    const rows = await this.db
      .select({ id: chatroomParticipants.chatroomId })
      .from(chatroomParticipants)
      .where(and(eq(chatroomParticipants.userId, userId), isActiveParticipant()));
    return rows.map((r) => r.id);
  }

  /**
   * My rooms, most recently active first, with unread counts (others' live messages past my
   * pointer; system lines do not count). Rooms I was removed from are listed too, until I dismiss them.
   */
  async roomSummaries(userId: string, onlyRoomId?: string): Promise<RoomSummaryRow[]> {
    const unread = sql<number>`(
      select count(*)::int from ${messages} m
      where m.chatroom_id = ${chatrooms.id}
        and m.seq > ${chatroomParticipants.lastReadSeq}
        and m.seq <= coalesce(${chatroomParticipants.removedSeq}, m.seq)
        and m.sender_id <> ${userId}
        and m.kind = 'user'
        and m.deleted_at is null)`;
    const rows = await this.db
      .select({ room: chatrooms, membership: chatroomParticipants, unreadCount: unread })
      .from(chatroomParticipants)
      .innerJoin(chatrooms, eq(chatrooms.id, chatroomParticipants.chatroomId))
      .where(and(eq(chatroomParticipants.userId, userId), onlyRoomId ? eq(chatrooms.id, onlyRoomId) : undefined))
      .orderBy(desc(chatrooms.updatedAt), desc(chatrooms.id));
    return rows.map((r) => ({ ...r, unreadCount: Number(r.unreadCount) }));
  }

  async usersByIds(ids: string[]): Promise<UserRow[]> {
    if (!ids.length) return [];
    return this.db.select().from(users).where(inArray(users.id, ids));
  }

  // ---- messages ----

  async findMessage(id: string, tx: Executor = this.db): Promise<MessageRow | undefined> {
    const [row] = await tx.select().from(messages).where(eq(messages.id, id)).limit(1);
    return row;
  }

  /** The message row locked until the caller commits: two deletes of one message take turns. */
  async lockMessage(id: string, tx: Executor): Promise<MessageRow | undefined> {
    const [row] = await tx.select().from(messages).where(eq(messages.id, id)).for('update');
    return row;
  }

  async findByClientId(senderId: string, clientId: string): Promise<MessageRow | undefined> {
    const [row] = await this.db
      .select()
      .from(messages)
      .where(and(eq(messages.senderId, senderId), eq(messages.clientId, clientId)))
      .limit(1);
    return row;
  }

  /**
   * Takes the room's next seq (the UPDATE locks the room row, so sends to one room are
   * serialised and seq has no gaps) and inserts the message in the same transaction.
   */
  async insertMessage(input: NewMessage, tx: Executor): Promise<MessageRow> {
    const [room] = await tx
      .update(chatrooms)
      .set({ lastSeq: sql`${chatrooms.lastSeq} + 1`, updatedAt: new Date() })
      .where(eq(chatrooms.id, input.chatroomId))
      .returning({ lastSeq: chatrooms.lastSeq });
    const [row] = await tx
      .insert(messages)
      .values({
        id: input.id,
        chatroomId: input.chatroomId,
        seq: room!.lastSeq,
        senderId: input.senderId,
        clientId: input.clientId,
        content: input.content,
        replyToId: input.replyToId,
        card: input.card,
        ...(input.system ? { kind: 'system', system: input.system } : {}),
      })
      .returning();
    if (input.mentionIds.length) {
      await tx.insert(messageMentions).values(input.mentionIds.map((userId) => ({ messageId: input.id, userId })));
    }
    return row!;
  }

  /**
   * The sender's pointer after sending `seq`: a reply reads up to the message it answers;
   * then the new message itself is read only if nothing of anyone else's (live) lies
   * unread before it. Sending never marks others' earlier messages read on its own.
   * Runs in the send's transaction, after `insertMessage` locked the room row, so no
   * message can still appear below `seq`. Also answers whether the sender shares read
   * receipts (one round trip, for deciding who hears of the move).
   */
  async moveSenderPointer(
    roomId: string,
    userId: string,
    seq: number,
    replyToSeq: number | null,
    tx: Executor,
  ): Promise<{ seq: number; sharesReceipts: boolean } | undefined> {
    const floor = sql`greatest(${chatroomParticipants.lastReadSeq}, ${replyToSeq}::bigint)`;
    const [row] = await tx
      .update(chatroomParticipants)
      .set({
        lastReadSeq: sql`case when exists (
            select 1 from ${messages} m
            where m.chatroom_id = ${roomId} and m.seq > ${floor} and m.seq < ${seq}::bigint
              and m.sender_id <> ${userId} and m.kind = 'user' and m.deleted_at is null)
          then ${floor} else ${seq}::bigint end`,
      })
      .where(and(eq(chatroomParticipants.chatroomId, roomId), eq(chatroomParticipants.userId, userId), isActiveParticipant()))
      .returning({ seq: chatroomParticipants.lastReadSeq, sharesReceipts: sharesReceiptsOf(userId) });
    return row && { seq: Number(row.seq), sharesReceipts: row.sharesReceipts };
  }

  /** New content and its mentions, together or not at all. */
  async editMessage(id: string, content: string, mentionIds: string[], editedAt: Date): Promise<MessageRow> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx.update(messages).set({ content, editedAt }).where(eq(messages.id, id)).returning();
      await tx.delete(messageMentions).where(eq(messageMentions.messageId, id));
      if (mentionIds.length) await tx.insert(messageMentions).values(mentionIds.map((userId) => ({ messageId: id, userId })));
      return row!;
    });
  }

  /** Soft delete: the row keeps its seq (no gap in history), the text and reactions go. In the caller's transaction (its attachments go in it too). */
  async softDeleteMessage(id: string, deletedAt: Date, tx: Executor): Promise<MessageRow> {
    const [row] = await tx.update(messages).set({ content: '', card: null, deletedAt }).where(eq(messages.id, id)).returning();
    await tx.delete(messageMentions).where(eq(messageMentions.messageId, id));
    await tx.delete(messageReactions).where(eq(messageReactions.messageId, id));
    return row!;
  }

  /** Each room's newest live message as `viewerId` may see it (up to their removal, if they were removed). */
  async lastMessages(roomIds: string[], viewerId: string): Promise<MessageRow[]> {
    if (!roomIds.length) return [];
    const result = await this.db.execute<Record<string, unknown>>(sql`
      select m.id from ${chatrooms} r
      left join ${chatroomParticipants} p on p.chatroom_id = r.id and p.user_id = ${viewerId}
      join lateral (select id from ${messages} where chatroom_id = r.id and deleted_at is null
        and seq <= coalesce(p.removed_seq, seq) order by seq desc limit 1) m on true
      where r.id in ${roomIds}`);
    const ids = rowsOf(result).map((r) => String(r.id));
    if (!ids.length) return [];
    return this.db.select().from(messages).where(inArray(messages.id, ids));
  }

  async addReaction(messageId: string, userId: string, emoji: string): Promise<boolean> {
    const rows = await this.db
      .insert(messageReactions)
      .values({ messageId, userId, emoji })
      .onConflictDoNothing()
      .returning({ messageId: messageReactions.messageId });
    return rows.length > 0;
  }

  async removeReaction(messageId: string, userId: string, emoji: string): Promise<boolean> {
    const rows = await this.db
      .delete(messageReactions)
      .where(and(eq(messageReactions.messageId, messageId), eq(messageReactions.userId, userId), eq(messageReactions.emoji, emoji)))
      .returning({ messageId: messageReactions.messageId });
    return rows.length > 0;
  }

  /**
   * Moves the read pointer forward only, never past the room's last message. Also answers
   * whether the reader shares read receipts (one round trip, for deciding who hears of it).
   */
  async advanceReadPointer(roomId: string, userId: string, seq: number): Promise<{ seq: number; sharesReceipts: boolean } | undefined> {
    const [row] = await this.db
      .update(chatroomParticipants)
      .set({
        lastReadSeq: sql`greatest(${chatroomParticipants.lastReadSeq}, least(${seq}::bigint, (select ${chatrooms.lastSeq} from ${chatrooms} where ${chatrooms.id} = ${roomId})))`,
      })
      .where(and(eq(chatroomParticipants.chatroomId, roomId), eq(chatroomParticipants.userId, userId), isActiveParticipant()))
      .returning({ seq: chatroomParticipants.lastReadSeq, sharesReceipts: sharesReceiptsOf(userId) });
    return row && { seq: Number(row.seq), sharesReceipts: row.sharesReceipts };
  }

  async setNotificationLevel(roomId: string, userId: string, level: string): Promise<boolean> {
    const rows = await this.db
      .update(chatroomParticipants)
      .set({ notificationLevel: level })
      .where(and(eq(chatroomParticipants.chatroomId, roomId), eq(chatroomParticipants.userId, userId), isActiveParticipant()))
      .returning({ userId: chatroomParticipants.userId });
    return rows.length > 0;
  }
}

/** users.read_receipts of one user, as a column of a RETURNING list. */
const sharesReceiptsOf = (userId: string) =>
  sql<boolean>`(select ${users.readReceipts} from ${users} where ${users.id} = ${userId})`.mapWith(Boolean);

/** `execute` answers `{ rows }` on both drivers (pg and PGlite). */
function rowsOf(result: unknown): Record<string, unknown>[] {
  return ((result as { rows?: Record<string, unknown>[] }).rows ?? []) as Record<string, unknown>[];
}
