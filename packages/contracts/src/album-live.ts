import { z } from 'zod';
import { Id, IsoDate } from './common';

/** The most changes one `album-sync` answer carries; a wall further behind asks again. */
export const ALBUM_SYNC_PAGE_MAX = 200;
export const ALBUM_SYNC_PAGE_DEFAULT = 100;
/** The most photos one ZIP selection may name (a whole album goes through GET). */
export const ALBUM_DOWNLOAD_SELECTION_MAX = 1_000;
/** How long the image URLs in wall events stay valid; a wall re-syncs before that. */
export const WALL_PHOTO_URL_SECONDS = 3_600;
/** The socket handshake field a wall page connects with: `io({ auth: { wall_token } })`. */
export const WALL_SOCKET_AUTH_FIELD = 'wall_token';

/** An album change counter value (`albums.last_seq`, `album_photos.seq`). */
const albumSeq = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

// ---- socket: client → server ----

export const JoinAlbumEvent = z.strictObject({ album_id: Id });
export const LeaveAlbumEvent = z.strictObject({ album_id: Id });
/** Everything the album's wall would have seen after `after` (a seq it holds; 0 = from the start). */
export const AlbumSyncEvent = z.strictObject({
  album_id: Id,
  after: albumSeq,
  limit: z.number().int().min(1).max(ALBUM_SYNC_PAGE_MAX).optional(),
});

// ---- socket: server → client, and the sync answer ----

/** A photo as a wall shows it: approved, its derivatives only (never the original). */
export const WallPhoto = z
  .object({
    id: Id,
    album_id: Id,
    seq: z.number().int(),
    thumb_url: z.string().nullable(),
    preview_url: z.string().nullable(),
    width: z.number().int().nullable(),
    height: z.number().int().nullable(),
    /** thumbhash, base64. */
    placeholder: z.string().nullable(),
    taken_at: IsoDate.nullable(),
    created_at: IsoDate,
    /** A guest's display name or the member's display name; null once the account is gone. */
    uploader_name: z.string().nullable(),
    heart_count: z.number().int(),
  })
  .meta({ id: 'WallPhoto' });
export type WallPhoto = z.infer<typeof WallPhoto>;

export const AlbumPhotoAdded = z.object({ album_id: Id, seq: z.number().int(), photo: WallPhoto });
export type AlbumPhotoAdded = z.infer<typeof AlbumPhotoAdded>;

/** Deleted, rejected or hidden again: a wall drops it. */
export const AlbumPhotoRemoved = z.object({ album_id: Id, seq: z.number().int(), photo_id: Id });
export type AlbumPhotoRemoved = z.infer<typeof AlbumPhotoRemoved>;

export const AlbumChange = z.discriminatedUnion('type', [
  z.object({ type: z.literal('added'), seq: z.number().int(), photo: WallPhoto }),
  z.object({ type: z.literal('removed'), seq: z.number().int(), photo_id: Id }),
]);
export type AlbumChange = z.infer<typeof AlbumChange>;

/**
 * Changes in seq order after the cursor, each photo once (its latest state). `cursor` is
 * what to send as `after` next; `has_more` says a further page is waiting.
 */
export const AlbumSyncResult = z.object({
  album_id: Id,
  changes: z.array(AlbumChange),
  cursor: z.number().int(),
  has_more: z.boolean(),
});
export type AlbumSyncResult = z.infer<typeof AlbumSyncResult>;

export const JoinAlbumResult = z.object({ album_id: Id, last_seq: z.number().int() });
export type JoinAlbumResult = z.infer<typeof JoinAlbumResult>;

// ---- REST: hearts and downloads ----

/** `:id/photos/:photoId` (hearts, and the uploads helper's photo routes). */
export const AlbumPhotoParams = z.strictObject({ id: Id, photoId: Id });
export type AlbumPhotoParams = z.infer<typeof AlbumPhotoParams>;

export const PhotoHeartState = z
  .object({ photo_id: Id, hearted: z.boolean(), heart_count: z.number().int() })
  .meta({ id: 'PhotoHeartState' });
export type PhotoHeartState = z.infer<typeof PhotoHeartState>;

export const AlbumDownloadSelectionBody = z
  .strictObject({ photo_ids: z.array(Id).min(1).max(ALBUM_DOWNLOAD_SELECTION_MAX) })
  .meta({ id: 'AlbumDownloadSelectionBody' });
export type AlbumDownloadSelectionBody = z.infer<typeof AlbumDownloadSelectionBody>;

/** How long a download link works: long enough to start the download, too short to pass around. */
export const ALBUM_DOWNLOAD_LINK_SECONDS = 60;

/** The whole album (no `photo_ids`) or the chosen photos. */
export const AlbumDownloadLinkBody = z
  .strictObject({ photo_ids: z.array(Id).min(1).max(ALBUM_DOWNLOAD_SELECTION_MAX).optional() })
  .meta({ id: 'AlbumDownloadLinkBody' });
export type AlbumDownloadLinkBody = z.infer<typeof AlbumDownloadLinkBody>;

/** A same-origin path a plain `<a download>` opens: the ZIP streams to disk, no token header needed. */
export const AlbumDownloadLink = z
  .object({ url: z.string(), expires_at: IsoDate })
  .meta({ id: 'AlbumDownloadLink' });
export type AlbumDownloadLink = z.infer<typeof AlbumDownloadLink>;

/** What the link carries: who asked (`u.<user>.<session>` or `g.<guest>`), the selection's digest, the expiry, the signature. */
export const AlbumDownloadLinkQuery = z
  .strictObject({
    by: z.string().regex(/^(u\.[0-9a-f-]{36}\.[0-9a-f-]{36}|g\.[0-9a-f-]{36})$/),
    sel: z.string().regex(/^[A-Za-z0-9_-]{43}$/).optional(),
    exp: z.coerce.number().int().positive(),
    sig: z.string().min(1).max(128),
  })
  .meta({ id: 'AlbumDownloadLinkQuery' });
export type AlbumDownloadLinkQuery = z.infer<typeof AlbumDownloadLinkQuery>;

// ---- chat cards ----

/** Snapshot of an `album` card: what every reader of the message sees. */
export const AlbumCardSnapshot = z.object({
  title: z.string(),
  event_date: z.string().nullable(),
  photo_count: z.number().int(),
  /** The cover's thumbnail key is never in a snapshot; the web asks for a fresh URL if it may see it. */
  cover_photo_id: Id.nullable(),
  cover_placeholder: z.string().nullable(),
});
export type AlbumCardSnapshot = z.infer<typeof AlbumCardSnapshot>;

/** Snapshot of an `album-photo` card. */
export const AlbumPhotoCardSnapshot = z.object({
  album_id: Id,
  album_title: z.string(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  placeholder: z.string().nullable(),
});
export type AlbumPhotoCardSnapshot = z.infer<typeof AlbumPhotoCardSnapshot>;
