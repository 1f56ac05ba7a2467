import { randomBytes } from 'node:crypto';
import { AdminStats } from '@discordgym/contracts';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { ApiClient } from '../../../test/api-client';
import { recordAll } from '../../../test/chat-fixtures';
import { expectError } from '../../../test/expect-error';
import { grantRole, registerUser } from '../../../test/factories';
import { clusterEnv, startTestServer, type TestServer } from '../../../test/harness';
import { connectSocket, eventually, type TestSocket } from '../../../test/sockets';
import { sessionRows } from '../../../test/admin-fixtures';

/**
 * Issue 8 D, acceptance: a ban on instance 1 ends the user's sessions and sockets on both
 * instances within 1 s; the stats count each instance's sockets.
 */
describe('admin across two instances', () => {
  const prefix = `${inject('redisPrefix')}admin-multi:${randomBytes(4).toString('hex')}:`;
  const env = { ...clusterEnv(), REDIS_KEY_PREFIX: prefix };
  let one: TestServer;
  let two: TestServer;
  let api1: ApiClient;
  let api2: ApiClient;
  const sockets: TestSocket[] = [];
  const open = async (server: TestServer, token: string) => {
    const socket = await connectSocket(server.url, token);
    sockets.push(socket);
    return socket;
  };

  beforeAll(async () => {
    [one, two] = await Promise.all([startTestServer({ ...env, INSTANCE_ID: 'admin-1' }), startTestServer({ ...env, INSTANCE_ID: 'admin-2' })]);
    api1 = new ApiClient(one.url);
    api2 = new ApiClient(two.url);
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });
  afterAll(async () => {
    await Promise.all([one?.close(), two?.close()]);
  });

  it('a ban on instance 1 closes the sockets on both instances within 1 s; login is refused on both', async () => {
    const moderator = await registerUser(api1);
    await grantRole(one, moderator.auth.user.id, 'moderator');
    const target = await registerUser(api2);
    const second = await api2.post('/api/auth/login', { email: target.email, password: target.password });
    const onOne = await open(one, target.auth.token);
    const onTwo = await open(two, second.body.token);
    const [events1, events2] = [recordAll(onOne), recordAll(onTwo)];
    const closed = (socket: TestSocket) => new Promise<number>((resolve) => socket.once('disconnect', () => resolve(Date.now())));
    const both = Promise.all([closed(onOne), closed(onTwo)]);

    const banned = await api1.post(`/api/admin/users/${target.auth.user.id}/ban`, { reason: 'raid' }, { token: moderator.auth.token });
    const at = Date.now();
    expect(banned.status, JSON.stringify(banned.body)).toBe(200);
    const [t1, t2] = await both;
    expect(t1 - at).toBeLessThan(1_000);
    expect(t2 - at).toBeLessThan(1_000);
    for (const events of [events1, events2]) {
      expect(events.find((e) => e.event === 'session-ended')?.payload).toEqual({ reason: 'banned', message: expect.any(String), banned_until: null, ban_reason: 'raid' });
    }
    expect((await sessionRows(one, target.auth.user.id)).every((s) => s.revokedReason === 'banned')).toBe(true);
    // Both instances refuse the tokens at once (the shared session cache), and the logins.
    expectError(await api2.get('/api/auth/me', { token: second.body.token }), 401, 'SESSION_REVOKED');
    expectError(await api1.get('/api/auth/me', { token: target.auth.token }), 401, 'SESSION_REVOKED');
    expectError(await api2.post('/api/auth/login', { email: target.email, password: target.password }), 403, 'ACCOUNT_BANNED');
    expectError(await api1.post('/api/auth/login', { email: target.email, password: target.password }), 403, 'ACCOUNT_BANNED');
  });

  it('counts the sockets online on each instance', async () => {
    const admin = await registerUser(api1);
    await grantRole(one, admin.auth.user.id, 'admin');
    const [a, b] = [await registerUser(api1), await registerUser(api2)];
    await open(one, a.auth.token);
    await open(one, a.auth.token);
    await open(two, b.auth.token);
    await open(two, admin.auth.token);
    await open(two, admin.auth.token);
    // Instance 1 learns instance 2's count from its last report (every 5 s) or its own stats call.
    await api2.get('/api/admin/stats', { token: admin.auth.token });
    await eventually(async () => {
      const stats = AdminStats.parse((await api1.get('/api/admin/stats', { token: admin.auth.token })).body);
      expect(stats.online.instances.map(({ instance, sockets, users }) => ({ instance, sockets, users }))).toEqual([
        { instance: 'admin-1', sockets: 2, users: 1 },
        { instance: 'admin-2', sockets: 3, users: 2 },
      ]);
      expect(stats.online.sockets).toBe(5);
    }, 12_000);
  });
});
