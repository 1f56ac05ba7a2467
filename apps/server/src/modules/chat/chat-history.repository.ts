import { Injectable } from '@nestjs/common';
import { and, asc, desc, eq, gt, isNull, lt, lte, or, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { Database, type Db } from '../../infra/db/database';
import { chatAttachments, chatroomParticipants, messageMentions, messageReactions, messages, users } from '../../infra/db/schema';
import type { ShownAttachmentRow } from './attachments/chat-attachments.repository';
import type { MessageAuthorRow } from './chat.mapper';
import type { MessageRow } from './chat.repository';

/** What a message shows besides its own row (see `toMessage`). */
export interface MessageExtras {
  /** In the order they were given. */
  reactions: { emoji: string; userId: string }[];
  mentions: string[];
  /** In the message's order. */
  attachments: ShownAttachmentRow[];
  /** Absent only when the sender's account is gone. */
  author: MessageAuthorRow | undefined;
}

export interface HistoryPage {
  /** The viewer's read pointer (a member's, or that of someone removed, who reads up to the removal). */
  lastReadSeq: number;
  /** Newest first for `before`, oldest first for `after`; at most the limit asked for. */
  messages: { row: MessageRow; extras: MessageExtras }[];
}

/** seq is a bigint: no page starts above this, so "from the newest" is `before` this. */
const NEWEST = Number.MAX_SAFE_INTEGER;

/**
 * The history page in one statement: the viewer's participant row (a member, or removed and
 * reading up to the removal), the keyset page of messages as they may see it, and each
 * message's reactions, mentions, attachments and author, aggregated beside it. No row means
 * no such room for this viewer. Prepared once per process (named statements on PostgreSQL).
 */
@Injectable()
export class ChatHistoryRepository {
  private prepared: { before: PreparedPage; after: PreparedPage } | undefined;

  constructor(private readonly database: Database) {}

  private get db(): Db {
    return this.database.db;
  }

  /** `before` (newest first, strictly below it; undefined: from the newest) or `after` (oldest first, strictly above it). */
  async page(roomId: string, userId: string, from: { before?: number } | { after: number }, limit: number): Promise<HistoryPage | undefined> {
    this.prepared ??= { before: preparePage(this.db, 'desc'), after: preparePage(this.db, 'asc') };
    const rows =
      'after' in from
        ? await this.prepared.after.execute({ roomId, userId, from: from.after, limit })
        : await this.prepared.before.execute({ roomId, userId, from: from.before ?? NEWEST, limit });
    const viewer = rows[0]?.viewer;
    if (!viewer) return undefined;
    return {
      lastReadSeq: viewer.lastReadSeq,
      messages: rows.flatMap((r) => (r.message ? [{ row: r.message, extras: extrasOf(r) }] : [])),
    };
  }

  /** The extras of any messages (rows already read), in one statement; keyed by message id. */
  async extrasOf(rows: Pick<MessageRow, 'id' | 'senderId'>[]): Promise<Map<string, MessageExtras>> {
    if (!rows.length) return new Map();
    const given = sql`unnest(${sql.param(rows.map((r) => r.id))}::uuid[], ${sql.param(rows.map((r) => r.senderId))}::uuid[]) as m(id, sender_id)`;
    const found = await this.db
      .select({ id: sql<string>`m.id`, author: authorFields, ...extrasFields(sql`m.id`) })
      .from(given)
      .leftJoin(users, eq(users.id, sql`m.sender_id`));
    return new Map(found.map((r) => [r.id, extrasOf(r)]));
  }
}

type PreparedPage = ReturnType<typeof preparePage>;

function preparePage(db: Db, order: 'asc' | 'desc') {
  const p = chatroomParticipants;
  const keyset = order === 'desc' ? lt(messages.seq, sql.placeholder('from')) : gt(messages.seq, sql.placeholder('from'));
  // Someone removed reads up to the removal's system line (a row without its seq: nothing).
  const visible = or(isNull(p.removedAt), lte(messages.seq, sql`coalesce(${p.removedSeq}, 0)`));
  const page = db
    .select(messageColumns)
    .from(messages)
    .where(and(eq(messages.chatroomId, p.chatroomId), keyset, visible))
    .orderBy(order === 'desc' ? desc(messages.seq) : asc(messages.seq))
    .limit(sql.placeholder('limit'))
    .as('page');
  return db
    .select({
      viewer: { lastReadSeq: p.lastReadSeq },
      message: pageMessage(page),
      author: authorFields,
      ...extrasFields(page.id),
    })
    .from(p)
    .leftJoinLateral(page, sql`true`)
    .leftJoin(users, eq(users.id, page.senderId))
    .where(and(eq(p.chatroomId, sql.placeholder('roomId')), eq(p.userId, sql.placeholder('userId'))))
    .orderBy(order === 'desc' ? desc(page.seq) : asc(page.seq))
    .prepare(`chat_history_page_${order}`);
}

const messageColumns = {
  id: messages.id,
  chatroomId: messages.chatroomId,
  seq: messages.seq,
  senderId: messages.senderId,
  clientId: messages.clientId,
  content: messages.content,
  replyToId: messages.replyToId,
  createdAt: messages.createdAt,
  editedAt: messages.editedAt,
  deletedAt: messages.deletedAt,
  card: messages.card,
  kind: messages.kind,
  system: messages.system,
};

/** Every column of the row, read through the lateral page (a type error here when `messages` gains a column). */
function pageMessage<P extends { [K in keyof typeof messageColumns]: unknown }>(page: P): { [K in keyof MessageRow]: P[K] } {
  return {
    id: page.id,
    chatroomId: page.chatroomId,
    seq: page.seq,
    senderId: page.senderId,
    clientId: page.clientId,
    content: page.content,
    replyToId: page.replyToId,
    createdAt: page.createdAt,
    editedAt: page.editedAt,
    deletedAt: page.deletedAt,
    card: page.card,
    kind: page.kind,
    system: page.system,
  };
}

const authorFields = {
  id: users.id,
  username: users.username,
  discriminator: users.discriminator,
  displayName: users.displayName,
  avatar: users.avatar,
};

interface AttachmentJson {
  id: string;
  chatroomId: string;
  uploaderId: string;
  kind: string;
  status: string;
  name: string;
  contentType: string;
  byteSize: number;
  width: number | null;
  height: number | null;
  placeholder: string | null;
  failureReason: string | null;
  createdAt: string;
}

/**
 * Reactions, mentions and attachments of one message as JSON aggregates: a subquery each, run
 * only for the rows of the page. A deleted message has none left (its rows go with the delete).
 */
function extrasFields(messageId: SQL | AnyPgColumn) {
  const r = messageReactions;
  const mm = messageMentions;
  const a = chatAttachments;
  return {
    reactions: sql<[string, string][]>`(select coalesce(json_agg(json_build_array(${r.emoji}, ${r.userId}) order by ${r.createdAt}, ${r.emoji}, ${r.userId}), '[]'::json)
      from ${r} where ${r.messageId} = ${messageId})`,
    mentions: sql<string[]>`(select coalesce(json_agg(${mm.userId}), '[]'::json) from ${mm} where ${mm.messageId} = ${messageId})`,
    attachments: sql<AttachmentJson[] | null>`(select json_agg(json_build_object(
        'id', ${a.id}, 'chatroomId', ${a.chatroomId}, 'uploaderId', ${a.uploaderId}, 'kind', ${a.kind}, 'status', ${a.status},
        'name', ${a.name}, 'contentType', ${a.contentType}, 'byteSize', ${a.byteSize}, 'width', ${a.width}, 'height', ${a.height},
        'placeholder', ${a.placeholder}, 'failureReason', ${a.failureReason}, 'createdAt', ${a.createdAt}) order by ${a.position})
      from ${a} where ${a.messageId} = ${messageId})`,
  };
}

function extrasOf(row: {
  author: MessageAuthorRow | null;
  reactions: [string, string][] | string;
  mentions: string[] | string;
  attachments: AttachmentJson[] | string | null;
}): MessageExtras {
  const attachments = json<AttachmentJson[] | null>(row.attachments) ?? [];
  return {
    reactions: json<[string, string][]>(row.reactions).map(([emoji, userId]) => ({ emoji, userId })),
    mentions: json<string[]>(row.mentions),
    attachments: attachments.map((x) => ({ ...x, createdAt: new Date(x.createdAt) })),
    author: row.author ?? undefined,
  };
}

/** Both drivers parse `json` columns; a driver that hands over the text is parsed here. */
function json<T>(value: T | string): T {
  return typeof value === 'string' ? (JSON.parse(value) as T) : value;
}
