import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { CONFIG } from '../../config/config.module';
import type { Config } from '../../config/env';
import { DomainEvents } from '../../events/domain-events.service';
import type { DomainEvent } from '../../events/event-types';
import { type JobContext, JobQueue } from '../../infra/jobs/job-queue';
import { OBJECT_STORAGE, type ObjectStorage } from '../../infra/storage/object-storage';
import { isVideoType } from './media-sniffer';
import { type Derivatives, makeDerivatives, takenAt } from './photo-derivatives';
import { photoKeys } from './photo-keys';
import { findMoov, MOOV_MAX_BYTES, replaceRange, stripMoovMetadata } from './video-metadata';
import { type PhotoRow, PhotosRepository } from './photos.repository';

export const PHOTO_PROCESSING_CONSUMER = 'albums.photo-processing';
/** Tries of one photo before it is marked `failed` (storage or the database away for about a minute at the default wait). */
export const PROCESSING_ATTEMPTS = 6;
/** Photos re-announced per round at start-up (embedded mode only). */
const RESUME_BATCH = 500;

/** sharp failing on the file itself (not storage or the database): retrying changes nothing. */
class UndecodableError extends Error {}

/**
 * Makes a photo's thumbnail (400 px) and preview (1600 px) from its original, reads its
 * size, taken-at time and placeholder, and moves it on: to the host queue with approval
 * on (`album.photo.submitted`), else into the album (`album.photo.approved`).
 *
 * Runs as the consumer of `album.photo.uploaded` on the job queue. Safe to run twice and
 * to die anywhere: derivatives are written to fixed keys (a rerun overwrites them with the
 * same bytes), and the status change with its event commits once (`DomainEvents.once`,
 * and only while the photo is still `processing`). In the cluster mode a job whose instance
 * is killed is taken over by another instance's worker (BullMQ's stalled-job check). In the
 * embedded mode the queue lives in the process, so at start-up every photo still in
 * `processing` is announced again.
 */
