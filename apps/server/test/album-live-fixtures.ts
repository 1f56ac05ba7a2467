import { randomBytes } from 'node:crypto';
import { WEB_CLIENT_HEADER, WEB_CLIENT_VALUE } from '@discordgym/contracts';
import { and, eq, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { expect } from 'vitest';
import { DomainEvents } from '../src/events/domain-events.service';
import { albumPhotos, albums } from '../src/infra/db/schema';
import { OBJECT_STORAGE, type ObjectStorage } from '../src/infra/storage/object-storage';
import type { ApiClient } from './api-client';
import type { TestServer } from './harness';

export async function createAlbum(api: ApiClient, token: string, settings: Record<string, unknown> = {}, title = 'Summer party'): Promise<string> {
  const response = await api.post<{ id: string }>('/api/albums', { title, settings }, { token });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.id;
}

export async function addMember(api: ApiClient, hostToken: string, albumId: string, userId: string, role: 'member' | 'cohost' = 'member'): Promise<void> {
  const response = await api.post(`/api/albums/${albumId}/members`, { user_id: userId, role }, { token: hostToken });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
}

export async function createWallLink(api: ApiClient, hostToken: string, albumId: string): Promise<{ id: string; token: string }> {
  const response = await api.post<{ id: string; token: string }>(`/api/albums/${albumId}/wall-link`, undefined, { token: hostToken });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body;
}

/** A guest of the album through an invite: the cookie header value and the guest id. */
export async function joinAsGuest(api: ApiClient, hostToken: string, albumId: string, name = 'Guest'): Promise<{ cookie: string; guestId: string; headers: Record<string, string> }> {
  const invite = await api.post<{ token: string }>(`/api/albums/${albumId}/invites`, {}, { token: hostToken });
  expect(invite.status, JSON.stringify(invite.body)).toBe(201);
  const joined = await api.post<{ guest: { id: string } }>('/api/guest/join', { token: invite.body.token, display_name: name });
  expect(joined.status, JSON.stringify(joined.body)).toBe(201);
  const setCookie = joined.headers.get('set-cookie') ?? '';
  const cookie = setCookie.split(';')[0]!;
  return { cookie, guestId: joined.body.guest.id, headers: { cookie, [WEB_CLIENT_HEADER]: WEB_CLIENT_VALUE } };
}

export const storageOf = (sut: TestServer): ObjectStorage => sut.server.app.get<symbol, ObjectStorage>(OBJECT_STORAGE);

export interface SeededPhoto {
  id: string;
  seq: number;
  originalKey: string;
}

/**
 * A photo as the uploads flow leaves it (approved unless said otherwise), with its domain
 * event in the same transaction: what the wall consumers react to. `bytes` are written to
 * storage as its original when given.
 */
export async function seedPhoto(
  sut: TestServer,
  albumId: string,
  options: { uploaderUserId?: string; uploaderGuestId?: string; status?: string; bytes?: Buffer; name?: string; contentType?: string } = {},
): Promise<SeededPhoto> {
  const id = uuidv7();
  const originalKey = `albums/${albumId}/${id}/original`;
  const contentType = options.contentType ?? 'image/jpeg';
  if (options.bytes) await storageOf(sut).write(originalKey, options.bytes, { contentType, contentLength: options.bytes.length });
  const status = options.status ?? 'approved';
  const events = sut.server.app.get(DomainEvents);
  const seq = await sut.server.infra.database.db.transaction(async (tx) => {
    const [row] = await tx.update(albums).set({ lastSeq: sql`${albums.lastSeq} + 1` }).where(eq(albums.id, albumId)).returning({ seq: albums.lastSeq });
    await tx.insert(albumPhotos).values({
      id,
      albumId,
      uploaderUserId: options.uploaderUserId ?? null,
      uploaderGuestId: options.uploaderGuestId ?? null,
      clientId: `c-${randomBytes(6).toString('hex')}`,
      originalName: options.name ?? `IMG_${id.slice(-4)}.jpg`,
      originalKey,
      thumbKey: `albums/${albumId}/${id}/thumb.webp`,
      previewKey: `albums/${albumId}/${id}/preview.webp`,
      contentType,
      byteSize: options.bytes?.length ?? 1234,
      derivedBytes: 100,
      width: 800,
      height: 600,
      status,
      seq: row!.seq,
      approvedAt: status === 'approved' ? new Date() : null,
    });
    if (status === 'approved') await events.record(tx as never, 'album.photo.approved', { album_id: albumId, photo_id: id, seq: row!.seq, by_user_id: null });
    if (status === 'awaiting_approval') {
      await events.record(tx as never, 'album.photo.submitted', { album_id: albumId, photo_id: id, uploader_user_id: options.uploaderUserId ?? null, uploader_guest_id: options.uploaderGuestId ?? null });
    }
    return row!.seq;
  });
  events.kick();
  return { id, seq, originalKey };
}

/** Deleted the way the photos flow deletes: a new seq, `deleted_at`, and `album.photo.removed`. */
export async function removePhoto(sut: TestServer, albumId: string, photoId: string): Promise<number> {
  const events = sut.server.app.get(DomainEvents);
  const seq = await sut.server.infra.database.db.transaction(async (tx) => {
    const [row] = await tx.update(albums).set({ lastSeq: sql`${albums.lastSeq} + 1` }).where(eq(albums.id, albumId)).returning({ seq: albums.lastSeq });
    await tx.update(albumPhotos).set({ deletedAt: new Date(), seq: row!.seq }).where(and(eq(albumPhotos.id, photoId), eq(albumPhotos.albumId, albumId)));
    await events.record(tx as never, 'album.photo.removed', { album_id: albumId, photo_id: photoId, seq: row!.seq, reason: 'deleted', by_user_id: null, by_guest_id: null });
    return row!.seq;
  });
  events.kick();
  return seq;
}
