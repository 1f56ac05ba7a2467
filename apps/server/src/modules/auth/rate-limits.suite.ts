import { ErrorBody } from '@discordgym/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, type ApiResponse } from '../../../test/api-client';
import { buildRegistration, registerUser } from '../../../test/factories';
import type { TestEnv, TestServer } from '../../../test/harness';

/** Tight limits, so a handful of requests trips each of them. */
export const TIGHT_LIMITS = {
  RATE_LIMIT_LOGIN_PER_IP: '3',
  RATE_LIMIT_LOGIN_PER_ACCOUNT: '3',
  RATE_LIMIT_LOGIN_WINDOW_SECONDS: '600',
  RATE_LIMIT_REGISTER_PER_IP: '2',
  RATE_LIMIT_REGISTER_WINDOW_SECONDS: '1200',
  RATE_LIMIT_API_PER_USER: '5',
  RATE_LIMIT_API_WINDOW_SECONDS: '60',
} as const satisfies TestEnv;

let ipCounter = 0;
/** A client address no other test uses (documentation range, RFC 5737). */
export function freshIp(): string {
  ipCounter += 1;
  return `198.51.${Math.floor(ipCounter / 250) % 250}.${(ipCounter % 250) + 1}`;
}

/** Asserts a 429 in the one error shape with a sane Retry-After; returns its seconds. */
export function expectRateLimited(response: ApiResponse, windowSeconds: number): number {
  expect(response.status, JSON.stringify(response.body)).toBe(429);
  expect(ErrorBody.safeParse(response.body).success).toBe(true);
  expect(Object.keys(response.body)).toEqual(['error']);
  expect(response.body.error.code).toBe('RATE_LIMITED');
  expect(response.body.error.message).toEqual(expect.any(String));
  const header = response.headers.get('retry-after');
  expect(header).toMatch(/^[1-9]\d*$/);
  const seconds = Number(header);
  // What is left of the window that started with the first counted request.
  expect(seconds).toBeLessThanOrEqual(windowSeconds);
  expect(seconds).toBeGreaterThan(windowSeconds - 120);
  expect(response.body.error.details).toEqual({ retry_after: seconds });
  return seconds;
}

/**
 * Login, register and API limits over HTTP, run against the memory store
 * (rate-limits.test.ts) and against Redis (rate-limits.cluster.test.ts). `start` must give
 * every server its own counters (a fresh memory store or a fresh Redis key prefix).
 */
