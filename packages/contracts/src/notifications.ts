import { z } from 'zod';
import { Id, IsoDate, Page } from './common';
import { PublicUser } from './users';

export const NOTIFICATION_PAGE_MAX = 50;
/** The unread count is exact up to here and reads "this many or more" beyond (a badge shows 99+ anyway). */
export const UNREAD_COUNT_CAP = 1000;
/** Push subscriptions one user keeps at most (one per browser/device); the oldest goes first. */
export const PUSH_SUBSCRIPTIONS_PER_USER_MAX = 10;

/**
 * What a notification is about. A feature that adds a kind (kudos, album uploads) adds it
 * here, writes a consumer of its domain event on the server, and a line in the web app's
 * kind table (text, icon, link); nothing else has to change.
 * - mention: I was @-mentioned in a message.
 * - reply: someone answered one of my messages.
 * - dm: a direct message while I had no socket open.
 * - message: a group message while I had no socket open, in a room set to "all".
 * - friend_request / friend_accepted: someone asked to be my friend / accepted my request.
 */
export const NotificationKind = z.enum(['mention', 'reply', 'dm', 'message', 'friend_request', 'friend_accepted', 'album_upload', 'workout_kudos', 'workout_comment']);
export type NotificationKind = z.infer<typeof NotificationKind>;

/**
 * Per room and person: `all` (every message while I am away, plus mentions and replies),
 * `mentions` (mentions and replies to me only), `none` (nothing from this room).
 */
export const NotificationLevel = z.enum(['all', 'mentions', 'none']);
export type NotificationLevel = z.infer<typeof NotificationLevel>;

/** A room without an explicit choice: DMs notify about everything, groups about mentions. */
export function effectiveNotificationLevel(level: string | null | undefined, isGroup: boolean): NotificationLevel {
  const parsed = NotificationLevel.safeParse(level);
  if (parsed.success) return parsed.data;
  return isGroup ? 'mentions' : 'all';
}

export const Notification = z
  .object({
    id: Id,
    kind: NotificationKind,
    created_at: IsoDate,
    /** null while unread. */
    read_at: IsoDate.nullable(),
    /** Who caused it (the sender, the requester); null once that account is gone. */
    actor: PublicUser.nullable(),
    /** Set for the message kinds: where to open it. */
    chatroom_id: Id.nullable(),
    message_id: Id.nullable(),
    /** The message's seq in its room (to page back to it), when there is a message. */
    seq: z.number().int().nullable(),
    /** The group's current name (null for a DM or when there is no room). */
    chatroom_name: z.string().nullable(),
    /**
     * The start of the message as it reads now: null once it is deleted, or when I am no
     * longer in the room (a notification never shows what I may not read).
     */
    excerpt: z.string().nullable(),
    /** Images and files on the message, when it has any (its excerpt is empty when it is files only). */
    attachment_count: z.number().int().min(1).optional(),
    /** `album_upload` only: the album whose approval queue has new photos (its title when notified). */
    album: z.object({ id: Id, title: z.string() }).nullable().optional(),
    /** `workout_kudos` / `workout_comment` only: my workout it is about (its title when notified). */
    workout: z.object({ id: Id, title: z.string() }).nullable().optional(),
  })
  .meta({ id: 'Notification' });
export type Notification = z.infer<typeof Notification>;

export const NotificationPage = Page(Notification).meta({ id: 'NotificationPage' });
export type NotificationPage = z.infer<typeof NotificationPage>;

/** Newest first; `before` is the id of the last notification of the previous page. */
export const NotificationListQuery = z.strictObject({
  before: Id.optional(),
  limit: z.coerce.number().int().min(1).max(NOTIFICATION_PAGE_MAX).default(20),
});
export type NotificationListQuery = z.infer<typeof NotificationListQuery>;

export const NotificationIdParams = z.strictObject({ id: Id });

/** `count` is exact below UNREAD_COUNT_CAP and equals it at and beyond. */
export const UnreadCount = z.object({ count: z.number().int().min(0) }).meta({ id: 'UnreadCount' });
export type UnreadCount = z.infer<typeof UnreadCount>;

