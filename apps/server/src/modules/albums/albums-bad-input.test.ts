import { type RouteContract, routes } from '@discordgym/contracts';
import { v4 as uuidv4, v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { type AlbumUsers, albumUsers, type AlbumWorld, albumWorld, expectAlbumRefused } from '../../../test/album-fixtures';
import { ApiClient } from '../../../test/api-client';
import { CHAT_TEST_ENV } from '../../../test/chat-fixtures';
import { startTestServer, type TestServer } from '../../../test/harness';
import { authorizationCases } from './albums.authorization';

const SQL = "' OR 1=1 --";
const MEGABYTE = 'x'.repeat(1024 * 1024);

const BAD_IDS: Array<[string, string]> = [
  ['a word', 'me'],
  ['a number', '1'],
  ['SQL', encodeURIComponent(SQL)],
  ['a UUIDv4', uuidv4()],
  ['a UUID without dashes', uuidv7().replaceAll('-', '')],
  ['300 characters', 'a'.repeat(300)],
];

const BAD_PAGES: Array<[string, string]> = [
  ['limit 0', 'limit=0'],
  ['limit 101', 'limit=101'],
  ['a word as limit', 'limit=ten'],
  ['an unknown parameter', 'offset=10'],
  ['an empty cursor', 'cursor='],
  ['an invalid cursor', 'cursor=abc'],
  ['a cursor of a UUIDv4', `cursor=${Buffer.from(uuidv4()).toString('base64url')}`],
];

const GOOD_TOKEN = 'A'.repeat(43);
const BAD_TOKENS: unknown[] = ['', 'short', 'A'.repeat(44), `${'A'.repeat(42)}=`, `${'A'.repeat(42)}/`, 42, null, [GOOD_TOKEN]];

/** Bodies each write route refuses with 400, by route name; `{}` stands for "every required field missing". */
const BAD_BODIES: Record<string, unknown[]> = {
  createAlbum: [
    {},
    { title: '' },
    { title: '   ' },
    { title: 'x'.repeat(121) },
    { title: 'bell\u0007' },
    { title: 42 },
    { title: 'ok', extra: true },
    { title: 'ok', event_date: '2026-13-01' },
    { title: 'ok', event_date: '31.12.2026' },
    { title: 'ok', description: 'x'.repeat(2001) },
    { title: 'ok', settings: { guest_quota_photos: -1 } },
    { title: 'ok', settings: { guest_quota_photos: 1.5 } },
    { title: 'ok', settings: { guest_quota_bytes: '100' } },
    { title: 'ok', settings: { max_file_bytes: 0 } },
    { title: 'ok', settings: { max_file_bytes: 6 * 1024 ** 3 } },
    { title: 'ok', settings: { uploads_open: 'yes' } },
    { title: 'ok', settings: { unknown_setting: true } },
    { title: 'ok', settings: { upload_window_start: '2030-01-02T00:00:00Z', upload_window_end: '2030-01-01T00:00:00Z' } },
    { title: 'ok', settings: { upload_window_start: 'tomorrow' } },
    [],
    null,
  ],
  updateAlbum: [
    {},
    { title: null },
    { title: '' },
    { cover_photo_id: 'x' },
    { cover_photo_id: uuidv4() },
    { settings: { approval_required: 1 } },
    { settings: null },
    { owner_id: uuidv7() },
  ],
  addAlbumMember: [{}, { user_id: 'me' }, { user_id: uuidv4() }, { user_id: uuidv7(), role: 'host' }, { user_id: uuidv7(), role: 'admin' }, { user_id: uuidv7(), extra: 1 }],
  createAlbumInvite: [{ expires_at: 'tomorrow' }, { expires_at: '2020-01-01T00:00:00Z' }, { expires_at: 1_900_000_000 }, { token: GOOD_TOKEN }],
  previewGuestInvite: [{}, ...BAD_TOKENS.map((token) => ({ token })), { token: GOOD_TOKEN, extra: 1 }],
  guestJoin: [
    {},
    { token: GOOD_TOKEN },
    { display_name: 'Ann' },
    ...BAD_TOKENS.map((token) => ({ token, display_name: 'Ann' })),
    { token: GOOD_TOKEN, display_name: '' },
    { token: GOOD_TOKEN, display_name: 'x'.repeat(65) },
    { token: GOOD_TOKEN, display_name: 'new\nline' },
    { token: GOOD_TOKEN, display_name: 'bidi\u202e' },
    { token: GOOD_TOKEN, display_name: 'Ann', album_id: uuidv7() },
  ],
};

/**
 * Bad input to every album, member, invite, guest and wall-link endpoint: a 4xx in the
 * error shape, never a 500, and no row written anywhere. Embedded only: parsing happens
 * before any storage, so the mode changes nothing.
 */
describe('albums bad input', () => {
  let sut: TestServer;
  let api: ApiClient;
  let users: AlbumUsers;
  let world: AlbumWorld;

  beforeAll(async () => {
    sut = await startTestServer({ ...CHAT_TEST_ENV, RATE_LIMIT_GUEST_JOINS_PER_IP: '100000' });
    api = new ApiClient(sut.url);
    users = await albumUsers(api);
    world = await albumWorld(sut, api, users);
  });
  afterAll(() => sut?.close());

  // This file's routes: those whose matrix rows albums.authorization.ts holds (uploads and the wall test their own).
  const mine = Object.keys(authorizationCases).map((name) => [name, routes[name as keyof typeof routes] as RouteContract] as const);
  const fill = (path: string, bad?: { param: string; value: string }) =>
    path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
      if (bad?.param === name) return bad.value;
      return ({ id: world.albumA.id, userId: users.otherMember.id, inviteId: world.inviteA.id, guestId: world.guestA.id } as Record<string, string>)[name] ?? uuidv7();
    });
  const send = (r: RouteContract, path: string, body?: unknown) =>
    api.request(r.method, path, body ?? (r.method === 'POST' || r.method === 'PUT' ? {} : undefined), r.auth ? { token: users.host.token } : {});

  const paramCases = mine.flatMap(([name, r]) =>
    [...r.path.matchAll(/:([A-Za-z]+)/g)].flatMap((m) => BAD_IDS.map(([what, value]) => [`${r.method} ${r.path}`, m[1]!, what, value, name] as const)),
  );
  it.each(paramCases)('%s refuses :%s as %s with 400', async (_, param, __, value, name) => {
    const r = routes[name as keyof typeof routes] as RouteContract;
    await expectAlbumRefused(sut, 400, 'VALIDATION_FAILED', () => send(r, fill(r.path, { param, value })));
  });

  const pageCases = mine.filter(([, r]) => r.query).flatMap(([name, r]) => BAD_PAGES.map(([what, query]) => [`${r.method} ${r.path}`, what, query, name] as const));
  it.each(pageCases)('%s refuses %s with 400', async (_, __, query, name) => {
    const r = routes[name as keyof typeof routes] as RouteContract;
    await expectAlbumRefused(sut, 400, 'VALIDATION_FAILED', () => send(r, `${fill(r.path)}?${query}`));
  });

  const bodyCases = Object.entries(BAD_BODIES).flatMap(([name, bodies]) => bodies.map((body) => [name, JSON.stringify(body).slice(0, 80), body] as const));
  it.each(bodyCases)('%s refuses %s with 400', async (name, _, body) => {
    const r = routes[name as keyof typeof routes] as RouteContract;
    await expectAlbumRefused(sut, 400, 'VALIDATION_FAILED', () => api.request(r.method, fill(r.path), undefined, { raw: JSON.stringify(body), ...(r.auth ? { token: users.host.token } : {}) }));
  });

  const writes = mine.filter(([, r]) => r.body);
  it.each(writes.map(([name, r]) => [`${r.method} ${r.path}`, name] as const))('%s refuses malformed JSON, a foreign content type and 1 MB', async (_, name) => {
    const r = routes[name as keyof typeof routes] as RouteContract;
    const auth = r.auth ? { token: users.host.token } : {};
    await expectAlbumRefused(sut, 400, 'INVALID_JSON', () => api.request(r.method, fill(r.path), undefined, { raw: '{"title":', ...auth }));
    await expectAlbumRefused(sut, 415, 'UNSUPPORTED_MEDIA_TYPE', () =>
      api.request(r.method, fill(r.path), undefined, { raw: 'title=x', headers: { 'content-type': 'application/x-www-form-urlencoded' }, ...auth }),
    );
    await expectAlbumRefused(sut, 413, 'PAYLOAD_TOO_LARGE', () => api.request(r.method, fill(r.path), { title: MEGABYTE, token: MEGABYTE }, auth));
  });

  it('refuses a guest cookie and a wall token that are not tokens, without writing', async () => {
    await expectAlbumRefused(sut, 401, 'GUEST_SESSION_ENDED', () =>
      api.get(`/api/albums/${world.albumA.id}`, { headers: { cookie: `dg_guest=${encodeURIComponent(SQL)}`, 'x-discordgym-client': 'web' } }),
    );
    await expectAlbumRefused(sut, 410, 'INVITE_INVALID', () => api.get(`/api/albums/${world.albumA.id}`, { headers: { 'x-album-wall-token': 'x'.repeat(5000) } }));
  });
});
