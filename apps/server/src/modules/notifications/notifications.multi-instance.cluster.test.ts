import { randomBytes } from 'node:crypto';
import type { NotificationBroadcast, NotificationsReadBroadcast } from '@discordgym/contracts';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { ApiClient } from '../../../test/api-client';
import { chatUsers, CHAT_TEST_ENV, createGroup, openDm, postMessage, socketIn } from '../../../test/chat-fixtures';
import { clusterEnv, startTestServer, type TestServer } from '../../../test/harness';
import { inbox, inboxOf, settle, untilOnline } from '../../../test/notification-fixtures';
import { collect, eventually, type TestSocket } from '../../../test/sockets';

/**
 * Issue 8 C, across two instances of one deployment: the live `notification` reaches the
 * recipient on the other instance, "no socket open" means on no instance, and reading on
 * one instance is told to the recipient's sockets on the other.
 */
describe('notifications across two instances', () => {
  const prefix = `${inject('redisPrefix')}notify-multi:${randomBytes(4).toString('hex')}:`;
  const env = { ...clusterEnv(), ...CHAT_TEST_ENV, REDIS_KEY_PREFIX: prefix };
  let one: TestServer;
  let two: TestServer;
  let api1: ApiClient;
  let api2: ApiClient;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    [one, two] = await Promise.all([startTestServer({ ...env, INSTANCE_ID: 'notify-1' }), startTestServer({ ...env, INSTANCE_ID: 'notify-2' })]);
    api1 = new ApiClient(one.url);
    api2 = new ApiClient(two.url);
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });
  afterAll(() => Promise.all([one?.close(), two?.close()]));

  it('a mention sent through instance 1 reaches the recipient live on instance 2, once, with the unread count', async () => {
    const [a, b] = await chatUsers(api1, 2);
    const room = await createGroup(api1, a, [b]);
    const socket = await socketIn(two, b);
    sockets.push(socket);
    const live = collect(socket, 'notification');
    const message = await postMessage(api1, a, room.id, `@${b.handle} bench?`);
    await eventually(() => expect(live).toHaveLength(1), 10_000);
    expect((live[0] as NotificationBroadcast).notification).toMatchObject({ kind: 'mention', message_id: message.id });
    expect((live[0] as NotificationBroadcast).unread_count).toBe(1);
    await settle(one);
    await settle(two);
    expect(live).toHaveLength(1);
    expect(await inbox(api2, b)).toHaveLength(1);
  });

  it('a socket open on either instance counts: no DM notification while it is, one once it is gone', async () => {
    const [a, b] = await chatUsers(api1, 2);
    const dm = await openDm(api2, a, b);
    const socket = await socketIn(one, b);
    sockets.push(socket);
    await untilOnline(two, b);
    await postMessage(api2, a, dm.id, 'seen live');
    await settle(one);
    await settle(two);
    expect(await inbox(api2, b)).toEqual([]);

    socket.close();
    await eventually(async () => expect((await two.server.infra.presence.get([b.id])).get(b.id)?.status).toBe('offline'));
    await postMessage(api2, a, dm.id, 'now you are away');
    expect((await inboxOf(api1, b, 1))[0]).toMatchObject({ kind: 'dm', excerpt: 'now you are away' });
  });

  it('reading on instance 1 updates my tab on instance 2', async () => {
    const [a, b] = await chatUsers(api1, 2);
    const room = await createGroup(api1, a, [b]);
    await postMessage(api1, a, room.id, `@${b.handle} one`);
    await postMessage(api1, a, room.id, `@${b.handle} two`);
    const [newest] = await inboxOf(api2, b, 2);
    const socket = await socketIn(two, b);
    sockets.push(socket);
    const reads = collect(socket, 'notifications-read');
    expect((await api1.put(`/api/notifications/${newest!.id}/read`, undefined, { token: b.token })).body).toEqual({ count: 1 });
    expect((await api1.put('/api/notifications/read-all', undefined, { token: b.token })).body).toEqual({ count: 0 });
    await eventually(() => expect(reads).toHaveLength(2));
    expect(reads.map((r) => [(r as NotificationsReadBroadcast).ids, (r as NotificationsReadBroadcast).unread_count])).toEqual([
      [[newest!.id], 1],
      [null, 0],
    ]);
  });
});
