import { randomBytes } from 'node:crypto';
import { AvatarList, PublicUser, SelfUser, UserPage } from '@discordgym/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../../test/api-client';
import { expectError } from '../../../test/expect-error';
import { type RegisteredUser, registerUser } from '../../../test/factories';
import type { TestServer } from '../../../test/harness';

const PUBLIC_KEYS = ['avatar', 'avatar_url', 'bio', 'created_at', 'custom_status', 'display_name', 'handle', 'id', 'is_online', 'last_seen', 'username'];

/** A prefix no other test (or earlier run on the shared cluster database) uses. */
const uniqueTag = () => `t${randomBytes(4).toString('hex')}`;

/** Everything that could be a secret: an email address, an argon2 or hex/base64 digest. */
function expectNothingPrivate(json: unknown, emails: string[]): void {
  const text = JSON.stringify(json);
  for (const email of emails) expect(text).not.toContain(email);
  expect(text).not.toMatch(/password|hash|argon|\$[a-z0-9]+\$|[0-9a-f]{40,}|[A-Za-z0-9_-]{43,}|"email"/i);
}

/**
 * Users, profile and avatars over HTTP, run against PGlite + memory (users.profile.test.ts)
 * and PostgreSQL + Redis (users.profile.cluster.test.ts).
 */
