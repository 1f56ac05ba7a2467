import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cspDirectives } from '../../../test/csp';
import { startTestServer, type TestServer } from '../../../test/harness';
import { DiskObjectStorage } from './disk-object-storage';
import { describeObjectStorageContract } from './object-storage.contract';
import { OBJECT_STORAGE, type ObjectStorage } from './object-storage';

const storageOf = (sut: TestServer) => sut.server.app.get<symbol, ObjectStorage>(OBJECT_STORAGE);

describeObjectStorageContract('disk (served by the app)', async () => {
  const sut = await startTestServer();
  const storage = storageOf(sut);
  return {
    storage,
    resolve: (url) => new URL(url, sut.url).toString(),
    variant: ({ wrongSecret, clockOffsetMs }) =>
      DiskObjectStorage.open('memory://', wrongSecret ? 'a-secret-this-server-has-never-heard-of' : sut.server.infra.config.JWT_SECRET, {
        now: () => Date.now() + (clockOffsetMs ?? 0),
      }),
    close: () => sut.close(),
  };
});

/** What only the disk driver has: its files, its routes inside the app. */
describe('DiskObjectStorage in the app', () => {
  let sut: TestServer;
  let storage: DiskObjectStorage;

  beforeAll(async () => {
    sut = await startTestServer();
    storage = storageOf(sut) as DiskObjectStorage;
  });
  afterAll(() => sut?.close());

  /** Every file under the uploads folder, relative to it. */
  const files = async (): Promise<string[]> => {
    const entries = await readdir(storage.directory, { recursive: true, withFileTypes: true });
    return entries.filter((e) => e.isFile()).map((e) => path.relative(storage.directory, path.join(e.parentPath, e.name))).sort();
  };

  it('is the storage chosen without S3_ENDPOINT, and adds no origin to the CSP', async () => {
    expect(storage).toBeInstanceOf(DiskObjectStorage);
    expect(storage.browserOrigin).toBeNull();
    const response = await fetch(`${sut.url}/api/docs`);
    const csp = cspDirectives(response.headers.get('content-security-policy')!);
    expect(csp['connect-src']).toEqual(["'self'", 'ws:', 'wss:']);
    expect(csp['img-src']).toEqual(["'self'", 'data:', 'blob:']);
    expect(csp['media-src']).toEqual(["'self'"]);
  });

  it('signs URLs on the app\'s own path: a browser resolves them against the origin it uses (LAN address, domain)', async () => {
    const outside = await storage.presignPut('x/y', { contentType: 'image/jpeg', contentLength: 1 });
    expect(outside.url.startsWith('/api/storage/objects?')).toBe(true);
  });

  it('keeps a refused or broken-off upload out of sight: no object, no leftover file', async () => {
    const before = await files();
    const body = Buffer.alloc(200_000, 7);
    const ticket = await storage.presignPut('atomic/one', { contentType: 'image/jpeg', contentLength: body.length });
    const refused = await fetch(new URL(ticket.url, sut.url), { method: 'PUT', headers: ticket.headers, body: body.subarray(0, 1000) });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({ error: { code: 'FORBIDDEN', message: expect.any(String) } });
    expect(await files()).toEqual(before);
    expect(await storage.head('atomic/one')).toBeNull();
  });

  it('serves a range, HEAD, and a sandboxing CSP on downloads', async () => {
    const body = Buffer.from('0123456789abcdef');
    await storage.write('ranges/video', body, { contentType: 'video/mp4' });
    const url = new URL(await storage.presignGet('ranges/video'), sut.url);
    const ranged = await fetch(url, { headers: { range: 'bytes=4-7' } });
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get('content-range')).toBe('bytes 4-7/16');
    expect(await ranged.text()).toBe('4567');
    const head = await fetch(url, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe('16');
    expect(head.headers.get('content-security-policy')).toContain('sandbox');
    expect(head.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('answers a missing object with 404 and a malformed query with 400, in the one error shape', async () => {
    const missing = await fetch(new URL(await storage.presignGet('never/there'), sut.url));
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
    const malformed = await fetch(`${sut.url}/api/storage/objects?key=a&exp=soon&sig=x`);
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { error: { code: string } }).error.code).toBe('VALIDATION_FAILED');
  });

  it('a forged key that climbs out of the folder is refused and touches nothing', async () => {
    const before = await files();
    const ticket = await storage.presignPut('safe/key', { contentType: 'image/jpeg', contentLength: 3 });
    const url = new URL(ticket.url, sut.url);
    url.searchParams.set('key', '../../escape');
    const response = await fetch(url, { method: 'PUT', headers: ticket.headers, body: 'abc' });
    expect(response.status).toBe(403);
    expect(await files()).toEqual(before);
  });

  it('streams bodies only on the storage route: other routes still take JSON only and keep the body limit', async () => {
    const image = await fetch(`${sut.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'image/jpeg' }, body: 'x' });
    expect(image.status).toBe(415);
    const smuggled = await fetch(`${sut.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/x.discordgym-storage-upload' }, body: 'x' });
    expect(smuggled.status).toBe(415);
    // 2 MiB through the storage route: far above BODY_LIMIT_BYTES, streamed to disk.
    const big = Buffer.alloc(2 * 1024 * 1024, 1);
    const ticket = await storage.presignPut('big/one', { contentType: 'application/json', contentLength: big.length });
    const response = await fetch(new URL(ticket.url, sut.url), { method: 'PUT', headers: ticket.headers, body: big });
    expect(response.status).toBe(200);
    expect(await storage.head('big/one')).toEqual({ size: big.length, contentType: 'application/json' });
  });
});

describe('DiskObjectStorage folders', () => {
  it('keeps objects under DATA_DIR/uploads across close and reopen; memory:// uses a temp folder that close removes', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'discordgym-data-'));
    try {
      const first = await DiskObjectStorage.open(dataDir, 'secret');
      expect(first.directory).toBe(path.join(dataDir, 'uploads'));
      await first.write('albums/a/p/original', Buffer.from('kept'), { contentType: 'image/jpeg' });
      await first.close();
      const again = await DiskObjectStorage.open(dataDir, 'secret');
      expect(await again.head('albums/a/p/original')).toEqual({ size: 4, contentType: 'image/jpeg' });
      await again.close();

      const scratch = await DiskObjectStorage.open('memory://', 'secret');
      await scratch.write('x', Buffer.from('gone'), { contentType: 'text/plain' });
      await scratch.close();
      await expect(stat(scratch.directory)).rejects.toMatchObject({ code: 'ENOENT' });
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
