import type { Chatroom, Participant } from '@discordgym/contracts';
import { useState } from 'react';
import { Alert } from '../../../components/alert.component';
import { Button } from '../../../components/button.component';
import { Dialog } from '../../../components/dialog.component';
import { Icon } from '../../../components/icon.component';
import { IconButton } from '../../../components/icon-button.component';
import { PresenceDot } from '../../../components/presence-dot.component';
import { UserAvatar } from '../../../components/user-avatar.component';
import { useChatI18n } from '../hooks/use-chat-i18n.hook';
import { NotificationLevelSelect } from '../../notifications/components/notification-level-select.component';
import { displayName } from '../hooks/room-view';
import { useMeId } from '../hooks/use-me-id.hook';
import { usePresenceMap } from '../hooks/use-presence.hook';
import { useOpenDm, useRemovePerson } from '../hooks/use-room-admin.hook';
import { PersonButton } from '../../people/components/person-button.component';
import { useMyCustomStatus, useMyPresence } from '../../people/hooks/use-my-presence.hook';
import { AddPeopleDialog } from './add-people-dialog.component';

const RANK = { online: 0, dnd: 1, away: 2, offline: 3 } as const;

/** Who is in the room and whether they are here; the owner removes people, anyone leaves. */
export function MembersPanel({ room }: { room: Chatroom }) {
  const { t, describeError } = useChatI18n();
  const meId = useMeId();
  const presence = usePresenceMap();
  const remove = useRemovePerson(room.id);
  const openDm = useOpenDm();
  const [adding, setAdding] = useState(false);
  const [confirm, setConfirm] = useState<Participant | null>(null);
  const iAmOwner = room.participants.some((p) => p.user.id === meId && p.role === 'owner');
  const mine = useMyPresence();
  const myStatusText = useMyCustomStatus();
  const statusOf = (p: Participant) => (p.user.id === meId ? mine : (presence[p.user.id]?.status ?? 'offline'));
  const members = [...room.participants].sort(
    (a, b) => RANK[statusOf(a)] - RANK[statusOf(b)] || displayName(a.user).localeCompare(displayName(b.user)),
  );
  const leaving = confirm?.user.id === meId;

  return (
    <section aria-labelledby="members-heading" className="flex h-full flex-col" data-testid="members-panel">
      <div className="flex items-center justify-between gap-2 px-4 pt-4">
        <h2 id="members-heading" className="text-xs font-semibold tracking-wide text-fg-subtle uppercase">
          {t('chat.membersTitle')} — {room.participants.length}
        </h2>
      </div>
      <NotificationLevelSelect room={room} />
      {(remove.error || openDm.error) && (
        <Alert tone="error" className="mx-4 mt-2">
          {describeError(remove.error ?? openDm.error)}
        </Alert>
      )}
      {room.is_group && (
        <div className="flex flex-wrap gap-2 px-4 pt-3">
          <Button variant="secondary" className="min-h-8! px-3! py-1!" onClick={() => setAdding(true)}>
            <Icon name="plus" className="size-4" />
            {t('chat.addPeople')}
          </Button>
          <Button variant="danger-outline" className="min-h-8! px-3! py-1!" onClick={() => setConfirm(room.participants.find((p) => p.user.id === meId) ?? null)}>
            <Icon name="leave" className="size-4" />
            {t('chat.leave')}
          </Button>
        </div>
      )}
      <ul className="mt-3 flex-1 overflow-y-auto px-2 pb-4">
        {members.map((p) => {
          const status = statusOf(p);
          const name = displayName(p.user);
          return (
            <li key={p.user.id} className="group flex items-center gap-3 rounded-[4px] px-2 py-1.5 hover:bg-surface-500/30" data-testid="member">
              <span className="relative">
                <UserAvatar name={name} avatar={p.user.avatar} size="sm" className={status === 'offline' ? 'opacity-50' : ''} />
                <PresenceDot status={status} ring="850" label={t(`presence.${status}`)} className="absolute -right-0.5 -bottom-0.5 size-2.5!" />
              </span>
              <span className="min-w-0 flex-1 leading-tight">
                <span className={`flex items-center gap-1 truncate font-medium ${status === 'offline' ? 'text-fg-subtle' : 'text-fg'}`}>
                  <PersonButton user={p.user} className="truncate" testId="member-name">
                    {name}
                  </PersonButton>
                  {p.role === 'owner' && room.is_group && (
                    <span title={t('chat.owner')} className="text-warning">
                      <Icon name="crown" className="size-3.5" />
                      <span className="sr-only">{t('chat.owner')}</span>
                    </span>
                  )}
                </span>
                <span className="block truncate text-xs text-fg-subtle" data-testid="member-status">
                  {(p.user.id === meId ? myStatusText : p.user.custom_status?.text) || p.user.bio || p.user.handle}
                </span>
              </span>
              {p.user.id !== meId && (
                <span className="flex opacity-100 md:opacity-0 md:group-focus-within:opacity-100 md:group-hover:opacity-100">
                  {room.is_group && (
                    <IconButton icon="chat" size="sm" label={t('chat.sendMessage', { name })} disabled={openDm.isPending} onClick={() => openDm.mutate(p.user.id)} />
                  )}
                  {iAmOwner && room.is_group && (
                    <IconButton icon="close" size="sm" tone="danger" label={t('chat.remove', { name })} onClick={() => setConfirm(p)} />
                  )}
                </span>
              )}
            </li>
          );
        })}
      </ul>
      {room.is_group && <AddPeopleDialog room={room} open={adding} onClose={() => setAdding(false)} />}
      <Dialog
        open={confirm !== null}
        size="sm"
        title={leaving ? t('chat.leaveTitle', { name: room.name ?? '' }) : t('chat.removeTitle', { name: confirm ? displayName(confirm.user) : '' })}
        closeLabel={t('chat.dialogClose')}
        onClose={() => setConfirm(null)}
        footer={
          <>
            <Button variant="ghost" onClick={() => setConfirm(null)}>
              {t('chat.cancel')}
            </Button>
            <Button
              variant="danger"
              pending={remove.isPending}
              onClick={() => confirm && remove.mutate(confirm.user.id, { onSettled: () => setConfirm(null) })}
            >
              {leaving ? t('chat.leave') : t('chat.removeConfirm')}
            </Button>
          </>
        }
      >
        <p>{leaving ? t('chat.leaveBody') : t('chat.removeBody', { name: confirm ? displayName(confirm.user) : '' })}</p>
      </Dialog>
    </section>
  );
}
