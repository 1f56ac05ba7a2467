import { Injectable } from '@nestjs/common';
import { and, asc, eq, gt, inArray, isNull, lt, ne, or, sql } from 'drizzle-orm';
import type { ChatAttachment } from '@discordgym/contracts';
import { Database, type Db, type Executor } from '../../../infra/db/database';
import { chatAttachments, chatrooms, messages, users } from '../../../infra/db/schema';

export type AttachmentRow = typeof chatAttachments.$inferSelect;
export type NewAttachmentRow = typeof chatAttachments.$inferInsert;

/** Storage keys of one attachment, made by the server only (never from a client's file name). */
export const attachmentPrefix = (chatroomId: string, attachmentId: string): string => `chat/${chatroomId}/${attachmentId}/`;
export const roomAttachmentPrefix = (chatroomId: string): string => `chat/${chatroomId}/`;
export function attachmentKeys(chatroomId: string, attachmentId: string): { original: string; thumb: string; preview: string } {
  const prefix = attachmentPrefix(chatroomId, attachmentId);
  return { original: `${prefix}original`, thumb: `${prefix}thumb.webp`, preview: `${prefix}preview.webp` };
}

/** Every storage key a row may have written. */
export const keysOf = (row: Pick<AttachmentRow, 'chatroomId' | 'id'>): string[] => Object.values(attachmentKeys(row.chatroomId, row.id));

/** The columns a member is shown of an attachment (what history reads of it). */
export type ShownAttachmentRow = Pick<
  AttachmentRow,
  'id' | 'chatroomId' | 'uploaderId' | 'kind' | 'status' | 'name' | 'contentType' | 'byteSize' | 'width' | 'height' | 'placeholder' | 'failureReason' | 'createdAt'
>;

/** A row as every member of the room sees it (no URLs: `chatAttachmentLinks` signs those per request). */
export function toChatAttachment(row: ShownAttachmentRow): ChatAttachment {
  return {
    id: row.id,
    chatroom_id: row.chatroomId,
    uploader_id: row.uploaderId,
    kind: row.kind as ChatAttachment['kind'],
    status: row.status as ChatAttachment['status'],
    name: row.name,
    content_type: row.contentType,
    byte_size: row.byteSize,
    width: row.width,
    height: row.height,
    placeholder: row.placeholder,
    failure_reason: row.failureReason,
    created_at: row.createdAt.toISOString(),
  };
}

/** Every query of chat attachments: the upload side (create, complete, process, sweep, usage) and the message side (send, read, delete). */
@Injectable()
export class ChatAttachmentsRepository {
  constructor(private readonly database: Database) {}

  private get db(): Db {
    return this.database.db;
  }

  transaction<T>(work: (tx: Executor) => Promise<T>): Promise<T> {
    return this.db.transaction((tx) => work(tx as unknown as Executor));
  }

  // ---- upload side (create, complete, processing, sweep, usage) ----

  async attachmentById(id: string, tx: Executor = this.db): Promise<AttachmentRow | undefined> {
    const [row] = await tx.select().from(chatAttachments).where(eq(chatAttachments.id, id)).limit(1);
    return row;
  }

  /** One attachment of one room (an id from another room is no attachment of this one). */
  async attachmentInRoom(roomId: string, id: string): Promise<AttachmentRow | undefined> {
    const [row] = await this.db
      .select()
      .from(chatAttachments)
      .where(and(eq(chatAttachments.id, id), eq(chatAttachments.chatroomId, roomId)))
      .limit(1);
    return row;
  }

  async byClientIds(uploaderId: string, clientIds: string[], tx: Executor = this.db): Promise<AttachmentRow[]> {
    if (!clientIds.length) return [];
    return tx
      .select()
      .from(chatAttachments)
      .where(and(eq(chatAttachments.uploaderId, uploaderId), inArray(chatAttachments.clientId, clientIds)));
  }