export function describeRateLimits(mode: string, start: (env: TestEnv) => Promise<TestServer>): void {
  describe(`rate limits over HTTP (${mode})`, () => {
    let sut: TestServer;
    let api: ApiClient;
    const loginWindow = Number(TIGHT_LIMITS.RATE_LIMIT_LOGIN_WINDOW_SECONDS);

    /** Behind a trusted proxy: X-Forwarded-For names the client, so each test can be its own IP. */
    const from = (ip: string) => ({ headers: { 'x-forwarded-for': ip } });
    const login = (body: Record<string, string>, ip = freshIp()) => api.post('/api/auth/login', body, from(ip));
    const newUser = () => registerUser(api, {}, { 'x-forwarded-for': freshIp() });

    beforeAll(async () => {
      sut = await start({ ...TIGHT_LIMITS, TRUST_PROXY: 'true' });
      api = new ApiClient(sut.url);
    });
    afterAll(() => sut?.close());

    describe('login per IP', () => {
      it('answers 429 with Retry-After once one address has used up its attempts', async () => {
        const ip = freshIp();
        for (let i = 0; i < 3; i++) {
          const attempt = await login({ email: `nobody-${i}@example.test`, password: 'not the password' }, ip);
          expect(attempt.status).toBe(401);
        }
        expectRateLimited(await login({ email: 'nobody-else@example.test', password: 'not the password' }, ip), loginWindow);
      });

      it('refuses even the right password from that address, and only from that address', async () => {
        const user = await newUser();
        const ip = freshIp();
        for (let i = 0; i < 3; i++) await login({ email: `nobody-${i}@example.test`, password: 'x' }, ip);
        expectRateLimited(await login({ email: user.email, password: user.password }, ip), loginWindow);
        expect((await login({ email: user.email, password: user.password })).status).toBe(200);
      });

      it('counts successful logins too (credential stuffing with valid pairs)', async () => {
        const user = await newUser();
        const ip = freshIp();
        for (let i = 0; i < 3; i++) expect((await login({ email: user.email, password: user.password }, ip)).status).toBe(200);
        expectRateLimited(await login({ email: user.email, password: user.password }, ip), loginWindow);
      });
    });

    describe('login per account', () => {
      it('answers 429 once one account has had its attempts, from whatever address', async () => {
        const user = await newUser();
        for (let i = 0; i < 3; i++) expect((await login({ email: user.email, password: 'wrong password' })).status).toBe(401);
        expectRateLimited(await login({ email: user.email, password: 'wrong password' }), loginWindow);
        // The right password does not get past it either: that is the point of the limit.
        expectRateLimited(await login({ email: user.email, password: user.password }), loginWindow);
      });

      it('leaves other accounts alone', async () => {
        const victim = await newUser();
        const bystander = await newUser();
        for (let i = 0; i < 4; i++) await login({ email: victim.email, password: 'wrong password' });
        expect((await login({ email: bystander.email, password: bystander.password })).status).toBe(200);
      });

      it('counts attempts by email and by handle together', async () => {
        const user = await newUser();
        const handle = user.auth.user.handle;
        expect((await login({ email: user.email, password: 'wrong' })).status).toBe(401);
        expect((await login({ handle, password: 'wrong' })).status).toBe(401);
        expect((await login({ handle: handle.toUpperCase(), password: 'wrong' })).status).toBe(401);
        expectRateLimited(await login({ email: user.email.toUpperCase(), password: 'wrong' }), loginWindow);
        expectRateLimited(await login({ handle, password: user.password }), loginWindow);
      });

      it('limits names without an account the same way (no account enumeration by 429)', async () => {
        const email = buildRegistration().email;
        for (let i = 0; i < 3; i++) expect((await login({ email, password: 'whatever' })).status).toBe(401);
        expectRateLimited(await login({ email, password: 'whatever' }), loginWindow);
      });

      it('starts counting again after a successful login', async () => {
        const user = await newUser();
        expect((await login({ email: user.email, password: 'wrong' })).status).toBe(401);
        expect((await login({ email: user.email, password: 'wrong' })).status).toBe(401);
        // The third attempt of the window succeeds and resets the account's counter ...
        expect((await login({ email: user.email, password: user.password })).status).toBe(200);
        // ... so three more failures are answered 401; without the reset the first would be the 4th.
        for (let i = 0; i < 3; i++) expect((await login({ handle: user.auth.user.handle, password: 'wrong' })).status).toBe(401);
        expectRateLimited(await login({ email: user.email, password: 'wrong' }), loginWindow);
      });

      it('does not reset on a failure', async () => {
        const user = await newUser();
        for (let i = 0; i < 3; i++) await login({ email: user.email, password: 'wrong' });
        expectRateLimited(await login({ email: user.email, password: 'wrong' }), loginWindow);
        expectRateLimited(await login({ email: user.email, password: 'wrong' }), loginWindow);
      });
    });

    describe('register per IP', () => {
      const registerWindow = Number(TIGHT_LIMITS.RATE_LIMIT_REGISTER_WINDOW_SECONDS);

      it('answers 429 once one address has registered its share, and writes nothing', async () => {
        const ip = freshIp();
        for (let i = 0; i < 2; i++) expect((await api.post('/api/auth/register', buildRegistration(), from(ip))).status).toBe(201);
        const refused = buildRegistration();
        expectRateLimited(await api.post('/api/auth/register', refused, from(ip)), registerWindow);
        // Nothing was written: the same email registers fine from elsewhere.
        expect((await login({ email: refused.email, password: refused.password })).status).toBe(401);
        expect((await api.post('/api/auth/register', refused, from(freshIp()))).status).toBe(201);
      });

      it('counts refused registrations too (no free probing of taken emails)', async () => {
        const taken = await newUser();
        const ip = freshIp();
        for (let i = 0; i < 2; i++) {
          expect((await api.post('/api/auth/register', buildRegistration({ email: taken.email }), from(ip))).status).toBe(409);
        }
        expectRateLimited(await api.post('/api/auth/register', buildRegistration({ email: taken.email }), from(ip)), registerWindow);
      });
    });

    describe('API budget per user', () => {
      const apiWindow = Number(TIGHT_LIMITS.RATE_LIMIT_API_WINDOW_SECONDS);

      it('answers 429 once a user has spent the budget, on every authenticated route', async () => {
        const user = await newUser();
        for (let i = 0; i < 5; i++) expect((await api.get('/api/auth/me', { token: user.auth.token })).status).toBe(200);
        expectRateLimited(await api.get('/api/auth/me', { token: user.auth.token }), apiWindow);
        expectRateLimited(await api.get('/api/auth/sessions', { token: user.auth.token }), apiWindow);
      });

      it('is one budget per user across all of their sessions', async () => {
        const user = await newUser();
        const second = await login({ email: user.email, password: user.password });
        expect(second.status).toBe(200);
        for (let i = 0; i < 5; i++) {
          const token = i % 2 === 0 ? user.auth.token : second.body.token;
          expect((await api.get('/api/auth/me', { token })).status).toBe(200);
        }
        expectRateLimited(await api.get('/api/auth/me', { token: second.body.token }), apiWindow);
        expectRateLimited(await api.get('/api/auth/me', { token: user.auth.token }), apiWindow);
      });

      it('leaves other users alone, and does not count requests without a valid session', async () => {
        const spender = await newUser();
        const other = await newUser();
        for (let i = 0; i < 6; i++) await api.get('/api/auth/me', { token: spender.auth.token });
        expect((await api.get('/api/auth/me', { token: other.auth.token })).status).toBe(200);
        // A forged token is refused as such (401), not counted against anybody (not 429).
        const forged = `${other.auth.token.slice(0, -4)}AAAA`;
        for (let i = 0; i < 6; i++) expect((await api.get('/api/auth/me', { token: forged })).status).toBe(401);
        for (let i = 0; i < 4; i++) expect((await api.get('/api/auth/me', { token: other.auth.token })).status).toBe(200);
      });
    });

    it('without TRUST_PROXY, a forged X-Forwarded-For does not buy more attempts', async () => {
      const direct = await start({ ...TIGHT_LIMITS });
      try {
        const client = new ApiClient(direct.url);
        for (let i = 0; i < 3; i++) {
          const attempt = await client.post('/api/auth/login', { email: `nobody-${i}@example.test`, password: 'x' }, from(freshIp()));
          expect(attempt.status).toBe(401);
        }
        const spoofed = await client.post('/api/auth/login', { email: 'nobody@example.test', password: 'x' }, from(freshIp()));
        expectRateLimited(spoofed, loginWindow);
      } finally {
        await direct.close();
      }
    });
  });
}
