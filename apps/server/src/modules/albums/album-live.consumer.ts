import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DomainEvents } from '../../events/domain-events.service';
import type { DomainEvent } from '../../events/event-types';
import { RealtimeEmitter } from '../../realtime/realtime-emitter';
import { AlbumLiveService, GUEST_SOCKET_KIND, WALL_SOCKET_KIND } from './album-live.service';
import { AlbumsRepository } from './albums.repository';

export const WALL_ADDED_CONSUMER = 'albums.wall-added';
export const WALL_REMOVED_CONSUMER = 'albums.wall-removed';
export const GUEST_SOCKETS_CONSUMER = 'albums.guest-sockets';
export const WALL_SOCKETS_CONSUMER = 'albums.wall-sockets';
export const ALBUM_SOCKETS_CONSUMER = 'albums.album-sockets';
export const MEMBER_SOCKETS_CONSUMER = 'albums.member-sockets';

/**
 * The album's live events, from the photo domain events (after their commit), through the
 * one emitter to the album's channel on every instance. Sending twice (a job that reruns)
 * is harmless: clients keep photos by id and seq. A photo that is no longer visible when
 * the job runs is not announced as added (its removal is on its way, or already out).
 */
@Injectable()
export class AlbumLiveConsumer implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly live: AlbumLiveService,
    private readonly emitter: RealtimeEmitter,
    private readonly albums: AlbumsRepository,
  ) {}

  onModuleInit(): void {
    // The wall promises 2 s: several at once so one slow signing does not hold the others.
    this.events.subscribe('album.photo.approved', WALL_ADDED_CONSUMER, (event) => this.added(event), { concurrency: 8, attempts: 3, backoffMs: 200 });
    this.events.subscribe('album.photo.removed', WALL_REMOVED_CONSUMER, (event) => this.removed(event), { concurrency: 8, attempts: 3, backoffMs: 200 });
    this.events.subscribe('album.guest.ended', GUEST_SOCKETS_CONSUMER, async ({ payload }) =>
      this.emitter.endScope(GUEST_SOCKET_KIND, payload.guest_id, { reason: 'revoked', message: 'Your guest session has ended' }),
    );
    this.events.subscribe('album.wall-link.revoked', WALL_SOCKETS_CONSUMER, async ({ payload }) =>
      this.emitter.endScope(WALL_SOCKET_KIND, payload.wall_link_id, { reason: 'revoked', message: 'This wall link no longer works' }),
    );
    this.events.subscribe('album.member.removed', MEMBER_SOCKETS_CONSUMER, (event) => this.memberRemoved(event));
    this.events.subscribe('album.deleted', ALBUM_SOCKETS_CONSUMER, async ({ payload }) =>
      this.emitter.closeAlbum(payload.album_id, { reason: 'revoked', message: 'This album was deleted' }),
    );
  }

  async added(event: DomainEvent<'album.photo.approved'>): Promise<void> {
    const { album_id, photo_id } = event.payload;
    const photo = await this.live.visiblePhoto(album_id, photo_id);
    if (photo) this.emitter.toAlbum(album_id, 'album-photo-added', { album_id, seq: photo.seq, photo });
  }

  async memberRemoved(event: DomainEvent<'album.member.removed'>): Promise<void> {
    const { album_id, user_id } = event.payload;
    // Added back before this ran: their sockets belong in the channel again.
    if (await this.albums.membership(album_id, user_id)) return;
    this.emitter.leaveAlbum([user_id], album_id);
  }

  async removed(event: DomainEvent<'album.photo.removed'>): Promise<void> {
    const { album_id, photo_id, seq } = event.payload;
    this.emitter.toAlbum(album_id, 'album-photo-removed', { album_id, seq, photo_id });
  }
}
