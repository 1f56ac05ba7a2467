import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { AlbumPhotoPage, AlbumPhotosQuery, ModerateBody, ModerationQuery, ModerationResult } from '@discordgym/contracts';
import { AppError } from '../../common/app-error';
import type { AlbumCaller } from '../../common/request-context';
import { DomainEvents } from '../../events/domain-events.service';
import type { DomainEvent } from '../../events/event-types';
import { OBJECT_STORAGE, type ObjectStorage } from '../../infra/storage/object-storage';
import { isUploader, PhotoAccess, uploaderOf } from './photo-access';
import { photoKeys } from './photo-keys';
import { PhotoViews } from './photo-views';
import { type PhotoRow, PhotosRepository } from './photos.repository';

/** Deletes the files of a removed photo once more from the outbox: the fast path after commit may have died. */
export const PHOTO_FILES_CONSUMER = 'albums.photo-files';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The album's photos: the grid, deleting, and the host's approval queue. */
@Injectable()
export class PhotosService implements OnModuleInit {
  private readonly logger = new Logger(PhotosService.name);

  constructor(
    private readonly repository: PhotosRepository,
    private readonly access: PhotoAccess,
    private readonly views: PhotoViews,
    private readonly events: DomainEvents,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
  ) {}

  onModuleInit(): void {
    this.events.subscribe('album.photo.removed', PHOTO_FILES_CONSUMER, (event) => this.deleteFilesOf(event));
  }

  async list(caller: AlbumCaller, albumId: string, query: AlbumPhotosQuery): Promise<AlbumPhotoPage> {
    const { album, actor } = await this.access.resolve(caller, albumId);
    const cursor = query.cursor ? decodeCursor(query.cursor, query.sort) : undefined;
    const rows = await this.repository.page(albumId, uploaderOf(actor), query.sort, cursor, query.limit + 1);
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return {
      items: await this.views.many(album, actor, page),
      next_cursor: rows.length > query.limit && last ? encodeCursor(last, query.sort) : null,
    };
  }

  async queue(caller: AlbumCaller, albumId: string, query: ModerationQuery): Promise<AlbumPhotoPage> {
    const { album, actor } = await this.access.resolve(caller, albumId, 'moderate');
    const after = query.cursor ? decodeCursor(query.cursor, 'uploaded').id : undefined;
    const rows = await this.repository.awaitingApproval(albumId, after, query.limit + 1);
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return {
      items: await this.views.many(album, actor, page),
      next_cursor: rows.length > query.limit && last ? encodeCursor(last, 'uploaded') : null,
    };
  }

  /**
   * Approves or rejects waiting photos, each with its own seq and domain event, in one
   * transaction. Photos not waiting (any more) are skipped, so a retry changes nothing.
   * Rejected photos lose their files at once.
   */
  async moderate(caller: AlbumCaller, albumId: string, body: ModerateBody): Promise<ModerationResult> {
    const { actor } = await this.access.resolve(caller, albumId, 'moderate');
    const byUserId = actor.kind === 'user' ? actor.userId : null;
    const ids = [...new Set(body.photo_ids)];
    const changed = await this.repository.transaction(async (tx) => {
      const waiting = await this.repository.lockAwaiting(tx, albumId, ids);
      if (!waiting.length) return [];
      const lastSeq = await this.repository.nextSeq(tx, albumId, waiting.length);
      const now = new Date();
      for (const [i, photo] of waiting.entries()) {
        const seq = lastSeq - waiting.length + 1 + i;
        if (body.action === 'approve') {
          await this.repository.update(tx, photo.id, { status: 'approved', seq, approvedAt: now, approvedBy: byUserId });
          await this.events.record(tx, 'album.photo.approved', { album_id: albumId, photo_id: photo.id, seq, by_user_id: byUserId });
        } else {
          await this.repository.update(tx, photo.id, { status: 'rejected', seq, thumbKey: null, previewKey: null });
          await this.events.record(tx, 'album.photo.removed', { album_id: albumId, photo_id: photo.id, seq, reason: 'rejected', by_user_id: byUserId, by_guest_id: null });
        }
      }
      if (body.action === 'reject') await this.repository.clearCover(tx, albumId, waiting.map((p) => p.id));
      return waiting;
    });
    if (changed.length) this.events.kick();
    if (body.action === 'reject') await this.deleteFiles(changed);
    const done = new Set(changed.map((p) => p.id));
    return {
      approved: body.action === 'approve' ? [...done] : [],
      rejected: body.action === 'reject' ? [...done] : [],
      skipped: ids.filter((id) => !done.has(id)),
    };
  }

