import type { Album } from '@discordgym/contracts';
import { Link } from 'react-router';
import { Alert } from '../../../components/alert.component';
import { Button } from '../../../components/button.component';
import { Icon } from '../../../components/icon.component';
import { formatDate } from '../../../lib/format/date.format';
import { useAlbumsI18n } from '../hooks/use-albums-i18n.hook';
import { useAlbums } from '../hooks/use-albums.hook';

export function AlbumList() {
  const { ta, locale, describeError } = useAlbumsI18n();
  const { albums, isPending, error, hasNextPage, fetchNextPage, isFetchingNextPage } = useAlbums();
  if (isPending) return <p className="text-fg-subtle">{ta('albums.loading')}</p>;
  if (error) return <Alert tone="error">{describeError(error)}</Alert>;
  if (albums.length === 0) return <p className="rounded-lg bg-surface-800 p-6 text-center text-fg-subtle">{ta('albums.none')}</p>;
  return (
    <>
      <ul data-testid="album-list" className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3">
        {albums.map((album) => (
          <li key={album.id}>
            <AlbumCard album={album} locale={locale} />
          </li>
        ))}
      </ul>
      {hasNextPage && (
        <Button variant="secondary" className="mt-4" pending={isFetchingNextPage} onClick={() => void fetchNextPage()}>
          {ta('albums.more')}
        </Button>
      )}
    </>
  );
}

function AlbumCard({ album, locale }: { album: Album; locale: string }) {
  const { ta } = useAlbumsI18n();
  return (
    <Link
      to={`/albums/${album.id}`}
      data-testid="album-card"
      className="flex h-full items-start gap-3 rounded-lg bg-surface-800 p-4 transition-colors hover:bg-surface-600"
    >
      <span className="flex size-12 shrink-0 items-center justify-center rounded-lg bg-brand-soft text-brand">
        <Icon name="camera" className="size-6" />
      </span>
      <span className="min-w-0 flex-1">
        <span className="block truncate font-semibold text-fg">{album.title}</span>
        <span className="block text-sm text-fg-subtle">
          {album.event_date ? formatDate(`${album.event_date}T12:00:00`, locale) : ta('albums.by', { name: album.owner.display_name ?? album.owner.username })}
        </span>
        <span className="mt-1 flex flex-wrap gap-2 text-xs">
          <span className="rounded bg-surface-600 px-1.5 py-0.5 text-fg-muted">{ta(`albums.role.${album.my_role}`)}</span>
          <span className={`rounded px-1.5 py-0.5 ${album.accepting_uploads ? 'bg-success-soft text-fg' : 'bg-surface-600 text-fg-subtle'}`}>
            {ta(album.accepting_uploads ? 'albums.uploadsOpen' : 'albums.uploadsClosed')}
          </span>
        </span>
      </span>
    </Link>
  );
}
