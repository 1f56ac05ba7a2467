import type { ErrorCode } from '@discordgym/contracts';
import { generateKeyPair, type JWTHeaderParameters, type JWTPayload, SignJWT } from 'jose';
import { v4 as uuidv4, v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, type ApiResponse } from '../../../test/api-client';
import { expectNothingWritten, expectRefusedWithoutWrites, snapshotRows } from '../../../test/db-state';
import { expectError } from '../../../test/expect-error';
import { buildRegistration, type RegisteredUser, registerUser } from '../../../test/factories';
import type { TestServer } from '../../../test/harness';

const MEGABYTE = 'x'.repeat(1024 * 1024);
const SQL_STRINGS = ["' OR 1=1 --", '"; drop table users; --', "x'); DELETE FROM sessions; --"];
const MALFORMED_JSON = ['{"username":', '{', "{'username':'a'}", '{"a":1,}', 'undefined', '[1,2'];
const FOREIGN_TYPES = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml'];
const WRONG_TYPES: unknown[] = [42, true, null, ['a'], { nested: 'object' }];

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * Bad input to the account routes and bad access tokens, run against PGlite + memory
 * (auth.bad-input.test.ts) and PostgreSQL + Redis (auth.bad-input.cluster.test.ts):
 * every one is the right 4xx in the error shape, never a 500, and nothing is written.
 */
