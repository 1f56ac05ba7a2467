import { randomBytes } from 'node:crypto';
import { type AlbumPhoto, MULTIPART_PART_BYTES, type UploadParts, type UploadTicket } from '@discordgym/contracts';
import { and, count, eq, sql } from 'drizzle-orm';
import exifr from 'exifr';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addMember,
  storageUrl,
  type AlbumParty,
  albumUser,
  call,
  expectStatus,
  fetchBytes,
  GPS,
  hostAlbum,
  htmlBytes,
  joinAsGuest,
  jpegWithGps,
  mp4Bytes,
  mp4WithLocation,
  photosOf,
  pngImage,
  putTo,
  requestUploads,
  svgBytes,
  updateSettings,
  uploadClientId,
  uploadOne,
  VIDEO_LOCATION,
  webpChunks,
  webpImage,
} from '../../../test/album-upload-fixtures';
import { ApiClient } from '../../../test/api-client';
import type { TestEnv, TestServer } from '../../../test/harness';
import { eventually } from '../../../test/sockets';
import { albumPhotos, domainEvents } from '../../infra/db/schema';
import { OBJECT_STORAGE, type ObjectStorage } from '../../infra/storage/object-storage';
import { photoKeys } from './photo-keys';

export type StartUploadServer = (env?: TestEnv) => Promise<TestServer>;

/**
 * Issue 9 points 4–6 over HTTP with real bytes through presigned URLs: upload request
 * (checks, quota, idempotent client ids), PUT straight to storage, complete (size, magic
 * number), processing (derivatives without EXIF), moderation and deletes. Run on the disk
 * storage (embedded, album-uploads.test.ts) and on an S3 server that checks SigV4
 * (album-uploads.cluster.test.ts): the storage backend is what changes.
 */
