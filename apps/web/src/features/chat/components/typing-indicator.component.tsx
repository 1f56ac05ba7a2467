import type { Chatroom } from '@discordgym/contracts';
import { useChatI18n } from '../hooks/use-chat-i18n.hook';
import { displayName, userById } from '../hooks/room-view';
import { useTypingUsers } from '../hooks/use-typing-users.hook';

export function TypingIndicator({ room }: { room: Chatroom }) {
  const { t } = useChatI18n();
  const names = useTypingUsers(room.id).map((id) => {
    const user = userById(room, id);
    return user ? displayName(user) : t('chat.unknownUser');
  });
  const text =
    names.length === 0
      ? ''
      : names.length === 1
        ? t('chat.typing.one', { name: names[0]! })
        : names.length === 2
          ? t('chat.typing.two', { a: names[0]!, b: names[1]! })
          : t('chat.typing.many');
  return (
    <div className="h-6 px-4 text-xs text-fg-muted" aria-live="polite" data-testid="typing-indicator">
      {text && (
        <p className="flex items-center gap-1.5 truncate">
          <span aria-hidden="true" className="flex gap-0.5">
            {[0, 150, 300].map((delay) => (
              <span key={delay} className="size-1.5 animate-bounce rounded-full bg-fg-muted" style={{ animationDelay: `${delay}ms` }} />
            ))}
          </span>
          <span className="font-semibold">{text}</span>
        </p>
      )}
    </div>
  );
}
