import { type Notification, NotificationKind } from '@discordgym/contracts';
import { toPublicUser } from '../users/users.service';
import type { NotificationViewRow } from './notifications.repository';

/** The start of a message shown in the inbox and in a push message. */
export const EXCERPT_LENGTH = 140;

export function excerptOf(content: string): string {
  const flat = content.replace(/\s+/g, ' ').trim();
  return flat.length > EXCERPT_LENGTH ? `${flat.slice(0, EXCERPT_LENGTH - 1)}…` : flat;
}

/**
 * What the recipient sees. Room name and text come from the room and message as they are
 * now, and only while the recipient is still in that room: leaving a group takes its
 * messages out of the inbox too, and a deleted message shows no text.
 */
export function toNotification(row: NotificationViewRow): Notification {
  const n = row.notification;
  const visible = n.chatroomId !== null && row.member;
  return {
    id: n.id,
    // A kind written by a newer release that this one does not know reads as a plain message.
    kind: NotificationKind.safeParse(n.kind).data ?? 'message',
    created_at: n.createdAt.toISOString(),
    read_at: n.readAt?.toISOString() ?? null,
    actor: row.actor ? toPublicUser(row.actor) : null,
    chatroom_id: n.chatroomId,
    message_id: n.messageId,
    seq: row.seq ?? null,
    chatroom_name: visible && row.isGroup ? row.roomName : null,
    excerpt: visible && row.content !== null && row.deletedAt === null ? excerptOf(row.content) : null,
  };
}
