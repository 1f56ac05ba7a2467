import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { DomainEvents } from '../../../events/domain-events.service';
import type { DomainEvent } from '../../../events/event-types';
import { OBJECT_STORAGE, type ObjectStorage } from '../../../infra/storage/object-storage';
import { attachmentKeys, roomAttachmentPrefix } from './chat-attachments.repository';

export const ATTACHMENT_STORAGE_CONSUMER = 'chat.attachment-storage';

/** Keys listed and deleted per round (S3's DeleteObjects takes 1,000). */
const LIST_PAGE = 1_000;
/** Rounds per try: a room beyond 1,000 × 1,000 objects is finished by the job's retry. */
const MAX_ROUNDS = 1_000;
/** Storage away for a while (a MinIO restart) is waited out: the doubling backoff spans about an hour over these tries. */
const ATTEMPTS = 12;
const BACKOFF_MS = 2_000;

/**
 * Deletes the objects of attachments whose rows are gone: by key for `chat.attachments.deleted`
 * (a deleted message, the unsent-upload sweep) and by prefix for `chat.room.deleted` (a
 * deleted group: its rows went with the room's cascade, so only the prefix still names them).
 * Both are idempotent (a missing key is no error), so the job port's retries are safe.
 */
@Injectable()
export class AttachmentStorageConsumer implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
  ) {}

  onModuleInit(): void {
    const options = { concurrency: 1, attempts: ATTEMPTS, backoffMs: BACKOFF_MS };
    this.events.subscribe('chat.attachments.deleted', `${ATTACHMENT_STORAGE_CONSUMER}.keys`, (event) => this.attachmentsDeleted(event), options);
    this.events.subscribe('chat.room.deleted', `${ATTACHMENT_STORAGE_CONSUMER}.room`, (event) => this.roomDeleted(event), options);
  }

  async attachmentsDeleted(event: DomainEvent<'chat.attachments.deleted'>): Promise<void> {
    const { chatroom_id: roomId, attachment_ids: ids } = event.payload;
    const keys = ids.flatMap((id) => Object.values(attachmentKeys(roomId, id)));
    for (let i = 0; i < keys.length; i += LIST_PAGE) await this.storage.delete(keys.slice(i, i + LIST_PAGE));
  }

  async roomDeleted(event: DomainEvent<'chat.room.deleted'>): Promise<void> {
    await this.purgeRoom(event.payload.chatroom_id);
  }

  /**
   * Everything under `chat/<room>/`. Listing again from the start after each deleted page
   * (rather than from a cursor) is right for S3 and disk alike: the keys just deleted are gone.
   */
  async purgeRoom(roomId: string): Promise<{ objects: number }> {
    const prefix = roomAttachmentPrefix(roomId);
    let objects = 0;
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const page = await this.storage.list(prefix, { limit: LIST_PAGE });
      if (!page.keys.length) return { objects };
      await this.storage.delete(page.keys);
      objects += page.keys.length;
      if (!page.next) return { objects };
    }
    throw new Error(`room ${roomId}: more than ${MAX_ROUNDS * LIST_PAGE} objects, the retry goes on`);
  }
}
