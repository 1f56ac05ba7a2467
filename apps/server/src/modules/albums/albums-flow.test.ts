import { GUEST_COOKIE } from '@discordgym/contracts';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addMember,
  asGuest,
  asWall,
  createAlbum,
  createInvite,
  createWallLink,
  expectAlbumRefused,
  joinAsGuest,
} from '../../../test/album-fixtures';
import { ApiClient } from '../../../test/api-client';
import { type ChatUser, CHAT_TEST_ENV, chatUsers } from '../../../test/chat-fixtures';
import { expectError } from '../../../test/expect-error';
import { startTestServer, type TestServer } from '../../../test/harness';
import { albumGuests, albumInvites, albums, domainEvents } from '../../infra/db/schema';

/**
 * Albums, members, invites, guests and the wall link end to end over HTTP (embedded: the
 * mode changes nothing here but the database driver; the cluster test covers guests across
 * two instances).
 */
describe('albums, invites and guests', () => {
  let sut: TestServer;
  let api: ApiClient;
  let host: ChatUser;
  let cohost: ChatUser;
  let member: ChatUser;
  let other: ChatUser;

  beforeAll(async () => {
    sut = await startTestServer({ ...CHAT_TEST_ENV, RATE_LIMIT_GUEST_JOINS_PER_IP: '100000' });
    api = new ApiClient(sut.url);
    [host, cohost, member, other] = await chatUsers(api, 4);
  });
  afterAll(() => sut?.close());

  const db = () => sut.server.infra.database.db;

  it('creates an album with default settings, the owner as host, and lists mine newest first by keyset', async () => {
    const first = await createAlbum(api, host, { title: 'Wedding', event_date: '2026-12-31', description: 'Bring a camera' });
    expect(first).toMatchObject({
      title: 'Wedding',
      event_date: '2026-12-31',
      my_role: 'host',
      owner: { id: host.id },
      accepting_uploads: true,
      settings: { uploads_open: true, approval_required: false, guest_quota_photos: 100, guests_may_download: false, upload_window_start: null },
    });
    const second = await createAlbum(api, host, { title: 'Afterparty', settings: { approval_required: true, uploads_open: false } });
    expect(second).toMatchObject({ accepting_uploads: false, settings: { approval_required: true, uploads_open: false } });

    const page1 = await api.get('/api/albums?limit=1', { token: host.token });
    expect(page1.body.items.map((a: { id: string }) => a.id)).toEqual([second.id]);
    const page2 = await api.get(`/api/albums?limit=1&cursor=${page1.body.next_cursor}`, { token: host.token });
    expect(page2.body.items.map((a: { id: string }) => a.id)).toEqual([first.id]);
    // Someone else's albums are neither listed nor readable.
    expect((await api.get('/api/albums', { token: other.token })).body.items).toEqual([]);
    expectError(await api.get(`/api/albums/${first.id}`, { token: other.token }), 404, 'NOT_FOUND');
  });

  it('updates title and settings; a window that ends before it starts (with the stored end) is refused; the cover must be an approved photo', async () => {
    const album = await createAlbum(api, host, { settings: { upload_window_end: '2030-01-01T00:00:00Z' } });
    const updated = await api.put(`/api/albums/${album.id}`, { title: 'New name', settings: { guests_may_download: true, max_file_bytes: 1_000_000 } }, { token: host.token });
    expect(updated.status, JSON.stringify(updated.body)).toBe(200);
    expect(updated.body).toMatchObject({ title: 'New name', settings: { guests_may_download: true, max_file_bytes: 1_000_000, upload_window_end: '2030-01-01T00:00:00.000Z' } });
    await expectAlbumRefused(sut, 400, 'VALIDATION_FAILED', () =>
      api.put(`/api/albums/${album.id}`, { settings: { upload_window_start: '2031-01-01T00:00:00Z' } }, { token: host.token }),
    );
    await expectAlbumRefused(sut, 400, 'VALIDATION_FAILED', () =>
      api.put(`/api/albums/${album.id}`, { cover_photo_id: '01900000-0000-7000-8000-000000000000' }, { token: host.token }),
    );
    const closedWindow = await api.put(`/api/albums/${album.id}`, { settings: { upload_window_end: '2020-01-01T00:00:00Z' } }, { token: host.token });
    expect(closedWindow.body.accepting_uploads).toBe(false);
  });

  it('members: the owner adds co-hosts, co-hosts add members only, members leave, the owner never leaves', async () => {
    const album = await createAlbum(api, host);
    await addMember(api, host, album.id, cohost, 'cohost');
    await expectAlbumRefused(sut, 403, 'FORBIDDEN', () => api.post(`/api/albums/${album.id}/members`, { user_id: other.id, role: 'cohost' }, { token: cohost.token }));
    const added = await api.post(`/api/albums/${album.id}/members`, { user_id: member.id }, { token: cohost.token });
    expect([added.status, added.body.role]).toEqual([201, 'member']);
    const again = await api.post(`/api/albums/${album.id}/members`, { user_id: member.id, role: 'member' }, { token: host.token });
    expect(again.status).toBe(200);
    expect((await api.get(`/api/albums/${album.id}`, { token: member.token })).body.my_role).toBe('member');

    const page = await api.get(`/api/albums/${album.id}/members?limit=2`, { token: member.token });
    const rest = await api.get(`/api/albums/${album.id}/members?limit=2&cursor=${page.body.next_cursor}`, { token: member.token });
    expect([...page.body.items, ...rest.body.items].map((m: { user: { id: string } }) => m.user.id).sort()).toEqual([host.id, cohost.id, member.id].sort());
    expect(rest.body.next_cursor).toBeNull();

    await expectAlbumRefused(sut, 403, 'FORBIDDEN', () => api.delete(`/api/albums/${album.id}/members/${cohost.id}`, { token: member.token }));
    await expectAlbumRefused(sut, 403, 'FORBIDDEN', () => api.delete(`/api/albums/${album.id}/members/${host.id}`, { token: host.token }));
    await expectAlbumRefused(sut, 404, 'NOT_FOUND', () => api.post(`/api/albums/${album.id}/members`, { user_id: '01900000-0000-7000-8000-000000000000' }, { token: host.token }));
    expect((await api.delete(`/api/albums/${album.id}/members/${member.id}`, { token: member.token })).status).toBe(204);
    expectError(await api.get(`/api/albums/${album.id}`, { token: member.token }), 404, 'NOT_FOUND');
  });

  it('invite → preview → join: an httpOnly guest cookie scoped to the album; the token is kept only hashed and sealed', async () => {
    const album = await createAlbum(api, host, { title: 'Garden party', event_date: '2026-07-01' });
    const invite = await createInvite(api, host, album.id);
    expect(invite.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(invite.join_url).toBe(`${sut.url}/join#${invite.token}`);
    const [row] = await db().select().from(albumInvites).where(eq(albumInvites.id, invite.id));
    expect(JSON.stringify(row)).not.toContain(invite.token);

    const preview = await api.post('/api/guest/invite', { token: invite.token });
    expect(preview.body).toEqual({ album_id: album.id, title: 'Garden party', event_date: '2026-07-01', expires_at: null });

    const joined = await api.post('/api/guest/join', { token: invite.token, display_name: 'Aunt May' }, { headers: { 'x-discordgym-client': 'web' } });
    expect(joined.status, JSON.stringify(joined.body)).toBe(201);
    const cookie = joined.headers.getSetCookie().find((c) => c.startsWith(`${GUEST_COOKIE}=`))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Path=\//);
    expect(JSON.stringify(joined.body)).not.toContain(cookie.split(';')[0]!.split('=')[1]!);
    const guest = { cookie: cookie.split(';')[0]!.slice(GUEST_COOKIE.length + 1) };

    const me = await api.get('/api/guest/me', asGuest(guest));
    expect(me.body).toMatchObject({ guest: { display_name: 'Aunt May', album_id: album.id, active: true }, album: { id: album.id, my_role: 'guest' } });
    expect((await api.get(`/api/albums/${album.id}`, asGuest(guest))).body.my_role).toBe('guest');
    // Without the web client's header the cookie does not count (CSRF).
    expectError(await api.get('/api/guest/me', { headers: { cookie: `${GUEST_COOKIE}=${guest.cookie}` } }), 401, 'UNAUTHENTICATED');
    // Guests reach nothing outside their album, and no user-only route.
    const otherAlbum = await createAlbum(api, other);
    expectError(await api.get(`/api/albums/${otherAlbum.id}`, asGuest(guest)), 404, 'NOT_FOUND');
    expectError(await api.get('/api/chatrooms', asGuest(guest)), 403, 'FORBIDDEN');
    expectError(await api.get('/api/auth/me', asGuest(guest)), 403, 'FORBIDDEN');
  });

  it('a revoked invite lets nobody join but keeps the guests it let in; removing a guest ends their session at once', async () => {
    const album = await createAlbum(api, host);
    const invite = await createInvite(api, host, album.id);
    const guest = await joinAsGuest(api, invite.token, 'Early bird');
    expect((await api.delete(`/api/albums/${album.id}/invites/${invite.id}`, { token: host.token })).status).toBe(204);
    expect((await api.delete(`/api/albums/${album.id}/invites/${invite.id}`, { token: host.token })).status).toBe(204);
    await expectAlbumRefused(sut, 410, 'INVITE_INVALID', () => api.post('/api/guest/join', { token: invite.token, display_name: 'Late' }, { headers: { 'x-discordgym-client': 'web' } }));
    await expectAlbumRefused(sut, 410, 'INVITE_INVALID', () => api.post('/api/guest/invite', { token: invite.token }));
    expect((await api.get(`/api/albums/${album.id}`, asGuest(guest))).status).toBe(200);

    const list = await api.get(`/api/albums/${album.id}/invites`, { token: host.token });
    expect(list.body.items).toEqual([expect.objectContaining({ id: invite.id, active: false, guests_joined: 1, token: invite.token })]);
    const guests = await api.get(`/api/albums/${album.id}/guests`, { token: other.token });
    expectError(guests, 404, 'NOT_FOUND');

    expect((await api.delete(`/api/albums/${album.id}/guests/${guest.id}`, { token: host.token })).status).toBe(204);
    expectError(await api.get(`/api/albums/${album.id}`, asGuest(guest)), 401, 'GUEST_SESSION_ENDED');
    expectError(await api.get('/api/guest/me', asGuest(guest)), 401, 'GUEST_SESSION_ENDED');
    const after = await api.get(`/api/albums/${album.id}/guests`, { token: host.token });
    expect(after.body.items).toEqual([expect.objectContaining({ id: guest.id, active: false })]);
    const [ended] = await db().select().from(domainEvents).where(and(eq(domainEvents.name, 'album.guest.ended')));
    expect(ended).toBeDefined();
  });

  it('an expired invite lets nobody join; an expiry in the past is refused when making one', async () => {
    const album = await createAlbum(api, host);
    await expectAlbumRefused(sut, 400, 'VALIDATION_FAILED', () => api.post(`/api/albums/${album.id}/invites`, { expires_at: '2020-01-01T00:00:00Z' }, { token: host.token }));
    const invite = await createInvite(api, host, album.id, { expires_at: new Date(Date.now() + 3_600_000).toISOString() });
    await db().update(albumInvites).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(albumInvites.id, invite.id));
    await expectAlbumRefused(sut, 410, 'INVITE_INVALID', () => api.post('/api/guest/join', { token: invite.token, display_name: 'Too late' }));
  });

  it('a guest session ends when it expires', async () => {
    const album = await createAlbum(api, host);
    const guest = await joinAsGuest(api, (await createInvite(api, host, album.id)).token);
    expect((await api.get('/api/guest/me', asGuest(guest))).status).toBe(200);
    await db().update(albumGuests).set({ sessionExpiresAt: new Date(Date.now() - 1000) }).where(eq(albumGuests.id, guest.id));
    expectError(await api.get('/api/guest/me', asGuest(guest)), 401, 'GUEST_SESSION_ENDED');
  });

  it('a guest leaves: the cookie is cleared and the session is over', async () => {
    const album = await createAlbum(api, host);
    const guest = await joinAsGuest(api, (await createInvite(api, host, album.id)).token);
    const left = await api.post('/api/guest/leave', undefined, asGuest(guest));
    expect(left.status).toBe(204);
    expect(left.headers.getSetCookie().join(';')).toMatch(new RegExp(`${GUEST_COOKIE}=;`));
    expectError(await api.get('/api/guest/me', asGuest(guest)), 401, 'GUEST_SESSION_ENDED');
  });

  it('QR codes of the join link, SVG and PNG, for hosts, with nosniff and no caching', async () => {
    const album = await createAlbum(api, host);
    const invite = await createInvite(api, host, album.id);
    const svg = await fetch(`${sut.url}/api/albums/${album.id}/invites/${invite.id}/qr.svg`, { headers: { authorization: `Bearer ${host.token}` } });
    expect(svg.status).toBe(200);
    expect(svg.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(svg.headers.get('x-content-type-options')).toBe('nosniff');
    expect(svg.headers.get('cache-control')).toBe('private, no-store');
    const text = await svg.text();
    expect(text).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(text).not.toMatch(/<script/i);
    const png = await fetch(`${sut.url}/api/albums/${album.id}/invites/${invite.id}/qr.png`, { headers: { authorization: `Bearer ${host.token}` } });
    expect(png.headers.get('content-type')).toBe('image/png');
    const bytes = Buffer.from(await png.arrayBuffer());
    expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    // A revoked link is not printed.
    await api.delete(`/api/albums/${album.id}/invites/${invite.id}`, { token: host.token });
    expectError(await api.get(`/api/albums/${album.id}/invites/${invite.id}/qr.svg`, { token: host.token }), 410, 'INVITE_INVALID');
  });

  it('a wall link opens the album read-only with no login; a new one replaces it; revoking ends it', async () => {
    const album = await createAlbum(api, host);
    expect((await api.get(`/api/albums/${album.id}/wall-link`, { token: host.token })).body).toEqual({ link: null });
    const token = await createWallLink(api, host, album.id);
    const state = await api.get(`/api/albums/${album.id}/wall-link`, { token: host.token });
    expect(state.body.link).toMatchObject({ token, wall_url: `${sut.url}/albums/${album.id}/wall#${token}` });
    expect((await api.get(`/api/albums/${album.id}`, asWall(token))).body.my_role).toBe('wall');
    expectError(await api.put(`/api/albums/${album.id}`, { title: 'x' }, asWall(token)), 403, 'FORBIDDEN');
    expectError(await api.get(`/api/albums/${(await createAlbum(api, other)).id}`, asWall(token)), 404, 'NOT_FOUND');

    const replaced = await createWallLink(api, host, album.id);
    expectError(await api.get(`/api/albums/${album.id}`, asWall(token)), 410, 'INVITE_INVALID');
    expect((await api.get(`/api/albums/${album.id}`, asWall(replaced))).status).toBe(200);
    expect((await api.delete(`/api/albums/${album.id}/wall-link`, { token: host.token })).status).toBe(204);
    expectError(await api.get(`/api/albums/${album.id}`, asWall(replaced)), 410, 'INVITE_INVALID');
  });

  it('deleting an album: 404 for everyone at once, guests and walls out, album.deleted recorded', async () => {
    const album = await createAlbum(api, host);
    await addMember(api, host, album.id, cohost, 'cohost');
    const guest = await joinAsGuest(api, (await createInvite(api, host, album.id)).token);
    const wall = await createWallLink(api, host, album.id);
    await expectAlbumRefused(sut, 403, 'FORBIDDEN', () => api.delete(`/api/albums/${album.id}`, { token: cohost.token }));
    expect((await api.delete(`/api/albums/${album.id}`, { token: host.token })).status).toBe(204);
    expectError(await api.get(`/api/albums/${album.id}`, { token: host.token }), 404, 'NOT_FOUND');
    expectError(await api.delete(`/api/albums/${album.id}`, { token: host.token }), 404, 'NOT_FOUND');
    expectError(await api.get(`/api/albums/${album.id}`, asGuest(guest)), 401, 'GUEST_SESSION_ENDED');
    expectError(await api.get(`/api/albums/${album.id}`, asWall(wall)), 410, 'INVITE_INVALID');
    // Marked deleted, or already purged by the cleanup consumer that album.deleted starts.
    const [row] = await db().select().from(albums).where(eq(albums.id, album.id));
    expect(row === undefined || row.deletedAt !== null).toBe(true);
    const events = await db().select().from(domainEvents).where(eq(domainEvents.name, 'album.deleted'));
    expect(events.map((e) => e.payload)).toContainEqual({ album_id: album.id, owner_id: host.id, by_user_id: host.id });
  });
});

describe('guest joins per IP', () => {
  let sut: TestServer;
  let api: ApiClient;
  beforeAll(async () => {
    sut = await startTestServer({ ...CHAT_TEST_ENV, RATE_LIMIT_GUEST_JOINS_PER_IP: '2' });
    api = new ApiClient(sut.url);
  });
  afterAll(() => sut?.close());

  it('refuses the join past the limit with 429 before writing anything', async () => {
    const [host] = await chatUsers(api, 1);
    const album = await createAlbum(api, host);
    const invite = await createInvite(api, host, album.id);
    await joinAsGuest(api, invite.token, 'One');
    await joinAsGuest(api, invite.token, 'Two');
    const refused = await expectAlbumRefused(sut, 429, 'RATE_LIMITED', () => api.post('/api/guest/join', { token: invite.token, display_name: 'Three' }));
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
