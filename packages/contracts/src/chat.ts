import { z } from 'zod';
import { Id, IsoDate, multilineText, plainText } from './common';
import { ATTACHMENTS_PER_MESSAGE_MAX, ChatAttachment } from './chat-attachments';
import { NotificationLevel } from './notifications';
import { PublicUser } from './users';

export const MESSAGE_MAX_LENGTH = 4000;
export const HISTORY_PAGE_MAX = 100;
export const SYNC_ROOMS_MAX = 100;
export const SYNC_PAGE_MAX = 500;

/** A client-generated idempotency key: a retry with the same key returns the first message. */
export const ClientId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, '8–64 characters: letters, digits, "_" or "-"');

/** One emoji (with skin tones, ZWJ sequences, flags and subdivision flags, keycaps), nothing else. */
export const Emoji = z
  .string()
  .min(1)
  .max(32)
  .regex(
    /^(?:\p{Regional_Indicator}{2}|[0-9#*]\uFE0F?\u20E3|\p{Extended_Pictographic}(?:\uFE0F|\p{Emoji_Modifier}|[\u{E0020}-\u{E007E}]+\u{E007F})?(?:\u200D\p{Extended_Pictographic}(?:\uFE0F|\p{Emoji_Modifier})?)*)$/u,
    'must be a single emoji',
  );

export const ParticipantRole = z.enum(['owner', 'member']);

export const Participant = z
  .object({
    user: PublicUser,
    role: ParticipantRole,
    joined_at: IsoDate,
    /**
     * Their read pointer, for "seen": null when they turned read receipts off (users see
     * their own always; the room's own `last_read_seq` is the viewer's).
     */
    last_read_seq: z.number().int().nullable(),
  })
  .meta({ id: 'Participant' });
export type Participant = z.infer<typeof Participant>;

export const Reaction = z.object({ emoji: z.string(), count: z.number().int(), user_ids: z.array(Id) }).meta({ id: 'Reaction' });
export type Reaction = z.infer<typeof Reaction>;

/** A feature's resource a message points at (a workout, an album): `{kind, id}` on send. */
export const CardKind = z.string().regex(/^[a-z][a-z0-9_-]{1,31}$/, 'a card kind: lower-case letters, digits, "_" or "-"');
export const CardRef = z.strictObject({ kind: CardKind, id: Id }).meta({ id: 'CardRef' });
export type CardRef = z.infer<typeof CardRef>;

/**
 * A card as every reader of the message sees it: what the sender's feature put into the
 * snapshot when the message was sent, and nothing more (a reader who may not open the
 * resource itself still sees this). Each feature documents its snapshot's shape beside
 * its kind (e.g. `WorkoutCardSnapshot`).
 */
export const MessageCard = z
  .object({ kind: z.string(), id: Id, snapshot: z.record(z.string(), z.unknown()) })
  .meta({ id: 'MessageCard' });
export type MessageCard = z.infer<typeof MessageCard>;
/** The most a card's snapshot may weigh, as JSON. */
export const CARD_SNAPSHOT_MAX_BYTES = 8_192;

/**
 * Who wrote a message, as they are now: the reader sees their name and avatar also after
 * they left the room (when they are no longer among its participants).
 */
export const MessageAuthor = PublicUser.pick({ id: true, username: true, handle: true, display_name: true, avatar: true }).meta({
  id: 'MessageAuthor',
});
export type MessageAuthor = z.infer<typeof MessageAuthor>;

/** The built-in group icons (SVGs under the web app's `/group-icons/<id>.svg`). */
export const GROUP_ICONS = ['dumbbell', 'runner', 'cyclist', 'swimmer', 'yoga', 'trophy', 'mountain', 'heart'] as const;
export const GroupIcon = z.enum(GROUP_ICONS);
export type GroupIcon = z.infer<typeof GroupIcon>;

/** Someone a system line names, as they were called when it happened. */
export const SystemUser = z.object({ id: Id, name: z.string() }).meta({ id: 'SystemUser' });
export type SystemUser = z.infer<typeof SystemUser>;

/**
 * What a system line (a message with `system`) records; its sender is who did it. No text,
 * no edits, reactions or replies, and not searchable.
 */
export const SystemEvent = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('added'), users: z.array(SystemUser) }),
    z.object({ type: z.literal('left') }),
    z.object({ type: z.literal('removed'), user: SystemUser }),
    z.object({ type: z.literal('renamed'), name: z.string() }),
  ])
  .meta({ id: 'SystemEvent' });
