import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { MIGRATIONS_DIR } from '../src/infra/db/database';
import { expectRateLimited, freshIp, TIGHT_LIMITS } from '../src/modules/auth/rate-limits.suite';
import { ApiClient } from './api-client';
import { registerUser, type RegisteredUser } from './factories';
import { clusterEnv, scratchCluster, startTestServer, type TestEnv, type TestServer } from './harness';

describe('two instances sharing PostgreSQL and Redis', () => {
  // One key prefix for both instances (they are one deployment), apart from other files'.
  const prefix = `${inject('redisPrefix')}multi:${randomBytes(4).toString('hex')}:`;
  const env: TestEnv = { ...clusterEnv(), REDIS_KEY_PREFIX: prefix, ...TIGHT_LIMITS, RATE_LIMIT_API_PER_USER: '1000', TRUST_PROXY: 'true' };
  let instanceA: TestServer;
  let instanceB: TestServer;
  let a: ApiClient;
  let b: ApiClient;
  let redis: Redis;

  /** Every request from its own address: the per-IP login limit stays out of the way. */
  const from = (ip = freshIp()) => ({ headers: { 'x-forwarded-for': ip } });
  const loginOn = (api: ApiClient, user: RegisteredUser, ip?: string) =>
    api.post('/api/auth/login', { email: user.email, password: user.password }, from(ip));
  const sessionIdOf = async (api: ApiClient, token: string): Promise<string> => {
    const list = await api.get('/api/auth/sessions', { token });
    expect(list.status).toBe(200);
    return list.body.items.find((s: { current: boolean }) => s.current).id;
  };
  /** B has answered for the session and cached it as active in the shared store. */
  const cacheOnB = async (token: string, sessionId: string, userId: string) => {
    expect((await b.get('/api/auth/me', { token })).status).toBe(200);
    expect(await redis.get(`${prefix}session:${sessionId}`)).toBe(`${userId} member`);
  };

  beforeAll(async () => {
    [instanceA, instanceB] = await Promise.all([
      startTestServer({ ...env, INSTANCE_ID: 'instance-a' }),
      startTestServer({ ...env, INSTANCE_ID: 'instance-b' }),
    ]);
    a = new ApiClient(instanceA.url);
    b = new ApiClient(instanceB.url);
    redis = new Redis(inject('redisUrl'));
  });
  afterAll(async () => {
    redis?.disconnect();
    await Promise.all([instanceA?.close(), instanceB?.close()]);
  });

  it('are two servers, each seeing what the other wrote', async () => {
    expect(instanceA.url).not.toBe(instanceB.url);
    const user = await registerUser(a, {}, from().headers);
    const me = await b.get('/api/auth/me', { token: user.auth.token });
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(user.auth.user.id);
  });

  describe('a session revoked through A is refused by B on its very next request', () => {
    it('DELETE /api/auth/sessions/:id', async () => {
      const user = await registerUser(a, {}, from().headers);
      const phone = user.auth;
      const laptop = await loginOn(b, user);
      expect(laptop.status).toBe(200);
      const phoneSession = await sessionIdOf(b, phone.token);
      await cacheOnB(phone.token, phoneSession, user.auth.user.id);

      expect((await a.delete(`/api/auth/sessions/${phoneSession}`, { token: laptop.body.token })).status).toBe(204);

      const next = await b.get('/api/auth/me', { token: phone.token });
      expect(next.status).toBe(401);
      expect(next.body.error.code).toBe('SESSION_REVOKED');
      expect((await b.post('/api/auth/refresh', { refresh_token: phone.refresh_token })).status).toBe(401);
      // The revoking device is untouched, on both instances.
      expect((await b.get('/api/auth/me', { token: laptop.body.token })).status).toBe(200);
      expect((await a.get('/api/auth/me', { token: laptop.body.token })).status).toBe(200);
    });

    it('POST /api/auth/logout', async () => {
      const user = await registerUser(b, {}, from().headers);
      const sessionId = await sessionIdOf(a, user.auth.token);
      await cacheOnB(user.auth.token, sessionId, user.auth.user.id);

      expect((await a.post('/api/auth/logout', undefined, { token: user.auth.token })).status).toBe(204);

      const next = await b.get('/api/auth/me', { token: user.auth.token });
      expect(next.status).toBe(401);
      expect(next.body.error.code).toBe('SESSION_REVOKED');
      expect((await b.post('/api/auth/refresh', { refresh_token: user.auth.refresh_token })).status).toBe(401);
    });

    it('DELETE /api/auth/sessions (all others)', async () => {
      const user = await registerUser(a, {}, from().headers);
      const second = await loginOn(b, user);
      const third = await loginOn(a, user);
      expect([second.status, third.status]).toEqual([200, 200]);
      const others = [second.body.token as string, third.body.token as string];
      for (const token of others) await cacheOnB(token, await sessionIdOf(b, token), user.auth.user.id);

      const revoked = await a.delete('/api/auth/sessions', { token: user.auth.token });
      expect(revoked.status).toBe(200);
      expect(revoked.body.revoked).toBe(2);

      for (const token of others) {
        const next = await b.get('/api/auth/me', { token });
        expect(next.status).toBe(401);
        expect(next.body.error.code).toBe('SESSION_REVOKED');
      }
      expect((await b.get('/api/auth/me', { token: user.auth.token })).status).toBe(200);
    });
  });

  describe('the login rate limit counts across both', () => {
    const loginWindow = Number(TIGHT_LIMITS.RATE_LIMIT_LOGIN_WINDOW_SECONDS);

    it('per IP: attempts alternating A, B, A use up the address on both', async () => {
      const ip = freshIp();
      const attempt = (api: ApiClient, i: number) =>
        api.post('/api/auth/login', { email: `nobody-${i}@example.test`, password: 'wrong password' }, from(ip));
      expect((await attempt(a, 1)).status).toBe(401);
      expect((await attempt(b, 2)).status).toBe(401);
      expect((await attempt(a, 3)).status).toBe(401);
      // Each instance alone has seen at most two: only the combined count is past three.
      expectRateLimited(await attempt(b, 4), loginWindow);
      expectRateLimited(await attempt(a, 5), loginWindow);
    });

    it('per account: failures alternating B, A, B lock the account on both', async () => {
      const user = await registerUser(a, {}, from().headers);
      const wrong = (api: ApiClient) => api.post('/api/auth/login', { email: user.email, password: 'wrong password' }, from());
      expect((await wrong(b)).status).toBe(401);
      expect((await wrong(a)).status).toBe(401);
      expect((await wrong(b)).status).toBe(401);
      expectRateLimited(await wrong(a), loginWindow);
      expectRateLimited(await loginOn(b, user), loginWindow);
    });

    it('per account: a success on one instance resets the count for the other', async () => {
      const user = await registerUser(a, {}, from().headers);
      const wrong = (api: ApiClient) => api.post('/api/auth/login', { email: user.email, password: 'wrong password' }, from());
      expect((await wrong(a)).status).toBe(401);
      expect((await wrong(a)).status).toBe(401);
      expect((await loginOn(b, user)).status).toBe(200);
      for (let i = 0; i < 3; i++) expect((await wrong(a)).status).toBe(401);
      expectRateLimited(await wrong(b), loginWindow);
    });
  });
});

