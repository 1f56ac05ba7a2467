import { Inject, Injectable } from '@nestjs/common';
import {
  ALBUM_UPLOAD_TYPES,
  type AlbumPhoto,
  type CreateUploadsBody,
  MULTIPART_PART_BYTES,
  MULTIPART_THRESHOLD_BYTES,
  PART_URLS_MAX,
  type UploadFileSpec,
  type UploadParts,
  type UploadPartsBody,
  type UploadTicket,
  type UploadTickets,
} from '@discordgym/contracts';
import { v7 as uuidv7 } from 'uuid';
import { AppError } from '../../common/app-error';
import type { AlbumCaller } from '../../common/request-context';
import { CONFIG } from '../../config/config.module';
import type { Config } from '../../config/env';
import { DomainEvents } from '../../events/domain-events.service';
import { RateLimiter } from '../../infra/kv/rate-limiter';
import { OBJECT_STORAGE, type ObjectStorage } from '../../infra/storage/object-storage';
import { SNIFF_BYTES, sniffMediaType } from './media-sniffer';
import { isUploader, PhotoAccess, type PhotoActor, uploaderOf } from './photo-access';
import { photoKeys } from './photo-keys';
import { PhotoViews } from './photo-views';
import { type AlbumRow, type NewPhotoRow, type PhotoRow, PhotosRepository } from './photos.repository';

/** A presigned PUT works this long; a retry with the same client_id gets a fresh one. */
const PUT_URL_SECONDS = 300;
/**
 * How long a pending upload is kept before the sweep removes it: past the URL's expiry by
 * enough for a PUT that started just in time to finish; a multipart upload, which a
 * client resumes over a dropped connection, a day from its last parts request.
 */
const PENDING_SLACK_MS = 60 * 60_000;
const MULTIPART_PENDING_MS = 24 * 60 * 60_000;
const allowedTypes: ReadonlySet<string> = new Set(ALBUM_UPLOAD_TYPES);

const partCount = (size: number) => Math.ceil(size / MULTIPART_PART_BYTES);
const partSize = (size: number, partNumber: number) => Math.min(MULTIPART_PART_BYTES, size - (partNumber - 1) * MULTIPART_PART_BYTES);

/**
 * Uploads go from the browser straight to storage: this service hands out presigned URLs
 * for server-made keys (after the album, type, size, quota and rate checks) and, at
 * complete, checks what arrived (size, and the type by magic number) before the photo
 * goes on to processing through the `album.photo.uploaded` domain event.
 */
