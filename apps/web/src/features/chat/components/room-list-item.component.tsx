import type { Chatroom } from '@discordgym/contracts';
import { NavLink } from 'react-router';
import { UnreadBadge } from '../../../components/unread-badge.component';
import { useI18n } from '../../../lib/i18n/use-i18n.hook';
import { roomTitle } from '../hooks/room-view';
import { useMeId } from '../hooks/use-me-id.hook';
import { useMessagePreview } from '../hooks/use-message-preview.hook';
import { useTypingUsers } from '../hooks/use-typing-users.hook';
import { RoomAvatar } from './room-avatar.component';

export function RoomListItem({ room, onNavigate }: { room: Chatroom; onNavigate?: () => void }) {
  const { t } = useI18n();
  const meId = useMeId();
  const preview = useMessagePreview();
  const typing = useTypingUsers(room.id).length > 0;
  const title = roomTitle(room, meId, t('chat.unnamedGroup'));
  const unread = room.unread_count;
  const unreadLabel = t(unread === 1 ? 'chat.unread.one' : 'chat.unread.other', { count: unread });

  return (
    <li>
      <NavLink
        to={`/chat/${room.id}`}
        onClick={onNavigate}
        data-testid="room-link"
        data-room-id={room.id}
        data-unread={unread}
        aria-label={unread > 0 ? `${title}, ${unreadLabel}` : title}
        className={({ isActive }) =>
          `group flex items-center gap-3 rounded-[4px] px-2 py-1.5 ${isActive ? 'bg-surface-500/60 text-fg' : unread > 0 ? 'text-fg hover:bg-surface-500/30' : 'text-fg-subtle hover:bg-surface-500/30 hover:text-fg-muted'}`
        }
      >
        <RoomAvatar room={room} />
        <span className="min-w-0 flex-1 leading-tight">
          <span className={`block truncate text-[15px] ${unread > 0 ? 'font-semibold' : 'font-medium'}`}>{title}</span>
          <span className={`block truncate text-xs ${typing ? 'text-fg-muted italic' : 'text-fg-subtle'}`}>
            {typing ? t('chat.typingShort') : preview(room, room.last_message, meId)}
          </span>
        </span>
        <UnreadBadge count={unread} label={unreadLabel} />
      </NavLink>
    </li>
  );
}
