import { type Chatroom, GROUP_ICONS, type GroupIcon } from '@discordgym/contracts';
import { type FormEvent, useId, useState } from 'react';
import { Alert } from '../../../components/alert.component';
import { Button } from '../../../components/button.component';
import { Dialog } from '../../../components/dialog.component';
import { TextField } from '../../../components/text-field.component';
import { useChatI18n } from '../hooks/use-chat-i18n.hook';
import { groupIconUrl, useUpdateGroup } from '../hooks/use-group-settings.hook';

/** The owner renames the group and picks one of the built-in icons (or the initials). */
export function GroupSettingsDialog({ room, open, onClose }: { room: Chatroom; open: boolean; onClose(): void }) {
  const { t, describeError } = useChatI18n();
  const update = useUpdateGroup(room.id);
  const formId = useId();
  const [name, setName] = useState(room.name ?? '');
  const [icon, setIcon] = useState<GroupIcon | null>(room.icon);
  const [nameError, setNameError] = useState<string | null>(null);

  const close = (): void => {
    setName(room.name ?? '');
    setIcon(room.icon);
    setNameError(null);
    update.reset();
    onClose();
  };

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) return setNameError(t('chat.groupNameRequired'));
    const body = { ...(trimmed !== room.name ? { name: trimmed } : {}), ...(icon !== room.icon ? { icon } : {}) };
    if (!Object.keys(body).length) return close();
    update.mutate(body, { onSuccess: onClose });
  };

  const choices: Array<GroupIcon | null> = [null, ...GROUP_ICONS];
  return (
    <Dialog
      open={open}
      title={t('group.settingsTitle')}
      closeLabel={t('chat.dialogClose')}
      onClose={close}
      footer={
        <>
          <Button variant="ghost" onClick={close}>
            {t('chat.cancel')}
          </Button>
          <Button type="submit" form={formId} pending={update.isPending}>
            {t('group.save')}
          </Button>
        </>
      }
    >
      <form id={formId} onSubmit={submit} noValidate className="flex flex-col gap-4" data-testid="group-settings">
        {update.error && <Alert tone="error">{describeError(update.error)}</Alert>}
        <TextField
          label={t('group.name')}
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
        <fieldset>
          <legend className="mb-2 text-xs font-semibold tracking-wide text-fg-subtle uppercase">{t('group.icon')}</legend>
          <div role="radiogroup" aria-label={t('group.icon')} className="grid grid-cols-5 gap-2 sm:grid-cols-9">
            {choices.map((choice) => {
              const label = choice ? t(`group.icon.${choice}`) : t('group.iconNone');
              const selected = icon === choice;
              return (
                <button
                  key={choice ?? 'none'}
                  type="button"
                  role="radio"
                  aria-checked={selected}
                  aria-label={label}
                  title={label}
                  data-testid={`group-icon-${choice ?? 'none'}`}
                  onClick={() => setIcon(choice)}
                  className={`flex size-11 items-center justify-center overflow-hidden rounded-full ring-offset-2 ring-offset-surface-700 ${
                    selected ? 'ring-2 ring-brand' : 'opacity-80 hover:opacity-100'
                  }`}
                >
                  {choice ? (
                    <img src={groupIconUrl(choice)} alt="" className="size-full" />
                  ) : (
                    <span className="flex size-full items-center justify-center bg-surface-500 text-xs font-semibold text-fg uppercase">Aa</span>
                  )}
                </button>
              );
            })}
          </div>
        </fieldset>
      </form>
    </Dialog>
  );
}
