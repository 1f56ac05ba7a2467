import type { ErrorCode } from '@discordgym/contracts';
import { v4 as uuidv4, v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, type ApiResponse } from '../../../test/api-client';
import { expectNothingWritten, expectRefusedWithoutWrites, snapshotRows } from '../../../test/db-state';
import { type RegisteredUser, registerUser } from '../../../test/factories';
import type { TestServer } from '../../../test/harness';

const MEGABYTE = 'x'.repeat(1024 * 1024);
const SQL_STRINGS = ["' OR 1=1 --", '"; drop table users; --', "x'); DELETE FROM sessions; --", "%' OR username LIKE '%"];
const MALFORMED_JSON = ['{"display_name":', '{', "{'avatar':'boxer'}", '{"a":1,}', 'undefined'];
const FOREIGN_TYPES = ['text/plain', 'application/x-www-form-urlencoded', 'application/xml'];
const WRONG_TYPES: unknown[] = [42, true, ['a'], { nested: 'object' }];
const CONTROL_CHARACTERS = ['Bob\u0000', 'Bo\u0007b', '\u202eBob', 'Bob\u001b[31m', 'Bo\nb', 'Bob\u2066'];

/**
 * Bad input to profile, avatars and users, run against PGlite + memory
 * (users.bad-input.test.ts) and PostgreSQL + Redis (users.bad-input.cluster.test.ts):
 * the right 4xx in the error shape, never a 500, and nothing written.
 */
