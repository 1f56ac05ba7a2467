import { Injectable } from '@nestjs/common';
import type { AlbumCaller } from '../../common/request-context';
import { type AlbumActor, type AlbumAction, AlbumsPolicy } from './albums.policy';
import type { AlbumRow, PhotoRow, UploaderRef } from './photos.repository';

/** Who acts on an album's photos: the albums policy's actor (a user, a guest, a wall). */
export type PhotoActor = AlbumActor;

/** The uploader reference of an actor; null for a wall (which never uploads). */
export const uploaderOf = (actor: PhotoActor): UploaderRef | null =>
  actor.kind === 'user' ? { userId: actor.userId } : actor.kind === 'guest' ? { guestId: actor.guestId } : null;

export const isUploader = (actor: PhotoActor, photo: Pick<PhotoRow, 'uploaderUserId' | 'uploaderGuestId'>): boolean =>
  actor.kind === 'user' ? photo.uploaderUserId === actor.userId : actor.kind === 'guest' ? photo.uploaderGuestId === actor.guestId : false;

/**
 * The photo routes' way into AlbumsPolicy, the one place of album permissions: loads the
 * album with the caller as its actor (404 for whoever may not see it), then asks the policy.
 */
@Injectable()
export class PhotoAccess {
  constructor(private readonly policy: AlbumsPolicy) {}

  async resolve(caller: AlbumCaller, albumId: string, action: AlbumAction = 'view'): Promise<{ album: AlbumRow; actor: PhotoActor }> {
    const { actor, album } = await this.policy.load(caller, albumId);
    this.policy.assert(actor, action, album.album);
    return { album: album.album, actor };
  }

  can(actor: PhotoActor, action: AlbumAction, album: AlbumRow, photo?: PhotoRow): boolean {
    return this.policy.can(actor, action, album, photo);
  }

  assert(actor: PhotoActor, action: AlbumAction, album: AlbumRow, photo?: PhotoRow): void {
    this.policy.assert(actor, action, album, photo);
  }

  /** Hosts and co-hosts: uploads outside the window and without a quota. */
  isHost(actor: PhotoActor, album: AlbumRow): boolean {
    return this.policy.can(actor, 'moderate', album);
  }
}
