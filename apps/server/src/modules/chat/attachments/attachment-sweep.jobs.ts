import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { DomainEvents } from '../../../events/domain-events.service';
import { JobQueue } from '../../../infra/jobs/job-queue';
import { ChatAttachmentsRepository } from './chat-attachments.repository';

export const ATTACHMENT_SWEEP_QUEUE = 'chat.attachment-sweep';
/** How often every deployment sweeps for uploads never sent. */
export const ATTACHMENT_SWEEP_EVERY_MS = 5 * 60_000;
const SWEEP_BATCH = 200;
const SWEEP_MAX_BATCHES = 10;

/**
 * Removes uploads that never went on a message once their `upload_expires_at` (the PUT URL's
 * expiry plus a day to send) has passed, whatever their status: the rows here, their objects
 * through `chat.attachments.deleted` recorded in the same transaction (the storage consumer
 * retries until storage answers). Bounded per run; what is left waits for the next run.
 */
@Injectable()
export class AttachmentSweepJobs implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger(AttachmentSweepJobs.name);

  constructor(
    private readonly repository: ChatAttachmentsRepository,
    private readonly events: DomainEvents,
    private readonly jobs: JobQueue,
  ) {}

  onModuleInit(): void {
    this.jobs.define(ATTACHMENT_SWEEP_QUEUE, async () => {
      await this.sweep(new Date());
    }, { concurrency: 1, attempts: 1 });
  }

  onApplicationBootstrap(): void {
    // Not awaited: start-up must not wait for Redis; the schedule is set once it answers.
    this.jobs.repeat(ATTACHMENT_SWEEP_QUEUE, ATTACHMENT_SWEEP_EVERY_MS, null).catch((error: unknown) => this.logger.warn(`attachment sweep not scheduled: ${String(error)}`));
  }

  async sweep(now: Date): Promise<{ removed: number }> {
    let removed = 0;
    for (let batch = 0; batch < SWEEP_MAX_BATCHES; batch++) {
      const count = await this.repository.transaction(async (tx) => {
        const expired = await this.repository.lockExpiredUnsent(tx, now, SWEEP_BATCH);
        const deleted = await this.repository.deleteUnsent(tx, expired.map((row) => row.id));
        const byRoom = new Map<string, string[]>();
        for (const row of deleted) byRoom.set(row.chatroomId, [...(byRoom.get(row.chatroomId) ?? []), row.id]);
        for (const [roomId, ids] of byRoom) await this.events.record(tx, 'chat.attachments.deleted', { chatroom_id: roomId, attachment_ids: ids });
        return { seen: expired.length, deleted: deleted.length };
      });
      removed += count.deleted;
      if (count.deleted) this.events.kick();
      if (count.seen < SWEEP_BATCH) break;
    }
    return { removed };
  }
}