export function describeUsersProfile(mode: string, start: () => Promise<TestServer>): void {
  describe(`users, profile and avatars (${mode})`, () => {
    let sut: TestServer;
    let api: ApiClient;
    let me: RegisteredUser;

    const search = async (query: string, token = me.auth.token) => {
      const response = await api.get(`/api/users?${query}`, { token });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      expect(UserPage.safeParse(response.body).success).toBe(true);
      // The raw body, not the parsed one: parsing would strip any field that must not be there.
      return response.body as UserPage;
    };
    const ids = (page: UserPage) => page.items.map((u) => u.id);

    beforeAll(async () => {
      sut = await start();
      api = new ApiClient(sut.url);
      me = await registerUser(api);
    });
    afterAll(() => sut?.close());

    describe('GET /api/users', () => {
      it('finds people by username prefix, case-insensitively', async () => {
        const tag = uniqueTag();
        const a = await registerUser(api, { username: `${tag}_Alpha` });
        const b = await registerUser(api, { username: `${tag}_beta` });
        await registerUser(api, { username: `x${tag}` });
        expect(ids(await search(`q=${tag}`))).toEqual([a.auth.user.id, b.auth.user.id]);
        expect(ids(await search(`q=${tag.toUpperCase()}_AL`))).toEqual([a.auth.user.id]);
        expect(ids(await search(`q=${encodeURIComponent(`  ${tag}_b  `)}`))).toEqual([b.auth.user.id]);
      });

      it('finds people by display-name prefix', async () => {
        const tag = uniqueTag();
        const user = await registerUser(api);
        expect((await api.put('/api/profile', { display_name: `${tag} Iron Lifter` }, { token: user.auth.token })).status).toBe(200);
        expect(ids(await search(`q=${encodeURIComponent(`${tag} iron`)}`))).toEqual([user.auth.user.id]);
        expect(ids(await search(`q=${encodeURIComponent('Iron Lifter')}`))).not.toContain(user.auth.user.id);
      });

      it('finds one person by exact handle, and nobody for a wrong tag', async () => {
        const tag = uniqueTag();
        const user = await registerUser(api, { username: tag });
        const other = await registerUser(api, { username: tag });
        const handle = user.auth.user.handle;
        expect(ids(await search(`q=${encodeURIComponent(handle)}`))).toEqual([user.auth.user.id]);
        expect(ids(await search(`q=${encodeURIComponent(handle.toUpperCase())}`))).toEqual([user.auth.user.id]);
        expect(ids(await search(`q=${tag}`)).sort()).toEqual([user.auth.user.id, other.auth.user.id].sort());
        const taken = new Set([handle, other.auth.user.handle]);
        const unused = ['0001', '0002', '0003'].map((d) => `${tag}#${d}`).find((h) => !taken.has(h))!;
        expect(ids(await search(`q=${encodeURIComponent(unused)}`))).toEqual([]);
      });

      it('pages with cursor / next_cursor through every match exactly once', async () => {
        const tag = uniqueTag();
        const created: string[] = [];
        for (let i = 0; i < 7; i++) created.push((await registerUser(api, { username: `${tag}_${i}` })).auth.user.id);

        const seen: string[] = [];
        const sizes: number[] = [];
        let cursor: string | null = null;
        do {
          const page: UserPage = await search(`q=${tag}&limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
          seen.push(...ids(page));
          sizes.push(page.items.length);
          cursor = page.next_cursor;
        } while (cursor && sizes.length < 10);

        expect(sizes).toEqual([3, 3, 1]);
        expect(seen).toEqual(created);
        expect(new Set(seen).size).toBe(7);
      });

      it('pages to an empty last page when the matches fill the pages exactly', async () => {
        const tag = uniqueTag();
        for (let i = 0; i < 4; i++) await registerUser(api, { username: `${tag}_${i}` });
        const first = await search(`q=${tag}&limit=2`);
        const second = await search(`q=${tag}&limit=2&cursor=${first.next_cursor}`);
        expect([first.items.length, second.items.length, second.next_cursor]).toEqual([2, 2, null]);
      });

      it('treats % and _ in q as literal characters', async () => {
        const tag = uniqueTag();
        const underscore = await registerUser(api, { username: `${tag}_x` });
        const letter = await registerUser(api, { username: `${tag}yx` });
        expect(ids(await search(`q=${tag}_`))).toEqual([underscore.auth.user.id]);
        expect(ids(await search(`q=${tag}`)).sort()).toEqual([underscore.auth.user.id, letter.auth.user.id].sort());

        const percent = await registerUser(api);
        await api.put('/api/profile', { display_name: `100% ${tag}` }, { token: percent.auth.token });
        const plain = await registerUser(api);
        await api.put('/api/profile', { display_name: `100x ${tag}` }, { token: plain.auth.token });
        expect(ids(await search(`q=${encodeURIComponent(`100% ${tag}`)}`))).toEqual([percent.auth.user.id]);
        const anyPercent = ids(await search(`q=${encodeURIComponent('100%')}&limit=100`));
        expect(anyPercent).toContain(percent.auth.user.id);
        expect(anyPercent).not.toContain(plain.auth.user.id);
        expect(ids(await search(`q=${encodeURIComponent(`%${tag}`)}`))).toEqual([]);
        expect(ids(await search(`q=${encodeURIComponent(`${tag.slice(0, 1)}%`)}`)).filter((id) => id === underscore.auth.user.id)).toEqual([]);
        expect(ids(await search(`q=${encodeURIComponent('\\')}`))).toEqual([]);
      });

      it('shows only public fields', async () => {
        const tag = uniqueTag();
        const user = await registerUser(api, { username: tag });
        await api.put('/api/profile', { display_name: 'Public Name', bio: 'Bench 100', avatar: 'boxer' }, { token: user.auth.token });
        const page = await search(`q=${tag}`);
        expect(page.items).toHaveLength(1);
        expect(Object.keys(page.items[0]!).sort()).toEqual(PUBLIC_KEYS);
        expect(page.items[0]).toMatchObject({ username: tag, handle: user.auth.user.handle, display_name: 'Public Name', bio: 'Bench 100', avatar: 'boxer', avatar_url: '/avatars/boxer.svg' });
        expectNothingPrivate(page, [user.email, me.email]);
      });
    });

    describe('GET /api/users/:id', () => {
      it('answers the public view of anyone', async () => {
        const other = await registerUser(api);
        const response = await api.get(`/api/users/${other.auth.user.id}`, { token: me.auth.token });
        expect(response.status).toBe(200);
        const user = PublicUser.parse(response.body);
        expect(Object.keys(response.body).sort()).toEqual(PUBLIC_KEYS);
        expect(user).toMatchObject({ id: other.auth.user.id, username: other.username, handle: other.auth.user.handle, display_name: null, bio: null, avatar: null });
        expectNothingPrivate(response.body, [other.email]);
      });

      it('answers the public view of myself too, without my email', async () => {
        const response = await api.get(`/api/users/${me.auth.user.id}`, { token: me.auth.token });
        expect(response.status).toBe(200);
        expect(Object.keys(response.body).sort()).toEqual(PUBLIC_KEYS);
        expectNothingPrivate(response.body, [me.email]);
      });
    });

    describe('GET|PUT /api/profile', () => {
      it('answers my own view, with email and without secrets', async () => {
        const response = await api.get('/api/profile', { token: me.auth.token });
        expect(response.status).toBe(200);
        const self = SelfUser.parse(response.body);
        expect(Object.keys(response.body).sort()).toEqual([...PUBLIC_KEYS, 'email', 'presence', 'privacy', 'role'].sort());
        expect(self).toMatchObject({ id: me.auth.user.id, email: me.email, handle: me.auth.user.handle });
        expect(JSON.stringify(response.body)).not.toMatch(/password|hash|argon|\$[a-z0-9]+\$/i);
      });

      it('changes display name, bio and avatar, and shows them to others', async () => {
        const user = await registerUser(api);
        const update = await api.put('/api/profile', { display_name: '  Squat Queen  ', bio: '  Powerlifter.\nCoach.  ', avatar: 'kettlebell' }, { token: user.auth.token });
        expect(update.status).toBe(200);
        expect(SelfUser.parse(update.body)).toMatchObject({ display_name: 'Squat Queen', bio: 'Powerlifter.\nCoach.', avatar: 'kettlebell', email: user.email });

        expect((await api.get('/api/profile', { token: user.auth.token })).body).toEqual(update.body);
        const seen = await api.get(`/api/users/${user.auth.user.id}`, { token: me.auth.token });
        expect(seen.body).toMatchObject({ display_name: 'Squat Queen', bio: 'Powerlifter.\nCoach.', avatar: 'kettlebell' });
      });

      it('changes only the fields sent, and clears with null', async () => {
        const user = await registerUser(api);
        await api.put('/api/profile', { display_name: 'Deadlift Dan', bio: 'Pulls.', avatar: 'dumbbell' }, { token: user.auth.token });
        const partial = await api.put('/api/profile', { bio: 'Pulls heavy.' }, { token: user.auth.token });
        expect(partial.body).toMatchObject({ display_name: 'Deadlift Dan', bio: 'Pulls heavy.', avatar: 'dumbbell' });
        const cleared = await api.put('/api/profile', { display_name: null, bio: null, avatar: null }, { token: user.auth.token });
        expect(cleared.body).toMatchObject({ display_name: null, bio: null, avatar: null });
        const blankBio = await api.put('/api/profile', { bio: '   ' }, { token: user.auth.token });
        expect(blankBio.body.bio).toBeNull();
      });

      it('changes nobody else\'s profile', async () => {
        const other = await registerUser(api);
        await api.put('/api/profile', { display_name: 'Only Me' }, { token: me.auth.token });
        expect((await api.get(`/api/users/${other.auth.user.id}`, { token: me.auth.token })).body.display_name).toBeNull();
      });
    });

    describe('avatars', () => {
      it('lists the built-in set', async () => {
        const response = await api.get('/api/avatars', { token: me.auth.token });
        expect(response.status).toBe(200);
        const { items } = AvatarList.parse(response.body);
        expect(items.length).toBeGreaterThanOrEqual(8);
        expect(new Set(items.map((a) => a.id)).size).toBe(items.length);
        for (const avatar of items) {
          expect(avatar.url).toBe(`/avatars/${avatar.id}.svg`);
          expect(avatar.name.length).toBeGreaterThan(0);
        }
        expect(items.map((a) => a.id)).toEqual(expect.arrayContaining(['kettlebell', 'dumbbell', 'boxer']));
      });

      it('selects a built-in avatar for me', async () => {
        const user = await registerUser(api);
        const { items } = (await api.get('/api/avatars', { token: user.auth.token })).body as AvatarList;
        for (const avatar of [items[0]!, items.at(-1)!]) {
          const response = await api.post('/api/avatars/select', { avatar: avatar.id }, { token: user.auth.token });
          expect(response.status).toBe(200);
          expect(SelfUser.parse(response.body).avatar).toBe(avatar.id);
          expect((await api.get(`/api/users/${user.auth.user.id}`, { token: me.auth.token })).body.avatar).toBe(avatar.id);
        }
      });

      it('refuses an unknown avatar and keeps the current one', async () => {
        const user = await registerUser(api);
        await api.post('/api/avatars/select', { avatar: 'yogi' }, { token: user.auth.token });
        const response = await api.post('/api/avatars/select', { avatar: 'unicorn' }, { token: user.auth.token });
        expectError(response, 400, 'VALIDATION_FAILED');
        expect(response.body.error.details).toEqual([expect.objectContaining({ path: 'avatar' })]);
        expect((await api.get('/api/profile', { token: user.auth.token })).body.avatar).toBe('yogi');
      });
    });

    it.each([
      ['GET', '/api/users?q=a'],
      ['GET', '/api/users/:id'],
      ['GET', '/api/profile'],
      ['PUT', '/api/profile'],
      ['GET', '/api/avatars'],
      ['POST', '/api/avatars/select'],
    ])('requires a signed-in user for %s %s', async (method, path) => {
      const url = path.replace(':id', me.auth.user.id);
      const body = method === 'GET' ? undefined : method === 'PUT' ? { display_name: 'Nobody' } : { avatar: 'boxer' };
      const response = await api.request(method, url, body);
      expectError(response, 401, 'UNAUTHENTICATED');
      expect((await api.get('/api/profile', { token: me.auth.token })).body.avatar).not.toBe('boxer');
    });
  });
}
