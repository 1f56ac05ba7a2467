import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { completeAttachment, pngImage, putAttachment, waitForAttachment } from '../../../../test/chat-attachment-fixtures';
import { chatUsers, createGroup } from '../../../../test/chat-fixtures';
import { ApiClient } from '../../../../test/api-client';
import { startTestServer, type TestServer } from '../../../../test/harness';
import { eventually } from '../../../../test/sockets';
import { chatAttachments } from '../../../infra/db/schema';
import { OBJECT_STORAGE, type ObjectStorage } from '../../../infra/storage/object-storage';
import { PROCESSING_ATTEMPTS } from '../../albums/photo-processing.consumer';
import { AttachmentProcessingConsumer } from './attachment-processing.consumer';
import { attachmentKeys } from './chat-attachments.repository';

/**
 * A chat image whose processing cannot succeed leaves `processing` after its last try, and
 * an image left in `processing` by a process that died is picked up again at start-up
 * (embedded: the memory queue died with the process). Short retry waits, so six tries take milliseconds.
 */
describe('chat attachment processing: give-up and resume (embedded, memory queue)', () => {
  let sut: TestServer;
  let api: ApiClient;
  let storage: ObjectStorage;
  /** Room folders whose every full read fails, as if the store were down for them. */
  const broken = new Set<string>();
  const reads = new Map<string, number>();

  beforeAll(async () => {
    sut = await startTestServer({ ALBUM_PROCESSING_RETRY_MS: '5', RATE_LIMIT_CHAT_ATTACHMENTS_PER_USER: '1000' });
    api = new ApiClient(sut.url);
    storage = sut.server.app.get<ObjectStorage>(OBJECT_STORAGE);
    const read = storage.read.bind(storage);
    vi.spyOn(storage, 'read').mockImplementation(async (key: string) => {
      reads.set(key, (reads.get(key) ?? 0) + 1);
      if ([...broken].some((prefix) => key.startsWith(prefix))) throw new Error('storage unavailable (test)');
      return read(key);
    });
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await sut?.close();
  });

  const db = () => sut.server.infra.database.db;
  const rowOf = async (id: string) => (await db().select().from(chatAttachments).where(eq(chatAttachments.id, id)))[0]!;
  const room = async () => {
    const [owner, member] = await chatUsers(api, 2);
    return { owner, room: await createGroup(api, owner, [member]) };
  };

  it(`marks an image failed (processing_failed) after its ${PROCESSING_ATTEMPTS} tries fail, and deletes what it wrote`, async () => {
    const { owner, room: group } = await room();
    broken.add(`chat/${group.id}/`);
    const ticket = await putAttachment(api, owner.token, group.id, { name: 'a.png', type: 'image/png', bytes: await pngImage(300, 200) });
    expect((await completeAttachment(api, owner.token, group.id, ticket.attachment.id)).status).toBe(200);
    const failed = await waitForAttachment(api, owner.token, group.id, ticket.attachment.id, 'failed', 10_000);
    expect(failed.failure_reason).toBe('processing_failed');
    expect(reads.get(attachmentKeys(group.id, failed.id).original)).toBe(PROCESSING_ATTEMPTS);
    await eventually(async () => expect(await storage.head(attachmentKeys(group.id, failed.id).original)).toBeNull());
  });

  it('processes at start-up an image left in processing with no job', async () => {
    const { owner, room: group } = await room();
    const ticket = await putAttachment(api, owner.token, group.id, { name: 'b.png', type: 'image/png', bytes: await pngImage(320, 240) });
    // As complete leaves it, but with its event lost (the process died before the in-memory job ran).
    await db().update(chatAttachments).set({ status: 'processing', kind: 'image', contentType: 'image/png' }).where(eq(chatAttachments.id, ticket.attachment.id));
    expect((await rowOf(ticket.attachment.id)).status).toBe('processing');
    await sut.server.app.get(AttachmentProcessingConsumer).onApplicationBootstrap();
    const ready = await waitForAttachment(api, owner.token, group.id, ticket.attachment.id, 'ready', 10_000);
    expect(ready).toMatchObject({ kind: 'image', width: 320, height: 240 });
    expect(await storage.head(attachmentKeys(group.id, ready.id).thumb)).not.toBeNull();
  });
});
