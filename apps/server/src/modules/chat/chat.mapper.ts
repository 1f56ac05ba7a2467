import { type Message, type MessageAuthor, type Participant, type Reaction, SystemEvent } from '@discordgym/contracts';
import { handleOf, toPublicUser } from '../users/users.service';
import { type ShownAttachmentRow, toChatAttachment } from './attachments/chat-attachments.repository';
import type { MessageExtras } from './chat-history.repository';
import type { MessageRow, ParticipantRow, ReactionRow, UserRow } from './chat.repository';

/** `attachments`: this message's rows, in their order (a deleted message shows none, its rows are gone anyway). */
export function toMessage(
  row: MessageRow,
  reactions: Pick<ReactionRow, 'emoji' | 'userId'>[],
  mentions: string[],
  author?: MessageAuthorRow,
  attachments: ShownAttachmentRow[] = [],
): Message {
  const grouped = new Map<string, Reaction>();
  for (const r of reactions) {
    const entry = grouped.get(r.emoji) ?? { emoji: r.emoji, count: 0, user_ids: [] };
    entry.count += 1;
    entry.user_ids.push(r.userId);
    grouped.set(r.emoji, entry);
  }
  const deleted = row.deletedAt !== null;
  return {
    id: row.id,
    chatroom_id: row.chatroomId,
    seq: row.seq,
    sender_id: row.senderId,
    client_id: row.clientId,
    content: deleted ? '' : row.content,
    reply_to_id: row.replyToId,
    mentions: deleted ? [] : mentions,
    reactions: deleted ? [] : [...grouped.values()],
    created_at: row.createdAt.toISOString(),
    edited_at: row.editedAt?.toISOString() ?? null,
    deleted_at: row.deletedAt?.toISOString() ?? null,
    ...(row.card && !deleted ? { card: row.card } : {}),
    ...(attachments.length && !deleted ? { attachments: attachments.map(toChatAttachment) } : {}),
    ...(author ? { author: toMessageAuthor(author) } : {}),
    ...(row.kind === 'system' && row.system ? { system: SystemEvent.parse(row.system) } : {}),
  };
}

/** A row with what `ChatHistoryRepository` read beside it (nothing read: no reactions, mentions, attachments or author). */
export function toMessageWith(row: MessageRow, extras: MessageExtras | undefined): Message {
  return toMessage(row, extras?.reactions ?? [], extras?.mentions ?? [], extras?.author, extras?.attachments ?? []);
}

/** A system line's name for someone, as the web shows people: their display name, or their username. */
export function systemUserOf(user: UserRow): { id: string; name: string } {
  return { id: user.id, name: user.displayName ?? user.username };
}

/** What a message shows of its author. */
export type MessageAuthorRow = Pick<UserRow, 'id' | 'username' | 'discriminator' | 'displayName' | 'avatar'>;

export function toMessageAuthor(user: MessageAuthorRow): MessageAuthor {
  return { id: user.id, username: user.username, handle: handleOf(user), display_name: user.displayName, avatar: user.avatar };
}

/** A participant as `viewerId` sees them: someone's read pointer only if they share read receipts, or it is the viewer's own. */
export function toParticipant(participant: ParticipantRow, user: UserRow, viewerId: string): Participant {
  return {
    user: toPublicUser(user),
    role: participant.role === 'owner' ? 'owner' : 'member',
    joined_at: participant.joinedAt.toISOString(),
    last_read_seq: user.id === viewerId || user.readReceipts ? participant.lastReadSeq : null,
  };
}

/** `@name#1234` handles in a message, lower-cased. */
export function mentionedHandles(content: string): Set<string> {
  const handles = new Set<string>();
  for (const match of content.matchAll(/@([A-Za-z0-9_.]{2,32}#\d{4})/g)) handles.add(match[1]!.toLowerCase());
  return handles;
}
