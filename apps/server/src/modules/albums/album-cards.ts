import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { AlbumCardSnapshot, AlbumPhotoCardSnapshot } from '@discordgym/contracts';
import { AppError } from '../../common/app-error';
import { ChatCards } from '../chat/chat-cards';
import { AlbumLiveRepository } from './album-live.repository';
import { AlbumsPolicy } from './albums.policy';

export const ALBUM_CARD_KIND = 'album';
export const ALBUM_PHOTO_CARD_KIND = 'album-photo';

/**
 * Albums and photos shared into a chat room as cards. Only a member who sees the album may
 * share it (or one of its approved photos). The room's readers need not be members, so the
 * snapshot holds what may be told to anyone in the room and nothing that opens the album:
 * title, date, count and the blurred placeholder — never an image URL (a member opening
 * the card gets fresh URLs through the album's own routes, where the policy applies).
 */
@Injectable()
export class AlbumCards implements OnModuleInit {
  constructor(
    private readonly cards: ChatCards,
    private readonly repository: AlbumLiveRepository,
    private readonly policy: AlbumsPolicy,
  ) {}

  onModuleInit(): void {
    this.cards.register(ALBUM_CARD_KIND, { resolve: (share, id) => this.album(share.userId, id) });
    this.cards.register(ALBUM_PHOTO_CARD_KIND, { resolve: (share, id) => this.photo(share.userId, id) });
  }

  async album(userId: string, albumId: string): Promise<AlbumCardSnapshot> {
    await this.policy.load({ kind: 'user', userId, sessionId: '', role: 'member' }, albumId);
    const card = await this.repository.cardOfAlbum(albumId);
    if (!card) throw AppError.notFound('Album');
    return { title: card.title, event_date: card.eventDate, photo_count: card.photos, cover_photo_id: card.coverPhotoId, cover_placeholder: card.coverPlaceholder };
  }

  async photo(userId: string, photoId: string): Promise<AlbumPhotoCardSnapshot> {
    const photo = await this.repository.photoById(photoId);
    if (!photo) throw AppError.notFound('Photo');
    const { album } = await this.policy.load({ kind: 'user', userId, sessionId: '', role: 'member' }, photo.albumId);
    // Waiting, rejected or deleted photos are not shared (not even by hosts, who see them).
    if (photo.status !== 'approved' || photo.deletedAt) throw AppError.notFound('Photo');
    return { album_id: photo.albumId, album_title: album.album.title, width: photo.width, height: photo.height, placeholder: photo.placeholder };
  }
}
