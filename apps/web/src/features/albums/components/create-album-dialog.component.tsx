import { type FormEvent, useId, useState } from 'react';
import { useNavigate } from 'react-router';
import { Alert } from '../../../components/alert.component';
import { Button } from '../../../components/button.component';
import { Dialog } from '../../../components/dialog.component';
import { TextField } from '../../../components/text-field.component';
import { useAlbumsI18n } from '../hooks/use-albums-i18n.hook';
import { useCreateAlbum } from '../hooks/use-albums.hook';

export function CreateAlbumDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const { t, ta, describeError } = useAlbumsI18n();
  const create = useCreateAlbum();
  const navigate = useNavigate();
  const formId = useId();
  const descriptionId = useId();
  const [title, setTitle] = useState('');
  const [date, setDate] = useState('');
  const [description, setDescription] = useState('');
  const [titleError, setTitleError] = useState<string | null>(null);

  const close = (): void => {
    setTitle('');
    setDate('');
    setDescription('');
    setTitleError(null);
    create.reset();
    onClose();
  };

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const trimmed = title.trim();
    if (!trimmed) return setTitleError(t('field.required'));
    create.mutate(
      { title: trimmed, event_date: date || null, description: description.trim() || null },
      {
        onSuccess: (album) => {
          close();
          void navigate(`/albums/${album.id}`);
        },
      },
    );
  };

  return (
    <Dialog
      open={open}
      title={ta('albums.create.title')}
      closeLabel={ta('albums.close')}
      onClose={close}
      footer={
        <>
          <Button variant="ghost" onClick={close}>
            {ta('albums.cancel')}
          </Button>
          <Button type="submit" form={formId} pending={create.isPending} pendingLabel={ta('albums.create.submitting')}>
            {ta('albums.create.submit')}
          </Button>
        </>
      }
    >
      <form id={formId} onSubmit={submit} noValidate className="flex flex-col gap-4">
        {create.error && <Alert tone="error">{describeError(create.error)}</Alert>}
        <TextField
          label={ta('albums.create.name')}
          required
          maxLength={120}
          value={title}
          onChange={(e) => {
            setTitle(e.target.value);
            setTitleError(null);
          }}
          error={titleError}
        />
        <TextField label={ta('albums.create.date')} type="date" value={date} onChange={(e) => setDate(e.target.value)} />
        <div className="flex flex-col gap-2">
          <label htmlFor={descriptionId} className="text-xs font-bold tracking-wide text-fg-muted uppercase">
            {ta('albums.create.description')}
          </label>
          <textarea
            id={descriptionId}
            rows={3}
            maxLength={2000}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            className="w-full rounded-[4px] bg-surface-900 px-3 py-2 text-base text-fg"
          />
        </div>
      </form>
    </Dialog>
  );
}
