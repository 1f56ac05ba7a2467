import { Module } from '@nestjs/common';
import { FriendNotifications } from './friend-notifications.consumer';
import { MessageNotifications } from './message-notifications.consumer';
import { NotificationsController } from './notifications.controller';
import { NotificationsRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';
import { PushEndpointPolicy } from './push/push-endpoint-policy';
import { PushKeys } from './push/push-keys';
import { PushSender } from './push/push-sender';
import { PushService } from './push/push.service';

/**
 * Notifications are made only by the consumers here, from domain events on the job
 * queue. A later feature adds a kind by adding a consumer of its event that calls
 * `NotificationsService.deliver` (exported for that).
 */
@Module({
  controllers: [NotificationsController],
  providers: [NotificationsRepository, NotificationsService, PushKeys, PushEndpointPolicy, PushSender, PushService, MessageNotifications, FriendNotifications],
  exports: [NotificationsService],
})
export class NotificationsModule {}
