import { Body, Controller, Param, Query } from '@nestjs/common';
import {
  type NotificationListQuery,
  type NotificationPage,
  type PushConfig,
  type PushSubscriptionBody,
  type PushSubscriptionInfo,
  type PushUnsubscribeBody,
  routes,
  type UnreadCount,
} from '@discordgym/contracts';
import { type AuthContext, Client, type ClientInfo, CurrentAuth } from '../../common/request-context';
import { Route } from '../../common/route.decorator';
import { ZodValidationPipe } from '../../common/zod-validation.pipe';
import { NotificationsService } from './notifications.service';
import { PushService } from './push/push.service';

/** The inbox and Web Push subscriptions; everything here is the caller's own. */
@Controller()
export class NotificationsController {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly push: PushService,
  ) {}

  @Route(routes.listNotifications)
  list(@CurrentAuth() auth: AuthContext, @Query(new ZodValidationPipe(routes.listNotifications.query)) query: NotificationListQuery): Promise<NotificationPage> {
    return this.notifications.list(auth.userId, query);
  }

  @Route(routes.unreadNotifications)
  unread(@CurrentAuth() auth: AuthContext): Promise<UnreadCount> {
    return this.notifications.unread(auth.userId);
  }

  @Route(routes.readNotification)
  read(@CurrentAuth() auth: AuthContext, @Param(new ZodValidationPipe(routes.readNotification.params)) params: { id: string }): Promise<UnreadCount> {
    return this.notifications.markRead(auth.userId, params.id);
  }

  @Route(routes.readAllNotifications)
  readAll(@CurrentAuth() auth: AuthContext): Promise<UnreadCount> {
    return this.notifications.markAllRead(auth.userId);
  }

  @Route(routes.pushConfig)
  pushConfig(): PushConfig {
    return this.push.config();
  }

  @Route(routes.addPushSubscription)
  subscribe(
    @CurrentAuth() auth: AuthContext,
    @Client() client: ClientInfo,
    @Body(new ZodValidationPipe(routes.addPushSubscription.body)) body: PushSubscriptionBody,
  ): Promise<PushSubscriptionInfo> {
    return this.push.subscribe(auth.userId, body, client.userAgent);
  }

  @Route(routes.removePushSubscription)
  async unsubscribe(@CurrentAuth() auth: AuthContext, @Body(new ZodValidationPipe(routes.removePushSubscription.body)) body: PushUnsubscribeBody): Promise<void> {
    await this.push.unsubscribe(auth.userId, body.endpoint);
  }
}
