import { SESSION_HINT_COOKIE, WEB_CLIENT_HEADER, WEB_CLIENT_VALUE } from '@discordgym/contracts';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../../test/api-client';
import { registerUser } from '../../../test/factories';
import type { TestServer } from '../../../test/harness';

const freshName = () => `lifter_${randomBytes(4).toString('hex')}`;

/**
 * Signing in with a bare username (no `#NNNN`): allowed while exactly one account has it;
 * with several, the right password is told to use the full handle, a wrong one learns no more
 * than any wrong login. Also the readable session hint the web app starts up by.
 */
export function describeUsernameLogin(mode: string, start: () => Promise<TestServer>): void {
  describe(`login by username (${mode})`, () => {
    let sut: TestServer;
    let api: ApiClient;

    beforeAll(async () => {
      sut = await start();
      api = new ApiClient(sut.url);
    });
    afterAll(() => sut?.close());

    it('signs in with a username only one account has, in any case', async () => {
      const user = await registerUser(api, { username: freshName() });
      const login = await api.post('/api/auth/login', { handle: user.username.toUpperCase(), password: user.password });
      expect(login.status, JSON.stringify(login.body)).toBe(200);
      expect(login.body.user.id).toBe(user.auth.user.id);
      const wrong = await api.post('/api/auth/login', { handle: user.username, password: 'not the password' });
      expect(wrong.status).toBe(401);
      expect(wrong.body.error.code).toBe('INVALID_CREDENTIALS');
    });

    it('asks for the full handle when several accounts share the username, and only with a right password', async () => {
      const name = freshName();
      const first = await registerUser(api, { username: name });
      const second = await registerUser(api, { username: name });
      const ambiguous = await api.post('/api/auth/login', { handle: name, password: second.password });
      expect(ambiguous.status).toBe(401);
      expect(ambiguous.body.error.code).toBe('HANDLE_AMBIGUOUS');
      expect(ambiguous.body.error.message).toMatch(/full handle/);
      expect(JSON.stringify(ambiguous.body)).not.toContain(first.auth.user.handle);
      expect(JSON.stringify(ambiguous.body)).not.toContain(second.auth.user.handle);
      expect(ambiguous.body.token).toBeUndefined();

      // A wrong password gets exactly what an unknown name gets.
      const wrong = await api.post('/api/auth/login', { handle: name, password: 'not the password' });
      const unknown = await api.post('/api/auth/login', { handle: freshName(), password: 'not the password' });
      expect(wrong.status).toBe(401);
      expect(wrong.body).toEqual(unknown.body);

      // The full handle still works.
      const byHandle = await api.post('/api/auth/login', { handle: second.auth.user.handle, password: second.password });
      expect(byHandle.status).toBe(200);
      expect(byHandle.body.user.id).toBe(second.auth.user.id);
    });

    it('sets a readable session hint with the web refresh cookie and clears it with it', async () => {
      const user = await registerUser(api, { username: freshName() });
      const web = { headers: { [WEB_CLIENT_HEADER]: WEB_CLIENT_VALUE } };
      const login = await api.post('/api/auth/login', { handle: user.username, password: user.password }, web);
      expect(login.status).toBe(200);
      const cookies = login.headers.getSetCookie();
      const hint = cookies.find((c) => c.startsWith(`${SESSION_HINT_COOKIE}=1`));
      expect(hint).toBeDefined();
      expect(hint).not.toMatch(/HttpOnly/i);
      expect(hint).toMatch(/Path=\//);
      const refused = await api.post('/api/auth/refresh', {}, web);
      expect(refused.status).toBe(401);
      expect(refused.headers.getSetCookie().some((c) => c.startsWith(`${SESSION_HINT_COOKIE}=;`))).toBe(true);
    });
  });
}
