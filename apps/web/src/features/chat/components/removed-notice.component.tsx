import type { Chatroom } from '@discordgym/contracts';
import { Alert } from '../../../components/alert.component';
import { Button } from '../../../components/button.component';
import { useChatI18n } from '../hooks/use-chat-i18n.hook';
import { useDismissRemoval } from '../hooks/use-group-settings.hook';

/** In place of the composer, in a group the owner removed me from: who did it, and "Dismiss". */
export function RemovedNotice({ room }: { room: Chatroom }) {
  const { t, describeError } = useChatI18n();
  const dismiss = useDismissRemoval(room.id);
  const group = room.name ?? t('chat.unnamedGroup');
  const by = room.removed?.by;
  return (
    <div className="shrink-0 px-2 pb-4 sm:px-4" data-testid="removed-notice">
      <div className="flex flex-col gap-2 rounded-lg bg-surface-600 px-4 py-3 sm:flex-row sm:items-center">
        <div className="min-w-0 flex-1">
          <p className="font-semibold text-fg" data-testid="removed-text">
            {by ? t('group.removedNotice', { actor: by.name, group }) : t('group.removedNoticeUnknown', { group })}
          </p>
          <p className="text-sm text-fg-subtle">{t('group.removedHint')}</p>
        </div>
        <Button variant="secondary" pending={dismiss.isPending} onClick={() => dismiss.mutate()} data-testid="dismiss-removal">
          {t('group.dismiss')}
        </Button>
      </div>
      {dismiss.error != null && (
        <Alert tone="error" className="mt-2">
          {describeError(dismiss.error)}
        </Alert>
      )}
    </div>
  );
}
