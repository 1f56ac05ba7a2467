import { Inject, Injectable } from '@nestjs/common';
import type { AlbumPhoto } from '@discordgym/contracts';
import { OBJECT_STORAGE, type ObjectStorage } from '../../infra/storage/object-storage';
import { isVideoType } from './media-sniffer';
import { isUploader, PhotoAccess, type PhotoActor, uploaderOf } from './photo-access';
import { type AlbumRow, type PhotoRow, PhotosRepository, type PhotoWithUploader } from './photos.repository';

/** Image URLs in a listing stay valid this long; a grid open longer fetches the page again. */
const GET_URL_SECONDS = 3_600;

/**
 * A photo as one actor may see it. Thumbnails and previews carry no EXIF and go to
 * everyone who sees the photo; the original (with its EXIF, GPS included) only to hosts
 * (the policy's `downloadOriginal`) and to its uploader. A video has no image derivative:
 * every other viewer gets its playback copy, whose metadata boxes (location) are blanked.
 * Guests who may download get the preview: 1600 px without EXIF.
 */
@Injectable()
export class PhotoViews {
  constructor(
    private readonly repository: PhotosRepository,
    private readonly access: PhotoAccess,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
  ) {}

  async one(album: AlbumRow, actor: PhotoActor, photo: PhotoRow): Promise<AlbumPhoto> {
    const [view] = await this.many(album, actor, [photo]);
    return view!;
  }

  async many(album: AlbumRow, actor: PhotoActor, photos: PhotoRow[]): Promise<AlbumPhoto[]> {
    const [named, hearted] = await Promise.all([
      this.repository.withUploaders(photos),
      this.repository.heartedBy(uploaderOf(actor), photos.map((p) => p.id)),
    ]);
    return Promise.all(named.map((entry) => this.view(album, actor, entry, hearted.has(entry.photo.id))));
  }

  private async view(album: AlbumRow, actor: PhotoActor, { photo, uploaderName }: PhotoWithUploader, hearted: boolean): Promise<AlbumPhoto> {
    const video = isVideoType(photo.contentType);
    const mine = isUploader(actor, photo);
    const ready = photo.status !== 'pending_upload' && photo.status !== 'failed' && photo.status !== 'rejected';
    const privileged = this.access.can(actor, 'downloadOriginal', album) || mine;
    // Everyone else gets a video's playback copy (its metadata boxes blanked) when it had metadata.
    const originalKey = !privileged && video && photo.previewKey ? photo.previewKey : photo.originalKey;
    const mayOriginal = ready && (privileged || video);
    const sign = (key: string | null, contentType: string) =>
      key && ready ? this.storage.presignGet(key, { expiresInSeconds: GET_URL_SECONDS, contentType }) : Promise.resolve(null);
    const [thumb, preview, original] = await Promise.all([
      sign(photo.thumbKey, 'image/webp'),
      video ? Promise.resolve(null) : sign(photo.previewKey, 'image/webp'),
      mayOriginal
        ? this.storage.presignGet(originalKey, {
            expiresInSeconds: GET_URL_SECONDS,
            contentType: photo.contentType,
            ...(photo.originalName ? { downloadName: photo.originalName } : {}),
          })
        : Promise.resolve(null),
    ]);
    return {
      id: photo.id,
      album_id: photo.albumId,
      status: photo.status as AlbumPhoto['status'],
      kind: video ? 'video' : 'image',
      content_type: photo.contentType,
      byte_size: photo.byteSize,
      width: photo.width,
      height: photo.height,
      taken_at: photo.takenAt?.toISOString() ?? null,
      created_at: photo.createdAt.toISOString(),
      placeholder: photo.placeholder,
      uploader: {
        kind: photo.uploaderGuestId ? 'guest' : 'user',
        id: photo.uploaderGuestId ?? photo.uploaderUserId,
        display_name: uploaderName ?? '',
      },
      mine,
      heart_count: photo.heartCount,
      hearted,
      seq: photo.seq,
      urls: { thumb, preview, original },
    };
  }
}
