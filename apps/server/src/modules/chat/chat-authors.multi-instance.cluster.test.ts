import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { ApiClient } from '../../../test/api-client';
import { chatUsers, CHAT_TEST_ENV, createGroup, recordAll, type ReceivedEvent } from '../../../test/chat-fixtures';
import { clusterEnv, startTestServer, type TestEnv, type TestServer } from '../../../test/harness';
import { connectSocket, eventually, type TestSocket } from '../../../test/sockets';

/**
 * Issue 14, acceptance: a profile changed through one instance reaches a room mate's socket
 * on another instance (`user-updated` through the Redis adapter), and no stranger's there.
 */
describe('user-updated across two instances', () => {
  const prefix = `${inject('redisPrefix')}chat-authors-multi:${randomBytes(4).toString('hex')}:`;
  const env: TestEnv = { ...clusterEnv(), ...CHAT_TEST_ENV, REDIS_KEY_PREFIX: prefix };
  let one: TestServer;
  let two: TestServer;
  let api1: ApiClient;
  const sockets: TestSocket[] = [];

  const heardBy = async (server: TestServer, token: string): Promise<ReceivedEvent[]> => {
    const socket = await connectSocket(server.url, token);
    sockets.push(socket);
    return recordAll(socket);
  };
  const updatesOf = (received: ReceivedEvent[], userId: string) =>
    received.filter((e) => e.event === 'user-updated' && e.payload.user.id === userId).map((e) => e.payload.user);

  beforeAll(async () => {
    [one, two] = await Promise.all([
      startTestServer({ ...env, INSTANCE_ID: 'authors-1' }),
      startTestServer({ ...env, INSTANCE_ID: 'authors-2' }),
    ]);
    api1 = new ApiClient(one.url);
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });
  afterAll(async () => {
    await Promise.all([one?.close(), two?.close()]);
  });

  it('a rename on instance 1 reaches a room mate on instance 2, and not a stranger there', async () => {
    const [renamer, mate, stranger] = await chatUsers(api1, 3);
    await createGroup(api1, renamer, [mate]);
    const [mateHeard, strangerHeard] = await Promise.all([heardBy(two, mate.token), heardBy(two, stranger.token)]);

    const name = `Across ${randomBytes(3).toString('hex')}`;
    const renamed = await api1.put('/api/profile', { display_name: name, avatar: 'runner' }, { token: renamer.token });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    await eventually(() => expect(updatesOf(mateHeard, renamer.id)).toEqual([expect.objectContaining({ display_name: name, avatar: 'runner' })]));

    // The stranger's own change, made on instance 1 too, arrives after anything sent before it.
    expect((await api1.put('/api/profile', { display_name: 'Stranger' }, { token: stranger.token })).status).toBe(200);
    await eventually(() => expect(updatesOf(strangerHeard, stranger.id)).toHaveLength(1));
    expect(updatesOf(strangerHeard, renamer.id)).toEqual([]);
  });
});
