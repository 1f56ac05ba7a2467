import { z } from 'zod';
import { Emoji, Message, sendMessageSchema, seqNumber, SYNC_PAGE_MAX, SYNC_ROOMS_MAX } from './chat';
import type { AlbumPhotoAdded, AlbumPhotoRemoved, AlbumSyncEvent, AlbumSyncResult, JoinAlbumEvent, JoinAlbumResult, LeaveAlbumEvent } from './album-live';
import { Id, IsoDate } from './common';
import { type ErrorBody, ErrorCode } from './errors';
import type { Friend, FriendRemoved, FriendRequest, FriendRequestRemoved } from './friends';
import type { NotificationBroadcast, NotificationsReadBroadcast } from './notifications';
import { PublicUser } from './users';
import type { FeedItem, WorkoutCommentEvent, WorkoutKudosEvent } from './workouts';

// ---- client → server: every event is acknowledged with Ack<T> ----

/** `user_id` (seed 003): optional, and must be the signed-in user. */
export const JoinRoomEvent = z.strictObject({ chatroom_id: Id, user_id: Id.optional() });
export const LeaveRoomEvent = z.strictObject({ chatroom_id: Id });
export const SendMessageEvent = sendMessageSchema();
export const TypingEvent = z.strictObject({ chatroom_id: Id, is_typing: z.boolean() });
export const ReadEvent = z.strictObject({ chatroom_id: Id, seq: seqNumber });
export const SyncEvent = z.strictObject({
  rooms: z.array(z.strictObject({ chatroom_id: Id, after_seq: seqNumber })).max(SYNC_ROOMS_MAX),
  limit: z.number().int().min(1).max(SYNC_PAGE_MAX).optional(),
});
export const PresenceEvent = z.strictObject({ status: z.enum(['online', 'away']) });
/** Seed 003's `user-online`: the same as `presence {status: 'online'}`; `user_id` must be the signed-in user. */
export const UserOnlineEvent = z.strictObject({ user_id: Id });
/** A fresh access token of the socket's own session: the socket then lives until its expiry. */
export const AuthEvent = z.strictObject({ token: z.string().min(1).max(4096) });

/**
 * One room's catch-up. A room that cannot be synced (left, removed, deleted, never mine)
 * answers for itself with `error` and no messages; the other rooms of the request still
 * catch up. A room named twice in one request is answered once, from the lower seq.
 */
export const SyncRoomResult = z.object({
  chatroom_id: Id,
  messages: z.array(Message),
  has_more: z.boolean(),
  error: z.object({ code: ErrorCode, message: z.string() }).optional(),
});
export type SyncRoomResult = z.infer<typeof SyncRoomResult>;

export const SyncResult = z.object({ rooms: z.array(SyncRoomResult) });
export type SyncResult = z.infer<typeof SyncResult>;

export type Ack<T> = { ok: true; data: T } | { ok: false; error: ErrorBody['error'] };

export interface ClientToServerEvents {
  'join-room': (payload: z.input<typeof JoinRoomEvent>, ack: (result: Ack<{ chatroom_id: string; last_seq: number }>) => void) => void;
  'leave-room': (payload: z.input<typeof LeaveRoomEvent>, ack: (result: Ack<{ chatroom_id: string }>) => void) => void;
  'send-message': (payload: z.input<typeof SendMessageEvent>, ack: (result: Ack<Message>) => void) => void;
  typing: (payload: z.input<typeof TypingEvent>, ack: (result: Ack<null>) => void) => void;
  read: (payload: z.input<typeof ReadEvent>, ack: (result: Ack<{ chatroom_id: string; seq: number }>) => void) => void;
  sync: (payload: z.input<typeof SyncEvent>, ack: (result: Ack<SyncResult>) => void) => void;
  presence: (payload: z.input<typeof PresenceEvent>, ack: (result: Ack<null>) => void) => void;
  'user-online': (payload: z.input<typeof UserOnlineEvent>, ack: (result: Ack<null>) => void) => void;
  auth: (payload: z.input<typeof AuthEvent>, ack: (result: Ack<{ expires_at: string }>) => void) => void;
  /** Members, guests of that album and its wall: live `album-photo-*` events of one album. */
  'join-album': (payload: z.input<typeof JoinAlbumEvent>, ack: (result: Ack<JoinAlbumResult>) => void) => void;
  'leave-album': (payload: z.input<typeof LeaveAlbumEvent>, ack: (result: Ack<{ album_id: string }>) => void) => void;
  /** What the album's wall missed after a cursor (a reconnect, a restart). */
  'album-sync': (payload: z.input<typeof AlbumSyncEvent>, ack: (result: Ack<AlbumSyncResult>) => void) => void;
}

