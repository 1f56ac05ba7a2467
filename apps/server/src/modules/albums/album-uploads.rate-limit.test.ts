import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { albumUser, expectStatus, hostAlbum, joinAsGuest, requestUploads } from '../../../test/album-upload-fixtures';
import { ApiClient } from '../../../test/api-client';
import { startTestServer, type TestServer } from '../../../test/harness';

/** The guest upload budget (RATE_LIMIT_ALBUM_UPLOADS_PER_GUEST), embedded only: the limiter's Redis twin has its own contract suite. */
describe('album uploads: the guest rate limit', () => {
  let sut: TestServer;
  let api: ApiClient;
  beforeAll(async () => {
    sut = await startTestServer({ RATE_LIMIT_ALBUM_UPLOADS_PER_GUEST: '3', RATE_LIMIT_ALBUM_UPLOADS_WINDOW_SECONDS: '600' });
    api = new ApiClient(sut.url);
  });
  afterAll(() => sut?.close());

  it('a guest past the budget gets 429 with Retry-After and no URL; another guest and the host still upload', async () => {
    const host = await albumUser(api);
    const album = await hostAlbum(api, host);
    const [ada, bob] = [await joinAsGuest(api, host, album.id), await joinAsGuest(api, host, album.id)];
    const file = () => [{ bytes: Buffer.alloc(100), type: 'image/jpeg' }];
    for (let i = 0; i < 3; i++) expectStatus(await requestUploads(api, ada, album.id, file()), 200);
    const refused = await requestUploads(api, ada, album.id, file());
    expectStatus(refused, 429);
    expect(refused.body.error.code).toBe('RATE_LIMITED');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(JSON.stringify(refused.body)).not.toContain('/api/storage');
    expectStatus(await requestUploads(api, bob, album.id, file()), 200);
    for (let i = 0; i < 4; i++) expectStatus(await requestUploads(api, host, album.id, file()), 200);
  });
});
