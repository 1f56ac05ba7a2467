import type { Chatroom } from '@discordgym/contracts';
import { useState } from 'react';
import { NavLink } from 'react-router';
import { IconButton } from '../../../components/icon-button.component';
import { UnreadBadge } from '../../../components/unread-badge.component';
import { useChatI18n } from '../hooks/use-chat-i18n.hook';
import { roomTitle } from '../hooks/room-view';
import { useMarkRoomRead } from '../hooks/use-mark-room-read.hook';
import { useMeId } from '../hooks/use-me-id.hook';
import { useMessagePreview } from '../hooks/use-message-preview.hook';
import { useTypingUsers } from '../hooks/use-typing-users.hook';
import { isContextMenuKey } from '../hooks/use-message-menu.hook';
import { RoomAvatar } from './room-avatar.component';
import { RoomContextMenu, type RoomMenuTarget } from './room-context-menu.component';

export function RoomListItem({ room, onNavigate }: { room: Chatroom; onNavigate?: () => void }) {
  const { t } = useChatI18n();
  const meId = useMeId();
  const preview = useMessagePreview();
  const typing = useTypingUsers(room.id).length > 0;
  const title = roomTitle(room, meId, t('chat.unnamedGroup'));
  const unread = room.unread_count;
  const unreadLabel = t(unread === 1 ? 'chat.unread.one' : 'chat.unread.other', { count: unread });
  const markRoomRead = useMarkRoomRead();
  // Right-click, Shift+F10 or the menu key: mark as read, copy link, leave.
  const [menu, setMenu] = useState<RoomMenuTarget | null>(null);

  return (
    <li className="relative">
      <NavLink
        to={`/chat/${room.id}`}
        onClick={onNavigate}
        onContextMenu={(e) => {
          e.preventDefault();
          setMenu({ at: { x: e.clientX, y: e.clientY }, opener: e.currentTarget });
        }}
        onKeyDown={(e) => {
          if (!isContextMenuKey(e)) return;
          e.preventDefault();
          const box = e.currentTarget.getBoundingClientRect();
          setMenu({ at: { x: box.left + 24, y: box.bottom }, opener: e.currentTarget });
        }}
        data-testid="room-link"
        data-room-id={room.id}
        data-unread={unread}
        aria-label={unread > 0 ? `${title}, ${unreadLabel}` : title}
        className={({ isActive }) =>
          `group flex items-center gap-3 rounded-[4px] px-2 py-1.5 ${unread > 0 ? 'pr-10' : ''} ${isActive ? 'bg-surface-500/60 text-fg' : unread > 0 ? 'text-fg hover:bg-surface-500/30' : 'text-fg-subtle hover:bg-surface-500/30 hover:text-fg-muted'}`
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
      {unread > 0 && (
        // Beside the link, not in it (no button inside a link); there while the room has something unread.
        <IconButton
          icon="check"
          size="sm"
          label={t('chat.markRoomRead', { room: title })}
          data-testid="room-mark-read"
          onClick={() => void markRoomRead(room)}
          className="absolute top-1/2 right-1 -translate-y-1/2"
        />
      )}
      {menu && <RoomContextMenu room={room} title={title} target={menu} onDone={() => setMenu(null)} />}
    </li>
  );
}
