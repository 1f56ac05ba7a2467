import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { createAlbum, seedPhoto, storageOf } from '../../../test/album-live-fixtures';
import { chatUsers, type StartChatServer, useChatServer } from '../../../test/chat-fixtures';
import { eventually } from '../../../test/sockets';
import { albumMembers, albumPhotos, albums } from '../../infra/db/schema';
import { AlbumCleanupJobs, UPLOAD_SWEEP_MARGIN_MS } from './album-cleanup.jobs';

/**
 * What album-live does with the stored objects, on each storage backend: a deleted album's
 * objects (open multipart uploads aborted) and then its rows go; uploads never completed
 * are swept; a ZIP streams straight from storage. Run on disk (album-storage.test.ts) and
 * on PostgreSQL + Redis + S3 (album-storage.cluster.test.ts).
 */
export function describeAlbumStorage(mode: string, start: StartChatServer): void {
  describe(`album storage cleanup and ZIP (${mode})`, () => {
    const chat = useChatServer(start);
    const keysUnder = async (prefix: string) => (await storageOf(chat.sut).list(prefix, { limit: 1000 })).keys;

    it('deleting an album removes every object under its prefix (open multipart uploads aborted) and then its rows', async () => {
      const [host] = await chatUsers(chat.api, 1);
      const albumId = await createAlbum(chat.api, host.token);
      const keptId = await createAlbum(chat.api, host.token);
      for (let i = 0; i < 5; i++) await seedPhoto(chat.sut, albumId, { uploaderUserId: host.id, bytes: randomBytes(2048) });
      const storage = storageOf(chat.sut);
      await storage.write(`albums/${albumId}/loose/thumb.webp`, randomBytes(10), { contentType: 'image/webp' });
      const { uploadId } = await storage.createMultipart(`albums/${albumId}/big/original`, { contentType: 'video/mp4' });
      await chat.sut.server.infra.database.db.insert(albumPhotos).values({
        id: uuidv7(),
        albumId,
        uploaderUserId: host.id,
        clientId: 'c-multipart-0001',
        originalKey: `albums/${albumId}/big/original`,
        contentType: 'video/mp4',
        byteSize: 20 * 1024 * 1024,
        status: 'pending_upload',
        multipartUploadId: uploadId,
        seq: 99,
      });
      const kept = await seedPhoto(chat.sut, keptId, { uploaderUserId: host.id, bytes: randomBytes(100) });
      expect(await keysUnder(`albums/${albumId}/`)).toHaveLength(6);

      expect((await chat.api.delete(`/api/albums/${albumId}`, { token: host.token })).status).toBe(204);
      const db = chat.sut.server.infra.database.db;
      await eventually(async () => expect(await db.select().from(albums).where(eq(albums.id, albumId))).toEqual([]), 10_000);
      expect(await keysUnder(`albums/${albumId}/`)).toEqual([]);
      expect(await db.select().from(albumPhotos).where(eq(albumPhotos.albumId, albumId))).toEqual([]);
      expect(await db.select().from(albumMembers).where(eq(albumMembers.albumId, albumId))).toEqual([]);
      await expect(storage.listParts(`albums/${albumId}/big/original`, uploadId)).rejects.toThrow();
      // Another album of the same host is untouched.
      expect(await keysUnder(`albums/${keptId}/`)).toEqual([kept.originalKey]);
      // A live album is never purged, whoever asks.
      expect(await chat.sut.server.app.get(AlbumCleanupJobs).purgeAlbum(keptId)).toEqual({ objects: 0 });
      expect(await keysUnder(`albums/${keptId}/`)).toEqual([kept.originalKey]);
    });

    it('sweeps uploads whose URLs expired (plus margin) without a complete: row, object and multipart upload', async () => {
      const [host] = await chatUsers(chat.api, 1);
      const albumId = await createAlbum(chat.api, host.token);
      const storage = storageOf(chat.sut);
      const db = chat.sut.server.infra.database.db;
      const now = new Date();
      const longAgo = new Date(now.getTime() - UPLOAD_SWEEP_MARGIN_MS - 60_000);
      const justNow = new Date(now.getTime() - 60_000);
      const ids = [uuidv7(), uuidv7(), uuidv7(), uuidv7(), uuidv7()];
      const row = (n: number, expires: Date, extra: Partial<typeof albumPhotos.$inferInsert> = {}) => ({
        id: ids[n]!,
        albumId,
        uploaderUserId: host.id,
        clientId: `c-sweep-000${n}`,
        originalKey: `albums/${albumId}/sweep-${n}/original`,
        contentType: 'image/jpeg',
        byteSize: 10,
        status: 'pending_upload',
        uploadExpiresAt: expires,
        seq: 100 + n,
        ...extra,
      });
      const { uploadId } = await storage.createMultipart(`albums/${albumId}/sweep-2/original`, { contentType: 'video/mp4' });
      // 1: a PUT got through but nobody completed; 2: multipart abandoned; 3: within the margin; 4: completed long ago.
      await storage.write(`albums/${albumId}/sweep-1/original`, randomBytes(10), { contentType: 'image/jpeg' });
      await db.insert(albumPhotos).values([
        row(1, longAgo),
        row(2, longAgo, { multipartUploadId: uploadId }),
        row(3, justNow),
        row(4, longAgo, { status: 'approved' }),
      ]);
      expect(await chat.sut.server.app.get(AlbumCleanupJobs).sweepUploads(now)).toEqual({ removed: 2 });
      const left = (await db.select({ id: albumPhotos.id }).from(albumPhotos).where(eq(albumPhotos.albumId, albumId))).map((r) => r.id).sort();
      expect(left).toEqual([row(3, justNow).id, row(4, longAgo).id]);
      expect(await storage.head(`albums/${albumId}/sweep-1/original`)).toBeNull();
      await expect(storage.listParts(`albums/${albumId}/sweep-2/original`, uploadId)).rejects.toThrow();
      // Idempotent: nothing more to do.
      expect(await chat.sut.server.app.get(AlbumCleanupJobs).sweepUploads(now)).toEqual({ removed: 0 });
    });

    it('streams a ZIP straight from storage: every photo once, byte for byte', async () => {
      const [host] = await chatUsers(chat.api, 1);
      const albumId = await createAlbum(chat.api, host.token);
      const digests: string[] = [];
      for (let i = 0; i < 10; i++) {
        const bytes = randomBytes(50_000 + i);
        digests.push(createHash('sha256').update(bytes).digest('hex'));
        await seedPhoto(chat.sut, albumId, { uploaderUserId: host.id, bytes, name: 'same.jpg' });
      }
      const response = await fetch(`${chat.sut.url}/api/albums/${albumId}/download`, { headers: { authorization: `Bearer ${host.token}` } });
      expect(response.status).toBe(200);
      const folder = await mkdtemp(path.join(tmpdir(), 'album-zip-'));
      try {
        const file = path.join(folder, 'a.zip');
        await writeFile(file, Buffer.from(await response.arrayBuffer()));
        const names = execFileSync('unzip', ['-Z1', file], { encoding: 'utf8' }).trim().split('\n');
        expect(new Set(names).size).toBe(10);
        const seen = names.map((name) => createHash('sha256').update(execFileSync('unzip', ['-p', file, name])).digest('hex'));
        expect(seen.sort()).toEqual(digests.sort());
      } finally {
        await rm(folder, { recursive: true, force: true });
      }
    });
  });
}