export const NotificationLevelBody = z.strictObject({ level: NotificationLevel }).meta({ id: 'NotificationLevelBody' });
export type NotificationLevelBody = z.infer<typeof NotificationLevelBody>;

export const NotificationLevelState = z.object({ chatroom_id: Id, level: NotificationLevel }).meta({ id: 'NotificationLevelState' });
export type NotificationLevelState = z.infer<typeof NotificationLevelState>;

// ---- Web Push ----

/** base64url without padding, as PushSubscription.toJSON() gives the keys. */
const base64Url = (bytes: number) =>
  z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, 'must be base64url')
    .refine((value) => Math.floor((value.length * 3) / 4) === bytes, { message: `must encode ${bytes} bytes` });

/** What the browser's PushSubscription.toJSON() gives (expirationTime is accepted and ignored). */
export const PushSubscriptionBody = z
  .strictObject({
    endpoint: z.url({ protocol: /^https?$/ }).max(2048),
    expirationTime: z.number().nullable().optional(),
    keys: z.strictObject({
      /** The browser's P-256 public key, uncompressed (65 bytes). */
      p256dh: base64Url(65),
      /** The 16-byte authentication secret. */
      auth: base64Url(16),
    }),
  })
  .meta({ id: 'PushSubscriptionBody' });
export type PushSubscriptionBody = z.infer<typeof PushSubscriptionBody>;

export const PushUnsubscribeBody = z.strictObject({ endpoint: z.string().min(1).max(2048) }).meta({ id: 'PushUnsubscribeBody' });
export type PushUnsubscribeBody = z.infer<typeof PushUnsubscribeBody>;

export const PushSubscriptionInfo = z.object({ id: Id, endpoint: z.string(), created_at: IsoDate }).meta({ id: 'PushSubscriptionInfo' });
export type PushSubscriptionInfo = z.infer<typeof PushSubscriptionInfo>;

/** The key the browser subscribes with (`applicationServerKey`); `enabled` is false when the server sends no push. */
export const PushConfig = z.object({ enabled: z.boolean(), public_key: z.string().nullable() }).meta({ id: 'PushConfig' });
export type PushConfig = z.infer<typeof PushConfig>;

/**
 * What a push message carries, encrypted for the subscription. The service worker words
 * it in the browser's language and opens `url` (same origin) on click. Well below the
 * 4 KiB the push services accept: the excerpt is short and the actor has no bio.
 */
export const PushPayload = z.object({
  notification: Notification,
  url: z.string(),
  unread_count: z.number().int(),
});
export type PushPayload = z.infer<typeof PushPayload>;

// ---- live events ----

/** `silent`: the recipient is on Do Not Disturb — count it, but no toast and no sound. */
export const NotificationBroadcast = z.object({ notification: Notification, unread_count: z.number().int(), silent: z.boolean().optional() });
export type NotificationBroadcast = z.infer<typeof NotificationBroadcast>;

/** Another tab (or device) of mine read some (`ids`) or all (`ids` null) notifications. */
export const NotificationsReadBroadcast = z.object({ ids: z.array(Id).nullable(), read_at: IsoDate, unread_count: z.number().int() });
export type NotificationsReadBroadcast = z.infer<typeof NotificationsReadBroadcast>;

/** Where a notification leads in the web app (also the push message's `url`). */
export function notificationPath(n: Pick<Notification, 'kind' | 'chatroom_id' | 'message_id' | 'seq'> & { album?: Notification['album']; workout?: Notification['workout'] }): string {
  if (n.chatroom_id) {
    const search = n.message_id ? `?message=${n.message_id}${n.seq !== null ? `&seq=${n.seq}` : ''}` : '';
    return `/chat/${n.chatroom_id}${search}`;
  }
  if (n.kind === 'friend_request' || n.kind === 'friend_accepted') return '/friends';
  if (n.kind === 'album_upload' && n.album) return `/albums/${n.album.id}/moderation`;
  if ((n.kind === 'workout_kudos' || n.kind === 'workout_comment') && n.workout) return `/workouts/${n.workout.id}`;
  return '/';
}