export function describeAlbumUploads(mode: string, start: StartUploadServer): void {
  describe(`album uploads (${mode})`, () => {
    let sut: TestServer;
    let api: ApiClient;
    let storage: ObjectStorage;
    beforeAll(async () => {
      sut = await start({ RATE_LIMIT_ALBUM_UPLOADS_PER_GUEST: '1000' });
      api = new ApiClient(sut.url);
      storage = sut.server.app.get<ObjectStorage>(OBJECT_STORAGE);
    });
    afterAll(() => sut?.close());

    const db = () => sut.server.infra.database.db;
    const photoRow = async (id: string) => (await db().select().from(albumPhotos).where(eq(albumPhotos.id, id)))[0];
    const rowsOf = async (albumId: string) => Number((await db().select({ n: count() }).from(albumPhotos).where(eq(albumPhotos.albumId, albumId)))[0]!.n);
    const eventsOf = async (name: string, photoId: string) =>
      db()
        .select({ payload: domainEvents.payload })
        .from(domainEvents)
        .where(and(eq(domainEvents.name, name), sql`${domainEvents.payload}->>'photo_id' = ${photoId}`));
    const waitFor = async (party: AlbumParty, albumId: string, photoId: string, status: string): Promise<AlbumPhoto> => {
      let found: AlbumPhoto | undefined;
      await eventually(async () => {
        const row = await photoRow(photoId);
        expect(row?.status).toBe(status);
      }, 20_000);
      await eventually(async () => {
        found = (await photosOf(api, party, albumId)).find((p) => p.id === photoId);
        expect(found).toBeDefined();
      });
      return found!;
    };
    const setup = async (settings = {}) => {
      const host = await albumUser(api);
      const album = await hostAlbum(api, host, settings);
      const guest = await joinAsGuest(api, host, album.id, 'Ada');
      return { host, album, guest };
    };

    it('a guest uploads a JPEG with GPS: derivatives are upright WebP without EXIF, the original with GPS is for hosts only', async () => {
      const { host, album, guest } = await setup();
      const other = await joinAsGuest(api, host, album.id, 'Bob');
      const original = await jpegWithGps(2400, 1600);
      const { ticket, complete } = await uploadOne(api, guest, album.id, { bytes: original, type: 'image/jpeg', name: '../../etc/IMG_0001.jpg' });
      expectStatus(complete, 200);
      expect(complete.body).toMatchObject({ id: ticket.photo_id, status: 'processing', content_type: 'image/jpeg', mine: true });
      // The key is the server's, never the client's name.
      expect((await photoRow(ticket.photo_id))!.originalKey).toBe(`albums/${album.id}/${ticket.photo_id}/original`);
      expect(ticket.put!.url).not.toContain('IMG_0001');

      const seen = await waitFor(other, album.id, ticket.photo_id, 'approved');
      expect(seen).toMatchObject({
        status: 'approved',
        kind: 'image',
        width: 1600,
        height: 2400,
        taken_at: '2026-06-01T21:15:30.000Z',
        uploader: { kind: 'guest', id: guest.guestId, display_name: 'Ada' },
        mine: false,
        heart_count: 0,
      });
      expect(seen.placeholder).toMatch(/^[A-Za-z0-9+/=]{10,}$/);
      expect(seen.urls.original).toBeNull();
      for (const [url, longest] of [[seen.urls.thumb!, 400], [seen.urls.preview!, 1600]] as const) {
        const got = await fetchBytes(api, url);
        expect(got.status).toBe(200);
        expect(got.headers.get('content-type')).toBe('image/webp');
        // S3 cannot be told to add nosniff through a presigned URL; the disk storage does (the storage contract covers both).
        if (storage.kind === 'disk') expect(got.headers.get('x-content-type-options')).toBe('nosniff');
        const meta = await sharp(got.bytes).metadata();
        expect({ format: meta.format, longest: Math.max(meta.width!, meta.height!), portrait: meta.height! > meta.width!, exif: meta.exif }).toEqual({
          format: 'webp',
          longest,
          portrait: true,
          exif: undefined,
        });
        expect(webpChunks(got.bytes).filter((c) => c === 'EXIF' || c === 'XMP ')).toEqual([]);
      }

      const [hostView] = (await photosOf(api, host, album.id)).filter((p) => p.id === ticket.photo_id);
      const hostOriginal = await fetchBytes(api, hostView!.urls.original!);
      expect(hostOriginal.status).toBe(200);
      expect(hostOriginal.bytes.equals(original)).toBe(true);
      expect(hostOriginal.headers.get('content-disposition')).toMatch(/attachment/);
      const gps = await exifr.gps(hostOriginal.bytes);
      expect(gps.latitude).toBeCloseTo(GPS.latitude, 3);
      expect(await eventsOf('album.photo.approved', ticket.photo_id)).toEqual([{ payload: { album_id: album.id, photo_id: ticket.photo_id, seq: expect.any(Number), by_user_id: null } }]);
    });

    it('PNG, WebP and an MP4 (kept as is, no derivative) from a member; sort by taken and by upload, in pages', async () => {
      const { host, album } = await setup();
      const member = await albumUser(api);
      await addMember(api, host, album.id, member);
      const ids: string[] = [];
      for (const file of [
        { bytes: await pngImage(), type: 'image/png', name: 'a.png' },
        { bytes: await webpImage(), type: 'image/webp', name: 'b.webp' },
        { bytes: mp4Bytes(50_000), type: 'video/mp4', name: 'c.mp4' },
        { bytes: await jpegWithGps(400, 300), type: 'image/jpeg', name: 'd.jpg' },
      ]) {
        const { ticket, complete } = await uploadOne(api, member, album.id, file);
        expectStatus(complete, 200);
        ids.push(ticket.photo_id);
      }
      for (const id of ids) await waitFor(host, album.id, id, 'approved');
      const newest = await photosOf(api, host, album.id);
      expect(newest.map((p) => p.id)).toEqual([...ids].reverse());
      const webp = newest.find((p) => p.id === ids[1])!;
      expect({ w: webp.width, h: webp.height }).toEqual({ w: 2400, h: 1200 });
      const video = newest.find((p) => p.id === ids[2])!;
      expect(video).toMatchObject({ kind: 'video', content_type: 'video/mp4', urls: { thumb: null, preview: null } });
      expect((await fetchBytes(api, video.urls.original!)).bytes.equals(mp4Bytes(50_000))).toBe(true);

      // Taken order: the one JPEG with a time first, then the rest by upload.
      const taken = await photosOf(api, host, album.id, '?sort=taken');
      expect(taken.map((p) => p.id)).toEqual([ids[3], ids[0], ids[1], ids[2]]);
      const pages: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await call.get(api, host, `/api/albums/${album.id}/photos?sort=taken&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
        expectStatus(page, 200);
        pages.push(...page.body.items.map((p: AlbumPhoto) => p.id));
        cursor = page.body.next_cursor;
      } while (cursor);
      expect(pages).toEqual(taken.map((p) => p.id));
      expectStatus(await call.get(api, host, `/api/albums/${album.id}/photos?limit=101`), 400);
      expectStatus(await call.get(api, host, `/api/albums/${album.id}/photos?cursor=bogus`), 400);
    });

    it('a phone video with its location: other guests play a copy with the metadata blanked, the host gets the original', async () => {
      const { host, album, guest } = await setup();
      const other = await joinAsGuest(api, host, album.id, 'Finn');
      const original = mp4WithLocation(300_000);
      const { ticket, complete } = await uploadOne(api, guest, album.id, { bytes: original, type: 'video/mp4', name: 'toast.mp4' });
      expectStatus(complete, 200);
      const seen = await waitFor(other, album.id, ticket.photo_id, 'approved');
      expect(seen).toMatchObject({ kind: 'video', urls: { thumb: null, preview: null } });
      const played = await fetchBytes(api, seen.urls.original!);
      expect(played.status).toBe(200);
      expect(played.bytes.length).toBe(original.length);
      expect(played.bytes.includes(Buffer.from(VIDEO_LOCATION))).toBe(false);
      expect(played.bytes.includes(Buffer.from('TestPhone'))).toBe(false);
      const hostView = (await photosOf(api, host, album.id)).find((p) => p.id === ticket.photo_id)!;
      expect((await fetchBytes(api, hostView.urls.original!)).bytes.equals(original)).toBe(true);
      // Deleting takes the copy too.
      expectStatus(await call.delete(api, guest, `/api/albums/${album.id}/photos/${ticket.photo_id}`), 204);
      for (const key of Object.values(photoKeys(album.id, ticket.photo_id))) expect(await storage.head(key)).toBeNull();
    });

    it('an SVG and an HTML page named x.jpg are refused with 422 and deleted from storage', async () => {
      const { guest, album, host } = await setup();
      for (const bytes of [svgBytes(), htmlBytes()]) {
        const { ticket, complete } = await uploadOne(api, guest, album.id, { bytes, type: 'image/jpeg', name: 'x.jpg' });
        expectStatus(complete, 422);
        expect(complete.body.error.code).toBe('FILE_TYPE_REFUSED');
        expect(await storage.head(photoKeys(album.id, ticket.photo_id).original)).toBeNull();
        expect((await photoRow(ticket.photo_id))!.status).toBe('failed');
        // Completing again answers the same, and never starts processing.
        expect((await call.post(api, guest, `/api/albums/${album.id}/uploads/${ticket.upload_id}/complete`)).status).toBe(422);
        expect(await eventsOf('album.photo.uploaded', ticket.photo_id)).toEqual([]);
      }
      expect(await photosOf(api, host, album.id)).toEqual([]);
    });

    it('the same client_id twice is one photo: before the bytes (a fresh URL), after complete (no URL), in one batch (400)', async () => {
      const { guest, album } = await setup();
      const bytes = await pngImage(64, 64);
      const clientId = uploadClientId();
      const first = await requestUploads(api, guest, album.id, [{ bytes, type: 'image/png', clientId }]);
      const again = await requestUploads(api, guest, album.id, [{ bytes, type: 'image/png', clientId }]);
      expectStatus(first, 200);
      expectStatus(again, 200);
      const [a, b] = [first.body.items[0] as UploadTicket, again.body.items[0] as UploadTicket];
      expect(b.photo_id).toBe(a.photo_id);
      expect(b.put).not.toBeNull();
      expect((await putTo(api, b.put!.url, b.put!.headers, bytes)).status).toBeLessThan(300);
      expectStatus(await call.post(api, guest, `/api/albums/${album.id}/uploads/${a.upload_id}/complete`), 200);
      expectStatus(await call.post(api, guest, `/api/albums/${album.id}/uploads/${a.upload_id}/complete`), 200);
      const later = await requestUploads(api, guest, album.id, [{ bytes, type: 'image/png', clientId }]);
      expect(later.body.items[0]).toMatchObject({ photo_id: a.photo_id, put: null, multipart: null });
      expect(await rowsOf(album.id)).toBe(1);
      expect(await eventsOf('album.photo.uploaded', a.photo_id)).toHaveLength(1);
      // Another file under the same id is a conflict, not a second photo.
      expectStatus(await requestUploads(api, guest, album.id, [{ bytes: Buffer.alloc(10), type: 'image/png', clientId }]), 409);
      expectStatus(await requestUploads(api, guest, album.id, [{ bytes, type: 'image/png', clientId: 'x1' }, { bytes, type: 'image/png', clientId: 'x1' }]), 400);
      expect(await rowsOf(album.id)).toBe(1);
    });

    it('quota 100: the 101st photo is refused before any URL is issued; bytes quota too', async () => {
      const { guest, album, host } = await setup({ guest_quota_photos: 100 });
      const tiny = Buffer.alloc(1000);
      for (let batch = 0; batch < 5; batch++) {
        const files = Array.from({ length: 20 }, () => ({ bytes: tiny, type: 'image/jpeg' }));
        expectStatus(await requestUploads(api, guest, album.id, files), 200);
      }
      expect(await rowsOf(album.id)).toBe(100);
      const refused = await requestUploads(api, guest, album.id, [{ bytes: tiny, type: 'image/jpeg' }]);
      expectStatus(refused, 413);
      expect(refused.body.error).toMatchObject({ code: 'QUOTA_EXCEEDED', details: { quota_photos: 100, used_photos: 100 } });
      expect(JSON.stringify(refused.body)).not.toMatch(/https?:\/\//);
      expect(await rowsOf(album.id)).toBe(100);
      // Hosts have no quota in their own album.
      expectStatus(await requestUploads(api, host, album.id, [{ bytes: tiny, type: 'image/jpeg' }]), 200);

      const small = await setup({ guest_quota_bytes: 5000 });
      expectStatus(await requestUploads(api, small.guest, small.album.id, [{ bytes: Buffer.alloc(4000), type: 'image/jpeg' }]), 200);
      expectStatus(await requestUploads(api, small.guest, small.album.id, [{ bytes: Buffer.alloc(1001), type: 'image/jpeg' }]), 413);
    });

    it('refuses before anything is written: closed uploads, a window, a type off the list, a file too large, strangers and other albums', async () => {
      const { guest, album, host } = await setup({ max_file_bytes: 10_000 });
      const bytes = await pngImage(16, 16);
      const code = async (party: AlbumParty, albumId: string, files: Parameters<typeof requestUploads>[3]) => {
        const response = await requestUploads(api, party, albumId, files);
        return `${response.status} ${response.body?.error?.code}`;
      };
      expect(await code(guest, album.id, [{ bytes, type: 'image/svg+xml' }])).toBe('415 UNSUPPORTED_MEDIA_TYPE');
      expect(await code(guest, album.id, [{ bytes, type: 'text/html' }])).toBe('415 UNSUPPORTED_MEDIA_TYPE');
      expect(await code(guest, album.id, [{ bytes: Buffer.alloc(10_001), type: 'image/png' }])).toBe('413 PAYLOAD_TOO_LARGE');
      const stranger = await albumUser(api);
      expect(await code(stranger, album.id, [{ bytes, type: 'image/png' }])).toBe('404 NOT_FOUND');
      const elsewhere = await setup();
      expect(await code(elsewhere.guest, album.id, [{ bytes, type: 'image/png' }])).toBe('404 NOT_FOUND');
      await updateSettings(api, host, album.id, { uploads_open: false });
      expect(await code(guest, album.id, [{ bytes, type: 'image/png' }])).toBe('403 UPLOADS_CLOSED');
      await updateSettings(api, host, album.id, { uploads_open: true, upload_window_start: new Date(Date.now() + 3_600_000).toISOString() });
      expect(await code(guest, album.id, [{ bytes, type: 'image/png' }])).toBe('403 UPLOADS_CLOSED');
      expect(await rowsOf(album.id)).toBe(0);
      // Bad bodies: 400.
      for (const body of [{}, { files: [] }, { files: [{ client_id: 'a b', name: 'x', type: 'image/png', size: 1 }] }, { files: [{ client_id: 'a', name: 'x', type: 'image/png', size: 0 }] }]) {
        expectStatus(await call.post(api, guest, `/api/albums/${album.id}/uploads`, body), 400);
      }
    });

    it('a presigned URL writes only its key, its length and its type; complete checks what arrived', async () => {
      const { guest, album, host } = await setup();
      const bytes = await pngImage(32, 32);
      const tickets = await requestUploads(api, guest, album.id, [{ bytes, type: 'image/png' }]);
      const ticket = tickets.body.items[0] as UploadTicket;
      const { url, headers } = ticket.put!;
      expect(headers['content-type'] ?? headers['Content-Type']).toBe('image/png');
      const complete = () => call.post(api, guest, `/api/albums/${album.id}/uploads/${ticket.upload_id}/complete`);
      // Nothing there yet.
      expect((await complete()).body.error.code).toBe('UPLOAD_INCOMPLETE');
      // A larger body, another type, another key: refused by the storage.
      expect((await putTo(api, url, headers, Buffer.concat([bytes, Buffer.alloc(10)]))).status).toBeGreaterThanOrEqual(400);
      expect((await putTo(api, url, { ...headers, 'content-type': 'text/html' }, bytes)).status).toBeGreaterThanOrEqual(400);
      const other = url.replace(ticket.photo_id, '01900000-0000-7000-8000-000000000000');
      expect((await putTo(api, other, headers, bytes)).status).toBeGreaterThanOrEqual(400);
      expect((await complete()).status).toBe(409);
      expect((await putTo(api, url, headers, bytes)).status).toBeLessThan(300);
      // Someone else's upload does not exist for another guest.
      const bob = await joinAsGuest(api, host, album.id, 'Bob');
      expectStatus(await call.post(api, bob, `/api/albums/${album.id}/uploads/${ticket.upload_id}/complete`), 404);
      expectStatus(await complete(), 200);
    });

    it('a file over 16 MB goes multipart: parts, a dropped connection, resume with the parts already stored, complete', async () => {
      const { guest, album, host } = await setup();
      const size = 2 * MULTIPART_PART_BYTES + 1234;
      const bytes = Buffer.concat([mp4Bytes(4096), randomBytes(size - 4096)]);
      const tickets = await requestUploads(api, guest, album.id, [{ bytes, type: 'video/mp4', name: 'speech.mp4' }]);
      expectStatus(tickets, 200);
      const ticket = tickets.body.items[0] as UploadTicket;
      expect(ticket).toMatchObject({ put: null, multipart: { part_size: MULTIPART_PART_BYTES, part_count: 3 } });
      const partsPath = `/api/albums/${album.id}/uploads/${ticket.upload_id}/parts`;
      const slice = (n: number) => bytes.subarray((n - 1) * MULTIPART_PART_BYTES, Math.min(size, n * MULTIPART_PART_BYTES));

      const first = (await call.post(api, guest, partsPath, {})).body as UploadParts;
      expect(first).toMatchObject({ part_count: 3, uploaded: [] });
      expect(first.parts.map((p) => [p.part_number, p.size])).toEqual([[1, MULTIPART_PART_BYTES], [2, MULTIPART_PART_BYTES], [3, 1234]]);
      const put = (part: UploadParts['parts'][number]) => fetch(storageUrl(api, part.url), { method: 'PUT', body: slice(part.part_number) });
      expect((await put(first.parts[0]!)).status).toBeLessThan(300);
      // The connection drops here; complete now finds a part missing.
      const early = await call.post(api, guest, `/api/albums/${album.id}/uploads/${ticket.upload_id}/complete`);
      expect(`${early.status} ${early.body.error.code}`).toBe('409 UPLOAD_INCOMPLETE');

      // The retry (same client_id) is the same upload; parts says what is stored and signs the rest.
      const retried = await requestUploads(api, guest, album.id, [{ bytes, type: 'video/mp4', clientId: ticket.client_id }]);
      expect(retried.body.items[0].upload_id).toBe(ticket.upload_id);
      const resumed = (await call.post(api, guest, partsPath, {})).body as UploadParts;
      expect(resumed.uploaded).toEqual([{ part_number: 1, size: MULTIPART_PART_BYTES }]);
      expect(resumed.parts.map((p) => p.part_number)).toEqual([2, 3]);
      // A part URL takes only its own length.
      expect((await fetch(storageUrl(api, resumed.parts[1]!.url), { method: 'PUT', body: Buffer.alloc(1235) })).status).toBeGreaterThanOrEqual(400);
      for (const part of resumed.parts) expect((await put(part)).status).toBeLessThan(300);
      const done = await call.post(api, guest, `/api/albums/${album.id}/uploads/${ticket.upload_id}/complete`);
      expectStatus(done, 200);
      expect(done.body).toMatchObject({ kind: 'video', byte_size: size });
      expect((await storage.head(photoKeys(album.id, ticket.photo_id).original))?.size).toBe(size);
      const seen = await waitFor(host, album.id, ticket.photo_id, 'approved');
      expect((await fetchBytes(api, seen.urls.original!)).bytes.equals(bytes)).toBe(true);
      expectStatus(await call.post(api, guest, partsPath, { part_numbers: [4] }), 409);
    });

    it('with approval on: the host queue, approve and reject (one or many), rejected files deleted, guests cannot moderate', async () => {
      const { guest, album, host } = await setup({ approval_required: true });
      const other = await joinAsGuest(api, host, album.id, 'Cem');
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) {
        const { ticket } = await uploadOne(api, guest, album.id, { bytes: await pngImage(100 + i, 80), type: 'image/png' });
        ids.push(ticket.photo_id);
      }
      for (const id of ids) await eventually(async () => expect((await photoRow(id))!.status).toBe('awaiting_approval'), 20_000);
      expect(await eventsOf('album.photo.submitted', ids[0]!)).toEqual([{ payload: { album_id: album.id, photo_id: ids[0], uploader_user_id: null, uploader_guest_id: guest.guestId } }]);
      // Others do not see waiting photos; the uploader sees their own, waiting.
      expect(await photosOf(api, other, album.id)).toEqual([]);
      expect((await photosOf(api, guest, album.id)).map((p) => p.status)).toEqual(['awaiting_approval', 'awaiting_approval', 'awaiting_approval']);

      expectStatus(await call.get(api, guest, `/api/albums/${album.id}/moderation`), 403);
      expectStatus(await call.post(api, guest, `/api/albums/${album.id}/moderation`, { photo_ids: [ids[0]], action: 'approve' }), 403);
      const queue = await call.get(api, host, `/api/albums/${album.id}/moderation?limit=2`);
      expectStatus(queue, 200);
      expect(queue.body.items.map((p: AlbumPhoto) => p.id)).toEqual(ids.slice(0, 2));
      const rest = await call.get(api, host, `/api/albums/${album.id}/moderation?cursor=${queue.body.next_cursor}`);
      expect(rest.body.items.map((p: AlbumPhoto) => p.id)).toEqual([ids[2]]);

      const approved = await call.post(api, host, `/api/albums/${album.id}/moderation`, { photo_ids: [ids[0], ids[1]], action: 'approve' });
      expectStatus(approved, 200);
      expect(approved.body).toEqual({ approved: [ids[0], ids[1]], rejected: [], skipped: [] });
      const rejected = await call.post(api, host, `/api/albums/${album.id}/moderation`, { photo_ids: [ids[2], ids[0]], action: 'reject' });
      expect(rejected.body).toEqual({ approved: [], rejected: [ids[2]], skipped: [ids[0]] });
      for (const key of Object.values(photoKeys(album.id, ids[2]!))) await eventually(async () => expect(await storage.head(key)).toBeNull());
      expect(await storage.head(photoKeys(album.id, ids[0]!).thumb)).not.toBeNull();
      expect((await photosOf(api, other, album.id)).map((p) => p.id)).toEqual([ids[1], ids[0]]);
      expect(await eventsOf('album.photo.removed', ids[2]!)).toEqual([
        { payload: { album_id: album.id, photo_id: ids[2], seq: expect.any(Number), reason: 'rejected', by_user_id: host.userId, by_guest_id: null } },
      ]);
      expectStatus(await call.post(api, host, `/api/albums/${album.id}/moderation`, { photo_ids: Array.from({ length: 101 }, () => ids[0]), action: 'approve' }), 400);
    });

    it('guests delete their own uploads (not others’), hosts delete anything; files gone from storage', async () => {
      const { guest, album, host } = await setup();
      const other = await joinAsGuest(api, host, album.id, 'Dora');
      const mine = (await uploadOne(api, guest, album.id, { bytes: await pngImage(50, 50), type: 'image/png' })).ticket.photo_id;
      const theirs = (await uploadOne(api, other, album.id, { bytes: await pngImage(60, 60), type: 'image/png' })).ticket.photo_id;
      await waitFor(host, album.id, mine, 'approved');
      await waitFor(host, album.id, theirs, 'approved');

      expectStatus(await call.delete(api, guest, `/api/albums/${album.id}/photos/${theirs}`), 403);
      expectStatus(await call.delete(api, guest, `/api/albums/${album.id}/photos/${mine}`), 204);
      expectStatus(await call.delete(api, guest, `/api/albums/${album.id}/photos/${mine}`), 404);
      for (const key of Object.values(photoKeys(album.id, mine))) expect(await storage.head(key)).toBeNull();
      expect((await photosOf(api, host, album.id)).map((p) => p.id)).toEqual([theirs]);
      expectStatus(await call.delete(api, host, `/api/albums/${album.id}/photos/${theirs}`), 204);
      for (const key of Object.values(photoKeys(album.id, theirs))) expect(await storage.head(key)).toBeNull();
      expect(await photosOf(api, other, album.id)).toEqual([]);
      expect((await eventsOf('album.photo.removed', mine))[0]!.payload).toMatchObject({ reason: 'deleted', by_guest_id: guest.guestId, by_user_id: null });
      const stranger = await albumUser(api);
      expectStatus(await call.delete(api, stranger, `/api/albums/${album.id}/photos/${theirs}`), 404);
    });
  });
}
