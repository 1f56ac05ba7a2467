import type { Notification } from '@discordgym/contracts';
import { Icon } from '../../../components/icon.component';
import { UserAvatar } from '../../../components/user-avatar.component';
import { formatRelative } from '../../../lib/format/date.format';
import { useI18n } from '../../../lib/i18n/use-i18n.hook';
import { actorName, notificationBody, notificationIcon, notificationTitle } from '../hooks/notification-view';

/** One row of the inbox: who, what, where, when; unread ones stand out and carry a dot. */
export function NotificationItem({ notification, onOpen }: { notification: Notification; onOpen(notification: Notification): void }) {
  const { t, locale } = useI18n();
  const unread = notification.read_at === null;
  const title = notificationTitle(notification, t);
  const body = notificationBody(notification, t);
  return (
    <li>
      <button
        type="button"
        onClick={() => onOpen(notification)}
        data-testid="notification-item"
        data-kind={notification.kind}
        data-unread={unread || undefined}
        aria-label={`${unread ? `${t('notifications.unread')}: ` : ''}${title}${body ? `: ${body}` : ''}`}
        className={`flex w-full items-start gap-3 rounded-[4px] px-3 py-2.5 text-left hover:bg-surface-500/40 ${unread ? 'bg-brand-soft/40' : ''}`}
      >
        <span className="relative shrink-0">
          <UserAvatar name={actorName(notification, t)} avatar={notification.actor?.avatar ?? null} size="sm" />
          <span className="absolute -right-1 -bottom-1 flex size-5 items-center justify-center rounded-full bg-surface-900 text-fg-muted ring-2 ring-surface-850">
            <Icon name={notificationIcon(notification)} className="size-3" />
          </span>
        </span>
        <span className="min-w-0 flex-1">
          <span className={`block text-sm leading-snug ${unread ? 'font-semibold text-fg' : 'text-fg-muted'}`}>{title}</span>
          {body && <span className={`mt-0.5 line-clamp-2 block text-sm break-words ${notification.excerpt ? 'text-fg-muted' : 'text-fg-subtle italic'}`}>{body}</span>}
          <time dateTime={notification.created_at} className="mt-0.5 block text-xs text-fg-subtle">
            {formatRelative(notification.created_at, locale)}
          </time>
        </span>
        {unread && <span aria-hidden="true" className="mt-1.5 size-2 shrink-0 rounded-full bg-brand" />}
      </button>
    </li>
  );
}
