import type { GuestSelf } from '@discordgym/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useParams } from 'react-router';
import { Alert } from '../components/alert.component';
import { AppLogo } from '../components/app-logo.component';
import { Button } from '../components/button.component';
import { LanguageSwitch } from '../components/language-switch.component';
import { TextField } from '../components/text-field.component';
import { GUEST } from '../features/albums/api/album-access';
import { albumKeys, fetchGuestMe, joinAsGuest, leaveAsGuest, previewInvite } from '../features/albums/api/albums.api';
import { PhotoGallery } from '../features/albums/components/photo-gallery.component';
import { Uploader } from '../features/albums/components/uploader.component';
import { useAlbumLive } from '../features/albums/hooks/use-album-photos.hook';
import { useAlbumsI18n } from '../features/albums/hooks/use-albums-i18n.hook';
import { usePageSocket } from '../features/albums/hooks/use-page-socket.hook';
import { useDocumentTitle } from '../lib/use-document-title.hook';

/** The invite token rides in the fragment (`/join#token`), which no server ever sees; `/join/:token` works too. */
const tokenFromLocation = (param: string | undefined): string => param ?? decodeURIComponent(window.location.hash.slice(1));

/**
 * A guest's whole visit, no account: the invite's album, a name, then the uploader and
 * the album's photos. A guest who comes back with the cookie goes straight to uploading.
 */
export function GuestJoinPage() {
  const { token: param } = useParams();
  const [token] = useState(() => tokenFromLocation(param));
  const { ta } = useAlbumsI18n();
  const queryClient = useQueryClient();
  const preview = useQuery({ queryKey: ['albums', 'invite-preview', token], queryFn: () => previewInvite(token), enabled: token.length > 0, retry: false });
  // A guest cookie from an earlier visit, for this invite's album: no need to type the name again.
  const me = useQuery({ queryKey: albumKeys.guestMe, queryFn: ({ signal }) => fetchGuestMe(signal), retry: false, staleTime: Infinity });
  const session: GuestSelf | null = me.data && (!preview.data || me.data.album.id === preview.data.album_id) ? me.data : null;
  // Leaving ends the guest session on this browser; the photos stay in the album.
  const leave = useMutation({ mutationFn: leaveAsGuest, onSettled: () => queryClient.setQueryData(albumKeys.guestMe, null) });

  return (
    <div className="min-h-dvh bg-surface-700">
      <header className="flex items-center gap-2 bg-surface-800 px-4 py-2">
        <AppLogo className="size-7" />
        <span className="min-w-0 flex-1 truncate font-semibold text-fg">{session?.album.title ?? preview.data?.title ?? ''}</span>
        <LanguageSwitch compact />
        {session && (
          <Button variant="ghost" pending={leave.isPending} onClick={() => leave.mutate()}>
            {ta('guest.leave')}
          </Button>
        )}
      </header>
      <main id="main" className="mx-auto w-full max-w-3xl px-4 py-6">
        {session ? (
          <GuestAlbum self={session} />
        ) : me.isPending || preview.isPending ? (
          <p className="text-fg-subtle">{ta('guest.loading')}</p>
        ) : preview.error || !token ? (
          <Alert tone="error">{ta('guest.invalid')}</Alert>
        ) : (
          <JoinForm token={token} title={preview.data?.title ?? ''} onJoined={(self) => queryClient.setQueryData(albumKeys.guestMe, self)} />
        )}
      </main>
    </div>
  );
}

function JoinForm({ token, title, onJoined }: { token: string; title: string; onJoined(self: GuestSelf): void }) {
  const { t, ta, describeError } = useAlbumsI18n();
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const join = useMutation({ mutationFn: () => joinAsGuest(token, name.trim()), onSuccess: onJoined });
  useDocumentTitle(ta('guest.title', { title }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return setError(t('field.required'));
    join.mutate();
  };
  return (
    <form onSubmit={submit} noValidate className="mx-auto flex max-w-md flex-col gap-4 rounded-lg bg-surface-800 p-5">
      <h1 className="text-2xl font-bold text-fg">{ta('guest.title', { title })}</h1>
      {join.error && <Alert tone="error">{describeError(join.error)}</Alert>}
      <TextField
        label={ta('guest.name')}
        hint={ta('guest.nameHint')}
        required
        maxLength={64}
        autoComplete="nickname"
        value={name}
        onChange={(e) => {
          setName(e.target.value);
          setError(null);
        }}
        error={error}
      />
      <Button type="submit" block pending={join.isPending} pendingLabel={ta('guest.joining')}>
        {ta('guest.join')}
      </Button>
    </form>
  );
}

function GuestAlbum({ self }: { self: GuestSelf }) {
  const { ta } = useAlbumsI18n();
  const album = self.album;
  useDocumentTitle(album.title);
  usePageSocket(true);
  useAlbumLive(GUEST, album.id);
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-xl font-bold text-fg">{ta('guest.hello', { name: self.guest.display_name, title: album.title })}</h1>
      <Uploader access={GUEST} albumId={album.id} open={album.accepting_uploads} maxFileBytes={album.settings.max_file_bytes} />
      <section className="flex flex-col gap-2">
        <h2 className="text-lg font-semibold text-fg">{ta('guest.albumPhotos')}</h2>
        <PhotoGallery access={GUEST} album={album} />
      </section>
    </div>
  );
}