export function describeUsersBadInput(mode: string, start: () => Promise<TestServer>): void {
  describe(`users bad input (${mode})`, () => {
    let sut: TestServer;
    let api: ApiClient;
    let user: RegisteredUser;

    const refused = (status: number, code: ErrorCode, send: () => Promise<ApiResponse>) => expectRefusedWithoutWrites(sut, status, code, send);

    beforeAll(async () => {
      sut = await start();
      api = new ApiClient(sut.url);
      user = await registerUser(api);
    });
    afterAll(() => sut?.close());

    describe('PUT /api/profile', () => {
      const update = (body: unknown, options = {}) => api.put('/api/profile', body, { token: user.auth.token, ...options });

      it.each(MALFORMED_JSON)('refuses malformed JSON %j', async (raw) => {
        await refused(400, 'INVALID_JSON', () => update(undefined, { raw }));
      });

      it('refuses an empty JSON body; a missing body changes nothing', async () => {
        await refused(400, 'INVALID_JSON', () => update(undefined, { raw: '' }));
        const response = await expectNothingWritten(sut, () => update(undefined));
        expect(response.status).toBe(200);
        expect(response.body.id).toBe(user.auth.user.id);
      });

      it.each([{ role: 'admin' }, { email: 'new@example.test' }, { username: 'renamed' }, { password_hash: 'x' }, { id: uuidv7() }])(
        'refuses the extra field %o',
        async (extra) => {
          const response = await refused(400, 'VALIDATION_FAILED', () => update({ display_name: 'Fine', ...extra }));
          expect(JSON.stringify(response.body.error.details)).toContain(Object.keys(extra)[0]);
        },
      );

      it.each(['display_name', 'bio', 'avatar'])('refuses wrong types in %s', async (field) => {
        for (const value of WRONG_TYPES) await refused(400, 'VALIDATION_FAILED', () => update({ [field]: value }));
      });

      it('refuses a body that is not an object', async () => {
        for (const value of [42, 'text', ['display_name']]) await refused(400, 'VALIDATION_FAILED', () => update(value));
      });

      it('refuses names and bios past their limits, and 1 MB with 413', async () => {
        await refused(400, 'VALIDATION_FAILED', () => update({ display_name: 'a'.repeat(33) }));
        await refused(400, 'VALIDATION_FAILED', () => update({ display_name: '   ' }));
        await refused(400, 'VALIDATION_FAILED', () => update({ bio: 'a'.repeat(191) }));
        await refused(413, 'PAYLOAD_TOO_LARGE', () => update({ display_name: MEGABYTE }));
        await refused(413, 'PAYLOAD_TOO_LARGE', () => update({ bio: MEGABYTE }));
      });

      it.each(CONTROL_CHARACTERS)('refuses the control character in display_name %j', async (name) => {
        await refused(400, 'VALIDATION_FAILED', () => update({ display_name: name }));
      });

      it('refuses control characters in bio but keeps newlines and tabs', async () => {
        await refused(400, 'VALIDATION_FAILED', () => update({ bio: 'line\u0000' }));
        await refused(400, 'VALIDATION_FAILED', () => update({ bio: 'evil \u202e txt.exe' }));
        const ok = await api.put('/api/profile', { bio: 'Squats\n\tDeadlifts' }, { token: user.auth.token });
        expect(ok.status).toBe(200);
        expect(ok.body.bio).toBe('Squats\n\tDeadlifts');
      });

      it('accepts emoji in display_name', async () => {
        const response = await update({ display_name: 'Lifter 💪🏋️‍♀️' });
        expect(response.status).toBe(200);
        expect(response.body.display_name).toBe('Lifter 💪🏋️‍♀️');
        expect((await api.get(`/api/users/${user.auth.user.id}`, { token: user.auth.token })).body.display_name).toBe('Lifter 💪🏋️‍♀️');
      });

      it.each(['not-a-real-avatar', '../../etc/passwd', 'Boxer', 'a'.repeat(41)])('refuses the avatar %j', async (avatar) => {
        await refused(400, 'VALIDATION_FAILED', () => update({ avatar }));
      });

      it.each(FOREIGN_TYPES)('answers content-type %s with 415', async (type) => {
        await refused(415, 'UNSUPPORTED_MEDIA_TYPE', () => update(undefined, { raw: '{"display_name":"x"}', headers: { 'content-type': type } }));
      });
    });

    describe('POST /api/avatars/select', () => {
      const select = (body: unknown, options = {}) => api.post('/api/avatars/select', body, { token: user.auth.token, ...options });

      it('refuses malformed JSON, a missing body, missing and extra fields', async () => {
        for (const raw of MALFORMED_JSON) await refused(400, 'INVALID_JSON', () => select(undefined, { raw }));
        await refused(400, 'VALIDATION_FAILED', () => select(undefined));
        await refused(400, 'VALIDATION_FAILED', () => select({}));
        await refused(400, 'VALIDATION_FAILED', () => select({ avatar: 'boxer', url: 'https://evil.example/x.svg' }));
        await refused(400, 'VALIDATION_FAILED', () => select({ avatar: 'boxer', user_id: uuidv7() }));
      });

      it('refuses wrong types, null, unknown and malformed ids, and 1 MB with 413', async () => {
        for (const value of [...WRONG_TYPES, null]) await refused(400, 'VALIDATION_FAILED', () => select({ avatar: value }));
        for (const avatar of ['not-a-real-avatar', '../../etc/passwd', 'https://evil.example/x.svg', '', ...SQL_STRINGS]) {
          await refused(400, 'VALIDATION_FAILED', () => select({ avatar }));
        }
        await refused(413, 'PAYLOAD_TOO_LARGE', () => select({ avatar: MEGABYTE }));
      });

      it.each(FOREIGN_TYPES)('answers content-type %s with 415', async (type) => {
        await refused(415, 'UNSUPPORTED_MEDIA_TYPE', () => select(undefined, { raw: '{"avatar":"boxer"}', headers: { 'content-type': type } }));
      });
    });

    describe('GET /api/users', () => {
      const search = (query: string) => api.get(`/api/users?${query}`, { token: user.auth.token });

      it.each(SQL_STRINGS)('finds nobody for the SQL-looking q %j', async (q) => {
        const response = await expectNothingWritten(sut, () => search(`q=${encodeURIComponent(q)}`));
        expect(response.status).toBe(200);
        expect(response.body).toEqual({ items: [], next_cursor: null });
      });

      it.each(CONTROL_CHARACTERS)('refuses the control character in q %j', async (q) => {
        await refused(400, 'VALIDATION_FAILED', () => search(`q=${encodeURIComponent(q)}`));
      });

      it.each([
        ['q too long', `q=${'a'.repeat(65)}`],
        ['q twice', 'q=a&q=b'],
        ['an unknown parameter', 'q=a&role=admin'],
        ['limit 0', 'limit=0'],
        ['limit 101', 'limit=101'],
        ['a fractional limit', 'limit=1.5'],
        ['a word as limit', 'limit=ten'],
        ['an invalid cursor', 'cursor=abc'],
        ['a cursor of SQL', `cursor=${encodeURIComponent(SQL_STRINGS[0]!)}`],
        ['a cursor that is no id', `cursor=${Buffer.from('not-a-uuid-at-all').toString('base64url')}`],
        ['a cursor of a UUIDv4', `cursor=${Buffer.from(uuidv4()).toString('base64url')}`],
        ['a cursor that is the bare id', `cursor=${uuidv7()}`],
        ['a cursor past its length limit', `cursor=${'a'.repeat(201)}`],
      ])('answers %s with 400', async (_, query) => {
        await refused(400, 'VALIDATION_FAILED', () => search(query));
      });

      it('answers a 1 MB q with 413 in the error shape', async () => {
        await refused(413, 'PAYLOAD_TOO_LARGE', () => search(`q=${MEGABYTE}`));
      });
    });

    describe('GET /api/users/:id', () => {
      const get = (id: string) => api.get(`/api/users/${id}`, { token: user.auth.token });

      it.each([
        ['a word', 'me'],
        ['a number', '1'],
        ['SQL', encodeURIComponent(SQL_STRINGS[0]!)],
        ['SQL without spaces', encodeURIComponent("1'OR'1'='1")],
        ['a UUIDv4', uuidv4()],
        ['a UUID without dashes', uuidv7().replaceAll('-', '')],
        ['300 characters', 'a'.repeat(300)],
        ['broken percent-encoding', '%E0%A4%A'],
      ])('answers %s as the id with 400', async (_, id) => {
        await refused(400, 'VALIDATION_FAILED', () => get(id));
      });

      it('answers an unknown UUIDv7 with 404', async () => {
        await refused(404, 'NOT_FOUND', () => get(uuidv7()));
      });

      it('answers a 1 MB id with 413 in the error shape', async () => {
        await refused(413, 'PAYLOAD_TOO_LARGE', () => get(MEGABYTE));
      });
    });

    it('leaves the tables intact after all of this', async () => {
      const rows = await snapshotRows(sut);
      expect(rows.users).toBeGreaterThanOrEqual(1);
      const found = await api.get(`/api/users?q=${user.username}`, { token: user.auth.token });
      expect(found.body.items.map((u: { id: string }) => u.id)).toEqual([user.auth.user.id]);
      const profile = await api.get('/api/profile', { token: user.auth.token });
      expect(profile.body).toMatchObject({ avatar: null, username: user.username, email: user.email });
    });
  });
}
