import { Inject, Injectable } from '@nestjs/common';
import { ALBUM_SYNC_PAGE_DEFAULT, type AlbumChange, type AlbumSyncResult, WALL_PHOTO_URL_SECONDS, type WallPhoto } from '@discordgym/contracts';
import { AppError } from '../../common/app-error';
import { OBJECT_STORAGE, type ObjectStorage } from '../../infra/storage/object-storage';
import type { SocketActor } from '../../realtime/socket-events';
import { AlbumLiveRepository, type NamedPhoto } from './album-live.repository';
import { AlbumsPolicy } from './albums.policy';

/** A scoped socket's kinds (see album-scoped-sockets.ts). */
export const GUEST_SOCKET_KIND = 'album-guest';
export const WALL_SOCKET_KIND = 'album-wall';

/**
 * What the live wall reads: who may follow an album's live events, the wall's view of a
 * photo (derivatives only: no EXIF, never the original), and the catch-up after a cursor.
 */
@Injectable()
export class AlbumLiveService {
  constructor(
    private readonly repository: AlbumLiveRepository,
    private readonly policy: AlbumsPolicy,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
  ) {}

  /** NOT_FOUND unless the actor may see the album: a member, one of its guests, its wall. */
  async assertViewer(actor: SocketActor, albumId: string): Promise<void> {
    if (actor.kind === 'scoped') {
      if (actor.scope.resourceId !== albumId) throw AppError.notFound('Album');
      return;
    }
    await this.policy.load({ kind: 'user', ...actor.auth }, albumId);
  }

  async lastSeq(albumId: string): Promise<number> {
    const seq = await this.repository.lastSeq(albumId);
    if (seq === undefined) throw AppError.notFound('Album');
    return seq;
  }

  /** Each photo changed after `after` once, in seq order: added when it is visible now, removed otherwise. */
  async sync(albumId: string, after: number, limit = ALBUM_SYNC_PAGE_DEFAULT): Promise<AlbumSyncResult> {
    const rows = await this.repository.changesAfter(albumId, after, limit + 1);
    const page = rows.slice(0, limit);
    const changes = await Promise.all(page.map((row) => this.change(row)));
    return { album_id: albumId, changes, cursor: page.at(-1)?.photo.seq ?? after, has_more: rows.length > limit };
  }

  /** The photo as a wall shows it, when it is visible (approved, not deleted). */
  async visiblePhoto(albumId: string, photoId: string): Promise<WallPhoto | undefined> {
    const named = await this.repository.photo(albumId, photoId);
    return named && isVisible(named) ? this.wallPhoto(named) : undefined;
  }

  private async change(row: NamedPhoto): Promise<AlbumChange> {
    if (isVisible(row)) return { type: 'added', seq: row.photo.seq, photo: await this.wallPhoto(row) };
    return { type: 'removed', seq: row.photo.seq, photo_id: row.photo.id };
  }

  private async wallPhoto({ photo, uploaderName }: NamedPhoto): Promise<WallPhoto> {
    const sign = (key: string | null) =>
      key ? this.storage.presignGet(key, { expiresInSeconds: WALL_PHOTO_URL_SECONDS, contentType: 'image/webp' }) : Promise.resolve(null);
    const [thumb, preview] = await Promise.all([sign(photo.thumbKey), sign(photo.previewKey)]);
    return {
      id: photo.id,
      album_id: photo.albumId,
      seq: photo.seq,
      thumb_url: thumb,
      preview_url: preview,
      width: photo.width,
      height: photo.height,
      placeholder: photo.placeholder,
      taken_at: photo.takenAt?.toISOString() ?? null,
      created_at: photo.createdAt.toISOString(),
      uploader_name: uploaderName,
      heart_count: photo.heartCount,
    };
  }
}

const isVisible = ({ photo }: NamedPhoto): boolean => photo.status === 'approved' && photo.deletedAt === null;
