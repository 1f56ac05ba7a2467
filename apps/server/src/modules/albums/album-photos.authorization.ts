import { MULTIPART_THRESHOLD_BYTES, type UploadTicket } from '@discordgym/contracts';
import { type AlbumActorName, type AlbumWorld, type AuthorizationCases, outcomes } from '../../../test/album-fixtures';
import { seedPhoto } from '../../../test/album-live-fixtures';
import { pngImage, putTo, uploadClientId } from '../../../test/album-upload-fixtures';

/*
 * Matrix rows of uploads, photos, moderation and hearts (uploads.controller.ts,
 * photos.controller.ts, album-hearts.controller.ts). Everyone in album A uploads, browses,
 * hearts and deletes their own photos (policy `upload` / `view` / `heart` / `deletePhoto`);
 * hosts and co-hosts moderate and delete anything. A guest of album B or a stranger never
 * learns album A exists (404). The wall link reads the wall over its socket only: no photo
 * route admits it (403).
 */
const everyoneInAlbum = (ok: number) => outcomes(ok, 404, ok, ok, ok, 404, 403);
const hostsOnly = (ok: number) => outcomes(403, 403, 403, ok, ok, 404, 403);

/** Who may upload to album A: the actor itself; for everyone else the upload used is guest A's (not theirs, and not their album). */
const uploaders: ReadonlySet<AlbumActorName> = new Set(['guestA', 'member', 'cohost', 'host']);
const uploaderFor = (actor: AlbumActorName): AlbumActorName => (uploaders.has(actor) ? actor : 'guestA');

async function ticketFor(w: AlbumWorld, actor: AlbumActorName, type: string, size: number): Promise<UploadTicket> {
  const made = await w.api.post(`/api/albums/${w.albumA.id}/uploads`, { files: [{ client_id: uploadClientId(), name: 'photo.png', type, size }] }, w.as(actor));
  if (made.status !== 200) throw new Error(`uploads as ${actor}: ${made.status} ${JSON.stringify(made.body)}`);
  return (made.body as { items: UploadTicket[] }).items[0]!;
}

/** An upload whose bytes are in storage, waiting for complete: what the caller would complete next. */
async function uploadedBytes(w: AlbumWorld, actor: AlbumActorName): Promise<UploadTicket> {
  const bytes = await pngImage(64, 48);
  const ticket = await ticketFor(w, actor, 'image/png', bytes.length);
  const put = await putTo(w.api, ticket.put!.url, ticket.put!.headers, bytes);
  if (put.status >= 300) throw new Error(`PUT: ${put.status} ${await put.text()}`);
  return ticket;
}

/**
 * A photo of album A by the actor (a user's or a guest's own upload), with its original in
 * storage: later rows ZIP the whole shared album, and a missing original fails a ZIP.
 */
function ownPhoto(w: AlbumWorld, actor: AlbumActorName, status = 'approved') {
  const by = actor === 'guestA' ? { uploaderGuestId: w.guestA.id } : { uploaderUserId: w.users[actor as 'member' | 'cohost' | 'host'].id };
  return seedPhoto(w.sut, w.albumA.id, { ...by, status, bytes: Buffer.from('not really a jpeg') });
}

export const authorizationCases: AuthorizationCases = {
  createAlbumUploads: {
    expect: everyoneInAlbum(200),
    request: (w) => ({ path: `/api/albums/${w.albumA.id}/uploads`, body: { files: [{ client_id: uploadClientId(), name: 'photo.jpg', type: 'image/jpeg', size: 2048 }] } }),
  },
  albumUploadParts: {
    expect: everyoneInAlbum(200),
    request: async (w, actor) => {
      const ticket = await ticketFor(w, uploaderFor(actor), 'video/mp4', MULTIPART_THRESHOLD_BYTES + 1024);
      return { path: `/api/albums/${w.albumA.id}/uploads/${ticket.upload_id}/parts`, body: {} };
    },
  },
  completeAlbumUpload: {
    expect: everyoneInAlbum(200),
    request: async (w, actor) => {
      const ticket = await uploadedBytes(w, uploaderFor(actor));
      return { path: `/api/albums/${w.albumA.id}/uploads/${ticket.upload_id}/complete` };
    },
  },
  listAlbumPhotos: { expect: everyoneInAlbum(200), request: (w) => ({ path: `/api/albums/${w.albumA.id}/photos` }) },
  deleteAlbumPhoto: {
    // Guests and members delete their own photo; hosts and co-hosts guest A's; the rest try guest A's.
    expect: everyoneInAlbum(204),
    fresh: true,
    request: async (w, actor) => {
      const photo = await ownPhoto(w, actor === 'guestA' || actor === 'member' ? actor : 'guestA');
      return { path: `/api/albums/${w.albumA.id}/photos/${photo.id}` };
    },
  },
  albumModerationQueue: { expect: hostsOnly(200), request: (w) => ({ path: `/api/albums/${w.albumA.id}/moderation` }) },
  moderateAlbumPhotos: {
    expect: hostsOnly(200),
    request: async (w) => {
      const waiting = await ownPhoto(w, 'guestA', 'awaiting_approval');
      return { path: `/api/albums/${w.albumA.id}/moderation`, body: { photo_ids: [waiting.id], action: 'approve' } };
    },
  },
  heartAlbumPhoto: {
    expect: everyoneInAlbum(200),
    request: async (w) => {
      const photo = await ownPhoto(w, 'host');
      return { path: `/api/albums/${w.albumA.id}/photos/${photo.id}/heart` };
    },
  },
  unheartAlbumPhoto: {
    // Whoever may heart takes back a heart they gave; the others find guest A's heart on it.
    expect: everyoneInAlbum(200),
    request: async (w, actor) => {
      const photo = await ownPhoto(w, 'host');
      const giver = uploaders.has(actor) ? actor : 'guestA';
      const hearted = await w.api.put(`/api/albums/${w.albumA.id}/photos/${photo.id}/heart`, undefined, w.as(giver));
      if (hearted.status !== 200) throw new Error(`heart as ${giver}: ${hearted.status} ${JSON.stringify(hearted.body)}`);
      return { path: `/api/albums/${w.albumA.id}/photos/${photo.id}/heart` };
    },
  },
};
