import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { DomainEvents } from '../../events/domain-events.service';
import type { DomainEvent } from '../../events/event-types';
import { JobQueue } from '../../infra/jobs/job-queue';
import { OBJECT_STORAGE, type ObjectStorage } from '../../infra/storage/object-storage';
import { AlbumLiveRepository } from './album-live.repository';

export const ALBUM_CLEANUP_CONSUMER = 'albums.cleanup';
export const UPLOAD_SWEEP_QUEUE = 'albums.upload-sweep';

/** Keys listed and deleted per round (S3's DeleteObjects takes 1,000). */
const LIST_PAGE = 1_000;
/** Rounds per run: 10,000 × 1,000 objects; an album beyond that is finished by the job's retry. */
const MAX_ROUNDS = 10_000;
/** Open multipart uploads aborted per round before the prefix is emptied. */
const MULTIPART_PAGE = 200;
/** How often every deployment sweeps for uploads never completed. */
export const UPLOAD_SWEEP_EVERY_MS = 5 * 60_000;
/**
 * An upload whose presigned URL expired this long ago is abandoned: a browser may still be
 * finishing a PUT it started just before the expiry, and clocks drift.
 */
export const UPLOAD_SWEEP_MARGIN_MS = 10 * 60_000;
const SWEEP_BATCH = 200;
const SWEEP_MAX_BATCHES = 10;

/**
 * Removes what nobody can reach any more: a deleted album's objects (every key under
 * `albums/<id>/`, open multipart uploads aborted first) and then its rows; and, every few
 * minutes, uploads whose presigned URLs expired without a `complete` (their row, their
 * object if a PUT got through, their multipart upload). Both are idempotent: a rerun after
 * a crash finds less to do.
 */
@Injectable()
export class AlbumCleanupJobs implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger(AlbumCleanupJobs.name);

  constructor(
    private readonly events: DomainEvents,
    private readonly jobs: JobQueue,
    private readonly repository: AlbumLiveRepository,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
  ) {}

  onModuleInit(): void {
    // Deleting many objects is slow and rare: one album at a time per instance, retried for long.
    this.events.subscribe('album.deleted', ALBUM_CLEANUP_CONSUMER, (event) => this.albumDeleted(event), { concurrency: 1, attempts: 10, backoffMs: 5_000 });
    this.jobs.define(UPLOAD_SWEEP_QUEUE, async () => {
      await this.sweepUploads(new Date());
    }, { concurrency: 1, attempts: 1 });
  }

  onApplicationBootstrap(): void {
    // Not awaited: start-up must not wait for Redis; the schedule is set once it answers.
    this.jobs.repeat(UPLOAD_SWEEP_QUEUE, UPLOAD_SWEEP_EVERY_MS, null).catch((error: unknown) => this.logger.warn(`upload sweep not scheduled: ${String(error)}`));
  }

  async albumDeleted(event: DomainEvent<'album.deleted'>): Promise<void> {
    await this.purgeAlbum(event.payload.album_id);
  }

  /** Every object of a deleted album, then its rows. A live album (not marked deleted) is left alone. */
  async purgeAlbum(albumId: string): Promise<{ objects: number }> {
    const deleted = await this.repository.isDeleted(albumId);
    if (deleted !== true) return { objects: 0 };
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const open = await this.repository.openMultipart(albumId, MULTIPART_PAGE);
      if (!open.length) break;
      await Promise.all(open.map((upload) => this.storage.abortMultipart(upload.key, upload.uploadId)));
      await this.repository.clearMultipart(open.map((upload) => upload.id));
    }
    let objects = 0;
    let after: string | undefined;
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const page = await this.storage.list(`albums/${albumId}/`, { ...(after ? { after } : {}), limit: LIST_PAGE });
      if (page.keys.length) await this.storage.delete(page.keys);
      objects += page.keys.length;
      if (!page.next) {
        await this.repository.purgeAlbum(albumId);
        return { objects };
      }
      after = page.next;
    }
    throw new Error(`album ${albumId}: more than ${MAX_ROUNDS * LIST_PAGE} objects, the retry goes on`);
  }

  /** Uploads expired before `now - margin`, in bounded batches. */
  async sweepUploads(now: Date): Promise<{ removed: number }> {
    const before = new Date(now.getTime() - UPLOAD_SWEEP_MARGIN_MS);
    let removed = 0;
    for (let batch = 0; batch < SWEEP_MAX_BATCHES; batch++) {
      const expired = await this.repository.expiredUploads(before, SWEEP_BATCH);
      if (!expired.length) break;
      for (const upload of expired) {
        if (upload.uploadId) await this.storage.abortMultipart(upload.key, upload.uploadId).catch((error: unknown) => this.logger.warn(`abort ${upload.key}: ${String(error)}`));
      }
      // A single PUT that got through before the URL expired left an object; delete it too.
      await this.storage.delete(expired.map((upload) => upload.key));
      removed += await this.repository.deleteExpiredUploads(expired.map((upload) => upload.id), before);
      if (expired.length < SWEEP_BATCH) break;
    }
    return { removed };
  }
}
