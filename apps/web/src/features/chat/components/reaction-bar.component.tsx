import type { Message } from '@discordgym/contracts';
import { useI18n } from '../../../lib/i18n/use-i18n.hook';

export function ReactionBar({ message, meId, onToggle }: { message: Message; meId: string; onToggle(emoji: string): void }) {
  const { t } = useI18n();
  if (!message.reactions.length) return null;
  return (
    <ul className="mt-1 flex flex-wrap gap-1" aria-label={t('chat.reactions')}>
      {message.reactions.map((reaction) => {
        const mine = reaction.user_ids.includes(meId);
        return (
          <li key={reaction.emoji}>
            <button
              type="button"
              aria-pressed={mine}
              data-testid="reaction"
              data-emoji={reaction.emoji}
              aria-label={t(reaction.count === 1 ? 'chat.reaction.one' : 'chat.reaction.other', { emoji: reaction.emoji, count: reaction.count })}
              onClick={() => onToggle(reaction.emoji)}
              className={`flex h-6 items-center gap-1.5 rounded-[8px] border px-1.5 text-sm ${mine ? 'border-brand bg-brand-soft text-fg' : 'border-transparent bg-surface-800 text-fg-muted hover:border-surface-400'}`}
            >
              <span aria-hidden="true">{reaction.emoji}</span>
              <span className="text-xs font-semibold tabular-nums">{reaction.count}</span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
