import type { PublicUser } from '@discordgym/contracts';
import { type FormEvent, useId, useState } from 'react';
import { Alert } from '../../../components/alert.component';
import { Button } from '../../../components/button.component';
import { Dialog } from '../../../components/dialog.component';
import { TextField } from '../../../components/text-field.component';
import { useChatI18n } from '../hooks/use-chat-i18n.hook';
import { useCreateGroup } from '../hooks/use-room-admin.hook';
import { PeoplePicker } from './people-picker.component';

export function CreateGroupDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const { t, describeError } = useChatI18n();
  const create = useCreateGroup();
  const formId = useId();
  const [name, setName] = useState('');
  const [people, setPeople] = useState<PublicUser[]>([]);
  const [nameError, setNameError] = useState<string | null>(null);

  const close = (): void => {
    setName('');
    setPeople([]);
    setNameError(null);
    create.reset();
    onClose();
  };

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) return setNameError(t('chat.groupNameRequired'));
    create.mutate({ name: trimmed, userIds: people.map((p) => p.id) }, { onSuccess: close });
  };

  return (
    <Dialog
      open={open}
      title={t('chat.newGroup')}
      closeLabel={t('chat.dialogClose')}
      onClose={close}
      footer={
        <>
          <Button variant="ghost" onClick={close}>
            {t('chat.cancel')}
          </Button>
          <Button type="submit" form={formId} pending={create.isPending} pendingLabel={t('chat.creating')}>
            {t('chat.create')}
          </Button>
        </>
      }
    >
      <form id={formId} onSubmit={submit} noValidate className="flex flex-col gap-4">
        {create.error && <Alert tone="error">{describeError(create.error)}</Alert>}
        <TextField
          label={t('chat.groupName')}
          hint={t('chat.groupNameHint')}
          required
          maxLength={100}
          value={name}
          onChange={(e) => {
            setName(e.target.value);
            setNameError(null);
          }}
          error={nameError}
          autoFocus
        />
        <PeoplePicker
          selected={people}
          actionLabel={(n) => t('chat.add', { name: n })}
          onPick={(user) => setPeople((list) => [...list, user])}
          onUnpick={(user) => setPeople((list) => list.filter((u) => u.id !== user.id))}
        />
      </form>
    </Dialog>
  );
}
