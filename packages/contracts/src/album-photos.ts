import { z } from 'zod';
import { Id, IsoDate, plainText } from './common';

// ---- album uploads, photos and moderation (helper "uploads"; albums.ts holds the albums themselves) ----

/** What may be uploaded, decided again at complete from the file's first bytes (never the claim). */
export const ALBUM_UPLOAD_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'image/heif', 'video/mp4', 'video/quicktime'] as const;
/** Files above this go as multipart uploads with presigned parts. */
export const MULTIPART_THRESHOLD_BYTES = 16 * 1024 * 1024;
/** Every part but the last has exactly this size (S3 needs ≥ 5 MiB). */
export const MULTIPART_PART_BYTES = 8 * 1024 * 1024;
/** The hard ceiling whatever an album allows (S3's single-object limit is far above). */
export const ALBUM_FILE_BYTES_MAX = 5 * 1024 * 1024 * 1024;
export const UPLOAD_BATCH_MAX = 20;
export const PART_URLS_MAX = 100;
export const ALBUM_PHOTOS_PAGE_MAX = 100;
export const ALBUM_PHOTOS_PAGE_DEFAULT = 50;
export const MODERATION_BATCH_MAX = 100;

/** A client's id for one file: a retry with the same id answers the same photo, never a second one. */
export const UploadClientId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, _ and -, at most 64');

export const UploadFileSpec = z.strictObject({
  client_id: UploadClientId,
  /** Kept (cleaned) for ZIP entry names only; never part of a storage key. */
  name: plainText(1, 255),
  /** The claimed type: must be on the allowlist (415 otherwise); signed into the URL. */
  type: z.string().min(1).max(100),
  size: z.number().int().min(1).max(ALBUM_FILE_BYTES_MAX),
});
export type UploadFileSpec = z.infer<typeof UploadFileSpec>;

export const CreateUploadsBody = z.strictObject({ files: z.array(UploadFileSpec).min(1).max(UPLOAD_BATCH_MAX) });
export type CreateUploadsBody = z.infer<typeof CreateUploadsBody>;

export const AlbumPhotoStatus = z.enum(['pending_upload', 'processing', 'awaiting_approval', 'approved', 'rejected', 'failed']);
export type AlbumPhotoStatus = z.infer<typeof AlbumPhotoStatus>;

export const PresignedPut = z.object({
  url: z.string(),
  method: z.literal('PUT'),
  /** Send exactly these (content-type and content-length are signed). */
  headers: z.record(z.string(), z.string()),
  expires_at: IsoDate,
});

/**
 * One file of an upload request. `put` for a file up to 16 MB; `multipart` above (ask
 * `…/parts` for part URLs); both null once the bytes are in (a retry after complete).
 */
export const UploadTicket = z
  .object({
    client_id: z.string(),
    /** The upload's id is the photo's id. */
    upload_id: Id,
    photo_id: Id,
    status: AlbumPhotoStatus,
    put: PresignedPut.nullable(),
    multipart: z.object({ part_size: z.number().int(), part_count: z.number().int() }).nullable(),
  })
  .meta({ id: 'UploadTicket' });
export type UploadTicket = z.infer<typeof UploadTicket>;

export const UploadTickets = z.object({ items: z.array(UploadTicket) }).meta({ id: 'UploadTickets' });
export type UploadTickets = z.infer<typeof UploadTickets>;

export const AlbumUploadParams = z.strictObject({ id: Id, uploadId: Id });
export type AlbumUploadParams = z.infer<typeof AlbumUploadParams>;

/** Part numbers to sign (1-based); none (or no body) = every part not stored yet, up to 100. */
export const UploadPartsBody = z.strictObject({ part_numbers: z.array(z.number().int().min(1).max(10_000)).max(PART_URLS_MAX).optional() }).optional();
export type UploadPartsBody = z.infer<typeof UploadPartsBody>;

