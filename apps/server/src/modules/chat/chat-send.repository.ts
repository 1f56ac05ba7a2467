import { Injectable } from '@nestjs/common';
import { sql } from 'drizzle-orm';
import { Database } from '../../infra/db/database';
import { chatroomParticipants, users } from '../../infra/db/schema';
import type { MessageRow, UserRow } from './chat.repository';

/** What a send needs to know about its sender to show the message (`toMessageAuthor`). */
export type SenderRow = Pick<UserRow, 'id' | 'username' | 'discriminator' | 'displayName' | 'avatar'>;

export interface PlainSend {
  id: string;
  eventId: string;
  chatroomId: string;
  senderId: string;
  clientId: string;
  content: string;
  replyToId: string | null;
  mentionIds: string[];
  card: MessageRow['card'];
}

/** Why nothing was written; the service turns it into the same error (or replay) as the checks one by one would. */
export type PlainSendRefusal =
  | { kind: 'existing' }
  | { kind: 'blocked' }
  | { kind: 'not-member' }
  | { kind: 'no-parent' }
  | { kind: 'system-parent' };

export type PlainSendResult =
  | PlainSendRefusal
  | {
      kind: 'sent';
      row: MessageRow;
      sender: SenderRow | undefined;
      /** The sender's read pointer before the send (the reply's read move is announced only when it passed something). */
      lastReadSeqBefore: number;
      replyToSeq: number | null;
      /** The pointer after the send; undefined when it still has to be moved (`settleSenderPointer`). */
      pointer: { seq: number; sharesReceipts: boolean } | undefined;
    };

/**
 * A send without attachments as one statement (its own transaction): the idempotency,
 * membership, DM block and reply checks, the room's next seq, the message, its mention
 * rows, its domain event and the sender's read pointer. One round trip instead of a
 * dozen; the checks are the same ones `ChatService.send` made one query at a time.
 */
@Injectable()
export class ChatSendRepository {
  constructor(private readonly database: Database) {}