export type SystemEvent = z.infer<typeof SystemEvent>;

export const Message = z
  .object({
    id: Id,
    chatroom_id: Id,
    seq: z.number().int(),
    sender_id: Id,
    client_id: z.string(),
    /** Empty once deleted. */
    content: z.string(),
    reply_to_id: Id.nullable(),
    mentions: z.array(Id),
    reactions: z.array(Reaction),
    created_at: IsoDate,
    edited_at: IsoDate.nullable(),
    deleted_at: IsoDate.nullable(),
    /** Only on messages that carry a card (and gone once the message is deleted). */
    card: MessageCard.optional(),
    /** Only on messages with images or files, in the order they were sent (gone, objects too, once the message is deleted). */
    attachments: z.array(ChatAttachment).optional(),
    /** The sender's name and avatar (absent only when their account is gone). */
    author: MessageAuthor.optional(),
    /** Only on system lines (someone added, left, removed; a rename): what happened. */
    system: SystemEvent.optional(),
    /**
     * Seed 003: read by the viewer (seq <= their read pointer, or their own message). Set in
     * history pages and sync; absent where the viewer differs per socket (`new-message`, acks).
     */
    is_read: z.boolean().optional(),
  })
  .meta({ id: 'Message' });
export type Message = z.infer<typeof Message>;

export const Chatroom = z
  .object({
    id: Id,
    name: z.string().nullable(),
    /** A group's built-in icon, null for its initials. */
    icon: GroupIcon.nullable(),
    is_group: z.boolean(),
    created_by: Id.nullable(),
    created_at: IsoDate,
    /** Seed 003: the room's last change (a message, a rename). */
    updated_at: IsoDate,
    last_seq: z.number().int(),
    last_read_seq: z.number().int(),
    unread_count: z.number().int(),
    last_message: Message.nullable(),
    participants: z.array(Participant),
    /** My notification level here, the room type's default filled in (DMs all, groups mentions). */
    notification_level: NotificationLevel,
    /**
     * Set when the owner removed me: the room stays in my list, read-only (history up to
     * the removal), until I dismiss it.
     */
    removed: z.object({ at: IsoDate, by: SystemUser.nullable() }).nullable(),
  })
  .meta({ id: 'Chatroom' });
export type Chatroom = z.infer<typeof Chatroom>;

export const ChatroomList = z.object({ items: z.array(Chatroom) }).meta({ id: 'ChatroomList' });
export type ChatroomList = z.infer<typeof ChatroomList>;

export const ChatroomIdParams = z.strictObject({ id: Id });
export const ChatroomParticipantParams = z.strictObject({ id: Id, userId: Id });
export const HistoryParams = z.strictObject({ chatroomId: Id });
export const MessageIdParams = z.strictObject({ id: Id });
export const ReactionParams = z.strictObject({ id: Id, emoji: Emoji });

/** A group `{name, participant_ids}`; a DM is `{participant_ids: [other]}` without a name. */
export const CreateChatroomBody = z
  .strictObject({
    name: plainText(1, 100).optional(),
    participant_ids: z.array(Id).max(100),
    is_group: z.boolean().optional(),
  })
  .meta({ id: 'CreateChatroomBody' });
export type CreateChatroomBody = z.infer<typeof CreateChatroomBody>;

/** The owner's group settings: a new name, a built-in icon (null for the initials), or both. */
export const UpdateChatroomBody = z
  .strictObject({ name: plainText(1, 100).optional(), icon: GroupIcon.nullable().optional() })
  .refine((body) => body.name !== undefined || body.icon !== undefined, { message: 'name or icon required' })
  .meta({ id: 'UpdateChatroomBody' });
export type UpdateChatroomBody = z.infer<typeof UpdateChatroomBody>;

export const AddParticipantsBody = z
  .strictObject({ user_ids: z.array(Id).min(1).max(100) })
  .meta({ id: 'AddParticipantsBody' });
export type AddParticipantsBody = z.infer<typeof AddParticipantsBody>;

