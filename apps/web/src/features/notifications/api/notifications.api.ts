import type { NotificationLevel, NotificationLevelState, NotificationPage, PushConfig, PushSubscriptionInfo, UnreadCount } from '@discordgym/contracts';
import { api } from '../../../lib/api/api-client';

export const notificationKeys = {
  all: ['notifications'] as const,
  inbox: ['notifications', 'inbox'] as const,
  unread: ['notifications', 'unread'] as const,
  push: ['notifications', 'push'] as const,
};

export const INBOX_PAGE = 20;

export const fetchInboxPage = (before: string | undefined, signal?: AbortSignal): Promise<NotificationPage> =>
  api('listNotifications', { query: { limit: INBOX_PAGE, ...(before ? { before } : {}) }, signal });

export const fetchUnreadCount = (signal?: AbortSignal): Promise<UnreadCount> => api('unreadNotifications', { signal });

export const markNotificationRead = (id: string): Promise<UnreadCount> => api('readNotification', { params: { id } });

export const markAllNotificationsRead = (): Promise<UnreadCount> => api('readAllNotifications', {});

export const setRoomNotificationLevel = (roomId: string, level: NotificationLevel): Promise<NotificationLevelState> =>
  api('setNotificationLevel', { params: { id: roomId }, body: { level } });

export const fetchPushConfig = (signal?: AbortSignal): Promise<PushConfig> => api('pushConfig', { signal });

export const savePushSubscription = (subscription: PushSubscriptionJSON): Promise<PushSubscriptionInfo> =>
  api('addPushSubscription', {
    body: {
      endpoint: subscription.endpoint ?? '',
      expirationTime: subscription.expirationTime ?? null,
      keys: { p256dh: subscription.keys?.p256dh ?? '', auth: subscription.keys?.auth ?? '' },
    },
  });

export const deletePushSubscription = (endpoint: string): Promise<void> => api('removePushSubscription', { body: { endpoint } });