  async sendPlain(input: PlainSend): Promise<PlainSendResult> {
    const me = input.senderId;
    const mentions = JSON.stringify(input.mentionIds);
    const card = input.card === null ? null : JSON.stringify(input.card);
    // The pointer check reads messages from the statement's snapshot, taken before the room
    // row's lock was granted. When nobody else took a seq meanwhile (snapshot last_seq + 1 is
    // ours), every message below ours is in that snapshot and the check is exact; otherwise
    // the pointer only takes the reply's move here and `settleSenderPointer` finishes it.
    // Named: planning this statement costs more than running it; its text never changes.
    const rows = await this.database.executeNamed('chat_send_plain', sql`
      with room as (
        select r.last_seq,
          case when r.is_group then null
               when split_part(r.dm_key, ':', 1) = ${me}::text then nullif(split_part(r.dm_key, ':', 2), '')
               when split_part(r.dm_key, ':', 2) = ${me}::text then nullif(split_part(r.dm_key, ':', 1), '')
          end as other_id
        from chatrooms r where r.id = ${input.chatroomId}::uuid
      ),
      existing as (select m.id from messages m where m.sender_id = ${me}::uuid and m.client_id = ${input.clientId}::text),
      blocked as (
        select b.blocker_id from blocks b, room r
        where r.other_id is not null
          and ((b.blocker_id = ${me}::uuid and b.blocked_id = r.other_id::uuid) or (b.blocker_id = r.other_id::uuid and b.blocked_id = ${me}::uuid))
      ),
      member as (
        select p.last_read_seq from chatroom_participants p
        where p.chatroom_id = ${input.chatroomId}::uuid and p.user_id = ${me}::uuid and p.removed_at is null
      ),
      parent as (select m.seq, m.kind from messages m where m.id = ${input.replyToId}::uuid and m.chatroom_id = ${input.chatroomId}::uuid),
      go as (
        select 1 as one
        where not exists (select 1 from existing) and not exists (select 1 from blocked) and exists (select 1 from member)
          and (${input.replyToId}::uuid is null or exists (select 1 from parent where kind <> 'system'))
      ),
      bumped as (
        update chatrooms set last_seq = last_seq + 1, updated_at = now()
        where id = ${input.chatroomId}::uuid and exists (select 1 from go)
        returning last_seq
      ),
      inserted as (
        insert into messages (id, chatroom_id, seq, sender_id, client_id, content, reply_to_id, card)
        select ${input.id}::uuid, ${input.chatroomId}::uuid, b.last_seq, ${me}::uuid, ${input.clientId}::text, ${input.content}::text, ${input.replyToId}::uuid, ${card}::jsonb
        from bumped b
        returning *
      ),
      mentioned as (
        insert into message_mentions (message_id, user_id)
        select i.id, u.value::uuid from inserted i, jsonb_array_elements_text(${mentions}::jsonb) u
      ),
      recorded as (
        insert into domain_events (id, name, payload)
        select ${input.eventId}::uuid, 'message.created', jsonb_build_object(
          'message_id', i.id, 'chatroom_id', i.chatroom_id, 'sender_id', i.sender_id, 'seq', i.seq,
          'mention_ids', ${mentions}::jsonb, 'reply_to_id', i.reply_to_id)
        from inserted i
      ),
      fresh as (select (select r.last_seq from room r) + 1 = i.seq as exact from inserted i),
      pointer as (
        update chatroom_participants p set last_read_seq = case
            when not (select exact from fresh) then greatest(p.last_read_seq, (select seq from parent))
            when exists (
              select 1 from messages m
              where m.chatroom_id = ${input.chatroomId}::uuid and m.seq > greatest(p.last_read_seq, (select seq from parent)) and m.seq < i.seq
                and m.sender_id <> ${me}::uuid and m.kind = 'user' and m.deleted_at is null)
            then greatest(p.last_read_seq, (select seq from parent))
            else i.seq end
        from inserted i
        where p.chatroom_id = ${input.chatroomId}::uuid and p.user_id = ${me}::uuid and p.removed_at is null
        returning p.last_read_seq
      )
      select
        exists (select 1 from existing) as is_existing,
        exists (select 1 from blocked) as is_blocked,
        (select last_read_seq from member) as member_read_seq,
        (select seq from parent) as parent_seq,
        (select kind from parent) as parent_kind,
        (select exact from fresh) as exact,
        (select last_read_seq from pointer) as pointer_seq,
        i.id, i.chatroom_id, i.seq, i.sender_id, i.client_id, i.content, i.reply_to_id, i.created_at, i.edited_at, i.deleted_at, i.card, i.kind, i.system,
        u.username, u.discriminator, u.display_name, u.avatar, u.read_receipts
      from (select 1) one
      left join inserted i on true
      left join users u on u.id = ${me}::uuid`);
    const r = rows[0] ?? {};
    if (r.is_existing) return { kind: 'existing' };
    if (r.is_blocked) return { kind: 'blocked' };
    if (r.member_read_seq === null || r.member_read_seq === undefined) return { kind: 'not-member' };
    if (input.replyToId !== null && (r.parent_seq === null || r.parent_seq === undefined)) return { kind: 'no-parent' };
    if (input.replyToId !== null && r.parent_kind === 'system') return { kind: 'system-parent' };
    // The checks passed, so the insert ran (or the statement threw, e.g. a racing retry's unique violation).
    const row: MessageRow = {
      id: String(r.id),
      chatroomId: String(r.chatroom_id),
      seq: Number(r.seq),
      senderId: String(r.sender_id),
      clientId: String(r.client_id),
      content: String(r.content),
      replyToId: r.reply_to_id == null ? null : String(r.reply_to_id),
      createdAt: asDate(r.created_at)!,
      editedAt: asDate(r.edited_at),
      deletedAt: asDate(r.deleted_at),
      card: (parseJson(r.card) ?? null) as MessageRow['card'],
      kind: String(r.kind),
      system: (parseJson(r.system) ?? null) as MessageRow['system'],
    };
    const sender: SenderRow | undefined =
      r.username == null
        ? undefined
        : { id: me, username: String(r.username), discriminator: String(r.discriminator), displayName: r.display_name == null ? null : String(r.display_name), avatar: r.avatar == null ? null : String(r.avatar) };
    const sharesReceipts = r.read_receipts === true || r.read_receipts === 't';
    const pointer = r.exact === true || r.exact === 't' ? (r.pointer_seq == null ? undefined : { seq: Number(r.pointer_seq), sharesReceipts }) : undefined;
    return {
      kind: 'sent',
      row,
      sender,
      lastReadSeqBefore: Number(r.member_read_seq),
      replyToSeq: r.parent_seq == null ? null : Number(r.parent_seq),
      pointer,
    };
  }

  /**
   * After a send that other sends to the room raced (`pointer` undefined): the same rule as
   * in the statement, now that every message below `seq` has committed (they took their
   * seq under the room row's lock before this send did). Forward only: a later read or
   * send may have moved the pointer past `seq` meanwhile.
   */
  async settleSenderPointer(roomId: string, userId: string, seq: number, replyToSeq: number | null): Promise<{ seq: number; sharesReceipts: boolean } | undefined> {
    const floor = sql`greatest(${chatroomParticipants.lastReadSeq}, ${replyToSeq}::bigint)`;
    const [row] = await this.database.db
      .update(chatroomParticipants)
      .set({
        lastReadSeq: sql`greatest(${floor}, case when exists (
            select 1 from messages m
            where m.chatroom_id = ${roomId}::uuid and m.seq > ${floor} and m.seq < ${seq}::bigint
              and m.sender_id <> ${userId}::uuid and m.kind = 'user' and m.deleted_at is null)
          then ${floor} else ${seq}::bigint end)`,
      })
      .where(sql`${chatroomParticipants.chatroomId} = ${roomId}::uuid and ${chatroomParticipants.userId} = ${userId}::uuid and ${chatroomParticipants.removedAt} is null`)
      .returning({
        seq: chatroomParticipants.lastReadSeq,
        sharesReceipts: sql<boolean>`(select ${users.readReceipts} from ${users} where ${users.id} = ${userId}::uuid)`.mapWith(Boolean),
      });
    return row && { seq: Number(row.seq), sharesReceipts: row.sharesReceipts };
  }
}

function asDate(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  return value instanceof Date ? value : new Date(String(value));
}

function parseJson(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
}
