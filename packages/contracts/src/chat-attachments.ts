import { z } from 'zod';
import { Id, IsoDate, plainText } from './common';
import { UploadClientId } from './album-photos';

// ---- chat attachments: images and files on a message (issue 12) ----

/** At most this many files on one message (and in one upload request). */
export const ATTACHMENTS_PER_MESSAGE_MAX = 10;
/**
 * The hard ceiling of one chat file: a single presigned PUT (no multipart), below the album's
 * multipart threshold. `CHAT_ATTACHMENT_MAX_BYTES` may lower it, never raise it.
 */
export const CHAT_ATTACHMENT_BYTES_MAX = 16 * 1024 * 1024;
/** Links asked for at once (a history page's attachments). */
export const ATTACHMENT_LINKS_MAX = 100;

/** `image`: shown inline (thumbnail, preview, lightbox); `file`: a chip with name and size, downloaded. */
export const ChatAttachmentKind = z.enum(['image', 'file']);
export type ChatAttachmentKind = z.infer<typeof ChatAttachmentKind>;

/**
 * `pending_upload` until complete; `processing` while an image's thumbnail and preview are
 * made (files skip it); `ready` once it may go on a message; `failed` when the bytes were
 * refused or could not be processed (the objects are gone).
 */
export const ChatAttachmentStatus = z.enum(['pending_upload', 'processing', 'ready', 'failed']);
export type ChatAttachmentStatus = z.infer<typeof ChatAttachmentStatus>;

/**
 * An attachment as every member of the room sees it. No URLs here: a message travels to
 * many sockets and is cached, a signed URL is short-lived and per request — ask
 * `chatAttachmentLinks` for them.
 */
export const ChatAttachment = z
  .object({
    id: Id,
    chatroom_id: Id,
    uploader_id: Id,
    kind: ChatAttachmentKind,
    status: ChatAttachmentStatus,
    /** The client's file name, cleaned (no folders, no control characters). */
    name: z.string(),
    /** Sniffed from the bytes at complete (the claim until then). */
    content_type: z.string(),
    byte_size: z.number().int(),
    /** Images: the original's size in pixels (after EXIF orientation). */
    width: z.number().int().nullable(),
    height: z.number().int().nullable(),
    /** Images: a thumbhash (base64) to paint while the thumbnail loads. */
    placeholder: z.string().nullable(),
    /** Why it failed: `type_refused`, `undecodable`, `processing_failed`. */
    failure_reason: z.string().nullable(),
    created_at: IsoDate,
  })
  .meta({ id: 'ChatAttachment' });
export type ChatAttachment = z.infer<typeof ChatAttachment>;

export const ChatAttachmentFileSpec = z.strictObject({
  /** A retry with the same client_id answers the same attachment (and a fresh URL), never a second one. */
  client_id: UploadClientId,
  name: plainText(1, 255),
  /** The claimed type, signed into the PUT URL; the bytes decide at complete. */
  type: z.string().regex(/^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,63}$/i, 'a MIME type like image/png'),
  size: z.number().int().min(1).max(CHAT_ATTACHMENT_BYTES_MAX),
});
export type ChatAttachmentFileSpec = z.infer<typeof ChatAttachmentFileSpec>;

export const CreateChatAttachmentsBody = z
  .strictObject({ files: z.array(ChatAttachmentFileSpec).min(1).max(ATTACHMENTS_PER_MESSAGE_MAX) })
  .meta({ id: 'CreateChatAttachmentsBody' });
export type CreateChatAttachmentsBody = z.infer<typeof CreateChatAttachmentsBody>;

/** One file of an upload request: PUT the bytes to `put` (null once they are in), then complete. */
export const ChatAttachmentTicket = z
  .object({
    client_id: z.string(),
    attachment: ChatAttachment,
    put: z
      .object({ url: z.string(), method: z.literal('PUT'), headers: z.record(z.string(), z.string()), expires_at: IsoDate })
      .nullable(),
  })
  .meta({ id: 'ChatAttachmentTicket' });
export type ChatAttachmentTicket = z.infer<typeof ChatAttachmentTicket>;

export const ChatAttachmentTickets = z.object({ items: z.array(ChatAttachmentTicket) }).meta({ id: 'ChatAttachmentTickets' });
export type ChatAttachmentTickets = z.infer<typeof ChatAttachmentTickets>;

export const ChatAttachmentParams = z.strictObject({ id: Id, attachmentId: Id });
export type ChatAttachmentParams = z.infer<typeof ChatAttachmentParams>;

export const ChatAttachmentLinksBody = z
  .strictObject({ attachment_ids: z.array(Id).min(1).max(ATTACHMENT_LINKS_MAX) })
  .meta({ id: 'ChatAttachmentLinksBody' });
export type ChatAttachmentLinksBody = z.infer<typeof ChatAttachmentLinksBody>;

/**
 * Short-lived signed URLs of one attachment, for a member of its room only. `thumb_url`
 * (400 px) and `preview_url` (1600 px) are WebP without EXIF, images only. `url` downloads
 * (Content-Disposition: attachment): a file itself; for an image the original to its
 * uploader and the preview (no EXIF, no location) to everyone else.
 */
export const ChatAttachmentLink = z
  .object({ id: Id, thumb_url: z.string().nullable(), preview_url: z.string().nullable(), url: z.string(), expires_at: IsoDate })
  .meta({ id: 'ChatAttachmentLink' });
export type ChatAttachmentLink = z.infer<typeof ChatAttachmentLink>;

/** Only attachments the caller may see and that are ready; any other id is left out (never an error that tells them apart). */
export const ChatAttachmentLinks = z.object({ items: z.array(ChatAttachmentLink) }).meta({ id: 'ChatAttachmentLinks' });
export type ChatAttachmentLinks = z.infer<typeof ChatAttachmentLinks>;

/** What chat files take in storage (originals and derivatives), for the admin stats page; cached up to 30 s. */
export const ChatAttachmentUsage = z.object({
  total_bytes: z.number().int(),
  files: z.number().int(),
  /** The quotas in force (`CHAT_ATTACHMENT_QUOTA_USER_BYTES`, `CHAT_ATTACHMENT_QUOTA_ROOM_BYTES`). */
  quota_user_bytes: z.number().int(),
  quota_room_bytes: z.number().int(),
  /** The largest users and rooms (at most 20 each), largest first. */
  top_users: z.array(z.object({ user_id: Id, username: z.string(), bytes: z.number().int(), files: z.number().int() })),
  top_rooms: z.array(z.object({ chatroom_id: Id, name: z.string().nullable(), is_group: z.boolean(), bytes: z.number().int(), files: z.number().int() })),
});
export type ChatAttachmentUsage = z.infer<typeof ChatAttachmentUsage>;
