import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { asGuest, asWall, createAlbum, createInvite, createWallLink, joinAsGuest } from '../../../test/album-fixtures';
import { ApiClient } from '../../../test/api-client';
import { type ChatUser, CHAT_TEST_ENV, chatUsers } from '../../../test/chat-fixtures';
import { expectError } from '../../../test/expect-error';
import { clusterEnv, startTestServer, type TestEnv, type TestServer } from '../../../test/harness';

/**
 * What the cluster mode changes for guests: a session made on one instance works on the
 * other, and a host removing the guest (or revoking the wall link) on one instance ends it
 * on the other at the next request: no instance holds a guest session of its own.
 */
describe('album guests across two instances', () => {
  const env: TestEnv = { ...clusterEnv(), REDIS_KEY_PREFIX: `${inject('redisPrefix')}albums-multi:${randomBytes(4).toString('hex')}:`, ...CHAT_TEST_ENV };
  let one: TestServer;
  let two: TestServer;
  let api1: ApiClient;
  let api2: ApiClient;
  let host: ChatUser;

  beforeAll(async () => {
    [one, two] = await Promise.all([startTestServer({ ...env, INSTANCE_ID: 'albums-1' }), startTestServer({ ...env, INSTANCE_ID: 'albums-2' })]);
    api1 = new ApiClient(one.url);
    api2 = new ApiClient(two.url);
    [host] = await chatUsers(api1, 1);
  });
  afterAll(async () => {
    await Promise.all([one?.close(), two?.close()]);
  });

  it('joins on one instance, is let in on the other, and is out on both once a host removes the guest', async () => {
    const album = await createAlbum(api1, host);
    const guest = await joinAsGuest(api1, (await createInvite(api1, host, album.id)).token, 'Roaming guest');
    expect((await api2.get('/api/guest/me', asGuest(guest))).body.guest).toMatchObject({ id: guest.id, display_name: 'Roaming guest' });
    expect((await api2.get(`/api/albums/${album.id}`, asGuest(guest))).status).toBe(200);

    expect((await api2.delete(`/api/albums/${album.id}/guests/${guest.id}`, { token: host.token })).status).toBe(204);
    expectError(await api1.get(`/api/albums/${album.id}`, asGuest(guest)), 401, 'GUEST_SESSION_ENDED');
    expectError(await api2.get('/api/guest/me', asGuest(guest)), 401, 'GUEST_SESSION_ENDED');
  });

  it('a wall link made on one instance opens the album on the other until it is revoked there', async () => {
    const album = await createAlbum(api2, host);
    const wall = await createWallLink(api2, host, album.id);
    expect((await api1.get(`/api/albums/${album.id}`, asWall(wall))).body.my_role).toBe('wall');
    expect((await api1.delete(`/api/albums/${album.id}/wall-link`, { token: host.token })).status).toBe(204);
    expectError(await api2.get(`/api/albums/${album.id}`, asWall(wall)), 410, 'INVITE_INVALID');
  });
});
