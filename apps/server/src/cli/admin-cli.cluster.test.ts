import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ApiClient } from '../../test/api-client';
import { buildServer, runInPty, runPiped } from '../../test/cli-runner';
import { expectError } from '../../test/expect-error';
import { registerUser } from '../../test/factories';
import { clusterEnv, startTestServer, type TestServer } from '../../test/harness';
import { connectSocket, type TestSocket } from '../../test/sockets';

/**
 * Issue 8 D: the admin CLI in the cluster mode talks to PostgreSQL and Redis itself. A ban
 * from the CLI closes the user's sockets on every running instance: the CLI records
 * `user.banned` with the ban, hands it to BullMQ, and a server's worker closes the sockets
 * through the Socket.IO adapter; the session cache in Redis refuses the tokens at once.
 */
describe('admin CLI (cluster)', () => {
  const env: Record<string, string> = {
    ...(clusterEnv() as Record<string, string>),
    REDIS_KEY_PREFIX: `${inject('redisPrefix')}admin-cli:${randomBytes(4).toString('hex')}:`,
  };
  let one: TestServer;
  let two: TestServer;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    await buildServer();
    [one, two] = await Promise.all([startTestServer({ ...env, INSTANCE_ID: 'cli-1' }), startTestServer({ ...env, INSTANCE_ID: 'cli-2' })]);
  }, 180_000);
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await Promise.all([one?.close(), two?.close()]);
  });

  it('creates an admin with --password-stdin and through a pseudo-terminal; both can log in', async () => {
    const tag = randomBytes(3).toString('hex');
    const piped = await runPiped(['create-admin', '--email', `ops-${tag}@example.test`, '--username', `ops_${tag}`, '--password-stdin'], env, 'ops-password-from-a-vault\n');
    expect(piped.code, piped.stderr).toBe(0);
    const typed = await runInPty(['create-admin'], env, [
      ['Email: ', `tty-${tag}@example.test`],
      ['Username: ', `tty_${tag}`],
      ['Password: ', 'typed-Secret-9876'],
      ['Repeat password: ', 'typed-Secret-9876'],
    ]);
    expect(typed.code, typed.output + typed.stderr).toBe(0);
    expect(typed.output).not.toContain('typed-Secret');
    for (const [server, email, password] of [
      [one, `ops-${tag}@example.test`, 'ops-password-from-a-vault'],
      [two, `tty-${tag}@example.test`, 'typed-Secret-9876'],
    ] as const) {
      const signedIn = await new ApiClient(server.url).post('/api/auth/login', { email, password });
      expect(signedIn.status, JSON.stringify(signedIn.body)).toBe(200);
      expect(signedIn.body.user.role).toBe('admin');
    }
  }, 240_000);

  it('a ban from the CLI closes the sockets on both instances and refuses the tokens at once', async () => {
    const api1 = new ApiClient(one.url);
    const target = await registerUser(api1);
    const second = await new ApiClient(two.url).post('/api/auth/login', { email: target.email, password: target.password });
    const onOne = await connectSocket(one.url, target.auth.token);
    const onTwo = await connectSocket(two.url, second.body.token);
    sockets.push(onOne, onTwo);
    const ended = (socket: TestSocket) =>
      new Promise<{ payload: unknown; at: number }>((resolve) => socket.once('session-ended', (payload) => resolve({ payload, at: Date.now() })));
    const both = Promise.all([ended(onOne), ended(onTwo)]);

    const run = await runPiped(['ban', target.auth.user.handle, '--reason', 'botnet'], env);
    const exitedAt = Date.now();
    expect(run.code, run.stderr).toBe(0);
    const [a, b] = await both;
    for (const { payload } of [a, b]) expect(payload).toEqual({ reason: 'banned', message: expect.any(String), banned_until: null, ban_reason: 'botnet' });
    // The worker reacts as soon as the CLI has handed over the event (before it even exits, mostly).
    expect(Math.max(a.at, b.at) - exitedAt).toBeLessThan(2_000);
    await expect.poll(() => onOne.connected || onTwo.connected).toBe(false);
    expectError(await new ApiClient(two.url).get('/api/auth/me', { token: second.body.token }), 401, 'SESSION_REVOKED');
    expectError(await api1.post('/api/auth/login', { email: target.email, password: target.password }), 403, 'ACCOUNT_BANNED');
  }, 180_000);
});
