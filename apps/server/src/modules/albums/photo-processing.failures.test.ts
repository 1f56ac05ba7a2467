import { randomBytes } from 'node:crypto';
import type { AlbumPhoto } from '@discordgym/contracts';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { storageOf } from '../../../test/album-live-fixtures';
import { albumUser, expectStatus, hostAlbum, photosOf, pngImage, uploadOne } from '../../../test/album-upload-fixtures';
import { ApiClient } from '../../../test/api-client';
import { startTestServer, type TestServer } from '../../../test/harness';
import { eventually } from '../../../test/sockets';
import { albumPhotos } from '../../infra/db/schema';
import { PROCESSING_ATTEMPTS } from './photo-processing.consumer';

/**
 * A photo whose processing cannot succeed leaves `processing`: after the last of its tries
 * (a store that keeps failing), or at once when sharp cannot decode its bytes. The memory
 * queue's retries, with a short wait so the six tries take milliseconds.
 */
describe('photo processing that fails (embedded, memory queue)', () => {
  let sut: TestServer;
  let api: ApiClient;
  /** Album folders whose every full read fails, as if the store were down for them. */
  const broken = new Set<string>();
  const reads = new Map<string, number>();

  beforeAll(async () => {
    sut = await startTestServer({ ALBUM_PROCESSING_RETRY_MS: '5' });
    api = new ApiClient(sut.url);
    const storage = storageOf(sut);
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

  const rowOf = async (photoId: string) => (await sut.server.infra.database.db.select().from(albumPhotos).where(eq(albumPhotos.id, photoId)))[0]!;
  const memberAlbum = async () => {
    const host = await albumUser(api);
    const uploader = await albumUser(api);
    const album = await hostAlbum(api, host);
    expectStatus(await api.post(`/api/albums/${album.id}/members`, { user_id: uploader.userId, role: 'member' }, { token: host.token }), 201);
    return { album, uploader };
  };

  it(`is marked failed after its ${PROCESSING_ATTEMPTS} tries fail, and its uploader sees it failed in the photo list`, async () => {
    const { album, uploader } = await memberAlbum();
    broken.add(`albums/${album.id}/`);
    const { ticket, complete } = await uploadOne(api, uploader, album.id, { bytes: await pngImage(300, 200), type: 'image/png' });
    expect(complete.status, JSON.stringify(complete.body)).toBeLessThan(300);
    await eventually(async () => expect((await rowOf(ticket.photo_id)).status).toBe('failed'), 10_000);
    const row = await rowOf(ticket.photo_id);
    expect(row.failureReason).toBe('processing_failed');
    expect(reads.get(row.originalKey)).toBe(PROCESSING_ATTEMPTS);
    const listed = (await photosOf(api, uploader, album.id)).find((p: AlbumPhoto) => p.id === ticket.photo_id);
    expect(listed?.status).toBe('failed');
  });

  it('a file sharp cannot decode fails on its first try, without retries', async () => {
    const { album, uploader } = await memberAlbum();
    // A PNG's signature and header, then noise: it passes the type check and does not decode.
    const bytes = Buffer.concat([(await pngImage(300, 200)).subarray(0, 33), randomBytes(4_000)]);
    const { ticket, complete } = await uploadOne(api, uploader, album.id, { bytes, type: 'image/png' });
    expect(complete.status, JSON.stringify(complete.body)).toBeLessThan(300);
    await eventually(async () => expect((await rowOf(ticket.photo_id)).status).toBe('failed'), 10_000);
    const row = await rowOf(ticket.photo_id);
    expect(row.failureReason).toBe('undecodable');
    expect(reads.get(row.originalKey)).toBe(1);
    expect((await photosOf(api, uploader, album.id)).find((p: AlbumPhoto) => p.id === ticket.photo_id)?.status).toBe('failed');
  });
});
