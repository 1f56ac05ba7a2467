import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { UploadTicket } from '@discordgym/contracts';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { albumUser, call, expectStatus, hostAlbum, joinAsGuest, pngImage, putTo, requestUploads } from '../../../test/album-upload-fixtures';
import { ApiClient } from '../../../test/api-client';
import { startTestServer, type TestServer } from '../../../test/harness';
import { eventually } from '../../../test/sockets';
import { albumPhotos } from '../../infra/db/schema';

/**
 * Embedded mode keeps its job queue in the process: a photo whose processing job was lost
 * with the process (completed, `processing`, job gone) must not stay stuck. At start-up the
 * server announces every such photo again.
 */
describe('photo processing after an embedded restart', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'dg-album-restart-'));
  let sut: TestServer | undefined;
  afterAll(async () => {
    await sut?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('a photo left in processing by the last run is processed after the restart', { timeout: 120_000 }, async () => {
    sut = await startTestServer({ DATA_DIR: dataDir });
    let api = new ApiClient(sut.url);
    const host = await albumUser(api);
    const album = await hostAlbum(api, host);
    const guest = await joinAsGuest(api, host, album.id);
    const bytes = await pngImage(300, 200);
    const tickets = await requestUploads(api, guest, album.id, [{ bytes, type: 'image/png' }]);
    const ticket = tickets.body.items[0] as UploadTicket;
    expect((await putTo(api, ticket.put!.url, ticket.put!.headers, bytes)).status).toBeLessThan(300);
    // What a process that died between complete and its job leaves: the bytes, checked, and a
    // photo in processing with no job anywhere (set straight in the database, past the API).
    await sut.server.infra.database.db
      .update(albumPhotos)
      .set({ status: 'processing', contentType: 'image/png', uploadExpiresAt: null })
      .where(eq(albumPhotos.id, ticket.photo_id));
    await sut.close();

    sut = await startTestServer({ DATA_DIR: dataDir });
    api = new ApiClient(sut.url);
    const db = sut.server.infra.database.db;
    await eventually(async () => {
      const [row] = await db.select().from(albumPhotos).where(eq(albumPhotos.id, ticket.photo_id));
      expect(row).toMatchObject({ status: 'approved', width: 300, height: 200 });
    }, 20_000);
    const page = await call.get(api, host, `/api/albums/${album.id}/photos`);
    expectStatus(page, 200);
    expect(page.body.items.map((p: { id: string }) => p.id)).toEqual([ticket.photo_id]);
  });
});
