import { Inject, Injectable } from '@nestjs/common';
import type {
  ChatAttachment,
  ChatAttachmentFileSpec,
  ChatAttachmentLink,
  ChatAttachmentLinks,
  ChatAttachmentTicket,
  ChatAttachmentTickets,
  CreateChatAttachmentsBody,
} from '@discordgym/contracts';
import { v7 as uuidv7 } from 'uuid';
import { AppError } from '../../../common/app-error';
import { CONFIG } from '../../../config/config.module';
import type { Config } from '../../../config/env';
import { DomainEvents } from '../../../events/domain-events.service';
import { RateLimiter } from '../../../infra/kv/rate-limiter';
import { OBJECT_STORAGE, type ObjectStorage } from '../../../infra/storage/object-storage';
import { ChatPolicy } from '../chat.policy';
import { ATTACHMENT_SNIFF_BYTES, isRefusedClaim, sniffAttachment } from './attachment-sniffer';
import { type AttachmentRow, attachmentKeys, ChatAttachmentsRepository, type NewAttachmentRow, toChatAttachment } from './chat-attachments.repository';

/** A presigned PUT works this long; a retry with the same client_id gets a fresh one. */
const PUT_URL_SECONDS = 300;
/**
 * An upload on no message is swept this long after its PUT URL expires: time to write the
 * message it goes with, or to send it from the outbox once the connection is back.
 */
export const UNSENT_KEEP_MS = 24 * 60 * 60_000;
/** Signed GET URLs of attachments work this long: a history page's worth of viewing, not a shareable link. */
export const LINK_SECONDS = 600;

/**
 * Chat attachments, the upload side: presigned PUTs straight to storage for server-made keys
 * (after the membership, type, size, quota and rate checks), the check of what arrived at
 * complete (size, and the type by its bytes, see attachment-sniffer.ts), images on to the
 * album photos' processing through `chat.attachment.uploaded`, and short-lived signed links
 * for members of the room.
 */
