import type { AlbumPhoto, UploadTicket } from '@discordgym/contracts';
import { and, count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { seedPhoto } from '../../../test/album-live-fixtures';
import { addMember, albumUser, call, hostAlbum, joinAsGuest, pngImage, putTo, uploadClientId } from '../../../test/album-upload-fixtures';
import { type StartChatServer, useChatServer } from '../../../test/chat-fixtures';
import { albumMembers, albumPhotoHearts, albumPhotos } from '../../infra/db/schema';

/**
 * The same album request twice at the same moment (a double tap, a retry racing the first
 * try): both answer as a repeat would, never 500, and the data is there once. PGlite runs
 * one transaction at a time, PostgreSQL runs them side by side: both modes.
 */
export function describeAlbumRaces(mode: string, start: StartChatServer): void {
  describe(`albums: simultaneous repeats (${mode})`, () => {
    const chat = useChatServer(start);
    const twice = <T>(send: () => Promise<T>) => Promise.all([send(), send()]);
    const db = () => chat.sut.server.infra.database.db;

    it('a first heart twice at once, by a member and by a guest: both 200, one heart each', async () => {
      const host = await albumUser(chat.api);
      const album = await hostAlbum(chat.api, host);
      const guest = await joinAsGuest(chat.api, host, album.id);
      const photo = await seedPhoto(chat.sut, album.id, { uploaderUserId: host.userId! });
      const path = `/api/albums/${album.id}/photos/${photo.id}/heart`;
      for (const party of [host, guest]) {
        const answers = await twice(() => call.put(chat.api, party, path));
        for (const r of answers) expect(r.status, JSON.stringify(r.body)).toBe(200);
      }
      const [hearts] = await db().select({ n: count() }).from(albumPhotoHearts).where(eq(albumPhotoHearts.photoId, photo.id));
      expect(hearts!.n).toBe(2);
      const [row] = await db().select({ heartCount: albumPhotos.heartCount }).from(albumPhotos).where(eq(albumPhotos.id, photo.id));
      expect(row!.heartCount).toBe(2);
    });

    it('the same upload request twice at once, even for the last photo of the quota: both 200, one photo, the same ticket', async () => {
      const host = await albumUser(chat.api);
      const album = await hostAlbum(chat.api, host, { guest_quota_photos: 1 });
      const guest = await joinAsGuest(chat.api, host, album.id);
      const bytes = await pngImage(64, 48);
      const body = { files: [{ client_id: uploadClientId(), name: 'a.png', type: 'image/png', size: bytes.length }] };
      const answers = await twice(() => call.post(chat.api, guest, `/api/albums/${album.id}/uploads`, body));
      for (const r of answers) expect(r.status, JSON.stringify(r.body)).toBe(200);
      const [a, b] = answers.map((r) => r.body.items[0] as UploadTicket);
      expect(a!.photo_id).toBe(b!.photo_id);
      const [rows] = await db().select({ n: count() }).from(albumPhotos).where(eq(albumPhotos.albumId, album.id));
      expect(rows!.n).toBe(1);

      // Completing it twice at once: both 2xx, one photo on its way.
      expect((await putTo(chat.api, a!.put!.url, a!.put!.headers, bytes)).status).toBeLessThan(300);
      const completes = await twice(() => call.post(chat.api, guest, `/api/albums/${album.id}/uploads/${a!.upload_id}/complete`));
      for (const r of completes) expect(r.status, JSON.stringify(r.body)).toBeLessThan(300);
      const mine = await call.get(chat.api, guest, `/api/albums/${album.id}/photos`);
      expect((mine.body.items as AlbumPhoto[]).map((p) => p.id)).toEqual([a!.photo_id]);
    });

    it('host actions twice at once (approve, delete a photo, new wall link, remove a guest, remove a member) and one invite used twice at once: never a 500', async () => {
      const host = await albumUser(chat.api);
      const member = await albumUser(chat.api);
      const album = await hostAlbum(chat.api, host, { approval_required: true });
      await addMember(chat.api, host, album.id, member);
      const guest = await joinAsGuest(chat.api, host, album.id);
      const waiting = await seedPhoto(chat.sut, album.id, { uploaderGuestId: guest.guestId!, status: 'awaiting_approval' });
      const approvals = await twice(() => call.post(chat.api, host, `/api/albums/${album.id}/moderation`, { photo_ids: [waiting.id], action: 'approve' }));
      for (const r of approvals) expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(approvals.map((r) => r.body.approved.length).sort()).toEqual([0, 1]);

      const deletes = await twice(() => call.delete(chat.api, host, `/api/albums/${album.id}/photos/${waiting.id}`));
      for (const r of deletes) expect([204, 404], JSON.stringify(r.body)).toContain(r.status);
      expect(deletes.map((r) => r.status)).toContain(204);

      const walls = await twice(() => call.post(chat.api, host, `/api/albums/${album.id}/wall-link`));
      for (const r of walls) expect(r.status, JSON.stringify(r.body)).toBe(201);

      for (const path of [`/api/albums/${album.id}/guests/${guest.guestId}`, `/api/albums/${album.id}/members/${member.userId}`]) {
        const removals = await twice(() => call.delete(chat.api, host, path));
        for (const r of removals) expect([204, 404], `${path} ${JSON.stringify(r.body)}`).toContain(r.status);
        expect(removals.map((r) => r.status)).toContain(204);
      }

      const invite = await call.post(chat.api, host, `/api/albums/${album.id}/invites`, {});
      expect(invite.status).toBe(201);
      const joins = await twice(() => chat.api.post('/api/guest/join', { token: invite.body.token, display_name: 'Twice' }));
      for (const r of joins) expect(r.status, JSON.stringify(r.body)).toBeLessThan(500);
    });

    it('the same member added twice at once: both 2xx, one membership', async () => {
      const host = await albumUser(chat.api);
      const friend = await albumUser(chat.api);
      const album = await hostAlbum(chat.api, host);
      await twice(() => addMember(chat.api, host, album.id, friend));
      const [rows] = await db().select({ n: count() }).from(albumMembers).where(and(eq(albumMembers.albumId, album.id), eq(albumMembers.userId, friend.userId!)));
      expect(rows!.n).toBe(1);
    });
  });
}
