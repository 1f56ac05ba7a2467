import { type Notification, notificationPath } from '@discordgym/contracts';
import type { MessageKey } from '../../../lib/i18n/en.messages';
import type { Translate } from '../../../lib/i18n/translator';
import type { IconName } from '../../../components/icon.component';

/**
 * How each kind reads and where it leads. A feature that adds a kind (kudos, album
 * uploads) adds one line here and its two strings; everything else is shared.
 */
const KINDS: Record<Notification['kind'], { icon: IconName; text: MessageKey; inRoom?: MessageKey }> = {
  mention: { icon: 'at', text: 'notifications.kind.mention', inRoom: 'notifications.kind.mentionIn' },
  reply: { icon: 'reply', text: 'notifications.kind.reply', inRoom: 'notifications.kind.replyIn' },
  dm: { icon: 'chat', text: 'notifications.kind.dm' },
  message: { icon: 'hash', text: 'notifications.kind.message', inRoom: 'notifications.kind.message' },
  friend_request: { icon: 'userPlus', text: 'notifications.kind.friend_request' },
  friend_accepted: { icon: 'userCheck', text: 'notifications.kind.friend_accepted' },
  album_upload: { icon: 'camera', text: 'notifications.kind.album_upload' },
  workout_kudos: { icon: 'heart', text: 'notifications.kind.workout_kudos' },
  workout_comment: { icon: 'chat', text: 'notifications.kind.workout_comment' },
};

export const notificationIcon = (n: Notification): IconName => KINDS[n.kind].icon;

export const actorName = (n: Notification, t: Translate): string => (n.actor ? (n.actor.display_name ?? n.actor.username) : t('notifications.someone'));

/** "Anna mentioned you in Leg day" / "Anna hat dich in Leg day erwähnt". */
export function notificationTitle(n: Notification, t: Translate): string {
  const kind = KINDS[n.kind];
  const name = actorName(n, t);
  if (n.album) return t(kind.text, { name, room: n.album.title });
  if (n.workout) return t(kind.text, { name, room: n.workout.title });
  return n.chatroom_name && kind.inRoom ? t(kind.inRoom, { name, room: n.chatroom_name }) : t(kind.text, { name, room: '' });
}

/** The message's text (or, for files only, how many), or a note that it is gone; nothing for kinds without a message. */
export function notificationBody(n: Notification, t: Translate): string | null {
  if (!n.message_id) return null;
  if (n.excerpt === null) return t('notifications.deleted');
  if (n.excerpt === '' && n.attachment_count) return n.attachment_count === 1 ? t('notifications.oneAttachment') : t('notifications.attachments', { count: n.attachment_count });
  return readableMentions(n.excerpt);
}

/** `@name#1234` reads as `@name`, as the chat shows mentions. */
export const readableMentions = (text: string): string => text.replace(/@([A-Za-z0-9_.]{2,32})#\d{4}/g, '@$1');

/** Where a click leads: the message in its room (paged back to and highlighted), or the page of the kind. */
export const notificationHref = (n: Notification): string => notificationPath(n);