  /** A guest or member deletes their own upload; hosts delete anything. Gone from the grid, the wall and storage. */
  async delete(caller: AlbumCaller, albumId: string, photoId: string): Promise<void> {
    const { album, actor } = await this.access.resolve(caller, albumId);
    const photo = await this.repository.photo(albumId, photoId);
    if (!photo) throw AppError.notFound('Photo');
    // Someone else's photo that is not in the album yet reads as missing to those who may not moderate.
    if (photo.status !== 'approved' && !isUploader(actor, photo) && !this.access.isHost(actor, album)) throw AppError.notFound('Photo');
    this.access.assert(actor, 'deletePhoto', album, photo);
    const removed = await this.repository.transaction(async (tx) => {
      const locked = await this.repository.lockPhoto(tx, photoId);
      if (!locked || locked.deletedAt) return undefined;
      const seq = await this.repository.nextSeq(tx, albumId);
      await this.repository.update(tx, photoId, { deletedAt: new Date(), seq });
      await this.repository.clearCover(tx, albumId, [photoId]);
      await this.events.record(tx, 'album.photo.removed', {
        album_id: albumId,
        photo_id: photoId,
        seq,
        reason: 'deleted',
        by_user_id: actor.kind === 'user' ? actor.userId : null,
        by_guest_id: actor.kind === 'guest' ? actor.guestId : null,
      });
      return locked;
    });
    if (!removed) return;
    this.events.kick();
    if (removed.multipartUploadId) await this.storage.abortMultipart(removed.originalKey, removed.multipartUploadId).catch(() => undefined);
    await this.deleteFiles([removed]);
  }

  /** Best effort right after the commit; the PHOTO_FILES_CONSUMER job repeats it durably. */
  private async deleteFiles(photos: PhotoRow[]): Promise<void> {
    if (!photos.length) return;
    const keys = photos.flatMap((p) => Object.values(photoKeys(p.albumId, p.id)));
    try {
      await this.storage.delete(keys);
    } catch (error) {
      this.logger.warn(`deleting files of ${photos.length} photo(s) failed, the consumer retries: ${String(error)}`);
    }
  }

  private async deleteFilesOf(event: DomainEvent<'album.photo.removed'>): Promise<void> {
    await this.storage.delete(Object.values(photoKeys(event.payload.album_id, event.payload.photo_id)));
  }
}

function encodeCursor(photo: PhotoRow, sort: 'taken' | 'uploaded'): string {
  const value = sort === 'taken' ? { id: photo.id, t: photo.takenAt?.toISOString() ?? null } : { id: photo.id };
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function decodeCursor(cursor: string, sort: 'taken' | 'uploaded'): { id: string; takenAt?: Date | null } {
  const invalid = () => new AppError('VALIDATION_FAILED', 'Invalid cursor', [{ path: 'cursor', message: 'not a cursor from this API' }]);
  let value: { id?: unknown; t?: unknown };
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as { id?: unknown; t?: unknown };
  } catch {
    throw invalid();
  }
  if (typeof value.id !== 'string' || !UUID.test(value.id)) throw invalid();
  if (sort === 'uploaded') return { id: value.id };
  if (value.t === null || value.t === undefined) return { id: value.id, takenAt: null };
  if (typeof value.t !== 'string' || Number.isNaN(Date.parse(value.t))) throw invalid();
  return { id: value.id, takenAt: new Date(value.t) };
}