@Injectable()
export class ChatAttachmentsService {
  constructor(
    private readonly repository: ChatAttachmentsRepository,
    private readonly policy: ChatPolicy,
    private readonly events: DomainEvents,
    private readonly limiter: RateLimiter,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  async create(userId: string, roomId: string, body: CreateChatAttachmentsBody): Promise<ChatAttachmentTickets> {
    await this.policy.member(userId, roomId);
    await this.policy.maySend(userId, roomId);
    await this.limiter.consume('chat-attachments', userId, {
      max: this.config.RATE_LIMIT_CHAT_ATTACHMENTS_PER_USER,
      windowSeconds: this.config.RATE_LIMIT_CHAT_ATTACHMENTS_WINDOW_SECONDS,
    });
    this.checkFiles(body.files);
    const clientIds = body.files.map((f) => f.client_id);
    const existing = new Map((await this.repository.byClientIds(userId, clientIds)).map((a) => [a.clientId, a]));
    for (const file of body.files) assertSameFile(existing.get(file.client_id), roomId, file);
    const fresh = body.files.filter((f) => !existing.has(f.client_id));
    if (fresh.length) await this.insertPending(userId, roomId, fresh);
    const byClient = new Map((await this.repository.byClientIds(userId, clientIds)).map((a) => [a.clientId, a]));
    const items: ChatAttachmentTicket[] = [];
    for (const file of body.files) {
      const row = byClient.get(file.client_id);
      if (!row) throw new Error(`attachment ${file.client_id} vanished`);
      // A parallel request with the same client_id but another file may have won the insert.
      assertSameFile(row, roomId, file);
      items.push(await this.ticket(row));
    }
    return { items };
  }

  /** The whole batch or nothing: one bad file refuses the request before anything is written. */
  private checkFiles(files: ChatAttachmentFileSpec[]): void {
    const seen = new Set<string>();
    files.forEach((file, i) => {
      if (seen.has(file.client_id)) throw new AppError('VALIDATION_FAILED', 'Each file needs its own client_id', [{ path: `files.${i}.client_id`, message: 'repeated' }]);
      seen.add(file.client_id);
      if (isRefusedClaim(file.type)) {
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', `${file.type} is not accepted in chat (HTML, SVG, XML and scripts would run when opened)`, [
          { path: `files.${i}.type`, message: file.type },
        ]);
      }
      if (file.size > this.config.CHAT_ATTACHMENT_MAX_BYTES) {
        throw new AppError('PAYLOAD_TOO_LARGE', `Chat files may have at most ${this.config.CHAT_ATTACHMENT_MAX_BYTES} bytes`, [
          { path: `files.${i}.size`, message: String(file.size) },
        ]);
      }
    });
  }

  /** New rows for files not seen before, under the room's (and uploader's) row lock: the quota checks cannot race. */
  private async insertPending(userId: string, roomId: string, requested: ChatAttachmentFileSpec[]): Promise<void> {
    await this.repository.transaction(async (tx) => {
      if (!(await this.repository.lockForQuota(tx, roomId, userId))) throw AppError.notFound('Chatroom');
      // A parallel retry with the same client_id may have inserted while this request waited
      // for the lock: its files are no longer new and must not count against the quota twice.
      const taken = new Set((await this.repository.byClientIds(userId, requested.map((f) => f.client_id), tx)).map((a) => a.clientId));
      const files = requested.filter((f) => !taken.has(f.client_id));
      if (!files.length) return;
      const used = await this.repository.quotaUsed(tx, roomId, userId);
      const bytes = files.reduce((total, f) => total + f.size, 0);
      const { CHAT_ATTACHMENT_QUOTA_USER_BYTES: userQuota, CHAT_ATTACHMENT_QUOTA_ROOM_BYTES: roomQuota } = this.config;
      if (used.userBytes + bytes > userQuota) {
        throw new AppError('QUOTA_EXCEEDED', 'These files pass your storage quota for chat files', { quota_user_bytes: userQuota, used_user_bytes: used.userBytes });
      }
      if (used.roomBytes + bytes > roomQuota) {
        throw new AppError('QUOTA_EXCEEDED', 'These files pass the storage quota of this room', { quota_room_bytes: roomQuota, used_room_bytes: used.roomBytes });
      }
      const expiresAt = new Date(Date.now() + PUT_URL_SECONDS * 1000 + UNSENT_KEEP_MS);
      const rows: NewAttachmentRow[] = files.map((file) => {
        const id = uuidv7();
        return {
          id,
          chatroomId: roomId,
          uploaderId: userId,
          clientId: file.client_id,
          kind: 'file',
          name: cleanName(file.name),
          contentType: file.type.toLowerCase(),
          byteSize: file.size,
          originalKey: attachmentKeys(roomId, id).original,
          status: 'pending_upload',
          uploadExpiresAt: expiresAt,
        };
      });
      await this.repository.insertIgnoringDuplicates(tx, rows);
    });
  }

  private async ticket(row: AttachmentRow): Promise<ChatAttachmentTicket> {
    const base = { client_id: row.clientId, attachment: toChatAttachment(row) };
    if (row.status !== 'pending_upload') return { ...base, put: null };
    const put = await this.storage.presignPut(row.originalKey, { contentType: row.contentType, contentLength: row.byteSize, expiresInSeconds: PUT_URL_SECONDS });
    await this.repository.setUploadExpiry(row.id, new Date(put.expiresAt.getTime() + UNSENT_KEEP_MS));
    return { ...base, put: { url: put.url, method: 'PUT', headers: put.headers, expires_at: put.expiresAt.toISOString() } };
  }

  /**
   * Checks what arrived. Never trusts the claim: the size comes from the storage's HEAD, the
   * type from the first bytes. Refused content is marked failed before its object is deleted,
   * so whatever happens to the delete it is never processed or served.
   */
  async complete(userId: string, roomId: string, attachmentId: string): Promise<ChatAttachment> {
    await this.policy.member(userId, roomId);
    const row = await this.ownUpload(userId, roomId, attachmentId);
    if (row.status === 'failed' && row.failureReason === 'type_refused') {
      // A retry also finishes a delete that failed the first time.
      await this.storage.delete([row.originalKey]);
      throw typeRefused();
    }
    if (row.status !== 'pending_upload') return toChatAttachment(row);

    const stored = await this.storage.head(row.originalKey);
    if (!stored) throw new AppError('UPLOAD_INCOMPLETE', 'The file has not arrived yet: PUT it to the upload URL first');
    if (stored.size !== row.byteSize) {
      await this.storage.delete([row.originalKey]);
      throw new AppError('UPLOAD_INCOMPLETE', `The stored file has ${stored.size} bytes, not the ${row.byteSize} announced; upload it again`);
    }
    const head = await this.storage.readRange(row.originalKey, 0, ATTACHMENT_SNIFF_BYTES - 1);
    const sniffed = sniffAttachment(head, row.contentType);
    if (sniffed.verdict === 'refused') {
      await this.repository.transaction(async (tx) => {
        const locked = await this.repository.lockAttachment(tx, row.id);
        if (locked?.status === 'pending_upload') await this.repository.update(tx, row.id, { status: 'failed', failureReason: 'type_refused' });
      });
      await this.storage.delete([row.originalKey]);
      throw typeRefused();
    }
    const moved = await this.repository.transaction(async (tx) => {
      const locked = await this.repository.lockAttachment(tx, row.id);
      if (locked?.status !== 'pending_upload') return false;
      if (sniffed.verdict === 'file') {
        await this.repository.update(tx, row.id, { status: 'ready', kind: 'file', contentType: sniffed.contentType });
        return false;
      }
      await this.repository.update(tx, row.id, { status: 'processing', kind: 'image', contentType: sniffed.contentType });
      // The processing job is this event's consumer: the upload and its job commit together.
      await this.events.record(tx, 'chat.attachment.uploaded', { chatroom_id: roomId, attachment_id: row.id });
      return true;
    });
    if (moved) this.events.kick();
    const current = await this.repository.attachmentById(row.id);
    if (!current) throw AppError.notFound('Attachment');
    return toChatAttachment(current);
  }

  /** Its uploader (who waits here for `ready`), and members once it is on a message they may read. */
  async get(userId: string, roomId: string, attachmentId: string): Promise<ChatAttachment> {
    const reader = await this.policy.reader(userId, roomId);
    const [found] = await this.repository.withMessages(roomId, [attachmentId]);
    if (!found) throw AppError.notFound('Attachment');
    const mine = found.row.uploaderId === userId;
    if (!mine && !onReadableMessage(found, reader.upToSeq)) throw AppError.notFound('Attachment');
    return toChatAttachment(found.row);
  }

  /**
   * Signed URLs for the attachments the caller may see: ready, and on a live message they may
   * read (a removed member: up to their removal), or their own upload not sent yet. Every
   * other id drops out silently, so a guess cannot tell "not yours" from "no such file".
   */
  async links(userId: string, roomId: string, ids: string[]): Promise<ChatAttachmentLinks> {
    const reader = await this.policy.reader(userId, roomId);
    const member = reader.upToSeq === undefined;
    const found = await this.repository.withMessages(roomId, [...new Set(ids)]);
    const expiresAt = new Date(Date.now() + LINK_SECONDS * 1000);
    const visible = found.filter(
      (f) => f.row.status === 'ready' && (onReadableMessage(f, reader.upToSeq) || (member && f.row.messageId === null && f.row.uploaderId === userId)),
    );
    const byId = new Map(await Promise.all(visible.map(async (f) => [f.row.id, await this.linkOf(f.row, userId, expiresAt)] as const)));
    // In the order asked for.
    const items = [...new Set(ids)].flatMap((id) => {
      const link = byId.get(id);
      return link ? [link] : [];
    });
    return { items };
  }

  private async linkOf(row: AttachmentRow, userId: string, expiresAt: Date): Promise<ChatAttachmentLink> {
    const sign = (key: string, options: { contentType: string; downloadName?: string }) => this.storage.presignGet(key, { expiresInSeconds: LINK_SECONDS, ...options });
    const image = row.kind === 'image' && row.thumbKey && row.previewKey;
    const thumbUrl = image ? await sign(row.thumbKey!, { contentType: 'image/webp' }) : null;
    const previewUrl = image ? await sign(row.previewKey!, { contentType: 'image/webp' }) : null;
    // The original keeps its EXIF (a phone's location): only its uploader downloads it.
    const url =
      image && row.uploaderId !== userId
        ? await sign(row.previewKey!, { contentType: 'image/webp', downloadName: webpName(row.name) })
        : await sign(row.originalKey, { contentType: row.contentType, downloadName: row.name });
    return { id: row.id, thumb_url: thumbUrl, preview_url: previewUrl, url, expires_at: expiresAt.toISOString() };
  }

  /** Only the one who uploaded completes an upload; for anyone else it does not exist. */
  private async ownUpload(userId: string, roomId: string, attachmentId: string): Promise<AttachmentRow> {
    const row = await this.repository.attachmentInRoom(roomId, attachmentId);
    if (!row || row.uploaderId !== userId) throw AppError.notFound('Attachment');
    return row;
  }
}

