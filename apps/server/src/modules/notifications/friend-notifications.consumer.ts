import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DomainEvents } from '../../events/domain-events.service';
import type { DomainEvent } from '../../events/event-types';
import { NotificationsRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';

export const FRIEND_REQUEST_CONSUMER = 'notifications.friend-request';
export const FRIEND_ACCEPTED_CONSUMER = 'notifications.friend-accepted';

/**
 * A friend request tells the person asked; its acceptance tells the one who asked. What
 * has already been undone when the job runs (a cancelled or answered request, a
 * friendship ended at once) makes no notification.
 */
@Injectable()
export class FriendNotifications implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly repository: NotificationsRepository,
    private readonly notifications: NotificationsService,
  ) {}

  onModuleInit(): void {
    this.events.subscribe('friend.request.created', FRIEND_REQUEST_CONSUMER, (event) => this.requested(event));
    this.events.subscribe('friend.request.accepted', FRIEND_ACCEPTED_CONSUMER, (event) => this.accepted(event));
  }

  async requested(event: DomainEvent<'friend.request.created'>): Promise<void> {
    const { request_id, from_user_id, to_user_id } = event.payload;
    if (!(await this.repository.requestPending(request_id))) return;
    await this.notifications.deliver(FRIEND_REQUEST_CONSUMER, event, [{ userId: to_user_id, kind: 'friend_request', actorId: from_user_id }]);
  }

  async accepted(event: DomainEvent<'friend.request.accepted'>): Promise<void> {
    const { from_user_id, to_user_id } = event.payload;
    if (!(await this.repository.areFriends(from_user_id, to_user_id))) return;
    await this.notifications.deliver(FRIEND_ACCEPTED_CONSUMER, event, [{ userId: from_user_id, kind: 'friend_accepted', actorId: to_user_id }]);
  }
}
