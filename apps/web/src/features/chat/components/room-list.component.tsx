import type { Chatroom } from '@discordgym/contracts';
import { useState } from 'react';
import { Alert } from '../../../components/alert.component';
import { Button } from '../../../components/button.component';
import { IconButton } from '../../../components/icon-button.component';
import { useChatI18n } from '../hooks/use-chat-i18n.hook';
import { useRoomSections } from '../hooks/use-room-sections.hook';
import { CreateGroupDialog } from './create-group-dialog.component';
import { NewDmDialog } from './new-dm-dialog.component';
import { RoomListItem } from './room-list-item.component';

/** Every conversation of mine, in two sections, with the buttons that start new ones. */
export function RoomList({ className = '', onNavigate }: { className?: string; onNavigate?: () => void }) {
  const { t, describeError } = useChatI18n();
  const { dms, groups, isPending, error, refetch } = useRoomSections();
  const [dialog, setDialog] = useState<'dm' | 'group' | null>(null);

  return (
    <nav aria-label={t('chat.conversations')} className={`flex flex-col gap-4 ${className}`}>
      {error && !isPending && (
        <div className="flex flex-col items-start gap-2 px-2">
          <Alert tone="error">{describeError(error)}</Alert>
          <Button variant="secondary" onClick={() => void refetch()}>
            {t('error.retry')}
          </Button>
        </div>
      )}
      <Section title={t('chat.directMessages')} actionLabel={t('chat.newDm')} onAction={() => setDialog('dm')} rooms={dms} empty={t('chat.noDms')} loading={isPending} onNavigate={onNavigate} />
      <Section title={t('chat.groups')} actionLabel={t('chat.newGroup')} onAction={() => setDialog('group')} rooms={groups} empty={t('chat.noGroups')} loading={isPending} onNavigate={onNavigate} />
      <NewDmDialog open={dialog === 'dm'} onClose={() => setDialog(null)} />
      <CreateGroupDialog open={dialog === 'group'} onClose={() => setDialog(null)} />
    </nav>
  );
}

function Section(props: { title: string; actionLabel: string; onAction(): void; rooms: Chatroom[]; empty: string; loading: boolean; onNavigate?: () => void }) {
  const { t } = useChatI18n();
  return (
    <section aria-label={props.title}>
      <div className="flex items-center justify-between pr-1 pl-2">
        <h2 className="text-xs font-semibold tracking-wide text-fg-subtle uppercase">{props.title}</h2>
        <IconButton icon="plus" label={props.actionLabel} size="sm" onClick={props.onAction} />
      </div>
      {props.loading ? (
        <p className="px-2 py-1 text-sm text-fg-subtle" role="status">
          {t('app.loading')}
        </p>
      ) : props.rooms.length === 0 ? (
        <p className="px-2 py-1 text-sm text-fg-subtle">{props.empty}</p>
      ) : (
        <ul className="mt-1 flex flex-col gap-0.5">
          {props.rooms.map((room) => (
            <RoomListItem key={room.id} room={room} onNavigate={props.onNavigate} />
          ))}
        </ul>
      )}
    </section>
  );
}
