import type { Chatroom, PublicUser } from '@discordgym/contracts';
import { useState } from 'react';
import { Alert } from '../../../components/alert.component';
import { Button } from '../../../components/button.component';
import { Dialog } from '../../../components/dialog.component';
import { useChatI18n } from '../hooks/use-chat-i18n.hook';
import { useAddPeople } from '../hooks/use-room-admin.hook';
import { PeoplePicker } from './people-picker.component';

export function AddPeopleDialog({ room, open, onClose }: { room: Chatroom; open: boolean; onClose(): void }) {
  const { t, describeError } = useChatI18n();
  const add = useAddPeople(room.id);
  const [people, setPeople] = useState<PublicUser[]>([]);
  const members = new Set(room.participants.map((p) => p.user.id));

  const close = (): void => {
    setPeople([]);
    add.reset();
    onClose();
  };

  return (
    <Dialog
      open={open}
      title={t('chat.addPeople')}
      closeLabel={t('chat.dialogClose')}
      onClose={close}
      footer={
        <>
          <Button variant="ghost" onClick={close}>
            {t('chat.cancel')}
          </Button>
          <Button
            disabled={people.length === 0}
            pending={add.isPending}
            pendingLabel={t('chat.adding')}
            onClick={() => add.mutate(people.map((p) => p.id), { onSuccess: close })}
          >
            {t(people.length === 1 ? 'chat.addSelected.one' : 'chat.addSelected.other', { count: people.length })}
          </Button>
        </>
      }
    >
      <div className="flex flex-col gap-3">
        {add.error && <Alert tone="error">{describeError(add.error)}</Alert>}
        <PeoplePicker
          autoFocus
          selected={people}
          unavailable={members}
          actionLabel={(name) => t('chat.add', { name })}
          onPick={(user) => setPeople((list) => [...list, user])}
          onUnpick={(user) => setPeople((list) => list.filter((u) => u.id !== user.id))}
        />
      </div>
    </Dialog>
  );
}
