import { daysAgo, formatTime } from '../../../lib/format/date.format';
import { useChatI18n } from './use-chat-i18n.hook';

/** "Today at 14:05", "Yesterday at 09:12", or the date and time for anything older. */
export function useMessageTimeLabel() {
  const { t, locale } = useChatI18n();
  return (iso: string): string => {
    const days = daysAgo(iso);
    const time = formatTime(iso, locale);
    if (days === 0) return t('chat.todayAt', { time });
    if (days === 1) return t('chat.yesterdayAt', { time });
    return new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso));
  };
}

/** The day separator's words: "Today", "Yesterday", or the full date. */
export function useDayLabel() {
  const { t, locale } = useChatI18n();
  return (iso: string): string => {
    const days = daysAgo(iso);
    if (days === 0) return t('chat.today');
    if (days === 1) return t('chat.yesterday');
    return new Intl.DateTimeFormat(locale, { dateStyle: 'full' }).format(new Date(iso));
  };
}
