import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidObjectKeyError, MIN_PART_SIZE } from './object-key';
import type { ObjectStorage } from './object-storage';

export interface ObjectStorageFixture {
  storage: ObjectStorage;
  /** Absolute URL for fetch (the disk driver's URLs are the app's own, relative outside a request). */
  resolve(url: string): string;
  /**
   * Another client on the same store: `secret: 'wrong'` signs with a secret the server
   * does not know; `clockOffsetMs` signs as if the clock were that far off (an expired URL).
   */
  variant(options: { wrongSecret?: boolean; clockOffsetMs?: number }): Promise<ObjectStorage>;
  close(): Promise<void>;
}

/**
 * What every ObjectStorage must do, run against the disk driver behind a real app
 * (object-storage.disk.test.ts) and against a real S3-compatible server that checks
 * SigV4 (object-storage.s3.cluster.test.ts). Presigned URLs are exercised over real HTTP,
 * as a browser would use them; every refusal is checked to have written nothing.
 */
export function describeObjectStorageContract(name: string, make: () => Promise<ObjectStorageFixture>): void {
  describe(`ObjectStorage contract: ${name}`, () => {
    let fixture: ObjectStorageFixture;
    let sut: ObjectStorage;
    const extra: ObjectStorage[] = [];

    beforeAll(async () => {
      fixture = await make();
      sut = fixture.storage;
    });
    afterAll(async () => {
      await Promise.allSettled(extra.map((s) => s.close()));
      await fixture?.close();
    });

    /** Keys of one test never meet another's. */
    const unique = (label: string) => `contract/${randomBytes(6).toString('hex')}/${label}`;
    const bytes = (size: number) => randomBytes(size);
    const put = (url: string, body: Buffer, headers: Record<string, string>) =>
      fetch(fixture.resolve(url), { method: 'PUT', headers, body });
    const variant = async (options: Parameters<ObjectStorageFixture['variant']>[0]) => {
      const storage = await fixture.variant(options);
      extra.push(storage);
      return storage;
    };

    describe('presigned PUT', () => {
      it('uploads the exact bytes with the signed type and length', async () => {
        const key = unique('photo');
        const body = bytes(70_000);
        const ticket = await sut.presignPut(key, { contentType: 'image/jpeg', contentLength: body.length });
        expect(ticket.method).toBe('PUT');
        expect(ticket.headers).toEqual({ 'content-type': 'image/jpeg' });
        expect(ticket.expiresAt.getTime()).toBeGreaterThan(Date.now());
        expect(ticket.expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + 301_000);
        const response = await put(ticket.url, body, ticket.headers);
        expect(response.status).toBe(200);
        expect(response.headers.get('etag')).toMatch(/^"[0-9a-f]{32}"$/);
        expect(await sut.head(key)).toEqual({ size: body.length, contentType: 'image/jpeg' });
        expect((await sut.readRange(key, 0, body.length - 1)).equals(body)).toBe(true);
      });

      it('refuses another key, a larger or shorter body, another type, and writes nothing', async () => {
        const key = unique('original');
        const body = bytes(4096);
        const ticket = await sut.presignPut(key, { contentType: 'image/png', contentLength: body.length });
        const url = new URL(fixture.resolve(ticket.url));

        const otherKey = unique('other');
        const moved = ticket.url.includes('key=')
          ? (() => {
              const u = new URL(url);
              u.searchParams.set('key', otherKey);
              return u.toString();
            })()
          : url.toString().replace(key, otherKey);
        const attempts = [
          await put(moved, body, ticket.headers),
          await put(ticket.url, Buffer.concat([body, bytes(1)]), ticket.headers),
          await put(ticket.url, body.subarray(0, body.length - 1), ticket.headers),
          await put(ticket.url, body, { 'content-type': 'text/html' }),
          await put(ticket.url, body, { 'content-type': 'image/svg+xml' }),
        ];
        for (const response of attempts) expect(response.status).toBe(403);
        expect(await sut.head(key)).toBeNull();
        expect(await sut.head(otherKey)).toBeNull();
      });

      it('refuses a tampered signature, a URL signed with a wrong secret, and an unsigned PUT', async () => {
        const key = unique('tampered');
        const body = bytes(100);
        const ticket = await sut.presignPut(key, { contentType: 'image/webp', contentLength: body.length });
        const url = new URL(fixture.resolve(ticket.url));
        const signatureParam = url.searchParams.has('X-Amz-Signature') ? 'X-Amz-Signature' : 'sig';
        const signature = url.searchParams.get(signatureParam)!;
        const flipped = `${signature.slice(0, -2)}${signature.endsWith('aa') ? 'bb' : 'aa'}`;
        url.searchParams.set(signatureParam, flipped);
        expect((await put(url.toString(), body, ticket.headers)).status).toBe(403);

        const stranger = await variant({ wrongSecret: true });
        const forged = await stranger.presignPut(key, { contentType: 'image/webp', contentLength: body.length });
        expect((await put(forged.url, body, forged.headers)).status).toBe(403);

        const bare = new URL(fixture.resolve(ticket.url));
        bare.search = '';
        const unsigned = await put(bare.toString(), body, ticket.headers);
        expect(unsigned.status).toBeGreaterThanOrEqual(400);
        expect(unsigned.status).toBeLessThan(500);
        expect(await sut.head(key)).toBeNull();
      });

      it('refuses an expired URL', async () => {
        const key = unique('late');
        const body = bytes(100);
        const past = await variant({ clockOffsetMs: -3_600_000 });
        const ticket = await past.presignPut(key, { contentType: 'image/jpeg', contentLength: body.length, expiresInSeconds: 60 });
        expect(ticket.expiresAt.getTime()).toBeLessThan(Date.now());
        expect((await put(ticket.url, body, ticket.headers)).status).toBe(403);
        expect(await sut.head(key)).toBeNull();
      });

      it('server-side calls with a wrong secret are refused', async () => {
        const stranger = await variant({ wrongSecret: true });
        const key = unique('server-side');
        if (sut.kind === 's3') {
          await expect(stranger.write(key, Buffer.from('x'), { contentType: 'text/plain' })).rejects.toMatchObject({ $metadata: { httpStatusCode: 403 } });
        } else {
          // The disk driver's server side is the file system; only its URLs carry a secret.
          const ticket = await stranger.presignPut(key, { contentType: 'text/plain', contentLength: 1 });
          expect((await put(ticket.url, Buffer.from('x'), ticket.headers)).status).toBe(403);
        }
        expect(await sut.head(key)).toBeNull();
      });

      it('refuses keys outside the rule before signing anything', async () => {
        for (const bad of ['../etc/passwd', 'a/../../b', '/abs', 'UPPER', 'a//b', 'a/./b', '.hidden', 'sp ace', 'a\\b', '']) {
          await expect(sut.presignPut(bad, { contentType: 'image/jpeg', contentLength: 1 }), bad).rejects.toBeInstanceOf(InvalidObjectKeyError);
          await expect(sut.head(bad), bad).rejects.toBeInstanceOf(InvalidObjectKeyError);
        }
      });
    });

    describe('presigned GET', () => {
      it('answers with the real type, Content-Disposition and nosniff', async () => {
        const key = unique('download');
        const body = bytes(2048);
        await sut.write(key, body, { contentType: 'application/octet-stream' });
        const url = await sut.presignGet(key, { downloadName: 'Party photo ü.jpg', contentType: 'image/jpeg' });
        const response = await fetch(fixture.resolve(url));
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toBe('image/jpeg');
        expect(response.headers.get('content-disposition')).toBe(`attachment; filename="Party photo _.jpg"; filename*=UTF-8''Party%20photo%20%C3%BC.jpg`);
        if (sut.kind === 'disk') expect(response.headers.get('x-content-type-options')).toBe('nosniff');
        expect(Buffer.from(await response.arrayBuffer()).equals(body)).toBe(true);

        const inline = await fetch(fixture.resolve(await sut.presignGet(key)));
        expect(inline.headers.get('content-disposition')).toBe('inline');
        expect(inline.headers.get('content-type')).toBe('application/octet-stream');
      });

      it('refuses a tampered or expired download URL', async () => {
        const key = unique('private');
        await sut.write(key, Buffer.from('secret'), { contentType: 'text/plain' });
        const url = new URL(fixture.resolve(await sut.presignGet(key, { contentType: 'text/plain' })));
        // Another type than the signed one is a tampered URL too.
        const typeParam = url.searchParams.has('response-content-type') ? 'response-content-type' : 'type';
        url.searchParams.set(typeParam, 'text/html');
        expect((await fetch(url)).status).toBe(403);
        const past = await variant({ clockOffsetMs: -3_600_000 });
        expect((await fetch(fixture.resolve(await past.presignGet(key, { expiresInSeconds: 60 })))).status).toBe(403);
      });
    });

    describe('server-side access', () => {
      it('head answers null for a missing object; read and readRange return the bytes', async () => {
        const key = unique('blob');
        expect(await sut.head(key)).toBeNull();
        const body = bytes(10_000);
        await sut.write(key, Readable.from([body.subarray(0, 4000), body.subarray(4000)]), { contentType: 'image/webp', contentLength: body.length });
        expect(await sut.head(key)).toEqual({ size: 10_000, contentType: 'image/webp' });
        expect((await sut.readRange(key, 0, 11)).equals(body.subarray(0, 12))).toBe(true);
        expect((await sut.readRange(key, 9_990, 20_000)).equals(body.subarray(9_990))).toBe(true);
        const chunks: Buffer[] = [];
        for await (const chunk of await sut.read(key)) chunks.push(chunk as Buffer);
        expect(Buffer.concat(chunks).equals(body)).toBe(true);
      });

      it('write overwrites; delete removes and ignores missing keys', async () => {
        const key = unique('thumb');
        await sut.write(key, Buffer.from('first'), { contentType: 'image/webp' });
        await sut.write(key, Buffer.from('second!'), { contentType: 'image/png' });
        expect(await sut.head(key)).toEqual({ size: 7, contentType: 'image/png' });
        await sut.delete([key, unique('never-written')]);
        expect(await sut.head(key)).toBeNull();
        await expect(sut.delete([key])).resolves.toBeUndefined();
        await expect(sut.read(key)).rejects.toBeDefined();
      });

      it('lists keys under a prefix in key order, in bounded pages', async () => {
        const base = unique('album');
        const keys = [`${base}/a`, `${base}/a.b`, `${base}/a/x`, `${base}/a/y/z`, `${base}/b-c`, `${base}/b0`, `${base}/b/1`];
        for (const key of keys) await sut.write(key, Buffer.from(key), { contentType: 'text/plain' });
        await sut.write(`${base}x/outside`, Buffer.from('x'), { contentType: 'text/plain' });
        const sorted = [...keys].sort();
        const seen: string[] = [];
        let after: string | undefined;
        for (let page = 0; page < 10; page++) {
          const result = await sut.list(`${base}/`, { after, limit: 3 });
          expect(result.keys.length).toBeLessThanOrEqual(3);
          seen.push(...result.keys);
          if (!result.next) break;
          after = result.next;
        }
        expect(seen).toEqual(sorted);
        // A prefix that stops inside a segment matches like S3's.
        expect((await sut.list(base)).keys).toEqual([...sorted, `${base}x/outside`].sort());
        await sut.delete([...keys, `${base}x/outside`]);
        expect((await sut.list(`${base}/`)).keys).toEqual([]);
      });
    });

    describe('multipart', () => {
      const PART = MIN_PART_SIZE;

      it('uploads > 16 MB in 5 MiB parts, resumes after a dropped part via listParts, completes', async () => {
        const key = unique('video');
        const body = bytes(3 * PART + 1_500_000);
        const slices = [body.subarray(0, PART), body.subarray(PART, 2 * PART), body.subarray(2 * PART, 3 * PART), body.subarray(3 * PART)];
        const { uploadId } = await sut.createMultipart(key, { contentType: 'video/mp4' });
        const sendPart = async (index: number) => {
          const part = await sut.presignPart(key, uploadId, index + 1, { contentLength: slices[index]!.length });
          expect(part.partNumber).toBe(index + 1);
          return fetch(fixture.resolve(part.url), { method: 'PUT', body: slices[index]! });
        };
        expect((await sendPart(0)).status).toBe(200);
        expect((await sendPart(1)).status).toBe(200);
        // Part 3's connection drops half-way: nothing of it may count as stored.
        const part3 = await sut.presignPart(key, uploadId, 3, { contentLength: slices[2]!.length });
        await dropMidBody(fixture.resolve(part3.url), slices[2]!);
        // A part with the wrong length is refused too.
        const wrong = await sut.presignPart(key, uploadId, 4, { contentLength: slices[3]!.length });
        expect((await fetch(fixture.resolve(wrong.url), { method: 'PUT', body: Buffer.concat([slices[3]!, Buffer.alloc(1)]) })).status).toBe(403);

        const stored = await sut.listParts(key, uploadId);
        expect(stored.map((p) => [p.partNumber, p.size])).toEqual([
          [1, PART],
          [2, PART],
        ]);
        expect(await sut.head(key)).toBeNull();

        // Resume: only what listParts lacks.
        const etags = new Map(stored.map((p) => [p.partNumber, p.etag]));
        for (const index of [2, 3]) {
          const response = await sendPart(index);
          expect(response.status).toBe(200);
          etags.set(index + 1, response.headers.get('etag')!);
        }
        const all = await sut.listParts(key, uploadId);
        expect(all.map((p) => p.partNumber)).toEqual([1, 2, 3, 4]);
        for (const part of all) expect(part.etag.replace(/"/g, '')).toBe(etags.get(part.partNumber)!.replace(/"/g, ''));

        await sut.completeMultipart(key, uploadId, [...etags].sort(([a], [b]) => a - b).map(([partNumber, etag]) => ({ partNumber, etag })));
        expect(await sut.head(key)).toEqual({ size: body.length, contentType: 'video/mp4' });
        const chunks: Buffer[] = [];
        for await (const chunk of await sut.read(key)) chunks.push(chunk as Buffer);
        expect(Buffer.concat(chunks).equals(body)).toBe(true);
        await sut.delete([key]);
      });

      it('refuses to complete with a part smaller than 5 MiB that is not the last', async () => {
        const key = unique('small-parts');
        const { uploadId } = await sut.createMultipart(key, { contentType: 'video/mp4' });
        const etags: Array<{ partNumber: number; etag: string }> = [];
        for (const [partNumber, size] of [[1, 1000], [2, 1000]] as const) {
          const part = await sut.presignPart(key, uploadId, partNumber, { contentLength: size });
          const response = await fetch(fixture.resolve(part.url), { method: 'PUT', body: bytes(size) });
          expect(response.status).toBe(200);
          etags.push({ partNumber, etag: response.headers.get('etag')! });
        }
        await expect(sut.completeMultipart(key, uploadId, etags)).rejects.toBeDefined();
        expect(await sut.head(key)).toBeNull();
        await sut.abortMultipart(key, uploadId);
      });

      it('abort drops the upload: no more parts, nothing to complete, no object', async () => {
        const key = unique('aborted');
        const { uploadId } = await sut.createMultipart(key, { contentType: 'image/heic' });
        const part = await sut.presignPart(key, uploadId, 1, { contentLength: 1000 });
        const body = bytes(1000);
        const first = await fetch(fixture.resolve(part.url), { method: 'PUT', body });
        expect(first.status).toBe(200);
        await sut.abortMultipart(key, uploadId);
        const again = await fetch(fixture.resolve(part.url), { method: 'PUT', body });
        expect(again.status).toBeGreaterThanOrEqual(400);
        expect(again.status).toBeLessThan(500);
        await expect(sut.listParts(key, uploadId)).rejects.toBeDefined();
        await expect(sut.completeMultipart(key, uploadId, [{ partNumber: 1, etag: first.headers.get('etag')! }])).rejects.toBeDefined();
        expect(await sut.head(key)).toBeNull();
      });
    });
  });
}

/** Sends Content-Length and half the body, then breaks the connection: a phone that lost its network. */
async function dropMidBody(url: string, body: Buffer): Promise<void> {
  await new Promise<void>((resolve) => {
    const request = http.request(url, { method: 'PUT', headers: { 'content-length': String(body.length) } });
    request.on('error', () => resolve());
    request.on('response', (response) => {
      response.resume();
      resolve();
    });
    request.write(body.subarray(0, Math.floor(body.length / 2)), () => {
      // Give the server a moment to start writing what it got, then cut the line.
      setTimeout(() => {
        request.destroy();
        resolve();
      }, 50);
    });
  });
  // The server notices the broken connection asynchronously; listParts must not count the part after that either.
  await new Promise((resolve) => setTimeout(resolve, 100));
}
