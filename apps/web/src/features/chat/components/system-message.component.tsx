import type { Chatroom, Message } from '@discordgym/contracts';
import { useSystemText } from '../hooks/use-group-settings.hook';
import { useMessageTimeLabel } from '../hooks/use-message-time-label.hook';

/** A system line (someone added, left, removed; a rename): centred and muted, no actions. */
export function SystemMessage({ room, message }: { room: Chatroom; message: Message }) {
  const text = useSystemText()(room, message);
  const time = useMessageTimeLabel()(message.created_at);
  return (
    <li data-testid="system-message" data-system-type={message.system?.type} className="px-4 py-1.5 text-center text-xs text-fg-subtle">
      <span>{text}</span>
      <time dateTime={message.created_at} className="ml-2 text-[11px] opacity-70">
        {time}
      </time>
    </li>
  );
}