  /**
   * Locks the room's row until the transaction ends: every upload request into the room waits
   * for the one before it, so two requests at 99 % of the room quota cannot both pass. The
   * user quota spans rooms, so the uploader's own row is locked too. false when the room is gone.
   */
  async lockForQuota(tx: Executor, roomId: string, uploaderId: string): Promise<boolean> {
    const [room] = await tx.select({ id: chatrooms.id }).from(chatrooms).where(eq(chatrooms.id, roomId)).for('no key update').limit(1);
    if (!room) return false;
    const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.id, uploaderId)).for('no key update').limit(1);
    return user !== undefined;
  }

  /** Bytes held (originals + derivatives of every attachment not failed) by the uploader over all rooms, and by the room. */
  async quotaUsed(tx: Executor, roomId: string, uploaderId: string): Promise<{ userBytes: number; roomBytes: number }> {
    const held = and(ne(chatAttachments.status, 'failed'), or(eq(chatAttachments.uploaderId, uploaderId), eq(chatAttachments.chatroomId, roomId)));
    const [row] = await tx
      .select({
        userBytes: sql<string>`coalesce(sum(${chatAttachments.byteSize} + ${chatAttachments.derivedBytes}) filter (where ${chatAttachments.uploaderId} = ${uploaderId}), 0)`,
        roomBytes: sql<string>`coalesce(sum(${chatAttachments.byteSize} + ${chatAttachments.derivedBytes}) filter (where ${chatAttachments.chatroomId} = ${roomId}), 0)`,
      })
      .from(chatAttachments)
      .where(held);
    return { userBytes: Number(row?.userBytes ?? 0), roomBytes: Number(row?.roomBytes ?? 0) };
  }

  async insertIgnoringDuplicates(tx: Executor, rows: NewAttachmentRow[]): Promise<void> {
    if (rows.length) await tx.insert(chatAttachments).values(rows).onConflictDoNothing();
  }

  /** Only while still unsent: the sweep's clock for an upload nobody put on a message. */
  async setUploadExpiry(id: string, expiresAt: Date): Promise<void> {
    await this.db
      .update(chatAttachments)
      .set({ uploadExpiresAt: expiresAt })
      .where(and(eq(chatAttachments.id, id), isNull(chatAttachments.messageId)));
  }

  async lockAttachment(tx: Executor, id: string): Promise<AttachmentRow | undefined> {
    const [row] = await tx.select().from(chatAttachments).where(eq(chatAttachments.id, id)).for('update').limit(1);
    return row;
  }

  async update(tx: Executor, id: string, values: Partial<NewAttachmentRow>): Promise<void> {
    await tx.update(chatAttachments).set(values).where(eq(chatAttachments.id, id));
  }

  /** Images left in `processing` (embedded start-up: their jobs died with the last process). */
  async stuckProcessing(afterId: string | undefined, limit: number): Promise<AttachmentRow[]> {
    return this.db
      .select()
      .from(chatAttachments)
      .where(and(eq(chatAttachments.status, 'processing'), afterId ? gt(chatAttachments.id, afterId) : undefined))
      .orderBy(asc(chatAttachments.id))
      .limit(limit);
  }

  /**
   * Uploads on no message whose time ran out, oldest first. Locked and skipped when locked:
   * a send putting one on its message waits for the sweep or the sweep passes it by.
   */
  async lockExpiredUnsent(tx: Executor, before: Date, limit: number): Promise<AttachmentRow[]> {
    return tx
      .select()
      .from(chatAttachments)
      .where(and(isNull(chatAttachments.messageId), lt(chatAttachments.uploadExpiresAt, before)))
      .orderBy(asc(chatAttachments.uploadExpiresAt))
      .limit(limit)
      .for('update', { skipLocked: true });
  }

  async deleteUnsent(tx: Executor, ids: string[]): Promise<AttachmentRow[]> {
    if (!ids.length) return [];
    return tx
      .delete(chatAttachments)
      .where(and(inArray(chatAttachments.id, ids), isNull(chatAttachments.messageId)))
      .returning();
  }

  /**
   * The named attachments of one room, each with the seq and deleted state of the message it
   * is on (seq null: not sent yet). Whether the caller may see each is the service's call.
   */
  async withMessages(roomId: string, ids: string[]): Promise<Array<{ row: AttachmentRow; seq: number | null; messageDeleted: boolean }>> {
    if (!ids.length) return [];
    const rows = await this.db
      .select({ row: chatAttachments, seq: messages.seq, deletedAt: messages.deletedAt })
      .from(chatAttachments)
      .leftJoin(messages, eq(messages.id, chatAttachments.messageId))
      .where(and(eq(chatAttachments.chatroomId, roomId), inArray(chatAttachments.id, ids)));
    return rows.map((r) => ({ row: r.row, seq: r.seq ?? null, messageDeleted: r.deletedAt != null }));
  }

  /** Bytes in storage over every attachment not failed (originals + derivatives). */
  async usageTotal(): Promise<{ bytes: number; files: number }> {
    const [row] = await this.db
      .select({ bytes: sql<string>`coalesce(sum(${chatAttachments.byteSize} + ${chatAttachments.derivedBytes}), 0)`, files: sql<string>`count(*)` })
      .from(chatAttachments)
      .where(ne(chatAttachments.status, 'failed'));
    return { bytes: Number(row?.bytes ?? 0), files: Number(row?.files ?? 0) };
  }

  async usageByUser(limit: number): Promise<Array<{ userId: string; username: string; bytes: number; files: number }>> {
    const bytes = sql<string>`coalesce(sum(${chatAttachments.byteSize} + ${chatAttachments.derivedBytes}), 0)`;
    const rows = await this.db
      .select({ userId: users.id, username: users.username, bytes, files: sql<string>`count(*)` })
      .from(chatAttachments)
      .innerJoin(users, eq(users.id, chatAttachments.uploaderId))
      .where(ne(chatAttachments.status, 'failed'))
      .groupBy(users.id, users.username)
      .orderBy(sql`${bytes} desc`, asc(users.id))
      .limit(limit);
    return rows.map((r) => ({ userId: r.userId, username: r.username, bytes: Number(r.bytes), files: Number(r.files) }));
  }

  async usageByRoom(limit: number): Promise<Array<{ chatroomId: string; name: string | null; isGroup: boolean; bytes: number; files: number }>> {
    const bytes = sql<string>`coalesce(sum(${chatAttachments.byteSize} + ${chatAttachments.derivedBytes}), 0)`;
    const rows = await this.db
      .select({ chatroomId: chatrooms.id, name: chatrooms.name, isGroup: chatrooms.isGroup, bytes, files: sql<string>`count(*)` })
      .from(chatAttachments)
      .innerJoin(chatrooms, eq(chatrooms.id, chatAttachments.chatroomId))
      .where(ne(chatAttachments.status, 'failed'))
      .groupBy(chatrooms.id, chatrooms.name, chatrooms.isGroup)
      .orderBy(sql`${bytes} desc`, asc(chatrooms.id))
      .limit(limit);
    return rows.map((r) => ({ chatroomId: r.chatroomId, name: r.name, isGroup: r.isGroup, bytes: Number(r.bytes), files: Number(r.files) }));
  }

  // ---- message side (send, history, delete) ----

  /**
   * The rows a send wants to put on its message, locked until the send commits: two sends
   * of one upload queue up here, and the second sees it taken. Locked in id order, so
   * sends sharing several ids cannot deadlock; the send locks these before the room row.
   */
  async lockForSend(ids: string[], tx: Executor): Promise<AttachmentRow[]> {
    if (!ids.length) return [];
    return tx.select().from(chatAttachments).where(inArray(chatAttachments.id, ids)).orderBy(asc(chatAttachments.id)).for('update');
  }

  /** Puts the (locked, checked) rows on the message in the order given; the sweep no longer touches them. */
  async attachToMessage(messageId: string, ids: string[], tx: Executor): Promise<AttachmentRow[]> {
    if (!ids.length) return [];
    const position = sql`case ${chatAttachments.id} ${sql.join(
      ids.map((id, i) => sql`when ${id}::uuid then ${i}::int`),
      sql` `,
    )} end`;
    const rows = await tx
      .update(chatAttachments)
      .set({ messageId, position, uploadExpiresAt: null })
      .where(and(inArray(chatAttachments.id, ids), isNull(chatAttachments.messageId)))
      .returning();
    return rows.sort((a, b) => a.position - b.position);
  }

  /** The attachments of these messages, each message's in its order: one query for a whole page. */
  async ofMessages(messageIds: string[], tx: Executor = this.db): Promise<AttachmentRow[]> {
    if (!messageIds.length) return [];
    return tx
      .select()
      .from(chatAttachments)
      .where(inArray(chatAttachments.messageId, messageIds))
      .orderBy(asc(chatAttachments.messageId), asc(chatAttachments.position));
  }

  /** A deleted message's attachments go with it, in its transaction; answers their ids (their objects are the storage consumer's). */
  async deleteOfMessage(messageId: string, tx: Executor): Promise<string[]> {
    const rows = await tx.delete(chatAttachments).where(eq(chatAttachments.messageId, messageId)).returning({ id: chatAttachments.id });
    return rows.map((r) => r.id);
  }
}