describe('three instances started at once on an empty database', () => {
  let scratch: Awaited<ReturnType<typeof scratchCluster>>;
  let servers: TestServer[] = [];

  beforeAll(async () => {
    scratch = await scratchCluster();
  });
  afterAll(async () => {
    await Promise.allSettled(servers.map((s) => s.close()));
    await scratch?.drop();
  });

  it('all become ready, and the migrations ran exactly once', async () => {
    servers = await Promise.all([1, 2, 3].map((n) => startTestServer({ ...scratch.env, INSTANCE_ID: `cold-${n}` })));

    for (const server of servers) {
      const ready = await new ApiClient(server.url).get('/ready');
      expect(ready.status).toBe(200);
      expect(ready.body).toEqual({ status: 'ready', checks: { database: 'ok', redis: 'ok' } });
    }

    const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_DIR, 'meta/_journal.json'), 'utf8')) as { entries: { tag: string }[] };
    const files = readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.sql'));
    expect(files.sort()).toEqual(journal.entries.map((e) => `${e.tag}.sql`).sort());

    const client = new Client({ connectionString: scratch.env.DATABASE_URL });
    await client.connect();
    try {
      const { rows } = await client.query<{ hash: string }>('select hash from drizzle.__drizzle_migrations order by id');
      expect(rows).toHaveLength(files.length);
      expect(new Set(rows.map((r) => r.hash)).size).toBe(files.length);
    } finally {
      await client.end();
    }

    // And they are one deployment: an account made on one signs in on another.
    const user = await registerUser(new ApiClient(servers[0]!.url));
    const login = await new ApiClient(servers[2]!.url).post('/api/auth/login', { email: user.email, password: user.password });
    expect(login.status).toBe(200);
    expect((await new ApiClient(servers[1]!.url).get('/api/auth/me', { token: login.body.token })).status).toBe(200);
  });
});
