import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DomainEvents } from '../../events/domain-events.service';
import type { DomainEvent } from '../../events/event-types';
import { NotificationsService } from '../notifications/notifications.service';
import { AlbumLiveRepository } from './album-live.repository';

export const ALBUM_UPLOAD_CONSUMER = 'notifications.album-upload';

/**
 * Hosts and co-hosts hear of photos waiting for their approval, exactly once per event
 * (`NotificationsService.deliver`), and batched per album: a host who still has an unread
 * "new uploads in <album>" gets no second one until they have read it. A photo already
 * moderated, deleted or gone with its album when the job runs makes none; nor does a
 * host's own upload tell that host.
 */
@Injectable()
export class AlbumNotificationsConsumer implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly repository: AlbumLiveRepository,
    private readonly notifications: NotificationsService,
  ) {}

  onModuleInit(): void {
    this.events.subscribe('album.photo.submitted', ALBUM_UPLOAD_CONSUMER, (event) => this.submitted(event));
  }

  async submitted(event: DomainEvent<'album.photo.submitted'>): Promise<void> {
    const { album_id, photo_id, uploader_user_id } = event.payload;
    if ((await this.repository.photoStatus(photo_id)) !== 'awaiting_approval') return;
    const title = await this.repository.albumTitle(album_id);
    if (title === undefined) return;
    const hosts = (await this.repository.hostIds(album_id)).filter((id) => id !== uploader_user_id);
    const told = new Set(await this.notifications.withUnread(hosts, 'album_upload', 'album_id', album_id));
    const requests = hosts
      .filter((id) => !told.has(id))
      .map((userId) => ({ userId, kind: 'album_upload' as const, actorId: uploader_user_id, data: { album_id, album_title: title, photo_id } }));
    await this.notifications.deliver(ALBUM_UPLOAD_CONSUMER, event, requests);
  }
}
