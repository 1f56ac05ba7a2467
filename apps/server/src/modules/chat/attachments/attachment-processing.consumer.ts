import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { CONFIG } from '../../../config/config.module';
import type { Config } from '../../../config/env';
import { DomainEvents } from '../../../events/domain-events.service';
import type { DomainEvent } from '../../../events/event-types';
import { type JobContext, JobQueue } from '../../../infra/jobs/job-queue';
import { OBJECT_STORAGE, type ObjectStorage } from '../../../infra/storage/object-storage';
import { type Derivatives, makeDerivatives } from '../../albums/photo-derivatives';
import { PROCESSING_ATTEMPTS } from '../../albums/photo-processing.consumer';
import { attachmentKeys, ChatAttachmentsRepository } from './chat-attachments.repository';

export const ATTACHMENT_PROCESSING_CONSUMER = 'chat.attachment-processing';
/** Images re-announced per round at start-up (embedded mode only). */
const RESUME_BATCH = 500;

/** sharp failing on the file itself (not storage or the database): retrying changes nothing. */
class UndecodableError extends Error {}

/**
 * Makes a chat image's thumbnail (400 px) and preview (1600 px), both WebP without EXIF, with
 * the same code as album photos (photo-derivatives.ts), reads its size and placeholder, and
 * marks it `ready`. A HEIC/HEIF the prebuilt sharp cannot decode (HEVC) stays, as a file
 * (downloaded, not shown inline); anything else that does not decode is `failed` and deleted.
 *
 * The consumer of `chat.attachment.uploaded`, on the album processing's concurrency and
 * retries. Safe to run twice and to die anywhere: derivatives go to fixed keys, and the
 * status change commits once (`DomainEvents.once`, only while still `processing`). Embedded,
 * whatever is `processing` at start-up is announced again (the in-process queue died with it).
 */
@Injectable()
export class AttachmentProcessingConsumer implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger(AttachmentProcessingConsumer.name);

  constructor(
    private readonly repository: ChatAttachmentsRepository,
    private readonly events: DomainEvents,
    private readonly jobs: JobQueue,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  onModuleInit(): void {
    this.events.subscribe('chat.attachment.uploaded', ATTACHMENT_PROCESSING_CONSUMER, (event, context) => this.processOrGiveUp(event, context), {
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
      this.logger.warn(`could not resume chat images left in processing: ${String(error)}`);
    }
  }

  private async resumeStuck(): Promise<void> {
    let after: string | undefined;
    for (;;) {
      const stuck = await this.repository.stuckProcessing(after, RESUME_BATCH);
      if (!stuck.length) return;
      await this.repository.transaction(async (tx) => {
        for (const row of stuck) await this.events.record(tx, 'chat.attachment.uploaded', { chatroom_id: row.chatroomId, attachment_id: row.id });
      });
      this.events.kick();
      if (stuck.length < RESUME_BATCH) return;
      after = stuck[stuck.length - 1]!.id;
    }
  }

  /** The last try that throws marks the image `failed` (`processing_failed`): its uploader stops waiting. */
  async processOrGiveUp(event: DomainEvent<'chat.attachment.uploaded'>, context: Pick<JobContext, 'attempt' | 'attempts'>): Promise<void> {
    try {
      await this.process(event);
    } catch (error) {
      if (context.attempt < context.attempts) throw error;
      this.logger.error(`chat attachment ${event.payload.attachment_id}: processing failed on all ${context.attempts} tries, marked failed: ${String(error)}`);
      await this.giveUp(event);
    }
  }

  private async giveUp(event: DomainEvent<'chat.attachment.uploaded'>): Promise<void> {
    const id = event.payload.attachment_id;
    const outcome = await this.events.once(ATTACHMENT_PROCESSING_CONSUMER, event, async (tx) => {
      const locked = await this.repository.lockAttachment(tx, id);
      if (locked?.status !== 'processing') return false;
      await this.repository.update(tx, id, { status: 'failed', failureReason: 'processing_failed' });
      return true;
    });
    if (!outcome.ran || !outcome.result) return;
    // Best effort: whatever broke processing may break this too, and the attachment is failed either way.
    await this.storage.delete(Object.values(attachmentKeys(event.payload.chatroom_id, id))).catch((error: unknown) => {
      this.logger.warn(`chat attachment ${id}: could not delete its objects after failing: ${String(error)}`);
    });
  }

  async process(event: DomainEvent<'chat.attachment.uploaded'>): Promise<void> {
    const row = await this.repository.attachmentById(event.payload.attachment_id);
    if (row?.status !== 'processing') return;
    const keys = attachmentKeys(row.chatroomId, row.id);
    const original = await readAll(await this.storage.read(row.originalKey), row.byteSize);
    let derived: Derivatives | null = null;
    let undecodable = false;
    try {
      derived = await makeDerivatives(original).catch((error: unknown) => {
        throw new UndecodableError(String(error));
      });
    } catch (error) {
      if (!(error instanceof UndecodableError)) throw error;
      undecodable = true;
    }
    // HEVC-coded HEIC (most iPhone photos) needs a decoder the prebuilt sharp lacks: still a fine file to share.
    const asFile = undecodable && (row.contentType === 'image/heic' || row.contentType === 'image/heif');
    if (derived) {
      await this.storage.write(keys.thumb, derived.thumb, { contentType: 'image/webp', contentLength: derived.thumb.length });
      await this.storage.write(keys.preview, derived.preview, { contentType: 'image/webp', contentLength: derived.preview.length });
    }

    const outcome = await this.events.once(ATTACHMENT_PROCESSING_CONSUMER, event, async (tx) => {
      const locked = await this.repository.lockAttachment(tx, row.id);
      if (!locked) return 'gone' as const;
      // Another run of the same image (a resumed job) finished first: its files are these files.
      if (locked.status !== 'processing') return 'done' as const;
      if (derived) {
        await this.repository.update(tx, row.id, {
          status: 'ready',
          thumbKey: keys.thumb,
          previewKey: keys.preview,
          derivedBytes: derived.thumb.length + derived.preview.length,
          width: derived.width,
          height: derived.height,
          placeholder: derived.placeholder,
        });
        return 'ready' as const;
      }
      if (asFile) {
        await this.repository.update(tx, row.id, { status: 'ready', kind: 'file' });
        return 'ready' as const;
      }
      await this.repository.update(tx, row.id, { status: 'failed', failureReason: 'undecodable' });
      return 'failed' as const;
    });
    // Deleted (swept, or its message or room) while this ran: the files written above must not outlive it.
    if (outcome.ran && outcome.result === 'gone' && derived) await this.storage.delete([keys.thumb, keys.preview]);
    if (outcome.ran && outcome.result === 'failed') await this.storage.delete(Object.values(keys));
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
