import { REFRESH_COOKIE, WEB_CLIENT_HEADER, WEB_CLIENT_VALUE } from '@discordgym/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../../test/api-client';
import { buildRegistration, registerUser } from '../../../test/factories';
import type { TestServer } from '../../../test/harness';

/**
 * The whole account flow, run once against PGlite + memory (auth.test.ts) and once
 * against PostgreSQL + Redis (auth.cluster.test.ts).
 */
export function describeAuthFlow(mode: string, start: () => Promise<TestServer>): void {
  describe(`auth flow (${mode})`, () => {
    let sut: TestServer;
    let api: ApiClient;

    beforeAll(async () => {
      sut = await start();
      api = new ApiClient(sut.url);
    });
    afterAll(() => sut?.close());

    it('registers with a unique username#NNNN handle and returns both tokens', async () => {
      const registration = buildRegistration({ username: 'Gym.Rat_1' });
      const { status, body } = await api.post('/api/auth/register', registration);
      expect(status).toBe(201);
      expect(body.user).toMatchObject({ username: 'Gym.Rat_1', email: registration.email });
      expect(body.user.handle).toMatch(/^Gym\.Rat_1#\d{4}$/);
      expect(body.user.handle).not.toBe('Gym.Rat_1#0000');
      expect(body.token.split('.')).toHaveLength(3);
      expect(Buffer.from(body.refresh_token, 'base64url')).toHaveLength(32);
      expect(body.expires_in).toBeGreaterThan(0);
      expect(JSON.stringify(body)).not.toMatch(/password|argon/i);
    });

    it('gives two people with the same username different handles', async () => {
      const a = await registerUser(api, { username: 'samename' });
      const b = await registerUser(api, { username: 'SameName' });
      expect(a.auth.user.handle).not.toBe(b.auth.user.handle);
    });

    it('refuses a second account with the same email, case-insensitively', async () => {
      const first = await registerUser(api);
      const { status, body } = await api.post('/api/auth/register', buildRegistration({ email: first.email.toUpperCase() }));
      expect(status).toBe(409);
      expect(body.error.code).toBe('EMAIL_TAKEN');
    });

    it('refuses the most common passwords and short ones', async () => {
      const common = await api.post('/api/auth/register', buildRegistration({ password: 'password123' }));
      expect(common.status).toBe(422);
      expect(common.body.error.code).toBe('PASSWORD_TOO_COMMON');
      const short = await api.post('/api/auth/register', buildRegistration({ password: 'short' }));
      expect(short.status).toBe(400);
      expect(short.body.error.code).toBe('VALIDATION_FAILED');
    });

    it('logs in by email and by handle; me answers for the token', async () => {
      const user = await registerUser(api);
      const byEmail = await api.post('/api/auth/login', { email: user.email, password: user.password });
      expect(byEmail.status).toBe(200);
      const byHandle = await api.post('/api/auth/login', { handle: user.auth.user.handle, password: user.password });
      expect(byHandle.status).toBe(200);
      expect(byHandle.body.user.id).toBe(user.auth.user.id);
      const me = await api.get('/api/auth/me', { token: byHandle.body.token });
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ id: user.auth.user.id, email: user.email });
    });

    it('answers an unknown account and a wrong password the same way', async () => {
      const user = await registerUser(api);
      const wrong = await api.post('/api/auth/login', { email: user.email, password: 'not the password' });
      const unknown = await api.post('/api/auth/login', { email: 'nobody@example.test', password: 'not the password' });
      expect(wrong.status).toBe(401);
      expect(unknown.status).toBe(401);
      expect(wrong.body).toEqual(unknown.body);
    });

    it('rotates the refresh token; the old one stops working after the grace period', async () => {
      const user = await registerUser(api);
      const first = user.auth.refresh_token;
      const rotated = await api.post('/api/auth/refresh', { refresh_token: first });
      expect(rotated.status).toBe(200);
      expect(rotated.body.refresh_token).not.toBe(first);
      const me = await api.get('/api/auth/me', { token: rotated.body.token });
      expect(me.status).toBe(200);
      const again = await api.post('/api/auth/refresh', { refresh_token: rotated.body.refresh_token });
      expect(again.status).toBe(200);
    });

    it('revokes the whole session when an already-rotated token comes back after the grace', async () => {
      const user = await registerUser(api);
      const stolen = user.auth.refresh_token;
      const legit = await api.post('/api/auth/refresh', { refresh_token: stolen });
      expect(legit.status).toBe(200);
      await new Promise((r) => setTimeout(r, 1_200)); // past REFRESH_REUSE_GRACE_SECONDS=1
      const replay = await api.post('/api/auth/refresh', { refresh_token: stolen });
      expect(replay.status).toBe(401);
      expect(replay.body.error.code).toBe('REFRESH_TOKEN_REUSED');
      // The legitimate holder's tokens die with the session.
      const access = await api.get('/api/auth/me', { token: legit.body.token });
      expect(access.status).toBe(401);
      expect(access.body.error.code).toBe('SESSION_REVOKED');
      const refresh = await api.post('/api/auth/refresh', { refresh_token: legit.body.refresh_token });
      expect(refresh.status).toBe(401);
    });

    it('lets a client that lost the refresh answer retry within the grace', async () => {
      const user = await registerUser(api);
      const lost = await api.post('/api/auth/refresh', { refresh_token: user.auth.refresh_token });
      expect(lost.status).toBe(200);
      const retry = await api.post('/api/auth/refresh', { refresh_token: user.auth.refresh_token });
      expect(retry.status).toBe(200);
      expect((await api.get('/api/auth/me', { token: retry.body.token })).status).toBe(200);
      // Only the newest token stays usable: the one from the lost answer is retired.
      const newest = await api.post('/api/auth/refresh', { refresh_token: retry.body.refresh_token });
      expect(newest.status).toBe(200);
    });

    it('lists sessions per device, revokes one, then all others', async () => {
      const user = await registerUser(api, {}, { 'user-agent': 'phone/1.0' });
      const laptop = await api.post('/api/auth/login', { email: user.email, password: user.password }, { headers: { 'user-agent': 'laptop/2.0' } });
      const tablet = await api.post('/api/auth/login', { email: user.email, password: user.password }, { headers: { 'user-agent': 'tablet/3.0' } });
      const list = await api.get('/api/auth/sessions', { token: laptop.body.token });
      expect(list.status).toBe(200);
      expect(list.body.items).toHaveLength(3);
      const agents = list.body.items.map((s: { user_agent: string }) => s.user_agent).sort();
      expect(agents).toEqual(['laptop/2.0', 'phone/1.0', 'tablet/3.0']);
      const current = list.body.items.filter((s: { current: boolean }) => s.current);
      expect(current).toHaveLength(1);
      expect(current[0].user_agent).toBe('laptop/2.0');
      for (const s of list.body.items) {
        expect(s.ip).toBe('127.0.0.1');
        expect(Date.parse(s.created_at)).not.toBeNaN();
        expect(Date.parse(s.last_used_at)).not.toBeNaN();
      }

      const phoneSession = list.body.items.find((s: { user_agent: string }) => s.user_agent === 'phone/1.0');
      expect((await api.delete(`/api/auth/sessions/${phoneSession.id}`, { token: laptop.body.token })).status).toBe(204);
      const phoneMe = await api.get('/api/auth/me', { token: user.auth.token });
      expect(phoneMe.status).toBe(401);
      expect(phoneMe.body.error.code).toBe('SESSION_REVOKED');
      expect((await api.post('/api/auth/refresh', { refresh_token: user.auth.refresh_token })).status).toBe(401);

      const others = await api.delete('/api/auth/sessions', { token: laptop.body.token });
      expect(others.status).toBe(200);
      expect(others.body.revoked).toBe(1);
      expect((await api.get('/api/auth/me', { token: tablet.body.token })).status).toBe(401);
      expect((await api.get('/api/auth/me', { token: laptop.body.token })).status).toBe(200);
      const after = await api.get('/api/auth/sessions', { token: laptop.body.token });
      expect(after.body.items).toHaveLength(1);
    });

    it('cannot revoke another user\'s session', async () => {
      const alice = await registerUser(api);
      const bob = await registerUser(api);
      const bobs = await api.get('/api/auth/sessions', { token: bob.auth.token });
      const attempt = await api.delete(`/api/auth/sessions/${bobs.body.items[0].id}`, { token: alice.auth.token });
      expect(attempt.status).toBe(404);
      expect((await api.get('/api/auth/me', { token: bob.auth.token })).status).toBe(200);
    });

    it('logout ends this session only', async () => {
      const user = await registerUser(api);
      const other = await api.post('/api/auth/login', { email: user.email, password: user.password });
      expect((await api.post('/api/auth/logout', undefined, { token: user.auth.token })).status).toBe(204);
      expect((await api.get('/api/auth/me', { token: user.auth.token })).status).toBe(401);
      expect((await api.post('/api/auth/refresh', { refresh_token: user.auth.refresh_token })).status).toBe(401);
      expect((await api.get('/api/auth/me', { token: other.body.token })).status).toBe(200);
    });

    it('keeps the web app\'s refresh token in an httpOnly SameSite cookie, never in the body', async () => {
      const web = { [WEB_CLIENT_HEADER]: WEB_CLIENT_VALUE };
      const registration = buildRegistration();
      const registered = await api.post('/api/auth/register', registration, { headers: web });
      expect(registered.status).toBe(201);
      expect(registered.body.refresh_token).toBeUndefined();
      const cookie = registered.headers.get('set-cookie') ?? '';
      expect(cookie).toContain(`${REFRESH_COOKIE}=`);
      expect(cookie).toMatch(/HttpOnly/i);
      expect(cookie).toMatch(/SameSite=Strict/i);
      expect(cookie).toMatch(/Path=\/api\/auth/);
      // Plain HTTP on loopback: Secure would make the browser drop it (COOKIE_SECURE=auto).
      expect(cookie).not.toMatch(/Secure/);
      const pair = cookie.split(';')[0]!;

      // Without the web header the cookie is ignored (CSRF: a form post cannot add headers).
      const withoutHeader = await api.post('/api/auth/refresh', {}, { headers: { cookie: pair } });
      expect(withoutHeader.status).toBe(401);
      const refreshed = await api.post('/api/auth/refresh', {}, { headers: { ...web, cookie: pair } });
      expect(refreshed.status).toBe(200);
      expect(refreshed.body.refresh_token).toBeUndefined();
      expect(refreshed.headers.get('set-cookie')).toContain(`${REFRESH_COOKIE}=`);
    });

    it('refuses a refresh token as an access token', async () => {
      const user = await registerUser(api);
      const response = await api.get('/api/auth/me', { token: user.auth.refresh_token });
      expect(response.status).toBe(401);
      expect(response.body.error.code).toBe('TOKEN_INVALID');
    });
  });
}
