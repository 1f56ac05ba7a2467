import { useChatI18n } from '../hooks/use-chat-i18n.hook';
import type { useChatRoom } from '../hooks/use-chat-room.hook';
import { useMessageTimeLabel } from '../hooks/use-message-time-label.hook';

type UnreadBarState = NonNullable<ReturnType<typeof useChatRoom>['unreadBar']>;

/** "80 new messages since Today at 17:05" over the top of the history, with Jump and Mark as read (Discord's bar). */
export function UnreadBar({ bar }: { bar: UnreadBarState }) {
  const { t } = useChatI18n();
  const timeLabel = useMessageTimeLabel();
  const plural = bar.count === 1 ? 'one' : 'other';
  const text = bar.since
    ? t(`chat.unreadBar.${plural}`, { count: bar.count, time: timeLabel(bar.since) })
    : t(`chat.unreadBarNoTime.${plural}`, { count: bar.count });
  return (
    <div
      data-testid="unread-bar"
      role="status"
      className="absolute inset-x-2 top-0 z-20 flex items-center gap-2 rounded-b-lg bg-brand py-1 pr-1 pl-3 text-sm font-medium text-white shadow-md"
    >
      <button type="button" onClick={bar.jump} aria-label={t('chat.jumpToUnreadLabel')} className="min-w-0 flex-1 truncate text-left hover:underline">
        {text}
      </button>
      <button type="button" onClick={bar.jump} className="shrink-0 rounded px-2 py-0.5 font-semibold hover:bg-white/15">
        {t('chat.jumpToUnread')}
      </button>
      <button type="button" onClick={bar.markRead} className="shrink-0 rounded px-2 py-0.5 font-semibold hover:bg-white/15">
        {t('chat.markAsRead')}
      </button>
    </div>
  );
}
