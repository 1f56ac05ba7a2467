import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AlbumDownloadLink } from '@discordgym/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, createAlbum, joinAsGuest, seedPhoto } from '../../../test/album-live-fixtures';
import { type ChatUser, chatUsers, startEmbeddedChat, useChatServer } from '../../../test/chat-fixtures';
import { expectError } from '../../../test/expect-error';
import { HmacSigner } from '../../common/hmac-signer';

/** The test server's JWT_SECRET (test/harness.ts): lets the test sign a link the server would have made, but expired. */
const TEST_SECRET = 'test-secret-of-at-least-thirty-two-characters';

describe('album download links', () => {
  const chat = useChatServer(startEmbeddedChat);
  let folder: string;
  let host: ChatUser;
  let member: ChatUser;
  let albumId: string;
  let otherAlbumId: string;
  const ids: string[] = [];

  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'album-link-test-'));
    [host, member] = await chatUsers(chat.api, 2);
    albumId = await createAlbum(chat.api, host.token);
    otherAlbumId = await createAlbum(chat.api, host.token);
    await addMember(chat.api, host.token, albumId, member.id);
    await addMember(chat.api, host.token, otherAlbumId, member.id);
    for (let i = 0; i < 3; i++) ids.push((await seedPhoto(chat.sut, albumId, { uploaderUserId: host.id, bytes: randomBytes(2048), name: `p${i}.jpg` })).id);
  });
  afterAll(() => rm(folder, { recursive: true, force: true }));

  const makeLink = async (token: string, body: Record<string, unknown> = {}, album = albumId): Promise<AlbumDownloadLink> => {
    const made = await chat.api.post<AlbumDownloadLink>(`/api/albums/${album}/download-links`, body, { token });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    return made.body;
  };
  /** Opens a link as a browser navigation would: no Authorization header, no cookie. */
  const open = (url: string) => fetch(`${chat.sut.url}${url}`);
  const entries = async (response: Response): Promise<string[]> => {
    const file = path.join(folder, `${randomBytes(4).toString('hex')}.zip`);
    await writeFile(file, Buffer.from(await response.arrayBuffer()));
    return execFileSync('unzip', ['-Z1', file], { encoding: 'utf8' }).trim().split('\n').sort();
  };
  const withParam = (url: string, name: string, value: string) => {
    const parsed = new URL(url, 'http://x');
    parsed.searchParams.set(name, value);
    return `${parsed.pathname}${parsed.search}`;
  };

  it('streams the whole album or the chosen photos without a token, for 60 s', async () => {
    const before = Date.now();
    const all = await makeLink(member.token);
    expect(all.url).toMatch(new RegExp(`^/api/albums/${albumId}/download-links/zip\\?`));
    const expires = Date.parse(all.expires_at) - before;
    expect(expires).toBeGreaterThan(55_000);
    expect(expires).toBeLessThanOrEqual(61_000);
    const response = await open(all.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/zip');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    expect(await entries(response)).toEqual(['p0.jpg', 'p1.jpg', 'p2.jpg']);

    const some = await makeLink(member.token, { photo_ids: [ids[2], ids[0], ids[2]] });
    expect(await entries(await open(some.url))).toEqual(['p0.jpg', 'p2.jpg']);
  });

  it('refuses a tampered link: signature, selection, caller or expiry changed', async () => {
    const some = await makeLink(member.token, { photo_ids: [ids[0]] });
    const other = await makeLink(member.token, { photo_ids: [ids[1]] });
    const sig = new URL(some.url, 'http://x').searchParams.get('sig')!;
    const flipped = `${sig.slice(0, -1)}${sig.endsWith('A') ? 'B' : 'A'}`;
    const tampered = [
      withParam(some.url, 'sig', flipped),
      // Another (real) selection's digest under this link's signature.
      withParam(some.url, 'sel', new URL(other.url, 'http://x').searchParams.get('sel')!),
      withParam(some.url, 'by', `u.${host.id}.${new URL(some.url, 'http://x').searchParams.get('by')!.split('.')[2]}`),
      withParam(some.url, 'exp', String(Number(new URL(some.url, 'http://x').searchParams.get('exp')) + 3600)),
      // The selection left out: the whole album under a selection's signature.
      (() => {
        const parsed = new URL(some.url, 'http://x');
        parsed.searchParams.delete('sel');
        return `${parsed.pathname}${parsed.search}`;
      })(),
    ];
    for (const url of tampered) {
      const response = await open(url);
      expect(response.status, url).toBe(403);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');
    }
    // The untouched link still works.
    expect((await open(some.url)).status).toBe(200);
  });

  it("refuses a link of one album on another album's path", async () => {
    const link = await makeLink(member.token);
    const response = await open(link.url.replace(albumId, otherAlbumId));
    expect(response.status).toBe(403);
  });

  it('refuses an expired link, even when it was signed with the right key', async () => {
    const link = new URL((await makeLink(member.token)).url, 'http://x');
    const by = link.searchParams.get('by')!;
    const exp = Math.floor(Date.now() / 1000) - 1;
    const signer = new HmacSigner(TEST_SECRET, 'discordgym/album-download-link/v1');
    const fresh = (e: number) => `${link.pathname}?${new URLSearchParams({ by, exp: String(e), sig: signer.sign(['v1', albumId, by, null, e]) }).toString()}`;
    // The same signing, a live expiry: the server accepts it (so the refusal below is the expiry, not a wrong key).
    expect((await open(fresh(exp + 60))).status).toBe(200);
    const expired = await open(fresh(exp));
    expect(expired.status).toBe(403);
    expect(((await expired.json()) as { error: { message: string } }).error.message).toMatch(/expired/);
  });

  it('the policy still decides: guests need the album to allow downloads, a removed member or ended session loses the link', async () => {
    const guest = await joinAsGuest(chat.api, host.token, albumId);
    expectError(await chat.api.post(`/api/albums/${albumId}/download-links`, {}, { headers: guest.headers }), 403, 'FORBIDDEN');
    const allowed = await chat.api.put(`/api/albums/${albumId}`, { settings: { guests_may_download: true } }, { token: host.token });
    expect(allowed.status, JSON.stringify(allowed.body)).toBe(200);
    const made = await chat.api.post<AlbumDownloadLink>(`/api/albums/${albumId}/download-links`, { photo_ids: [ids[1]] }, { headers: guest.headers });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(await entries(await open(made.body.url))).toEqual(['p1.jpg']);

    // A wall never gets one (the policy), a stranger does not learn of the album.
    const [stranger, leaver] = await chatUsers(chat.api, 2);
    expectError(await chat.api.post(`/api/albums/${albumId}/download-links`, {}, { token: stranger.token }), 404, 'NOT_FOUND');

    await addMember(chat.api, host.token, albumId, leaver.id);
    const link = await makeLink(leaver.token);
    const removed = await chat.api.delete(`/api/albums/${albumId}/members/${leaver.id}`, { token: host.token });
    expect(removed.status, JSON.stringify(removed.body)).toBe(204);
    expect((await open(link.url)).status).toBe(404);

    const before = await makeLink(member.token);
    const logout = await chat.api.post('/api/auth/logout', {}, { token: member.token });
    expect(logout.status, JSON.stringify(logout.body)).toBeLessThan(300);
    expect((await open(before.url)).status).toBe(401);
  });

  it('rejects a malformed link with 400 and writes nothing', async () => {
    expect((await open(`/api/albums/${albumId}/download-links/zip?by=x&exp=1&sig=y`)).status).toBe(400);
    expectError(await chat.api.post(`/api/albums/${albumId}/download-links`, { photo_ids: [] }, { token: host.token }), 400, 'VALIDATION_FAILED');
    expectError(await chat.api.post(`/api/albums/${albumId}/download-links`, { photo_ids: ['nope'] }, { token: host.token }), 400, 'VALIDATION_FAILED');
  });
});
