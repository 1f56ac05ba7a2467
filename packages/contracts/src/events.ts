import { z } from 'zod';
import { Emoji, Message, MessageContent, ClientId, seqNumber, SYNC_PAGE_MAX, SYNC_ROOMS_MAX } from './chat';
import { Id, IsoDate } from './common';
import type { ErrorBody } from './errors';
import { PublicUser } from './users';

// ---- client → server: every event is acknowledged with Ack<T> ----

export const JoinRoomEvent = z.strictObject({ chatroom_id: Id });
export const LeaveRoomEvent = z.strictObject({ chatroom_id: Id });
export const SendMessageEvent = z.strictObject({
  chatroom_id: Id,
  content: MessageContent,
  client_id: ClientId,
  reply_to_id: Id.optional(),
});
export const TypingEvent = z.strictObject({ chatroom_id: Id, is_typing: z.boolean() });
export const ReadEvent = z.strictObject({ chatroom_id: Id, seq: seqNumber });
export const SyncEvent = z.strictObject({
  rooms: z.array(z.strictObject({ chatroom_id: Id, after_seq: seqNumber })).max(SYNC_ROOMS_MAX),
  limit: z.number().int().min(1).max(SYNC_PAGE_MAX).optional(),
});
export const PresenceEvent = z.strictObject({ status: z.enum(['online', 'away']) });

export const SyncResult = z.object({
  rooms: z.array(z.object({ chatroom_id: Id, messages: z.array(Message), has_more: z.boolean() })),
});
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
}

// ---- server → client ----

export const PresenceStatus = z.enum(['online', 'away', 'offline']);
export type PresenceStatus = z.infer<typeof PresenceStatus>;

export const UserStatusChanged = z.object({ user_id: Id, status: PresenceStatus, last_seen: IsoDate.nullable() });
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

export interface ServerToClientEvents {
  'new-message': (message: Message) => void;
  'message-updated': (message: Message) => void;
  'message-deleted': (message: Message) => void;
  reaction: (payload: ReactionBroadcast) => void;
  typing: (payload: TypingBroadcast) => void;
  read: (payload: ReadBroadcast) => void;
  'user-joined': (payload: MembershipBroadcast) => void;
  'user-left': (payload: MembershipBroadcast) => void;
  'user-status-changed': (payload: UserStatusChanged) => void;
  /** The room list changed for this user (added to a room, room renamed or deleted). */
  'rooms-changed': (payload: { chatroom_id: string; reason: 'added' | 'removed' | 'updated' | 'deleted' }) => void;
}
