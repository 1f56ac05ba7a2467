import { Injectable } from '@nestjs/common';
import type { PhotoHeartState } from '@discordgym/contracts';
import { v7 as uuidv7 } from 'uuid';
import { AppError } from '../../common/app-error';
import type { AlbumCaller } from '../../common/request-context';
import { AlbumLiveRepository, type HeartActor } from './album-live.repository';
import { AlbumsPolicy } from './albums.policy';

/** Hearts on approved photos, one per person (a member or a guest); the count lives on the photo row. */
@Injectable()
export class AlbumHeartsService {
  constructor(
    private readonly repository: AlbumLiveRepository,
    private readonly policy: AlbumsPolicy,
  ) {}

  /** Idempotent both ways: hearting twice or taking back a heart never given changes nothing. */
  async set(caller: AlbumCaller, albumId: string, photoId: string, hearted: boolean): Promise<PhotoHeartState> {
    const { actor, album } = await this.policy.load(caller, albumId);
    this.policy.assert(actor, 'heart', album.album);
    const who: HeartActor = actor.kind === 'guest' ? { guestId: actor.guestId } : { userId: (actor as { userId: string }).userId };
    const result = await this.repository.setHeart(albumId, photoId, who, hearted, uuidv7());
    if (!result) throw AppError.notFound('Photo');
    return { photo_id: photoId, hearted, heart_count: result.count };
  }
}
