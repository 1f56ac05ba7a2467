import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, createAlbum, joinAsGuest, seedPhoto } from '../../../test/album-live-fixtures';
import { type ChatUser, chatUsers, startEmbeddedChat, useChatServer } from '../../../test/chat-fixtures';
import { expectError } from '../../../test/expect-error';
import { contentDisposition } from './album-download.controller';
import { ZipNames } from './zip-names';

const PHOTOS = 200;
// Large enough that the fixed cost of the first stream (allocator, fetch and fs buffers, about
// 33 MB of RSS here) stays well under half of what flows through; a buffered archive would not.
const PHOTO_BYTES = 512 * 1024;

/** Streams a response body into a file, sampling this process's memory (the server runs in it) while it flows. */
async function download(url: string, init: RequestInit, file: string): Promise<{ status: number; headers: Headers; peakRssGrowth: number; peakHeapGrowth: number; text?: string }> {
  const baseline = process.memoryUsage();
  let peakRss = baseline.rss;
  let peakHeap = baseline.heapUsed;
  const sampler = setInterval(() => {
    const now = process.memoryUsage();
    peakRss = Math.max(peakRss, now.rss);
    peakHeap = Math.max(peakHeap, now.heapUsed);
  }, 20);
  try {
    const response = await fetch(url, init);
    if (response.status !== 200) return { status: response.status, headers: response.headers, peakRssGrowth: 0, peakHeapGrowth: 0, text: await response.text() };
    await pipeline(Readable.fromWeb(response.body as unknown as WebReadableStream), createWriteStream(file));
    return { status: 200, headers: response.headers, peakRssGrowth: peakRss - baseline.rss, peakHeapGrowth: peakHeap - baseline.heapUsed };
  } finally {
    clearInterval(sampler);
  }
}

