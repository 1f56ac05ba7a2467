import type { Notification } from '@discordgym/contracts';
import { useNavigate } from 'react-router';
import { Alert } from '../../../components/alert.component';
import { Button } from '../../../components/button.component';
import { IconButton } from '../../../components/icon-button.component';
import { useI18n } from '../../../lib/i18n/use-i18n.hook';
import { notificationHref } from '../hooks/notification-view';
import { useInbox, useMarkAllNotificationsRead, useMarkNotificationRead } from '../hooks/use-notifications.hook';
import { NotificationItem } from './notification-item.component';
import { PushSetting } from './push-setting.component';

/** The inbox: newest first, a page at a time; a click opens the message and marks it read. */
export function NotificationInbox({ unread, onClose }: { unread: number; onClose(): void }) {
  const { t, describeError } = useI18n();
  const navigate = useNavigate();
  const inbox = useInbox(true);
  const markRead = useMarkNotificationRead();
  const markAll = useMarkAllNotificationsRead();

  const open = (notification: Notification): void => {
    if (notification.read_at === null) markRead.mutate(notification.id);
    onClose();
    void navigate(notificationHref(notification));
  };

  return (
    <div className="flex max-h-[min(36rem,calc(100dvh-5rem))] flex-col">
      <div className="flex items-center gap-2 border-b border-surface-950/60 px-3 py-2">
        <h2 id="inbox-heading" className="flex-1 text-base font-semibold text-fg">
          {t('notifications.title')}
        </h2>
        <Button variant="ghost" className="min-h-8! px-2! py-1! text-xs!" disabled={unread === 0} pending={markAll.isPending} onClick={() => markAll.mutate()}>
          {t('notifications.readAll')}
        </Button>
        <IconButton icon="close" size="sm" label={t('notifications.close')} onClick={onClose} />
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto p-1.5" data-testid="notification-inbox">
        {(inbox.error || markAll.error) && (
          <Alert tone="error" className="m-2">
            {describeError(inbox.error ?? markAll.error)}
          </Alert>
        )}
        {inbox.isPending ? (
          <p role="status" className="p-4 text-sm text-fg-subtle">
            {t('notifications.loading')}
          </p>
        ) : inbox.items.length === 0 ? (
          <p className="p-4 text-sm text-fg-subtle">{t('notifications.empty')}</p>
        ) : (
          <ul aria-labelledby="inbox-heading" className="flex flex-col gap-0.5">
            {inbox.items.map((n) => (
              <NotificationItem key={n.id} notification={n} onOpen={open} />
            ))}
          </ul>
        )}
        {inbox.hasNextPage && (
          <div className="flex justify-center p-2">
            <Button variant="secondary" className="min-h-8! px-3! py-1!" pending={inbox.isFetchingNextPage} onClick={() => void inbox.fetchNextPage()}>
              {t('notifications.loadMore')}
            </Button>
          </div>
        )}
      </div>
      <PushSetting />
    </div>
  );
}