// ---- server → client ----

/** `dnd`: connected, asked not to be disturbed (widened enum; `idle` is shown as `away`). */
export const PresenceStatus = z.enum(['online', 'away', 'offline', 'dnd']);
export type PresenceStatus = z.infer<typeof PresenceStatus>;

/** `is_online` (seed 003): `status !== 'offline'`. */
export const UserStatusChanged = z.object({ user_id: Id, status: PresenceStatus, is_online: z.boolean(), last_seen: IsoDate.nullable() });
export type UserStatusChanged = z.infer<typeof UserStatusChanged>;

export const TypingBroadcast = z.object({ chatroom_id: Id, user_id: Id, is_typing: z.boolean(), expires_in_ms: z.number().int() });
export type TypingBroadcast = z.infer<typeof TypingBroadcast>;

export const ReactionBroadcast = z.object({
  chatroom_id: Id,
  message_id: Id,
  user_id: Id,
  emoji: Emoji,
  added: z.boolean(),
  message: Message,
});
export type ReactionBroadcast = z.infer<typeof ReactionBroadcast>;

export const MembershipBroadcast = z.object({ chatroom_id: Id, user: PublicUser });
export type MembershipBroadcast = z.infer<typeof MembershipBroadcast>;

export const ReadBroadcast = z.object({ chatroom_id: Id, user_id: Id, seq: z.number().int() });
export type ReadBroadcast = z.infer<typeof ReadBroadcast>;

/** Why the server is about to close this socket; `banned` carries the reason and end. */
export const SessionEnded = z.object({
  reason: z.enum(['signed_out', 'revoked', 'banned', 'token_expired']),
  message: z.string(),
  banned_until: IsoDate.nullable().optional(),
  /** `banned` only: the moderator's reason, shown on the login page. */
  ban_reason: z.string().optional(),
});
export type SessionEnded = z.infer<typeof SessionEnded>;

/**
 * Someone's public profile changed (display name, avatar, bio): sent to everyone who may
 * see them (room mates, friends) and to their own devices.
 */
export const UserUpdated = z.object({ user: PublicUser });
export type UserUpdated = z.infer<typeof UserUpdated>;

export interface ServerToClientEvents {
  /** Sent just before the server disconnects the socket for good (do not reconnect with the same token). */
  'session-ended': (payload: SessionEnded) => void;
  'new-message': (message: Message) => void;
  'message-updated': (message: Message) => void;
  'message-deleted': (message: Message) => void;
  reaction: (payload: ReactionBroadcast) => void;
  typing: (payload: TypingBroadcast) => void;
  read: (payload: ReadBroadcast) => void;
  'user-joined': (payload: MembershipBroadcast) => void;
  'user-left': (payload: MembershipBroadcast) => void;
  'user-status-changed': (payload: UserStatusChanged) => void;
  'user-updated': (payload: UserUpdated) => void;
  /** The room list changed for this user (added to a room, room renamed or deleted). */
  'rooms-changed': (payload: { chatroom_id: string; reason: 'added' | 'removed' | 'updated' | 'deleted' }) => void;
  /** A friend request to or from me (see `direction`). */
  'friend-request': (payload: FriendRequest) => void;
  'friend-request-removed': (payload: FriendRequestRemoved) => void;
  /** The other person, now my friend, with their status. */
  'friend-added': (payload: Friend) => void;
  'friend-removed': (payload: FriendRemoved) => void;
  /** A new notification for me, with my unread count after it. */
  notification: (payload: NotificationBroadcast) => void;
  /** Notifications of mine were marked read elsewhere (another tab or device). */
  'notifications-read': (payload: NotificationsReadBroadcast) => void;
  /** A friend finished a workout I may see (to friends and myself; never a private one). */
  'feed-workout': (payload: FeedItem) => void;
  /** Kudos given or taken on a workout (to its owner and to the giver's own devices). */
  'workout-kudos': (payload: WorkoutKudosEvent) => void;
  /** A comment added or deleted on a workout (to its owner and the comment's author). */
  'workout-comment': (payload: WorkoutCommentEvent) => void;
  /** A photo of a joined album became visible (approved). */
  'album-photo-added': (payload: AlbumPhotoAdded) => void;
  /** A photo of a joined album is gone (deleted, rejected). */
  'album-photo-removed': (payload: AlbumPhotoRemoved) => void;
}