const unzip = (...args: string[]) => execFileSync('unzip', args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
const unzipBytes = (file: string, entry: string) => execFileSync('unzip', ['-p', file, entry], { maxBuffer: 16 * 1024 * 1024 });

describe('album ZIP downloads', () => {
  const chat = useChatServer(startEmbeddedChat);
  let folder: string;
  let host: ChatUser;
  let member: ChatUser;
  let albumId: string;
  const digests = new Map<string, string>();
  const ids: string[] = [];

  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'album-zip-test-'));
    [host, member] = await chatUsers(chat.api, 2);
    albumId = await createAlbum(chat.api, host.token, {}, 'Hochzeit 🎉 / "Anna & Ben"');
    await addMember(chat.api, host.token, albumId, member.id);
    for (let i = 0; i < PHOTOS; i++) {
      const bytes = randomBytes(PHOTO_BYTES);
      // Every fourth photo has the same name, some try to climb out of the folder.
      const name = i % 4 === 0 ? 'IMG_0001.JPG' : i % 4 === 1 ? `../../etc/passwd-${i}.jpg` : `Party ${i}.jpg`;
      const photo = await seedPhoto(chat.sut, albumId, { uploaderUserId: host.id, bytes, name });
      digests.set(photo.id, createHash('sha256').update(bytes).digest('hex'));
      ids.push(photo.id);
    }
    // Not approved: never in a ZIP.
    await seedPhoto(chat.sut, albumId, { uploaderUserId: host.id, status: 'awaiting_approval', bytes: randomBytes(1024) });
  }, 120_000);
  afterAll(() => rm(folder, { recursive: true, force: true }));

  it('streams 200 photos with flat memory, each once, stored, under safe unique names', async () => {
    const file = path.join(folder, 'all.zip');
    const result = await download(`${chat.sut.url}/api/albums/${albumId}/download`, { headers: { authorization: `Bearer ${host.token}` } }, file);
    expect(result.status, result.text).toBe(200);
    expect(result.headers.get('content-type')).toBe('application/zip');
    expect(result.headers.get('content-disposition')).toMatch(/^attachment; filename="[^"]+"; filename\*=UTF-8''/);
    expect(result.headers.get('x-content-type-options')).toBe('nosniff');

    const total = PHOTOS * PHOTO_BYTES;
    // The archive never sits in memory: growth stays a small part of what went through.
    expect(result.peakHeapGrowth).toBeLessThan(total / 4);
    expect(result.peakRssGrowth).toBeLessThan(total / 2);

    unzip('-tq', file); // every CRC checks out
    const names = unzip('-Z1', file).trim().split('\n');
    expect(names).toHaveLength(PHOTOS);
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(PHOTOS);
    for (const name of names) expect(name).not.toMatch(/[/\\]|^\.|\.\./);
    expect(names).toContain('IMG_0001.jpg');
    expect(names).toContain('IMG_0001 (2).jpg');
    // Stored, not deflated: JPEG does not shrink.
    expect(unzip('-v', file)).not.toMatch(/Defl/);
    // Every photo once, byte for byte.
    const seen = names.map((name) => createHash('sha256').update(unzipBytes(file, name)).digest('hex')).sort();
    expect(seen).toEqual([...digests.values()].sort());
  }, 120_000);

  it('a selection holds the chosen photos only; ids of other albums or unknown ones drop out', async () => {
    const otherAlbum = await createAlbum(chat.api, host.token);
    const foreign = await seedPhoto(chat.sut, otherAlbum, { uploaderUserId: host.id, bytes: randomBytes(100) });
    const chosen = ids.slice(10, 13);
    const file = path.join(folder, 'some.zip');
    const body = JSON.stringify({ photo_ids: [...chosen, chosen[0], foreign.id] });
    const result = await download(
      `${chat.sut.url}/api/albums/${albumId}/download`,
      { method: 'POST', body, headers: { authorization: `Bearer ${member.token}`, 'content-type': 'application/json' } },
      file,
    );
    expect(result.status, result.text).toBe(200);
    const names = unzip('-Z1', file).trim().split('\n');
    const seen = names.map((name) => createHash('sha256').update(unzipBytes(file, name)).digest('hex')).sort();
    expect(seen).toEqual(chosen.map((id) => digests.get(id)).sort());

    const none = await chat.api.post(`/api/albums/${albumId}/download`, { photo_ids: [foreign.id] }, { token: host.token });
    expectError(none, 404, 'NOT_FOUND');
    expectError(await chat.api.post(`/api/albums/${albumId}/download`, { photo_ids: [] }, { token: host.token }), 400, 'VALIDATION_FAILED');
    expectError(await chat.api.post(`/api/albums/${albumId}/download`, { photo_ids: Array.from({ length: 1001 }, () => ids[0]) }, { token: host.token }), 400, 'VALIDATION_FAILED');
  });

  it('guests download only when the album allows it; strangers never learn of the album', async () => {
    const [stranger] = await chatUsers(chat.api, 1);
    const guest = await joinAsGuest(chat.api, host.token, albumId);
    expectError(await chat.api.get(`/api/albums/${albumId}/download`, { headers: guest.headers }), 403, 'FORBIDDEN');
    expectError(await chat.api.get(`/api/albums/${albumId}/download`, { token: stranger.token }), 404, 'NOT_FOUND');
    const allowed = await chat.api.put(`/api/albums/${albumId}`, { settings: { guests_may_download: true } }, { token: host.token });
    expect(allowed.status, JSON.stringify(allowed.body)).toBe(200);
    const file = path.join(folder, 'guest.zip');
    const result = await download(`${chat.sut.url}/api/albums/${albumId}/download`, { method: 'POST', body: JSON.stringify({ photo_ids: ids.slice(0, 2) }), headers: { ...guest.headers, 'content-type': 'application/json' } }, file);
    expect(result.status, result.text).toBe(200);
    expect(unzip('-Z1', file).trim().split('\n')).toHaveLength(2);
  });
});

describe('ZIP entry names', () => {
  it('are plain file names: no folders, no control or reserved characters, the real extension, unique', () => {
    const sut = new ZipNames();
    expect(sut.name('C:\\Users\\me\\..\\IMG 1.HEIC', 'image/jpeg', 'x')).toBe('IMG 1.jpg');
    expect(sut.name('img 1.jpeg', 'image/jpeg', 'x')).toBe('img 1 (2).jpg');
    expect(sut.name('../../../.bashrc', 'image/png', 'fallback')).toBe('bashrc.png');
    expect(sut.name('a\u0000b\u202ec<d>.mp4', 'video/mp4', 'x')).toBe('a_b_c_d_.mp4');
    expect(sut.name(null, 'image/webp', 'photo-1')).toBe('photo-1.webp');
    expect(sut.name('CON.jpg', 'image/jpeg', 'photo-2')).toBe('photo-2.jpg');
    expect(Buffer.byteLength(sut.name('ä'.repeat(500), 'image/jpeg', 'x'))).toBeLessThanOrEqual(180);
  });

  it('content disposition carries an ASCII fallback and the UTF-8 name', () => {
    expect(contentDisposition('Hochzeit 🎉 "A".zip')).toBe(`attachment; filename="Hochzeit __ _A_.zip"; filename*=UTF-8''Hochzeit%20%F0%9F%8E%89%20%22A%22.zip`);
  });
});