@Injectable()
export class UploadsService {
  constructor(
    private readonly repository: PhotosRepository,
    private readonly access: PhotoAccess,
    private readonly views: PhotoViews,
    private readonly events: DomainEvents,
    private readonly limiter: RateLimiter,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  async createUploads(caller: AlbumCaller, albumId: string, body: CreateUploadsBody): Promise<UploadTickets> {
    const { album, actor } = await this.access.resolve(caller, albumId, 'upload');
    if (!this.access.isHost(actor, album)) assertUploadsOpen(album, new Date());
    if (actor.kind === 'guest') {
      await this.limiter.consume('album-uploads-guest', actor.guestId, {
        max: this.config.RATE_LIMIT_ALBUM_UPLOADS_PER_GUEST,
        windowSeconds: this.config.RATE_LIMIT_ALBUM_UPLOADS_WINDOW_SECONDS,
      });
    }
    checkFiles(album, body.files);
    const uploader = uploaderOf(actor)!;
    const clientIds = body.files.map((f) => f.client_id);
    const existing = new Map((await this.repository.byClientIds(albumId, uploader, clientIds)).map((p) => [p.clientId, p]));
    for (const file of body.files) {
      const photo = existing.get(file.client_id);
      if (photo && (photo.byteSize !== file.size || (photo.status === 'pending_upload' && photo.contentType !== file.type))) {
        throw new AppError('CLIENT_ID_CONFLICT', `client_id ${file.client_id} was used for another file`, [{ path: 'files', message: file.client_id }]);
      }
    }
    const fresh = body.files.filter((f) => !existing.has(f.client_id));
    if (fresh.length) await this.insertPending(album, actor, fresh);
    const photos = await this.repository.byClientIds(albumId, uploader, clientIds);
    const byClient = new Map(photos.map((p) => [p.clientId, p]));
    const items: UploadTicket[] = [];
    for (const file of body.files) {
      const photo = byClient.get(file.client_id);
      if (!photo) throw new Error(`upload ${file.client_id} vanished`);
      items.push(await this.ticket(photo));
    }
    return { items };
  }

  /** New rows for files not seen before, under the album's row lock: the quota check cannot race. */
  private async insertPending(album: AlbumRow, actor: PhotoActor, requested: UploadFileSpec[]): Promise<void> {
    const uploader = uploaderOf(actor)!;
    const host = this.access.isHost(actor, album);
    await this.repository.transaction(async (tx) => {
      if (!(await this.repository.lockAlbumRow(tx, album.id))) throw AppError.notFound('Album');
      // A parallel retry with the same client_id may have inserted while this request waited
      // for the lock: its files are no longer new, and must not count against the quota twice.
      const taken = new Set((await this.repository.byClientIds(album.id, uploader, requested.map((f) => f.client_id), tx)).map((p) => p.clientId));
      const files = requested.filter((f) => !taken.has(f.client_id));
      if (!files.length) return;
      const lastSeq = await this.repository.nextSeq(tx, album.id, files.length);
      // Hosts are trusted with their own album; everyone else (guests and members) has the quota.
      if (!host) {
        const used = await this.repository.quotaUsed(tx, album.id, uploader);
        const bytes = files.reduce((total, f) => total + f.size, 0);
        if (used.photos + files.length > album.guestQuotaPhotos) {
          throw new AppError('QUOTA_EXCEEDED', `This album takes at most ${album.guestQuotaPhotos} photos from you (${used.photos} so far)`, {
            quota_photos: album.guestQuotaPhotos,
            used_photos: used.photos,
          });
        }
        if (used.bytes + bytes > album.guestQuotaBytes) {
          throw new AppError('QUOTA_EXCEEDED', 'These files pass your storage quota for this album', { quota_bytes: album.guestQuotaBytes, used_bytes: used.bytes });
        }
      }
      const now = Date.now();
      const rows: NewPhotoRow[] = files.map((file, i) => {
        const id = uuidv7();
        return {
          id,
          albumId: album.id,
          uploaderUserId: uploader.userId ?? null,
          uploaderGuestId: uploader.guestId ?? null,
          clientId: file.client_id,
          originalName: cleanName(file.name),
          originalKey: photoKeys(album.id, id).original,
          contentType: file.type,
          byteSize: file.size,
          status: 'pending_upload',
          uploadExpiresAt: new Date(now + (file.size > MULTIPART_THRESHOLD_BYTES ? MULTIPART_PENDING_MS : PUT_URL_SECONDS * 1000 + PENDING_SLACK_MS)),
          seq: lastSeq - files.length + 1 + i,
        };
      });
      // A parallel retry with the same client_id may have inserted first: its row wins.
      await this.repository.insertIgnoringDuplicates(tx, rows);
    });
  }

  private async ticket(photo: PhotoRow): Promise<UploadTicket> {
    const base = { client_id: photo.clientId, upload_id: photo.id, photo_id: photo.id, status: photo.status as UploadTicket['status'] };
    if (photo.status !== 'pending_upload') return { ...base, put: null, multipart: null };
    if (photo.byteSize > MULTIPART_THRESHOLD_BYTES) {
      await this.ensureMultipart(photo);
      return { ...base, put: null, multipart: { part_size: MULTIPART_PART_BYTES, part_count: partCount(photo.byteSize) } };
    }
    const put = await this.storage.presignPut(photo.originalKey, {
      contentType: photo.contentType,
      contentLength: photo.byteSize,
      expiresInSeconds: PUT_URL_SECONDS,
    });
    await this.repository.setUploadExpiry(photo.id, new Date(put.expiresAt.getTime() + PENDING_SLACK_MS));
    return { ...base, put: { url: put.url, method: 'PUT', headers: put.headers, expires_at: put.expiresAt.toISOString() }, multipart: null };
  }

  /** One storage multipart upload per photo, even when two requests race to make it. */
  private async ensureMultipart(photo: PhotoRow): Promise<string> {
    if (photo.multipartUploadId) return photo.multipartUploadId;
    const { uploadId } = await this.storage.createMultipart(photo.originalKey, { contentType: photo.contentType });
    const won = await this.repository.claimMultipart(photo.id, uploadId);
    if (won) return uploadId;
    await this.storage.abortMultipart(photo.originalKey, uploadId).catch(() => undefined);
    const current = await this.repository.photoById(photo.id);
    if (!current?.multipartUploadId) throw new AppError('UPLOAD_INCOMPLETE', 'This upload is no longer open');
    return current.multipartUploadId;
  }

  async parts(caller: AlbumCaller, albumId: string, uploadId: string, body: NonNullable<UploadPartsBody>): Promise<UploadParts> {
    const { actor } = await this.access.resolve(caller, albumId, 'upload');
    const photo = await this.ownUpload(actor, albumId, uploadId);
    if (photo.byteSize <= MULTIPART_THRESHOLD_BYTES) throw new AppError('VALIDATION_FAILED', 'This upload is a single PUT, not multipart');
    if (photo.status !== 'pending_upload') throw new AppError('UPLOAD_INCOMPLETE', 'This upload is already complete');
    const multipartId = await this.ensureMultipart(photo);
    const count = partCount(photo.byteSize);
    const stored = await this.storage.listParts(photo.originalKey, multipartId);
    // A part stored with another size than its slot (a client bug) is asked for again.
    const uploaded = stored.filter((p) => p.partNumber <= count && p.size === partSize(photo.byteSize, p.partNumber));
    const have = new Set(uploaded.map((p) => p.partNumber));
    const wanted = body.part_numbers ?? Array.from({ length: count }, (_, i) => i + 1).filter((n) => !have.has(n)).slice(0, PART_URLS_MAX);
    const beyond = wanted.find((n) => n > count);
    if (beyond !== undefined) throw new AppError('VALIDATION_FAILED', `This upload has ${count} parts`, [{ path: 'part_numbers', message: `no part ${beyond}` }]);
    const parts = await Promise.all(
      [...new Set(wanted)].map(async (partNumber) => {
        const size = partSize(photo.byteSize, partNumber);
        const part = await this.storage.presignPart(photo.originalKey, multipartId, partNumber, { contentLength: size, expiresInSeconds: PUT_URL_SECONDS });
        return { part_number: partNumber, size, url: part.url, expires_at: part.expiresAt.toISOString() };
      }),
    );
    await this.repository.setUploadExpiry(photo.id, new Date(Date.now() + MULTIPART_PENDING_MS));
    return {
      part_size: MULTIPART_PART_BYTES,
      part_count: count,
      uploaded: uploaded.map((p) => ({ part_number: p.partNumber, size: p.size })).sort((a, b) => a.part_number - b.part_number),
      parts,
    };
  }

  /**
   * Checks what arrived and moves the photo on to processing. Never trusts the claim: the
   * size comes from the storage's HEAD, the type from the first bytes. A file that is no
   * allowed type (an SVG or HTML page named x.jpg) is deleted and the photo marked failed.
   */
  async complete(caller: AlbumCaller, albumId: string, uploadId: string): Promise<AlbumPhoto> {
    const { album, actor } = await this.access.resolve(caller, albumId, 'upload');
    const photo = await this.ownUpload(actor, albumId, uploadId);
    if (photo.status === 'failed' && photo.failureReason === 'type_refused') {
      // A retry also finishes a delete that failed the first time.
      await this.storage.delete([photo.originalKey]);
      throw typeRefused();
    }
    if (photo.status !== 'pending_upload') return this.views.one(album, actor, photo);

    let stored = await this.storage.head(photo.originalKey);
    // A retry after the multipart upload was completed finds the object already whole.
    if (!stored && photo.multipartUploadId) {
      await this.finishMultipart(photo, photo.multipartUploadId);
      stored = await this.storage.head(photo.originalKey);
    }
    if (!stored) throw new AppError('UPLOAD_INCOMPLETE', 'The file has not arrived yet: PUT it to the upload URL first');
    if (stored.size !== photo.byteSize) {
      await this.storage.delete([photo.originalKey]);
      throw new AppError('UPLOAD_INCOMPLETE', `The stored file has ${stored.size} bytes, not the ${photo.byteSize} announced; upload it again`);
    }
    const head = await this.storage.readRange(photo.originalKey, 0, SNIFF_BYTES - 1);
    const type = sniffMediaType(head);
    if (!type) {
      // Marked first: whatever happens to the delete, this file is never processed or served.
      await this.repository.transaction(async (tx) => {
        const locked = await this.repository.lockPhoto(tx, photo.id);
        if (locked?.status === 'pending_upload') {
          await this.repository.update(tx, photo.id, { status: 'failed', failureReason: 'type_refused', uploadExpiresAt: null, multipartUploadId: null });
        }
      });
      await this.storage.delete([photo.originalKey]);
      throw typeRefused();
    }
    const moved = await this.repository.transaction(async (tx) => {
      const locked = await this.repository.lockPhoto(tx, photo.id);
      if (locked?.status !== 'pending_upload' || locked.deletedAt) return false;
      await this.repository.update(tx, photo.id, { status: 'processing', contentType: type, uploadExpiresAt: null, multipartUploadId: null });
      // The processing job is this event's consumer: the upload and its job commit together.
      await this.events.record(tx, 'album.photo.uploaded', { album_id: albumId, photo_id: photo.id });
      return true;
    });
    if (moved) this.events.kick();
    const current = await this.repository.photo(albumId, photo.id);
    if (!current) throw AppError.notFound('Upload');
    return this.views.one(album, actor, current);
  }

  private async finishMultipart(photo: PhotoRow, multipartId: string): Promise<void> {
    const count = partCount(photo.byteSize);
    const stored = await this.storage.listParts(photo.originalKey, multipartId);
    const byNumber = new Map(stored.map((p) => [p.partNumber, p]));
    const parts: Array<{ partNumber: number; etag: string }> = [];
    for (let n = 1; n <= count; n++) {
      const part = byNumber.get(n);
      if (!part || part.size !== partSize(photo.byteSize, n)) {
        throw new AppError('UPLOAD_INCOMPLETE', `Part ${n} of ${count} is missing; ask for its URL again and upload it`, { missing_part: n });
      }
      parts.push({ partNumber: n, etag: part.etag });
    }
    await this.storage.completeMultipart(photo.originalKey, multipartId, parts);
  }

  /** Only the one who uploaded completes or resumes an upload; for anyone else it does not exist. */
  private async ownUpload(actor: PhotoActor, albumId: string, uploadId: string): Promise<PhotoRow> {
    const photo = await this.repository.photo(albumId, uploadId);
    if (!photo || !isUploader(actor, photo)) throw AppError.notFound('Upload');
    return photo;
  }
}

const typeRefused = () =>
  new AppError('FILE_TYPE_REFUSED', 'This file is not a JPEG, PNG, WebP, HEIC/HEIF, MP4 or MOV (checked by its content, not its name); it was deleted');

/** Uploads open, and inside the optional window (both ends inclusive). */
function assertUploadsOpen(album: AlbumRow, now: Date): void {
  if (!album.uploadsOpen) throw new AppError('UPLOADS_CLOSED', 'Uploads to this album are closed');
  if (album.uploadWindowStart && now < album.uploadWindowStart) throw new AppError('UPLOADS_CLOSED', 'Uploads to this album have not opened yet');
  if (album.uploadWindowEnd && now > album.uploadWindowEnd) throw new AppError('UPLOADS_CLOSED', 'Uploads to this album have closed');
}

/** The whole batch or nothing: one bad file refuses the request before anything is written. */
function checkFiles(album: AlbumRow, files: UploadFileSpec[]): void {
  const seen = new Set<string>();
  files.forEach((file, i) => {
    if (seen.has(file.client_id)) throw new AppError('VALIDATION_FAILED', 'Each file needs its own client_id', [{ path: `files.${i}.client_id`, message: 'repeated' }]);
    seen.add(file.client_id);
    if (!allowedTypes.has(file.type)) {
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', `${file.type} is not accepted: JPEG, PNG, WebP, HEIC/HEIF, MP4 or MOV`, [{ path: `files.${i}.type`, message: file.type }]);
    }
    if (file.size > album.maxFileBytes) {
      throw new AppError('PAYLOAD_TOO_LARGE', `Files in this album may have at most ${album.maxFileBytes} bytes`, [{ path: `files.${i}.size`, message: String(file.size) }]);
    }
  });
}

/** A file name as a ZIP entry may carry it: no folders, no control characters. */
function cleanName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069"]/gu, '').trim().slice(0, 255);
  return cleaned || 'photo';
}
