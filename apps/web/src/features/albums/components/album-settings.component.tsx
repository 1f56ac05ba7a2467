import type { Album, AlbumSettingsPatch } from '@discordgym/contracts';
import { type FormEvent, type ReactNode, useId, useState } from 'react';
import { useNavigate } from 'react-router';
import { Alert } from '../../../components/alert.component';
import { Button } from '../../../components/button.component';
import { TextField } from '../../../components/text-field.component';
import { UserAvatar } from '../../../components/user-avatar.component';
import { PeoplePicker } from '../../chat/components/people-picker.component';
import { useAlbumMembers } from '../hooks/use-album-members.hook';
import { useAlbumsI18n } from '../hooks/use-albums-i18n.hook';
import { useDeleteAlbum, useUpdateAlbum } from '../hooks/use-albums.hook';

const MB = 1024 * 1024;

/** `datetime-local` speaks local time without a zone; the API speaks ISO instants. */
const toLocalInput = (iso: string | null): string => {
  if (!iso) return '';
  const date = new Date(iso);
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};
const fromLocalInput = (value: string): string | null => (value ? new Date(value).toISOString() : null);

function Toggle({ label, checked, onChange }: { label: string; checked: boolean; onChange(value: boolean): void }) {
  return (
    <label className="flex items-center justify-between gap-4 rounded-md bg-surface-800 px-3 py-2 text-sm text-fg">
      {label}
      <input type="checkbox" role="switch" checked={checked} onChange={(e) => onChange(e.target.checked)} className="size-5 accent-brand" />
    </label>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="flex flex-col gap-3">
      <h2 className="text-lg font-semibold text-fg">{title}</h2>
      {children}
    </section>
  );
}

/** Title, date, description, the upload rules and the people who run the album (hosts). */
export function AlbumSettingsPanel({ album }: { album: Album }) {
  const { ta, describeError } = useAlbumsI18n();
  const update = useUpdateAlbum(album.id);
  const remove = useDeleteAlbum(album.id);
  const navigate = useNavigate();
  const formId = useId();
  const s = album.settings;
  const [title, setTitle] = useState(album.title);
  const [date, setDate] = useState(album.event_date ?? '');
  const [description, setDescription] = useState(album.description ?? '');
  const [open, setOpen] = useState(s.uploads_open);
  const [start, setStart] = useState(toLocalInput(s.upload_window_start));
  const [end, setEnd] = useState(toLocalInput(s.upload_window_end));
  const [approval, setApproval] = useState(s.approval_required);
  const [quotaPhotos, setQuotaPhotos] = useState(String(s.guest_quota_photos));
  const [quotaMb, setQuotaMb] = useState(String(Math.round(s.guest_quota_bytes / MB)));
  const [maxMb, setMaxMb] = useState(String(Math.round(s.max_file_bytes / MB)));
  const [guestsDownload, setGuestsDownload] = useState(s.guests_may_download);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const settings: AlbumSettingsPatch = {
      uploads_open: open,
      upload_window_start: fromLocalInput(start),
      upload_window_end: fromLocalInput(end),
      approval_required: approval,
      guest_quota_photos: Math.max(0, Math.floor(Number(quotaPhotos) || 0)),
      guest_quota_bytes: Math.max(0, Math.floor((Number(quotaMb) || 0) * MB)),
      max_file_bytes: Math.max(1, Math.floor((Number(maxMb) || 1) * MB)),
      guests_may_download: guestsDownload,
    };
    update.mutate({ title: title.trim(), event_date: date || null, description: description.trim() || null, settings });
  };

  return (
    <div className="flex max-w-2xl flex-col gap-8">
      <form id={formId} onSubmit={submit} noValidate className="flex flex-col gap-6">
        <Section title={ta('settings.details')}>
          <TextField label={ta('albums.create.name')} required maxLength={120} value={title} onChange={(e) => setTitle(e.target.value)} />
          <TextField label={ta('albums.create.date')} type="date" value={date} onChange={(e) => setDate(e.target.value)} />
          <label className="flex flex-col gap-2 text-xs font-bold tracking-wide text-fg-muted uppercase">
            {ta('albums.create.description')}
            <textarea rows={3} maxLength={2000} value={description} onChange={(e) => setDescription(e.target.value)} className="rounded-[4px] bg-surface-900 px-3 py-2 text-base font-normal tracking-normal text-fg normal-case" />
          </label>
        </Section>
        <Section title={ta('settings.title')}>
          <Toggle label={ta('settings.uploadsOpen')} checked={open} onChange={setOpen} />
          <div className="grid gap-3 sm:grid-cols-2">
            <TextField label={ta('settings.windowStart')} hint={ta('settings.windowHint')} type="datetime-local" value={start} onChange={(e) => setStart(e.target.value)} />
            <TextField label={ta('settings.windowEnd')} type="datetime-local" value={end} onChange={(e) => setEnd(e.target.value)} />
          </div>
          <Toggle label={ta('settings.approval')} checked={approval} onChange={setApproval} />
          <Toggle label={ta('settings.guestsDownload')} checked={guestsDownload} onChange={setGuestsDownload} />
          <div className="grid gap-3 sm:grid-cols-3">
            <TextField label={ta('settings.quotaPhotos')} type="number" min={0} inputMode="numeric" value={quotaPhotos} onChange={(e) => setQuotaPhotos(e.target.value)} />
            <TextField label={ta('settings.quotaBytes')} type="number" min={0} inputMode="numeric" value={quotaMb} onChange={(e) => setQuotaMb(e.target.value)} />
            <TextField label={ta('settings.maxSize')} type="number" min={1} inputMode="numeric" value={maxMb} onChange={(e) => setMaxMb(e.target.value)} />
          </div>
        </Section>
        {update.error && <Alert tone="error">{describeError(update.error)}</Alert>}
        {update.isSuccess && <Alert tone="success">{ta('albums.saved')}</Alert>}
        <Button type="submit" className="self-start" pending={update.isPending} pendingLabel={ta('albums.saving')}>
          {ta('albums.save')}
        </Button>
      </form>
      <MembersSection album={album} />
      {album.my_role === 'host' && (
        <Section title={ta('settings.deleteAlbum')}>
          {remove.error && <Alert tone="error">{describeError(remove.error)}</Alert>}
          <Button
            variant="danger"
            className="self-start"
            pending={remove.isPending}
            onClick={() => {
              if (window.confirm(ta('settings.deleteConfirm'))) remove.mutate(undefined, { onSuccess: () => void navigate('/albums') });
            }}
          >
            {ta('settings.deleteAlbum')}
          </Button>
        </Section>
      )}
    </div>
  );
}

