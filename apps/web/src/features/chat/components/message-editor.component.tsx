import { MESSAGE_MAX_LENGTH } from '@discordgym/contracts';
import { useEffect, useRef, useState } from 'react';
import { useChatI18n } from '../hooks/use-chat-i18n.hook';

/** Editing in place: Enter saves, Escape cancels, as in Discord. */
export function MessageEditor({ initial, pending, onSave, onCancel }: { initial: string; pending: boolean; onSave(content: string): void; onCancel(): void }) {
  const { t } = useChatI18n();
  const [text, setText] = useState(initial);
  const ref = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.focus();
    el.setSelectionRange(el.value.length, el.value.length);
  }, []);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${Math.min(el.scrollHeight, 240)}px`;
  }, [text]);

  const save = (): void => {
    const content = text.trim();
    if (!content || content.length > MESSAGE_MAX_LENGTH) return;
    if (content === initial) return onCancel();
    onSave(content);
  };

  return (
    <div className="mt-1">
      <textarea
        ref={ref}
        aria-label={t('chat.editLabel')}
        value={text}
        rows={1}
        disabled={pending}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.nativeEvent.isComposing) return;
          if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            onCancel();
          } else if (e.key === 'Enter' && !e.shiftKey) {
            e.preventDefault();
            save();
          }
        }}
        className="block w-full resize-none rounded-lg bg-surface-600 px-3 py-2 text-[15px] text-fg"
      />
      <p className="mt-1 text-xs text-fg-subtle">
        {t('chat.editHintEscape')}{' '}
        <button type="button" onClick={onCancel} className="text-link hover:underline">
          {t('chat.editCancel')}
        </button>
        {' · '}
        {t('chat.editHintEnter')}{' '}
        <button type="button" onClick={save} className="text-link hover:underline">
          {t('chat.editSave')}
        </button>
      </p>
    </div>
  );
}