export function describeAuthBadInput(mode: string, start: () => Promise<TestServer>): void {
  describe(`auth bad input (${mode})`, () => {
    let sut: TestServer;
    let api: ApiClient;
    let user: RegisteredUser;
    let sessionId: string;

    const refused = (status: number, code: ErrorCode, send: () => Promise<ApiResponse>) => expectRefusedWithoutWrites(sut, status, code, send);

    beforeAll(async () => {
      sut = await start();
      api = new ApiClient(sut.url);
      user = await registerUser(api);
      const sessions = await api.get('/api/auth/sessions', { token: user.auth.token });
      sessionId = sessions.body.items[0].id;
    });
    afterAll(() => sut?.close());

    describe('register', () => {
      const register = (body: unknown, options = {}) => api.post('/api/auth/register', body, options);

      it.each(MALFORMED_JSON)('refuses malformed JSON %j', async (raw) => {
        await refused(400, 'INVALID_JSON', () => register(undefined, { raw }));
      });

      it('refuses an empty JSON body and a missing body', async () => {
        await refused(400, 'INVALID_JSON', () => register(undefined, { raw: '' }));
        const missing = await refused(400, 'VALIDATION_FAILED', () => register(undefined));
        expect(missing.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['email', 'password', 'username']);
      });

      it.each(['username', 'email', 'password'] as const)('refuses a body without %s', async (field) => {
        const { [field]: _, ...rest } = buildRegistration();
        const response = await refused(400, 'VALIDATION_FAILED', () => register(rest));
        expect(response.body.error.details).toEqual([expect.objectContaining({ path: field })]);
      });

      it.each([
        { role: 'admin' },
        { is_admin: true },
        { id: uuidv7() },
        { discriminator: '0001' },
        { password_hash: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA' },
      ])('refuses the extra field %o', async (extra) => {
        const response = await refused(400, 'VALIDATION_FAILED', () => register({ ...buildRegistration(), ...extra }));
        expect(JSON.stringify(response.body.error.details)).toContain(Object.keys(extra)[0]);
      });

      it('refuses a __proto__ key instead of merging it', async () => {
        const raw = `{"__proto__":{"role":"admin"},${JSON.stringify(buildRegistration()).slice(1)}`;
        const response = await expectNothingWritten(sut, () => register(undefined, { raw }));
        expectError(response, 400);
      });

      it.each(WRONG_TYPES.map((value) => [JSON.stringify(value), value]))('refuses a body that is %s', async (_, body) => {
        await refused(400, 'VALIDATION_FAILED', () => register(body));
      });

      it.each(['username', 'email', 'password'] as const)('refuses wrong types in %s', async (field) => {
        for (const value of WRONG_TYPES) {
          const response = await refused(400, 'VALIDATION_FAILED', () => register(buildRegistration({ [field]: value as string })));
          expect(new Set(response.body.error.details.map((d: { path: string }) => d.path))).toEqual(new Set([field]));
        }
      });

      it.each(['username', 'email', 'password'] as const)('answers a 1 MB %s with 413', async (field) => {
        await refused(413, 'PAYLOAD_TOO_LARGE', () => register(buildRegistration({ [field]: MEGABYTE })));
      });

      it('refuses a 300-character username without echoing it', async () => {
        const long = 'a'.repeat(300);
        const response = await refused(400, 'VALIDATION_FAILED', () => register(buildRegistration({ username: long })));
        expect(JSON.stringify(response.body)).not.toContain(long);
      });

      it.each(['bob\u0000', 'bo\u0007b', '\u202ebob', 'bob\u001b[31m', 'bo\nb'])('refuses the control character in username %j', async (username) => {
        await refused(400, 'VALIDATION_FAILED', () => register(buildRegistration({ username })));
      });

      it.each(['gym💪', '🏋️', 'ｆｕｌｌｗｉｄｔｈ', 'space name'])('refuses %j as a username', async (username) => {
        await refused(400, 'VALIDATION_FAILED', () => register(buildRegistration({ username })));
      });

      it.each(SQL_STRINGS)('refuses the SQL-looking username and email %j', async (sql) => {
        await refused(400, 'VALIDATION_FAILED', () => register(buildRegistration({ username: sql })));
        await refused(400, 'VALIDATION_FAILED', () => register(buildRegistration({ email: sql })));
      });

      it.each(FOREIGN_TYPES)('answers content-type %s with 415', async (type) => {
        const raw = JSON.stringify(buildRegistration());
        await refused(415, 'UNSUPPORTED_MEDIA_TYPE', () => register(undefined, { raw, headers: { 'content-type': type } }));
      });
    });

    describe('login', () => {
      const login = (body: unknown, options = {}) => api.post('/api/auth/login', body, options);

      it.each(MALFORMED_JSON)('refuses malformed JSON %j', async (raw) => {
        await refused(400, 'INVALID_JSON', () => login(undefined, { raw }));
      });

      it('refuses a missing body, a missing password and email together with handle', async () => {
        await refused(400, 'VALIDATION_FAILED', () => login(undefined));
        await refused(400, 'VALIDATION_FAILED', () => login({ email: user.email }));
        await refused(400, 'VALIDATION_FAILED', () => login({ password: user.password }));
        await refused(400, 'VALIDATION_FAILED', () => login({ email: user.email, handle: user.auth.user.handle, password: user.password }));
      });

      it('refuses extra fields even with the right password', async () => {
        await refused(400, 'VALIDATION_FAILED', () => login({ email: user.email, password: user.password, role: 'admin' }));
        await refused(400, 'VALIDATION_FAILED', () => login({ email: user.email, password: user.password, remember_me: true }));
      });

      it('refuses wrong types', async () => {
        for (const value of WRONG_TYPES) {
          await refused(400, 'VALIDATION_FAILED', () => login(value));
          await refused(400, 'VALIDATION_FAILED', () => login({ email: value, password: user.password }));
          await refused(400, 'VALIDATION_FAILED', () => login({ handle: value, password: user.password }));
          await refused(400, 'VALIDATION_FAILED', () => login({ email: user.email, password: value }));
        }
      });

      it('answers a 1 MB password or handle with 413', async () => {
        await refused(413, 'PAYLOAD_TOO_LARGE', () => login({ email: user.email, password: MEGABYTE }));
        await refused(413, 'PAYLOAD_TOO_LARGE', () => login({ handle: MEGABYTE, password: user.password }));
      });

      it.each(['bob\u0000#0001', 'bo\u0007b#0001', '\u202ebob#0001'])('refuses the control character in handle %j', async (handle) => {
        await refused(400, 'VALIDATION_FAILED', () => login({ handle, password: user.password }));
      });

      it.each(SQL_STRINGS)('treats %j as an unknown handle, a wrong password, or an invalid email', async (sql) => {
        await refused(401, 'INVALID_CREDENTIALS', () => login({ handle: sql, password: user.password }));
        await refused(401, 'INVALID_CREDENTIALS', () => login({ handle: `${sql}#0001`, password: user.password }));
        await refused(401, 'INVALID_CREDENTIALS', () => login({ handle: user.auth.user.handle, password: sql }));
        await refused(400, 'VALIDATION_FAILED', () => login({ email: sql, password: user.password }));
      });

      it('treats an email that passes the syntax check but carries SQL as unknown', async () => {
        await refused(401, 'INVALID_CREDENTIALS', () => login({ email: "admin'--@example.test", password: user.password }));
        await refused(401, 'INVALID_CREDENTIALS', () => login({ email: `${user.email.split('@')[0]}'--@example.test`, password: user.password }));
      });

      it.each(FOREIGN_TYPES)('answers content-type %s with 415', async (type) => {
        const raw = JSON.stringify({ email: user.email, password: user.password });
        await refused(415, 'UNSUPPORTED_MEDIA_TYPE', () => login(undefined, { raw, headers: { 'content-type': type } }));
      });
    });

    describe('refresh', () => {
      const refresh = (body: unknown, options = {}) => api.post('/api/auth/refresh', body, options);

      it('refuses malformed JSON, wrong types, extra fields and an empty token', async () => {
        for (const raw of MALFORMED_JSON) await refused(400, 'INVALID_JSON', () => refresh(undefined, { raw }));
        for (const value of WRONG_TYPES.filter((v) => v !== null)) {
          await refused(400, 'VALIDATION_FAILED', () => refresh({ refresh_token: value }));
          await refused(400, 'VALIDATION_FAILED', () => refresh(value));
        }
        await refused(400, 'VALIDATION_FAILED', () => refresh({ refresh_token: user.auth.refresh_token, session_id: sessionId }));
        await refused(400, 'VALIDATION_FAILED', () => refresh({ refresh_token: '' }));
      });

      it('answers a missing token with 401 and a 1 MB one with 413', async () => {
        await refused(401, 'REFRESH_TOKEN_INVALID', () => refresh(undefined));
        await refused(401, 'REFRESH_TOKEN_INVALID', () => refresh({}));
        await refused(413, 'PAYLOAD_TOO_LARGE', () => refresh({ refresh_token: MEGABYTE }));
      });

      it.each([...SQL_STRINGS, 'not-a-token', 'a'.repeat(43)])('answers the unknown refresh token %j with 401', async (token) => {
        await refused(401, 'REFRESH_TOKEN_INVALID', () => refresh({ refresh_token: token }));
      });

      it('refuses an access token as a refresh token', async () => {
        await refused(400, 'VALIDATION_FAILED', () => refresh({ refresh_token: user.auth.token }));
      });

      it.each(FOREIGN_TYPES)('answers content-type %s with 415', async (type) => {
        const raw = JSON.stringify({ refresh_token: user.auth.refresh_token });
        await refused(415, 'UNSUPPORTED_MEDIA_TYPE', () => refresh(undefined, { raw, headers: { 'content-type': type } }));
      });
    });

    describe('sessions/:id', () => {
      const revoke = (id: string) => api.delete(`/api/auth/sessions/${id}`, { token: user.auth.token });

      it.each([
        ['a word', 'abc'],
        ['a number', '1'],
        ['SQL', encodeURIComponent(SQL_STRINGS[0]!)],
        ['SQL with a slash-free payload', encodeURIComponent("1' OR '1'='1")],
        ['a UUIDv4', uuidv4()],
        ['a UUID in braces', `%7B${uuidv7()}%7D`],
        ['300 characters', 'a'.repeat(300)],
        ['broken percent-encoding', '%E0%A4%A'],
      ])('answers %s as the id with 400', async (_, id) => {
        await refused(400, 'VALIDATION_FAILED', () => revoke(id));
      });

      it('answers an unknown UUIDv7 with 404', async () => {
        await refused(404, 'NOT_FOUND', () => revoke(uuidv7()));
      });
    });

    describe('access tokens', () => {
      let secret: Uint8Array;
      /** A token the server would accept, with `header` and `claims` changed. */
      const sign = (header: Partial<JWTHeaderParameters> = {}, claims: JWTPayload = {}, key: Parameters<SignJWT['sign']>[0] = secret) => {
        const now = Math.floor(Date.now() / 1000);
        const payload = { sub: user.auth.user.id, sid: sessionId, iss: 'discordgym', aud: 'discordgym-api', iat: now, exp: now + 600, ...claims };
        return new SignJWT(payload).setProtectedHeader({ alg: 'HS256', typ: 'at+jwt', ...header }).sign(key);
      };
      const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

      /** Every route that writes when the token is good, and one that only reads. */
      const attempts: Array<[string, (headers: Record<string, string>) => Promise<ApiResponse>]> = [
        ['GET /api/auth/me', (headers) => api.get('/api/auth/me', { headers })],
        ['POST /api/auth/logout', (headers) => api.post('/api/auth/logout', undefined, { headers })],
        ['DELETE /api/auth/sessions', (headers) => api.delete('/api/auth/sessions', { headers })],
        ['DELETE /api/auth/sessions/:id', (headers) => api.delete(`/api/auth/sessions/${sessionId}`, { headers })],
        ['PUT /api/profile', (headers) => api.put('/api/profile', { display_name: 'Hijacked' }, { headers })],
        ['POST /api/avatars/select', (headers) => api.post('/api/avatars/select', { avatar: 'boxer' }, { headers })],
      ];

      beforeAll(() => {
        secret = new TextEncoder().encode(sut.server.infra.config.JWT_SECRET);
      });

      it('accepts the unchanged token these cases are built from, with either case of "Bearer"', async () => {
        const token = await sign();
        expect((await api.get('/api/auth/me', { headers: bearer(token) })).status).toBe(200);
        expect((await api.get('/api/auth/me', { headers: { authorization: `bearer ${token}` } })).status).toBe(200);
      });

      const cases: Array<[string, ErrorCode, () => Promise<Record<string, string>>]> = [
        ['no Authorization header', 'UNAUTHENTICATED', async () => ({})],
        ['"Bearer" without a token', 'TOKEN_INVALID', async () => ({ authorization: 'Bearer' })],
        ['a Basic header', 'TOKEN_INVALID', async () => ({ authorization: 'Basic dXNlcjpwYXNz' })],
        ['garbage', 'TOKEN_INVALID', async () => bearer('garbage')],
        ['three dots of garbage', 'TOKEN_INVALID', async () => bearer('a.b.c')],
        ['characters outside base64url', 'TOKEN_INVALID', async () => bearer("' OR 1=1 --")],
        ['a 5000-character token', 'TOKEN_INVALID', async () => bearer('a'.repeat(5000))],
        ['two tokens', 'TOKEN_INVALID', async () => ({ authorization: `Bearer ${await sign()} ${await sign()}` })],
        ['a token signed with another secret', 'TOKEN_INVALID', () => sign({}, {}, new TextEncoder().encode('another-secret-of-at-least-thirty-two-chars')).then(bearer)],
        ['an expired token', 'TOKEN_EXPIRED', () => sign({}, { iat: Math.floor(Date.now() / 1000) - 1200, exp: Math.floor(Date.now() / 1000) - 600 }).then(bearer)],
        ['a token not valid yet', 'TOKEN_INVALID', () => sign({}, { nbf: Math.floor(Date.now() / 1000) + 600 }).then(bearer)],
        ['alg: none', 'TOKEN_INVALID', async () => {
          const now = Math.floor(Date.now() / 1000);
          const claims = { sub: user.auth.user.id, sid: sessionId, iss: 'discordgym', aud: 'discordgym-api', iat: now, exp: now + 600 };
          return bearer(`${b64url({ alg: 'none', typ: 'at+jwt' })}.${b64url(claims)}.`);
        }],
        ['HS512 with the right secret', 'TOKEN_INVALID', () => sign({ alg: 'HS512' }).then(bearer)],
        ['HS384 with the right secret', 'TOKEN_INVALID', () => sign({ alg: 'HS384' }).then(bearer)],
        ['RS256 with a key of its own', 'TOKEN_INVALID', async () => bearer(await sign({ alg: 'RS256' }, {}, (await generateKeyPair('RS256')).privateKey))],
        ['a wrong issuer', 'TOKEN_INVALID', () => sign({}, { iss: 'someone-else' }).then(bearer)],
        ['a wrong audience', 'TOKEN_INVALID', () => sign({}, { aud: 'another-api' }).then(bearer)],
        ['typ JWT', 'TOKEN_INVALID', () => sign({ typ: 'JWT' }).then(bearer)],
        ['typ refresh+jwt', 'TOKEN_INVALID', () => sign({ typ: 'refresh+jwt' }).then(bearer)],
        ['no exp', 'TOKEN_INVALID', () => sign({}, { exp: undefined }).then(bearer)],
        ['no sid', 'TOKEN_INVALID', () => sign({}, { sid: undefined }).then(bearer)],
        ['SQL as sid', 'TOKEN_INVALID', () => sign({}, { sid: SQL_STRINGS[0] }).then(bearer)],
        ['SQL as sub', 'TOKEN_INVALID', () => sign({}, { sub: SQL_STRINGS[1] }).then(bearer)],
        ['a number as sid', 'TOKEN_INVALID', () => sign({}, { sid: 42 }).then(bearer)],
        ['a payload changed after signing', 'TOKEN_INVALID', async () => {
          const [header, , signature] = (await sign()).split('.');
          return bearer(`${header}.${b64url({ sub: uuidv7(), sid: sessionId, iss: 'discordgym', aud: 'discordgym-api', exp: 4_000_000_000 })}.${signature}`);
        }],
        ['the refresh token', 'TOKEN_INVALID', async () => bearer(user.auth.refresh_token)],
      ];

      it.each(cases)('answers %s with 401 on every route and writes nothing', async (_, code, credentials) => {
        const headers = await credentials();
        for (const [route, send] of attempts) {
          const before = await snapshotRows(sut);
          const response = await send(headers);
          expectError(response, 401, code);
          expect(await snapshotRows(sut), route).toEqual(before);
        }
        // The real session is untouched.
        expect((await api.get('/api/auth/me', { token: user.auth.token })).status).toBe(200);
      });
    });

    it('leaves the tables intact and the account usable after all of this', async () => {
      const rows = await snapshotRows(sut);
      expect(rows.users).toBeGreaterThanOrEqual(1);
      const me = await api.get('/api/auth/me', { token: user.auth.token });
      expect(me.status).toBe(200);
      expect(me.body.display_name).toBeNull();
      const login = await api.post('/api/auth/login', { email: user.email, password: user.password });
      expect(login.status).toBe(200);
      expect(login.body.user.id).toBe(user.auth.user.id);
    });
  });
}