function MembersSection({ album }: { album: Album }) {
  const { ta, describeError } = useAlbumsI18n();
  const { members, add, remove } = useAlbumMembers(album.id);
  const [role, setRole] = useState<'cohost' | 'member'>('cohost');
  const list = members.data ?? [];
  const taken = new Set(list.map((m) => m.user.id));
  return (
    <Section title={ta('settings.people')}>
      {(members.error ?? add.error ?? remove.error) && <Alert tone="error">{describeError(members.error ?? add.error ?? remove.error)}</Alert>}
      <ul className="flex flex-col gap-1">
        {list.map((member) => {
          const name = member.user.display_name ?? member.user.username;
          return (
            <li key={member.user.id} className="flex items-center gap-2 rounded-md bg-surface-800 px-3 py-2">
              <UserAvatar name={name} avatar={member.user.avatar} size="sm" />
              <span className="min-w-0 flex-1 truncate text-fg">{name}</span>
              <span className="text-xs text-fg-subtle">{ta(`albums.role.${member.role}`)}</span>
              {member.role !== 'host' && (
                <Button variant="ghost" className="px-2" aria-label={ta('settings.remove', { name })} onClick={() => remove.mutate(member.user.id)}>
                  ×
                </Button>
              )}
            </li>
          );
        })}
      </ul>
      <label className="flex items-center gap-2 text-sm text-fg-muted">
        {ta('settings.addAs')}
        <select value={role} onChange={(e) => setRole(e.target.value as 'cohost' | 'member')} className="h-9 rounded-[4px] bg-surface-900 px-2 text-fg">
          <option value="cohost">{ta('albums.role.cohost')}</option>
          <option value="member">{ta('albums.role.member')}</option>
        </select>
      </label>
      <PeoplePicker actionLabel={(name) => `${ta('settings.add')} ${name}`} onPick={(user) => add.mutate({ userId: user.id, role })} unavailable={taken} busy={add.isPending} />
    </Section>
  );
}
