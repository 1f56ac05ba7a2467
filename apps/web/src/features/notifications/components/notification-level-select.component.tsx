import { type Chatroom, NotificationLevel } from '@discordgym/contracts';
import { useId } from 'react';
import { useI18n } from '../../../lib/i18n/use-i18n.hook';
import { useNotificationLevel } from '../hooks/use-notification-level.hook';

/** What this room notifies me about; the change shows at once and is undone if the server refuses. */
export function NotificationLevelSelect({ room }: { room: Chatroom }) {
  const { t, describeError } = useI18n();
  const id = useId();
  const change = useNotificationLevel(room.id);
  return (
    <div className="px-4 pt-3">
      <label htmlFor={id} className="block text-xs font-semibold tracking-wide text-fg-subtle uppercase">
        {t('notifications.level.label')}
      </label>
      <select
        id={id}
        data-testid="notification-level"
        value={room.notification_level}
        disabled={change.isPending}
        onChange={(event) => change.mutate(NotificationLevel.parse(event.target.value))}
        aria-describedby={`${id}-hint`}
        className="mt-1 w-full rounded-[4px] bg-surface-950 px-2 py-1.5 text-sm text-fg"
      >
        {NotificationLevel.options.map((level) => (
          <option key={level} value={level}>
            {t(`notifications.level.${level}`)}
          </option>
        ))}
      </select>
      <p id={`${id}-hint`} className="mt-1 text-xs text-fg-subtle">
        {change.error ? describeError(change.error) : t('notifications.level.hint')}
      </p>
    </div>
  );
}
