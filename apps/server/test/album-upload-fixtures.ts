import { randomBytes } from 'node:crypto';
import { type AlbumPhoto, type AlbumSettingsPatch, type UploadTicket, WEB_CLIENT_HEADER, WEB_CLIENT_VALUE } from '@discordgym/contracts';
import sharp from 'sharp';
import { expect } from 'vitest';
import type { ApiClient, ApiResponse } from './api-client';
import { registerUser } from './factories';

/** Whoever calls an album route in a test: a user's bearer token or a guest's cookie. */
export interface AlbumParty {
  name: string;
  headers: Record<string, string>;
  /** Set for users. */
  userId?: string;
  token?: string;
  /** Set for guests. */
  guestId?: string;
}

export const uploadClientId = (): string => `u_${randomBytes(8).toString('hex')}`;

export async function albumUser(api: ApiClient): Promise<AlbumParty> {
  const user = await registerUser(api);
  return { name: user.username, headers: {}, userId: user.auth.user.id, token: user.auth.token };
}

const opts = (party: AlbumParty) => (party.token ? { token: party.token } : { headers: party.headers });

export const call = {
  get: (api: ApiClient, party: AlbumParty, path: string) => api.get(path, opts(party)),
  post: (api: ApiClient, party: AlbumParty, path: string, body?: unknown) => api.post(path, body, opts(party)),
  put: (api: ApiClient, party: AlbumParty, path: string, body?: unknown) => api.put(path, body, opts(party)),
  delete: (api: ApiClient, party: AlbumParty, path: string) => api.delete(path, opts(party)),
};

export function expectStatus(response: ApiResponse, status: number): void {
  expect(response.status, JSON.stringify(response.body)).toBe(status);
}

/** An album hosted by `host`, with the settings given (approval off unless asked). */
export async function hostAlbum(api: ApiClient, host: AlbumParty, settings: AlbumSettingsPatch = {}): Promise<{ id: string }> {
  const created = await call.post(api, host, '/api/albums', { title: `party ${randomBytes(3).toString('hex')}`, settings });
  expectStatus(created, 201);
  return { id: created.body.id as string };
}

export async function updateSettings(api: ApiClient, host: AlbumParty, albumId: string, settings: AlbumSettingsPatch): Promise<void> {
  expectStatus(await call.put(api, host, `/api/albums/${albumId}`, { settings }), 200);
}

export async function addMember(api: ApiClient, host: AlbumParty, albumId: string, member: AlbumParty, role: 'member' | 'cohost' = 'member'): Promise<void> {
  const added = await call.post(api, host, `/api/albums/${albumId}/members`, { user_id: member.userId, role });
  expect([200, 201], JSON.stringify(added.body)).toContain(added.status);
}

/** A guest of the album: invite link, then join with a name; the guest cookie is all they hold. */
export async function joinAsGuest(api: ApiClient, host: AlbumParty, albumId: string, name = `guest ${randomBytes(2).toString('hex')}`): Promise<AlbumParty> {
  const invite = await call.post(api, host, `/api/albums/${albumId}/invites`, {});
  expectStatus(invite, 201);
  const joined = await api.post('/api/guest/join', { token: invite.body.token, display_name: name });
  expectStatus(joined, 201);
  const cookie = joined.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  expect(cookie).toMatch(/dg_guest=/);
  // The cookie counts only with the web client's header (CSRF), as the browser app sends it.
  return { name, headers: { cookie, [WEB_CLIENT_HEADER]: WEB_CLIENT_VALUE }, guestId: joined.body.guest.id as string };
}

export interface FileToUpload {
  bytes: Buffer;
  type: string;
  name?: string;
  clientId?: string;
}

export async function requestUploads(api: ApiClient, party: AlbumParty, albumId: string, files: FileToUpload[]): Promise<ApiResponse> {
  return call.post(api, party, `/api/albums/${albumId}/uploads`, {
    files: files.map((f) => ({ client_id: f.clientId ?? uploadClientId(), name: f.name ?? 'photo.jpg', type: f.type, size: f.bytes.length })),
  });
}

/** A storage URL as a browser on the app's page resolves it (the disk storage answers paths on the app itself). */
export const storageUrl = (api: ApiClient, url: string): string => new URL(url, api.baseUrl).toString();

/** PUTs bytes to a presigned URL the way a browser does: the signed headers, nothing else. */
export async function putTo(api: ApiClient, url: string, headers: Record<string, string>, body: Buffer): Promise<Response> {
  const sendable = Object.fromEntries(Object.entries(headers).filter(([name]) => name.toLowerCase() !== 'content-length'));
  return fetch(storageUrl(api, url), { method: 'PUT', headers: sendable, body });
}

/** Ticket, PUT, complete: one file the way the web app uploads it. Answers complete's response. */
export async function uploadOne(api: ApiClient, party: AlbumParty, albumId: string, file: FileToUpload): Promise<{ ticket: UploadTicket; complete: ApiResponse }> {
  const tickets = await requestUploads(api, party, albumId, [file]);
  expectStatus(tickets, 200);
  const ticket = tickets.body.items[0] as UploadTicket;
  if (!ticket.put) throw new Error(`expected a single PUT, got ${JSON.stringify(ticket)}`);
  const put = await putTo(api, ticket.put.url, ticket.put.headers, file.bytes);
  expect(put.status, await put.clone().text()).toBeLessThan(300);
  const complete = await call.post(api, party, `/api/albums/${albumId}/uploads/${ticket.upload_id}/complete`);
  return { ticket, complete };
}

