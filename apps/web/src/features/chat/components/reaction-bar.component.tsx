import type { Chatroom, Message } from '@discordgym/contracts';
import { useId } from 'react';
import { useChatI18n } from '../hooks/use-chat-i18n.hook';
import { displayName, userById } from '../hooks/room-view';

/** How many names the "who reacted" tooltip lists before "and N more". */
const NAMES_SHOWN = 10;

export function ReactionBar({ message, meId, room, onToggle }: { message: Message; meId: string; room: Chatroom; onToggle(emoji: string): void }) {
  const { t } = useChatI18n();
  const tipId = useId();
  if (!message.reactions.length) return null;
  // Who reacted: me first, then the room's members by name; the message carries every reactor's id.
  const whoReacted = (userIds: string[]): string => {
    const names = [...userIds]
      .sort((a, b) => Number(b === meId) - Number(a === meId))
      .map((id) => {
        if (id === meId) return t('chat.you');
        const user = userById(room, id);
        return user ? displayName(user) : t('chat.unknownUser');
      });
    const shown = names.slice(0, NAMES_SHOWN).join(', ');
    return names.length > NAMES_SHOWN ? t('chat.reactedByMore', { names: shown, count: names.length - NAMES_SHOWN }) : shown;
  };
  return (
    <ul className="mt-1 flex flex-wrap gap-1" aria-label={t('chat.reactions')}>
      {message.reactions.map((reaction) => {
        const mine = reaction.user_ids.includes(meId);
        const tip = `${tipId}-${reaction.emoji}`;
        return (
          <li key={reaction.emoji} className="group/chip relative">
            <button
              type="button"
              aria-pressed={mine}
              data-testid="reaction"
              data-emoji={reaction.emoji}
              aria-label={t(reaction.count === 1 ? 'chat.reaction.one' : 'chat.reaction.other', { emoji: reaction.emoji, count: reaction.count })}
              aria-describedby={tip}
              onClick={() => onToggle(reaction.emoji)}
              className={`flex h-6 items-center gap-1.5 rounded-[8px] border px-1.5 text-sm ${mine ? 'border-brand bg-brand-soft text-fg' : 'border-transparent bg-surface-800 text-fg-muted hover:border-surface-400'}`}
            >
              <span aria-hidden="true">{reaction.emoji}</span>
              <span className="text-xs font-semibold tabular-nums">{reaction.count}</span>
            </button>
            <span
              id={tip}
              role="tooltip"
              data-testid="reaction-tooltip"
              className="pointer-events-none absolute bottom-full left-0 z-30 mb-1.5 hidden w-max max-w-64 rounded-md bg-surface-950 px-2.5 py-1.5 text-xs text-fg shadow-lg group-hover/chip:block group-focus-within/chip:block"
            >
              {t('chat.reactedBy', { emoji: reaction.emoji, names: whoReacted(reaction.user_ids) })}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
