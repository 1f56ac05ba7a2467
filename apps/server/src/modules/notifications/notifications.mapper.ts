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
    ...(visible && row.deletedAt === null && row.attachmentCount > 0 ? { attachment_count: row.attachmentCount } : {}),
    ...(n.kind === 'album_upload' ? { album: albumOf(n.data) } : {}),
    ...(n.kind === 'workout_kudos' || n.kind === 'workout_comment' ? { workout: workoutOf(n.data) } : {}),
  };
}

/** The album an `album_upload` notification is about, as its producer stored it in `data`. */
function albumOf(data: unknown): { id: string; title: string } | null {
  const album = data as { album_id?: unknown; album_title?: unknown } | null;
  return typeof album?.album_id === 'string' ? { id: album.album_id, title: typeof album.album_title === 'string' ? album.album_title : '' } : null;
}

/** The workout a `workout_kudos` / `workout_comment` notification is about, as its producer stored it in `data`. */
function workoutOf(data: unknown): { id: string; title: string } | null {
  const workout = data as { workout_id?: unknown; workout_title?: unknown } | null;
  return typeof workout?.workout_id === 'string' ? { id: workout.workout_id, title: typeof workout.workout_title === 'string' ? workout.workout_title : '' } : null;
}
