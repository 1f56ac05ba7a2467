import type { Chatroom } from '@discordgym/contracts';
import { useEffect, useState } from 'react';
import { Button } from '../../../components/button.component';
import { Dialog } from '../../../components/dialog.component';
import { Menu, type MenuEntry } from '../../../components/menu.component';
import { useChatI18n } from '../hooks/use-chat-i18n.hook';
import { useMarkRoomRead } from '../hooks/use-mark-room-read.hook';
import { useMeId } from '../hooks/use-me-id.hook';
import { useRemovePerson } from '../hooks/use-room-admin.hook';

export interface RoomMenuTarget {
  at: { x: number; y: number };
  opener: HTMLElement;
}

/**
 * A room's context menu in the sidebar: mark as read, copy its link, and (groups) leave it,
 * asking first with the same words as the members panel. `onDone` when nothing is left open.
 */
export function RoomContextMenu({ room, title, target, onDone }: { room: Chatroom; title: string; target: RoomMenuTarget; onDone(): void }) {
  const { t } = useChatI18n();
  const meId = useMeId();
  const markRoomRead = useMarkRoomRead();
  const leave = useRemovePerson(room.id);
  const [menuOpen, setMenuOpen] = useState(true);
  const [confirming, setConfirming] = useState(false);

  useEffect(() => {
    if (!menuOpen && !confirming) onDone();
  }, [menuOpen, confirming, onDone]);

  const entries: MenuEntry[] = [
    { id: 'mark-read', label: t('chat.markAsRead'), icon: 'check', onSelect: () => void markRoomRead(room) },
    { id: 'copy-link', label: t('chat.copyLink'), icon: 'hash', onSelect: () => void navigator.clipboard.writeText(`${window.location.origin}/chat/${room.id}`).catch(() => undefined) },
  ];
  if (room.is_group) entries.push({ id: 'leave', label: t('chat.leave'), icon: 'leave', tone: 'danger', onSelect: () => setConfirming(true) });

  return (
    <>
      {menuOpen && <Menu label={t('chat.roomActions', { room: title })} items={entries} at={target.at} opener={target.opener} onClose={() => setMenuOpen(false)} testId="room-menu" />}
      <Dialog
        open={confirming}
        size="sm"
        title={t('chat.leaveTitle', { name: room.name ?? '' })}
        closeLabel={t('chat.dialogClose')}
        onClose={() => setConfirming(false)}
        footer={
          <>
            <Button variant="ghost" onClick={() => setConfirming(false)}>
              {t('chat.cancel')}
            </Button>
            <Button variant="danger" pending={leave.isPending} onClick={() => leave.mutate(meId, { onSettled: () => setConfirming(false) })}>
              {t('chat.leave')}
            </Button>
          </>
        }
      >
        <p>{t('chat.leaveBody')}</p>
      </Dialog>
    </>
  );
}
