import { Icon } from '../../../components/icon.component';
import { useChatI18n } from '../hooks/use-chat-i18n.hook';

/** Shown while files are dragged over a conversation. */
export function DropOverlay() {
  const { t } = useChatI18n();
  return (
    <div
      aria-hidden="true"
      data-testid="drop-overlay"
      className="pointer-events-none absolute inset-2 z-30 flex flex-col items-center justify-center gap-3 rounded-xl border-2 border-dashed border-brand bg-surface-900/85 text-fg"
    >
      <Icon name="upload" className="size-10 text-brand" />
      <p className="text-lg font-medium">{t('chat.dropFiles')}</p>
    </div>
  );
}