export async function photosOf(api: ApiClient, party: AlbumParty, albumId: string, query = ''): Promise<AlbumPhoto[]> {
  const page = await call.get(api, party, `/api/albums/${albumId}/photos${query}`);
  expectStatus(page, 200);
  return page.body.items as AlbumPhoto[];
}

export async function fetchBytes(api: ApiClient, url: string): Promise<{ status: number; bytes: Buffer; headers: Headers }> {
  const response = await fetch(storageUrl(api, url));
  return { status: response.status, bytes: Buffer.from(await response.arrayBuffer()), headers: response.headers };
}

// ---- test files, made at run time ----

/** Munich, where nobody at the party should learn the host lives. */
export const GPS = { latitude: 48.1374, longitude: 11.5755 };

/** A JPEG taken "sideways" (EXIF orientation 6: 90° clockwise), with a taken-at time and GPS. */
export async function jpegWithGps(width = 1200, height = 800): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 40, b: 90 } } })
    .jpeg({ quality: 80 })
    .withMetadata({ orientation: 6 })
    .withExif({
      IFD0: { Make: 'TestCam', Model: 'Party 1' },
      IFD2: { DateTimeOriginal: '2026:06:01 21:15:30' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '48/1 8/1 1464/100', GPSLongitudeRef: 'E', GPSLongitude: '11/1 34/1 3180/100' },
    })
    .toBuffer();
}

export const pngImage = (width = 640, height = 480) =>
  sharp({ create: { width, height, channels: 4, background: { r: 10, g: 200, b: 90, alpha: 1 } } }).png().toBuffer();

export const webpImage = (width = 2400, height = 1200) =>
  sharp({ create: { width, height, channels: 3, background: { r: 30, g: 60, b: 220 } } }).webp().toBuffer();

/** The start of an MP4 (an ftyp box, isom) padded to `size`: enough for the magic-number check. */
export function mp4Bytes(size = 4096): Buffer {
  const ftyp = Buffer.alloc(24);
  ftyp.writeUInt32BE(24, 0);
  ftyp.write('ftyp', 4, 'latin1');
  ftyp.write('isom', 8, 'latin1');
  ftyp.writeUInt32BE(0x200, 12);
  ftyp.write('isomiso2', 16, 'latin1');
  const mdat = Buffer.alloc(Math.max(0, size - 24));
  if (mdat.length >= 8) {
    mdat.writeUInt32BE(mdat.length, 0);
    mdat.write('mdat', 4, 'latin1');
  }
  return Buffer.concat([ftyp, mdat]);
}

const box = (type: string, ...content: Buffer[]) => {
  const body = Buffer.concat(content);
  const header = Buffer.alloc(8);
  header.writeUInt32BE(8 + body.length, 0);
  header.write(type, 4, 'latin1');
  return Buffer.concat([header, body]);
};

/** Where a phone writes a video's location (ISO 6709), as ©xyz and as Apple's mdta key. */
export const VIDEO_LOCATION = '+48.1374+011.5755/';

/**
 * An MP4 as a phone writes it, in miniature: ftyp, mdat, then moov with the location in
 * moov/udta/©xyz, moov/meta (Apple keys) and trak/udta; padded to `size` inside mdat.
 */
export function mp4WithLocation(size = 200_000): Buffer {
  const ftyp = box('ftyp', Buffer.from('mp42'), Buffer.from([0, 0, 0, 0]), Buffer.from('isommp42'));
  const location = Buffer.concat([Buffer.from([0, VIDEO_LOCATION.length, 0x15, 0xc7]), Buffer.from(VIDEO_LOCATION)]);
  const moov = box(
    'moov',
    box('mvhd', Buffer.alloc(100)),
    box('trak', box('tkhd', Buffer.alloc(84)), box('udta', box('\u00a9xyz', location))),
    box('udta', box('\u00a9xyz', location), box('\u00a9mod', Buffer.from('TestPhone 12'))),
    box('meta', Buffer.alloc(4), box('keys', Buffer.from('com.apple.quicktime.location.ISO6709')), box('ilst', Buffer.from(VIDEO_LOCATION))),
  );
  const mdat = box('mdat', Buffer.alloc(Math.max(0, size - ftyp.length - moov.length - 8), 7));
  return Buffer.concat([ftyp, mdat, moov]);
}

export const svgBytes = () =>
  Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(document.cookie)"><script>alert(1)</script></svg>');
export const htmlBytes = () => Buffer.from('<!doctype html><html><body><script>fetch("/api/auth/me")</script></body></html>');

/** WebP chunks (RIFF): what metadata a derivative carries, if any. */
export function webpChunks(bytes: Buffer): string[] {
  const chunks: string[] = [];
  for (let offset = 12; offset + 8 <= bytes.length; ) {
    const type = bytes.subarray(offset, offset + 4).toString('latin1');
    const size = bytes.readUInt32LE(offset + 4);
    chunks.push(type);
    offset += 8 + size + (size % 2);
  }
  return chunks;
}
