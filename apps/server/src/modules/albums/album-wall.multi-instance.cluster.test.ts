import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { addMember, createAlbum, createWallLink, removePhoto, seedPhoto } from '../../../test/album-live-fixtures';
import { ApiClient } from '../../../test/api-client';
import { CHAT_TEST_ENV, chatUsers, expectAckError, expectOk, socketIn } from '../../../test/chat-fixtures';
import { clusterEnv, startTestServer, type TestEnv, type TestServer } from '../../../test/harness';
import { collect, emitAck, eventually, type TestSocket } from '../../../test/sockets';
import { connectScoped } from './album-wall.suite';

const WALL_DEADLINE_MS = 2_000;

/**
 * Issue 9, acceptance: the wall across instances sharing PostgreSQL and Redis. A photo
 * approved through one instance reaches a wall connected to the other within 2 s, and a
 * wall whose instance goes away reconnects to another and catches up by its cursor.
 */
describe('album wall across two instances', () => {
  const env: TestEnv = { ...clusterEnv(), ...CHAT_TEST_ENV, REDIS_KEY_PREFIX: `${inject('redisPrefix')}wall-multi:${randomBytes(4).toString('hex')}:` };
  let one: TestServer;
  let two: TestServer | undefined;
  let api: ApiClient;
  const sockets: TestSocket[] = [];
  const track = (socket: TestSocket) => (sockets.push(socket), socket);

  beforeAll(async () => {
    [one, two] = await Promise.all([startTestServer({ ...env, INSTANCE_ID: 'wall-1' }), startTestServer({ ...env, INSTANCE_ID: 'wall-2' })]);
    api = new ApiClient(one.url);
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });
  afterAll(async () => {
    await Promise.all([one?.close(), two?.close()]);
  });

  it('a photo approved on one instance is on a wall of the other within 2 s; its removal too', async () => {
    const [host] = await chatUsers(api, 1);
    const albumId = await createAlbum(api, host.token);
    const link = await createWallLink(api, host.token, albumId);
    const wall = track(await connectScoped(two!.url, { wallToken: link.token }));
    const added = collect(wall, 'album-photo-added');
    const removed = collect(wall, 'album-photo-removed');
    expectOk(await emitAck(wall, 'join-album', { album_id: albumId }));

    const photo = await seedPhoto(one, albumId, { uploaderUserId: host.id });
    await eventually(() => expect(added.map((e) => e.photo.id)).toEqual([photo.id]), WALL_DEADLINE_MS);
    await removePhoto(one, albumId, photo.id);
    await eventually(() => expect(removed.map((e) => e.photo_id)).toEqual([photo.id]), WALL_DEADLINE_MS);
  });

  it('a member and a co-host removed through one instance stop getting the album on the other; one who stays keeps it', async () => {
    const [host, stays, removed, cohost] = await chatUsers(api, 4);
    const albumId = await createAlbum(api, host.token);
    await addMember(api, host.token, albumId, stays.id);
    await addMember(api, host.token, albumId, removed.id);
    await addMember(api, host.token, albumId, cohost.id, 'cohost');
    const socketOf = async (user: typeof host) => {
      const socket = track(await socketIn(two!, user));
      expectOk(await emitAck(socket, 'join-album', { album_id: albumId }));
      return { socket, added: collect(socket, 'album-photo-added') };
    };
    const staying = (await socketOf(stays)).added;
    const goneSockets = [await socketOf(removed), await socketOf(cohost)];
    expect((await api.delete(`/api/albums/${albumId}/members/${removed.id}`, { token: host.token })).status).toBe(204);
    expect((await api.delete(`/api/albums/${albumId}/members/${cohost.id}`, { token: host.token })).status).toBe(204);

    // The leave travels after the commit: photos keep coming until one reaches the member who stays and neither removed socket.
    await eventually(async () => {
      const photo = await seedPhoto(one, albumId, { uploaderUserId: host.id });
      await eventually(() => expect(staying.map((e) => e.photo.id)).toContain(photo.id), WALL_DEADLINE_MS);
      for (const { socket, added } of goneSockets) {
        // Same connection, so this answer comes after the photo if the socket still had it; joining again is refused as well.
        expectAckError(await emitAck(socket, 'join-album', { album_id: albumId }), 'NOT_FOUND');
        expect(added.map((e) => e.photo.id)).not.toContain(photo.id);
      }
    }, 10_000, 100);
  });

  it('a wall whose instance stops reconnects to the other and catches up from its cursor', async () => {
    const [host] = await chatUsers(api, 1);
    const albumId = await createAlbum(api, host.token);
    const link = await createWallLink(api, host.token, albumId);
    const before = track(await connectScoped(two!.url, { wallToken: link.token }));
    const { last_seq: cursor } = expectOk(await emitAck(before, 'join-album', { album_id: albumId }));
    const closed = new Promise<void>((resolve) => before.once('disconnect', () => resolve()));

    await two!.close();
    two = undefined;
    await closed;
    // While the wall is dark: a photo arrives and stays, another arrives and goes.
    const kept = await seedPhoto(one, albumId, { uploaderUserId: host.id });
    const gone = await seedPhoto(one, albumId, { uploaderUserId: host.id });
    await removePhoto(one, albumId, gone.id);

    const after = track(await connectScoped(one.url, { wallToken: link.token }));
    const live = collect(after, 'album-photo-added');
    expectOk(await emitAck(after, 'join-album', { album_id: albumId }));
    const synced = expectOk(await emitAck(after, 'album-sync', { album_id: albumId, after: cursor }));
    expect(synced.changes.map((c) => (c.type === 'added' ? `+${c.photo.id}` : `-${c.photo_id}`))).toEqual([`+${kept.id}`, `-${gone.id}`]);
    // And it is live again.
    const next = await seedPhoto(one, albumId, { uploaderUserId: host.id });
    await eventually(() => expect(live.map((e) => e.photo.id)).toContain(next.id), WALL_DEADLINE_MS);
  });
});
