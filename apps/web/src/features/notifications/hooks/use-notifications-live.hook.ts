import type { Notification as AppNotification, UnreadCount } from '@discordgym/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useI18n } from '../../../lib/i18n/use-i18n.hook';
import type { Translate } from '../../../lib/i18n/translator';
import { realtime } from '../../../lib/realtime/realtime';
import { markNotificationRead, notificationKeys } from '../api/notifications.api';
import { type Inbox, inboxRead, inboxWith } from '../api/notification-cache';
import { currentPushSubscription, notificationPermission } from '../api/push';
import { notificationBody, notificationHref, notificationTitle } from './notification-view';

/** The query parameter a notification click adds to its link: the page marks that notification read. */
export const OPENED_PARAM = 'notification';

/**
 * Keeps the bell and the inbox live while the shell is mounted: `notification` and
 * `notifications-read` go into the query cache, a reconnect refetches what may have been
 * missed, a tab in the background shows a browser notification (never a prompt: only
 * once the person allowed notifications), and a click on one, here or in the service
 * worker, opens its message in this tab.
 */
export function useNotificationsLive(): void {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const { t } = useI18n();
  const translate = useRef<Translate>(t);
  translate.current = t;
  const path = useRef(location.pathname);
  path.current = location.pathname;

  useEffect(() => {
    let connects = 0;
    const offs = [
      realtime.on('notification', ({ notification, unread_count, silent }) => {
        queryClient.setQueryData<Inbox>(notificationKeys.inbox, (inbox) => (inbox ? inboxWith(inbox, notification) : inbox));
        queryClient.setQueryData<UnreadCount>(notificationKeys.unread, { count: unread_count });
        const visible = document.visibilityState === 'visible';
        // About the conversation on screen: seen as it arrives, so it is read at once.
        if (visible && notification.chatroom_id && path.current === `/chat/${notification.chatroom_id}`) {
          markNotificationRead(notification.id).then(
            ({ count }) => {
              queryClient.setQueryData<Inbox>(notificationKeys.inbox, (inbox) => (inbox ? inboxRead(inbox, [notification.id], new Date().toISOString()) : inbox));
              queryClient.setQueryData<UnreadCount>(notificationKeys.unread, { count });
            },
            () => undefined,
          );
        }
        // Do Not Disturb (`silent`): counted and listed, never shown.
        if (!visible && !silent) void showInBrowser(notification, translate.current);
      }),
      realtime.on('notifications-read', ({ ids, read_at, unread_count }) => {
        queryClient.setQueryData<Inbox>(notificationKeys.inbox, (inbox) => (inbox ? inboxRead(inbox, ids, read_at) : inbox));
        queryClient.setQueryData<UnreadCount>(notificationKeys.unread, { count: unread_count });
      }),
      realtime.onConnect(() => {
        connects += 1;
        // Whatever came while the socket was down was never pushed to this tab.
        if (connects > 1) void queryClient.invalidateQueries({ queryKey: notificationKeys.all });
      }),
    ];
    const fromWorker = (event: MessageEvent<unknown>) => {
      const data = event.data as { type?: string; url?: unknown } | null;
      if (data?.type === 'open-notification' && typeof data.url === 'string' && data.url.startsWith('/')) void navigate(data.url);
    };
    navigator.serviceWorker?.addEventListener('message', fromWorker);
    // addEventListener alone does not start the worker's message queue (onmessage would).
    navigator.serviceWorker?.startMessages();
    return () => {
      for (const off of offs) off();
      navigator.serviceWorker?.removeEventListener('message', fromWorker);
    };
  }, [queryClient, navigate]);

  // Arrived through a notification's link (from the service worker): that one is read now.
  useEffect(() => {
    const params = new URLSearchParams(location.search);
    const opened = params.get(OPENED_PARAM);
    if (!opened) return;
    params.delete(OPENED_PARAM);
    const search = params.toString();
    void navigate({ pathname: location.pathname, search: search ? `?${search}` : '' }, { replace: true, state: location.state });
    markNotificationRead(opened).then(
      ({ count }) => queryClient.setQueryData<UnreadCount>(notificationKeys.unread, { count }),
      () => undefined,
    );
  }, [location.search, location.pathname, location.state, navigate, queryClient]);
}

/**
 * Only with notifications turned on for this device (the push subscription is that
 * switch; the browser asked for permission when it was turned on). Through the service
 * worker, whose click handler opens the message.
 */
async function showInBrowser(notification: AppNotification, t: Translate): Promise<void> {
  if (notificationPermission() !== 'granted' || !(await currentPushSubscription().catch(() => null))) return;
  const title = notificationTitle(notification, t);
  const url = withOpened(notificationHref(notification), notification.id);
  const options: NotificationOptions = { body: notificationBody(notification, t) ?? '', tag: notification.id, icon: '/favicon.svg', data: { url } };
  const registration = await navigator.serviceWorker.getRegistration('/').catch(() => undefined);
  await registration?.showNotification(title, options);
}

export const withOpened = (href: string, id: string): string => `${href}${href.includes('?') ? '&' : '?'}${OPENED_PARAM}=${encodeURIComponent(id)}`;