const typeRefused = () =>
  new AppError('FILE_TYPE_REFUSED', 'This file was refused (checked by its content, not its name): HTML, SVG and files claimed as images that are none are not accepted; it was deleted');

/** A retry of the same client_id must be the same file into the same room; anything else is a client bug, said loudly. */
function assertSameFile(row: AttachmentRow | undefined, roomId: string, file: ChatAttachmentFileSpec): void {
  if (!row) return;
  if (row.chatroomId !== roomId || row.byteSize !== file.size || (row.status === 'pending_upload' && row.contentType !== file.type.toLowerCase())) {
    throw new AppError('CLIENT_ID_CONFLICT', `client_id ${file.client_id} was used for another file`, [{ path: 'files', message: file.client_id }]);
  }
}

/** On a message that is not deleted and that the reader may read (a removed member: up to their removal). */
function onReadableMessage(found: { row: AttachmentRow; seq: number | null; messageDeleted: boolean }, upToSeq: number | undefined): boolean {
  if (found.row.messageId === null || found.seq === null || found.messageDeleted) return false;
  return upToSeq === undefined || found.seq <= upToSeq;
}

/** A file name as a download may carry it: no folders, no control or bidi characters. */
export function cleanName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069"]/gu, '')
    .trim()
    .slice(0, 255);
  return cleaned || 'file';
}

/** What the preview of `photo.jpg` is called when downloaded: `photo.webp`. */
export function webpName(name: string): string {
  const dot = name.lastIndexOf('.');
  const stem = dot > 0 ? name.slice(0, dot) : name;
  return `${stem.slice(0, 250)}.webp`;
}