@Injectable()
export class PhotoProcessingConsumer implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger(PhotoProcessingConsumer.name);

  constructor(
    private readonly repository: PhotosRepository,
    private readonly events: DomainEvents,
    private readonly jobs: JobQueue,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  onModuleInit(): void {
    this.events.subscribe('album.photo.uploaded', PHOTO_PROCESSING_CONSUMER, (event, context) => this.processOrGiveUp(event, context), {
      concurrency: this.config.ALBUM_PROCESSING_CONCURRENCY,
      attempts: PROCESSING_ATTEMPTS,
      backoffMs: this.config.ALBUM_PROCESSING_RETRY_MS,
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.jobs.kind !== 'memory') return;
    try {
      await this.resumeStuck();
    } catch (error) {
      this.logger.warn(`could not resume photos left in processing: ${String(error)}`);
    }
  }

  /** Embedded only (one process holds the data folder): whatever is `processing` now was cut off by the last shutdown. */
  private async resumeStuck(): Promise<void> {
    let after = '';
    for (;;) {
      const stuck = (await this.repository.stuckProcessing(RESUME_BATCH)).filter((p) => p.id > after);
      if (!stuck.length) return;
      await this.repository.transaction(async (tx) => {
        for (const photo of stuck) await this.events.record(tx, 'album.photo.uploaded', { album_id: photo.albumId, photo_id: photo.id });
      });
      this.events.kick();
      if (stuck.length < RESUME_BATCH) return;
      after = stuck[stuck.length - 1]!.id;
    }
  }

  /**
   * A try that throws is retried; the last one that throws marks the photo `failed`
   * (`processing_failed`), so it leaves `processing` and its uploader sees it failed in the
   * photo list instead of waiting for ever. A file sharp cannot decode never gets here: it
   * fails at once, on its first try (`undecodable`).
   */
  async processOrGiveUp(event: DomainEvent<'album.photo.uploaded'>, context: Pick<JobContext, 'attempt' | 'attempts'>): Promise<void> {
    try {
      await this.process(event);
    } catch (error) {
      if (context.attempt < context.attempts) throw error;
      this.logger.error(`photo ${event.payload.photo_id}: processing failed on all ${context.attempts} tries, marked failed: ${String(error)}`);
      await this.giveUp(event);
    }
  }

  private async giveUp(event: DomainEvent<'album.photo.uploaded'>): Promise<void> {
    const photoId = event.payload.photo_id;
    const outcome = await this.events.once(PHOTO_PROCESSING_CONSUMER, event, async (tx) => {
      const locked = await this.repository.lockPhoto(tx, photoId);
      if (!locked || locked.status !== 'processing' || locked.deletedAt) return null;
      await this.repository.update(tx, photoId, { status: 'failed', failureReason: 'processing_failed', processedAt: new Date() });
      return locked;
    });
    if (!outcome.ran || !outcome.result) return;
    const keys = photoKeys(outcome.result.albumId, photoId);
    // Best effort: whatever broke processing may break this too, and the photo is failed either way.
    await this.storage.delete([keys.original, keys.thumb, keys.preview, keys.playback]).catch((error: unknown) => {
      this.logger.warn(`photo ${photoId}: could not delete its objects after failing: ${String(error)}`);
    });
  }

  async process(event: DomainEvent<'album.photo.uploaded'>): Promise<void> {
    const photo = await this.repository.photoById(event.payload.photo_id);
    if (!photo || photo.status !== 'processing' || photo.deletedAt) return;
    const keys = photoKeys(photo.albumId, photo.id);

    let derived: Derivatives | null = null;
    let taken: Date | null = null;
    let failure: string | null = null;
    /** A video's copy without metadata boxes, when it had any. */
    let playback: string | null = null;
    if (!isVideoType(photo.contentType)) {
      const original = await readAll(await this.storage.read(photo.originalKey), photo.byteSize);
      try {
        derived = await makeDerivatives(original).catch((error: unknown) => {
          throw new UndecodableError(String(error));
        });
      } catch (error) {
        if (!(error instanceof UndecodableError)) throw error;
        // HEVC-coded HEIC (most iPhone photos) needs a decoder the prebuilt sharp does not ship:
        // the photo stays, without derivatives (hosts still get the original). Anything else
        // that does not decode is a broken file.
        if (photo.contentType === 'image/heic' || photo.contentType === 'image/heif') taken = await takenAt(original);
        else failure = 'undecodable';
      }
      await this.hookForTests();
      if (derived) {
        await this.storage.write(keys.thumb, derived.thumb, { contentType: 'image/webp', contentLength: derived.thumb.length });
        await this.storage.write(keys.preview, derived.preview, { contentType: 'image/webp', contentLength: derived.preview.length });
      }
    } else {
      const cleaned = await this.videoForGuests(photo, keys.playback);
      if (cleaned === 'too_large') failure = 'metadata_too_large';
      else playback = cleaned;
      await this.hookForTests();
    }

    const outcome = await this.events.once(PHOTO_PROCESSING_CONSUMER, event, async (tx) => {
      const locked = await this.repository.lockPhoto(tx, photo.id);
      if (!locked || locked.status !== 'processing') return 'gone' as const;
      if (locked.deletedAt) return 'gone' as const;
      if (failure) {
        await this.repository.update(tx, photo.id, { status: 'failed', failureReason: failure, processedAt: new Date() });
        return 'failed' as const;
      }
      const album = await this.repository.album(photo.albumId, tx);
      if (!album) return 'gone' as const;
      const values: Partial<PhotoRow> = {
        processedAt: new Date(),
        thumbKey: derived ? keys.thumb : null,
        // A video's "preview" is its playback copy: the file guests get, without location.
        previewKey: derived ? keys.preview : playback,
        derivedBytes: derived ? derived.thumb.length + derived.preview.length : playback ? photo.byteSize : 0,
        width: derived?.width ?? null,
        height: derived?.height ?? null,
        takenAt: derived?.takenAt ?? taken,
        placeholder: derived?.placeholder ?? null,
      };
      if (album.approvalRequired) {
        await this.repository.update(tx, photo.id, { ...values, status: 'awaiting_approval' });
        await this.events.record(tx, 'album.photo.submitted', {
          album_id: photo.albumId,
          photo_id: photo.id,
          uploader_user_id: photo.uploaderUserId,
          uploader_guest_id: photo.uploaderGuestId,
        });
        return 'submitted' as const;
      }
      const seq = await this.repository.nextSeq(tx, photo.albumId);
      await this.repository.update(tx, photo.id, { ...values, status: 'approved', seq, approvedAt: new Date(), approvedBy: null });
      await this.events.record(tx, 'album.photo.approved', { album_id: photo.albumId, photo_id: photo.id, seq, by_user_id: null });
      return 'approved' as const;
    });
    if (outcome.ran && (outcome.result === 'submitted' || outcome.result === 'approved')) this.events.kick();
    // Deleted (or its album) while this ran: the files written above must not outlive it.
    if (outcome.ran && outcome.result === 'gone' && (derived || playback)) await this.storage.delete([keys.thumb, keys.preview, keys.playback]);
    if (outcome.ran && outcome.result === 'failed') await this.storage.delete([keys.original]);
  }

  /**
   * Writes the copy of a video guests get, with its metadata boxes blanked (see
   * video-metadata.ts): streamed from the original to the copy, memory flat but for the moov
   * box. null when there was nothing to blank (the original is then what everyone gets).
   */
  private async videoForGuests(photo: PhotoRow, key: string): Promise<string | null | 'too_large'> {
    const moov = await findMoov((start, end) => this.storage.readRange(photo.originalKey, start, end), photo.byteSize);
    if (!moov) return null;
    if (moov.size > MOOV_MAX_BYTES) return 'too_large';
    const box = await this.storage.readRange(photo.originalKey, moov.offset, moov.offset + moov.size - 1);
    if (stripMoovMetadata(box) === 0) return null;
    const source = await this.storage.read(photo.originalKey);
    const patched = replaceRange(moov.offset, box);
    source.on('error', (error) => patched.destroy(error));
    await this.storage.write(key, source.pipe(patched), { contentType: photo.contentType, contentLength: photo.byteSize });
    return key;
  }

  /**
   * Test-only, and bounded: with NODE_ENV=test and ALBUM_PROCESSING_TEST_DELAY_MS set, a
   * job waits that long after making the derivatives and before committing, so a fault
   * test can kill the instance mid-job. Read from process.env on purpose: it is no setting.
   */
  private async hookForTests(): Promise<void> {
    if (this.config.NODE_ENV !== 'test') return;
    const delay = Math.min(Number(process.env.ALBUM_PROCESSING_TEST_DELAY_MS ?? 0) || 0, 120_000);
    if (delay > 0) {
      this.logger.warn(`processing paused for ${delay} ms (test hook)`);
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

/** The original into memory, refusing more bytes than it announced (sharp needs it whole). */
async function readAll(stream: Readable, expected: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    total += buffer.length;
    if (total > expected) {
      stream.destroy();
      throw new Error(`original has more than the ${expected} bytes it was accepted with`);
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks, total);
}
