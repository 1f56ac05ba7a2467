import { Link, useParams, useSearchParams } from 'react-router';
import { Alert } from '../components/alert.component';
import { Icon } from '../components/icon.component';
import { PageHeader } from '../components/page-header.component';
import { MEMBER } from '../features/albums/api/album-access';
import { AlbumSettingsPanel } from '../features/albums/components/album-settings.component';
import { InvitePanel } from '../features/albums/components/invite-panel.component';
import { ModerationQueue } from '../features/albums/components/moderation-queue.component';
import { PhotoGallery } from '../features/albums/components/photo-gallery.component';
import { Uploader } from '../features/albums/components/uploader.component';
import { useAlbumLive } from '../features/albums/hooks/use-album-photos.hook';
import type { AlbumsMessageKey } from '../features/albums/albums.messages';
import { useAlbumsI18n } from '../features/albums/hooks/use-albums-i18n.hook';
import { useAlbum } from '../features/albums/hooks/use-albums.hook';
import { formatDate } from '../lib/format/date.format';

type Tab = 'photos' | 'upload' | 'queue' | 'invite' | 'settings';
const HOST_TABS: readonly Tab[] = ['photos', 'upload', 'queue', 'invite', 'settings'];
const MEMBER_TABS: readonly Tab[] = ['photos', 'upload'];

export function AlbumPage() {
  const { id = '' } = useParams();
  const { ta, locale, describeError } = useAlbumsI18n();
  const [params, setParams] = useSearchParams();
  const album = useAlbum(MEMBER, id);
  useAlbumLive(MEMBER, id, album.isSuccess);

  if (album.isPending) return <p className="text-fg-subtle">{ta('albums.loading')}</p>;
  if (album.error) {
    return (
      <div className="mx-auto max-w-3xl">
        <Alert tone="error">{describeError(album.error)}</Alert>
        <Link to="/albums" className="mt-4 inline-block text-link hover:underline">
          {ta('album.back')}
        </Link>
      </div>
    );
  }
  const data = album.data;
  const host = data.my_role === 'host' || data.my_role === 'cohost';
  const tabs = host ? HOST_TABS : MEMBER_TABS;
  const wanted = params.get('tab') as Tab | null;
  const tab: Tab = wanted && tabs.includes(wanted) ? wanted : 'photos';
  const subtitle = [data.event_date ? formatDate(`${data.event_date}T12:00:00`, locale) : null, data.description].filter(Boolean).join(' · ');

  return (
    <div className="mx-auto w-full max-w-6xl">
      <Link to="/albums" className="mb-2 inline-flex items-center gap-1 text-sm text-fg-muted hover:text-fg">
        <Icon name="back" className="size-4" />
        {ta('album.back')}
      </Link>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <PageHeader title={data.title} subtitle={subtitle || undefined} />
        {host && (
          <Link
            to={`/albums/${data.id}/wall`}
            target="_blank"
            className="inline-flex min-h-10 items-center gap-2 rounded-[4px] bg-surface-500 px-4 text-sm font-medium text-fg hover:bg-surface-400"
          >
            {ta('album.openWall')}
          </Link>
        )}
      </div>
      <nav aria-label={ta('album.tabs.label')} className="-mx-4 mb-4 overflow-x-auto px-4">
        <ul className="flex gap-1 border-b border-surface-500">
          {tabs.map((name) => (
            <li key={name}>
              <button
                type="button"
                aria-current={tab === name ? 'page' : undefined}
                onClick={() => setParams(name === 'photos' ? {} : { tab: name }, { replace: true })}
                className={`min-h-10 border-b-2 px-3 text-sm font-medium whitespace-nowrap ${tab === name ? 'border-brand text-fg' : 'border-transparent text-fg-subtle hover:text-fg-muted'}`}
              >
                {ta(`album.tabs.${name}` as AlbumsMessageKey)}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      {tab === 'photos' && <PhotoGallery access={MEMBER} album={data} />}
      {/* Kept mounted on the other tabs: running uploads go on while the host looks elsewhere. */}
      <div hidden={tab !== 'upload'}>
        <Uploader access={MEMBER} albumId={data.id} open={data.accepting_uploads} maxFileBytes={data.settings.max_file_bytes} />
      </div>
      {tab === 'queue' && <ModerationQueue albumId={data.id} />}
      {tab === 'invite' && <InvitePanel albumId={data.id} />}
      {tab === 'settings' && <AlbumSettingsPanel album={data} />}
    </div>
  );
}