export const UploadParts = z
  .object({
    part_size: z.number().int(),
    part_count: z.number().int(),
    /** What the storage already holds: a resumed upload sends only the rest. */
    uploaded: z.array(z.object({ part_number: z.number().int(), size: z.number().int() })),
    /** PUT each part's bytes (exactly `size`) to its URL. */
    parts: z.array(z.object({ part_number: z.number().int(), size: z.number().int(), url: z.string(), expires_at: IsoDate })),
  })
  .meta({ id: 'UploadParts' });
export type UploadParts = z.infer<typeof UploadParts>;

export const PhotoUploader = z.object({
  kind: z.enum(['user', 'guest']),
  /** null once the account is gone. */
  id: Id.nullable(),
  display_name: z.string(),
});

export const AlbumPhoto = z
  .object({
    id: Id,
    album_id: Id,
    status: AlbumPhotoStatus,
    kind: z.enum(['image', 'video']),
    /** The real type, from the file's bytes. */
    content_type: z.string(),
    byte_size: z.number().int(),
    width: z.number().int().nullable(),
    height: z.number().int().nullable(),
    taken_at: IsoDate.nullable(),
    created_at: IsoDate,
    /** thumbhash, base64: decode in the browser for a blurred tile while the thumbnail loads. */
    placeholder: z.string().nullable(),
    uploader: PhotoUploader,
    /** Mine: a guest's own upload, or one I uploaded with my account. */
    mine: z.boolean(),
    heart_count: z.number().int(),
    /** Whether the caller (a member or a guest) has hearted it; always false for a wall. */
    hearted: z.boolean(),
    /** The wall's change counter at the last change of this photo. */
    seq: z.number().int(),
    /**
     * Presigned GETs. `thumb` (400 px) and `preview` (1600 px) are WebP without EXIF; null
     * until processed (and for files the server cannot decode: videos, HEVC-HEIC). `original`
     * (with its EXIF) for hosts and the uploader only; a download by anyone else is the preview.
     * Videos have no thumb or preview: `original` is what every viewer plays (for all but hosts
     * and the uploader a copy with the metadata boxes, location included, blanked).
     */
    urls: z.object({ thumb: z.string().nullable(), preview: z.string().nullable(), original: z.string().nullable() }),
  })
  .meta({ id: 'AlbumPhoto' });
export type AlbumPhoto = z.infer<typeof AlbumPhoto>;

export const AlbumPhotoPage = z.object({ items: z.array(AlbumPhoto), next_cursor: z.string().nullable() }).meta({ id: 'AlbumPhotoPage' });
export type AlbumPhotoPage = z.infer<typeof AlbumPhotoPage>;

/** `uploaded`: newest first; `taken`: in the order the party happened (photos without a time last). */
export const AlbumPhotosQuery = z.strictObject({
  sort: z.enum(['taken', 'uploaded']).default('uploaded'),
  cursor: z.string().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(ALBUM_PHOTOS_PAGE_MAX).default(ALBUM_PHOTOS_PAGE_DEFAULT),
});
export type AlbumPhotosQuery = z.infer<typeof AlbumPhotosQuery>;

/** The host queue: photos waiting for approval, oldest first. */
export const ModerationQuery = z.strictObject({
  cursor: z.string().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(ALBUM_PHOTOS_PAGE_MAX).default(ALBUM_PHOTOS_PAGE_DEFAULT),
});
export type ModerationQuery = z.infer<typeof ModerationQuery>;

export const ModerateBody = z.strictObject({
  photo_ids: z.array(Id).min(1).max(MODERATION_BATCH_MAX),
  action: z.enum(['approve', 'reject']),
});
export type ModerateBody = z.infer<typeof ModerateBody>;

/** `skipped`: not waiting for approval (any more), or not in this album: a retry changes nothing. */
export const ModerationResult = z
  .object({ approved: z.array(Id), rejected: z.array(Id), skipped: z.array(Id) })
  .meta({ id: 'ModerationResult' });
export type ModerationResult = z.infer<typeof ModerationResult>;