export const MessageContent = multilineText(MESSAGE_MAX_LENGTH).refine((v) => v.trim().length > 0, { message: 'must not be empty' });
/** The text of a message that may carry a card or attachments instead: empty only beside one of them. */
const MessageText = multilineText(MESSAGE_MAX_LENGTH);
const textOrCard = (body: { content: string; card?: CardRef | undefined; attachment_ids?: string[] | undefined }) =>
  body.content.trim().length > 0 || body.card !== undefined || (body.attachment_ids?.length ?? 0) > 0;

/** Send-message fields, shared by REST (`SendMessageBody`) and the socket (`SendMessageEvent`). */
export const sendMessageFields = {
  chatroom_id: Id,
  content: MessageText,
  /** Optional (seed 003 clients send none): without it the server makes one, so that send is not idempotent. */
  client_id: ClientId.optional(),
  reply_to_id: Id.optional(),
  card: CardRef.optional(),
  /** Uploaded, completed and `ready` attachments of this room, mine and on no message yet; their order is kept. */
  attachment_ids: z.array(Id).min(1).max(ATTACHMENTS_PER_MESSAGE_MAX).optional(),
};
export const sendMessageSchema = () =>
  z.strictObject(sendMessageFields).refine(textOrCard, { path: ['content'], message: 'must not be empty (unless the message carries a card or attachments)' });

export const SendMessageBody = sendMessageSchema().meta({ id: 'SendMessageBody' });
export type SendMessageBody = z.infer<typeof SendMessageBody>;

export const EditMessageBody = z.strictObject({ content: MessageContent }).meta({ id: 'EditMessageBody' });
export type EditMessageBody = z.infer<typeof EditMessageBody>;

/** A seq in a JSON body or socket event: a number, never coerced from `true`, `null` or `[7]`. */
export const seqNumber = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
/** A seq in a query string, where everything arrives as text. */
const seqQuery = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const HistoryQuery = z.strictObject({
  before_seq: seqQuery.optional(),
  after_seq: seqQuery.optional(),
  limit: z.coerce.number().int().min(1).max(HISTORY_PAGE_MAX).default(50),
});
export type HistoryQuery = z.infer<typeof HistoryQuery>;

/** Newest first when paging back (`before_seq`), oldest first when catching up (`after_seq`). */
export const MessagePage = z.object({ items: z.array(Message), has_more: z.boolean() }).meta({ id: 'MessagePage' });
export type MessagePage = z.infer<typeof MessagePage>;

export const ReadBody = z.strictObject({ seq: seqNumber }).meta({ id: 'ReadBody' });
export type ReadBody = z.infer<typeof ReadBody>;

export const ReadState = z.object({ chatroom_id: Id, user_id: Id, seq: z.number().int() }).meta({ id: 'ReadState' });
export type ReadState = z.infer<typeof ReadState>;

export const SEARCH_QUERY_MAX_LENGTH = 200;
export const SEARCH_PAGE_MAX = 50;

/**
 * Words (prefix and stemmed, English and German) plus filters typed into `q`:
 * `from:name#1234` (or `from:name`), `in:"group name"` (or `in:name#1234` for a DM),
 * `before:YYYY-MM-DD`, `after:YYYY-MM-DD` (UTC days, both exclusive), `has:mention`.
 */
export const SearchQuery = z.strictObject({
  q: plainText(1, SEARCH_QUERY_MAX_LENGTH),
  chatroom_id: Id.optional(),
  /** `next_cursor` of the previous page. */
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(SEARCH_PAGE_MAX).default(20),
});
export type SearchQuery = z.infer<typeof SearchQuery>;

/** Where the words matched, as UTF-16 offsets into `text` (render as text with marks, never as HTML). */
export const SearchSnippet = z
  .object({ text: z.string(), highlights: z.array(z.object({ start: z.number().int(), end: z.number().int() })) })
  .meta({ id: 'SearchSnippet' });
export type SearchSnippet = z.infer<typeof SearchSnippet>;

export const SearchHit = Message.extend({ snippet: SearchSnippet }).meta({ id: 'SearchHit' });
export type SearchHit = z.infer<typeof SearchHit>;

/** Newest first; `total` counts every match, `next_cursor` is null on the last page. */
export const SearchResults = z
  .object({ items: z.array(SearchHit), total: z.number().int(), next_cursor: z.string().nullable() })
  .meta({ id: 'SearchResults' });
export type SearchResults = z.infer<typeof SearchResults>;
