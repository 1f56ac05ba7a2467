import type { Chatroom } from '@discordgym/contracts';
import { useState } from 'react';
import { Link } from 'react-router';
import { Icon } from '../../../components/icon.component';
import { IconButton } from '../../../components/icon-button.component';
import { useChatI18n } from '../hooks/use-chat-i18n.hook';
import { useDocumentTitle } from '../../../lib/use-document-title.hook';
import { dmPartner, roomTitle } from '../hooks/room-view';
import type { RoomPanel } from '../hooks/use-chat-room.hook';
import { useMeId } from '../hooks/use-me-id.hook';
import { usePresence } from '../hooks/use-presence.hook';
import { GroupSettingsDialog } from './group-settings-dialog.component';
import { RoomAvatar } from './room-avatar.component';

export function RoomHeader({ room, panel, onPanel }: { room: Chatroom; panel: RoomPanel; onPanel(panel: RoomPanel): void }) {
  const { t } = useChatI18n();
  const meId = useMeId();
  const title = roomTitle(room, meId, t('chat.unnamedGroup'));
  const partner = dmPartner(room, meId);
  const status = usePresence(partner?.id);
  useDocumentTitle(title);
  const count = room.participants.length;
  const iAmOwner = room.is_group && !room.removed && room.participants.some((p) => p.user.id === meId && p.role === 'owner');
  const [editing, setEditing] = useState(false);

  return (
    <header className="flex h-12 shrink-0 items-center gap-2 border-b border-surface-950/40 px-2 shadow-sm sm:px-4">
      <Link to="/chat" aria-label={t('chat.back')} title={t('chat.back')} className="flex size-9 items-center justify-center rounded-[4px] text-fg-muted hover:bg-surface-500/60 hover:text-fg md:hidden">
        <Icon name="back" />
      </Link>
      {room.is_group && !room.icon ? <Icon name="hash" className="size-6 text-fg-subtle" /> : <RoomAvatar room={room} ring="700" />}
      <div className="flex min-w-0 flex-1 items-baseline gap-2">
        <h1 className="truncate text-base font-semibold text-fg" data-testid="room-title">
          {title}
        </h1>
        <p className="hidden truncate text-sm text-fg-subtle sm:block" data-testid="room-status">
          {room.removed ? '' : room.is_group ? t(count === 1 ? 'chat.members.one' : 'chat.members.other', { count }) : partner ? t(`presence.${status}`) : ''}
          {!room.is_group && partner?.custom_status && <span data-testid="room-custom-status"> · {partner.custom_status.text}</span>}
        </p>
      </div>
      {room.notification_level === 'none' && (
        <span role="img" aria-label={t('notifications.level.muted')} title={t('notifications.level.muted')} data-testid="room-muted" className="flex size-9 items-center justify-center text-fg-subtle">
          <Icon name="bellOff" />
        </span>
      )}
      {iAmOwner && (
        <>
          <IconButton icon="edit" label={t('group.settings')} data-testid="group-settings-button" onClick={() => setEditing(true)} />
          <GroupSettingsDialog key={`${room.name}|${room.icon}`} room={room} open={editing} onClose={() => setEditing(false)} />
        </>
      )}
      {/* Someone removed has only the past to read: no members, no search. */}
      {!room.removed && (
        <>
          <IconButton icon="search" label={t('chat.search')} aria-pressed={panel === 'search'} onClick={() => onPanel(panel === 'search' ? null : 'search')} />
          <IconButton
            icon="members"
            label={panel === 'members' ? t('chat.hideMembers') : t('chat.showMembers')}
            aria-pressed={panel === 'members'}
            onClick={() => onPanel(panel === 'members' ? null : 'members')}
          />
        </>
      )}
    </header>
  );
}
