import type { Album, AlbumPhoto } from '@discordgym/contracts';
import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Alert } from '../../../components/alert.component';
import { Button } from '../../../components/button.component';
import { IconButton } from '../../../components/icon-button.component';
import type { AlbumAccess } from '../api/album-access';
import { type PhotoSort, setHeart } from '../api/photos.api';
import { downloadZip } from '../api/zip-download';
import { useAlbumPhotos, useDeletePhoto } from '../hooks/use-album-photos.hook';
import { useAlbumsI18n } from '../hooks/use-albums-i18n.hook';
import { Lightbox } from './lightbox.component';
import { PhotoTile } from './photo-tile.component';

type HeartState = { hearted: boolean; count: number };

/** The album's grid: sort, select and download, the lightbox with hearts and delete. */
export function PhotoGallery({ access, album, onlyMine = false }: { access: AlbumAccess; album: Album; onlyMine?: boolean }) {
  const { ta, describeError } = useAlbumsI18n();
  const sortId = useId();
  const [sort, setSort] = useState<PhotoSort>('uploaded');
  const [selecting, setSelecting] = useState(false);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [open, setOpen] = useState<number | null>(null);
  const [hearts, setHearts] = useState<Record<string, HeartState>>({});
  const { photos: all, isPending, error, hasNextPage, fetchNextPage, isFetchingNextPage } = useAlbumPhotos(access, album.id, sort);
  const photos = onlyMine ? all.filter((p) => p.mine) : all;
  const remove = useDeletePhoto(access, album.id);
  const host = album.my_role === 'host' || album.my_role === 'cohost';
  const mayDownload = host || album.my_role === 'member' || album.settings.guests_may_download;
  const zip = useMutation({ mutationFn: (ids: readonly string[] | undefined) => downloadZip(access, album.id, album.title, ids) });
  const heart = useMutation({
    mutationFn: ({ photo, hearted }: { photo: AlbumPhoto; hearted: boolean }) => setHeart(access, album.id, photo.id, hearted),
    onSuccess: (state) => setHearts((h) => ({ ...h, [state.photo_id]: { hearted: state.hearted, count: state.heart_count } })),
  });

  const toggle = (id: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const actions = (photo: AlbumPhoto) => {
    // The answer of my last heart click wins over the page, which was fetched before it.
    const state = hearts[photo.id] ?? { hearted: photo.hearted, count: photo.heart_count };
    return (
      <>
        {photo.status === 'approved' && (
          <button
            type="button"
            aria-pressed={state.hearted}
            aria-label={state.hearted ? ta('photos.unheart') : ta('photos.heart')}
            onClick={() => heart.mutate({ photo, hearted: !state.hearted })}
            className={`inline-flex h-9 items-center gap-1 rounded-[4px] px-2 text-sm hover:bg-surface-500/60 ${state.hearted ? 'text-danger' : 'text-fg-muted'}`}
          >
            <svg viewBox="0 0 24 24" className="size-5" aria-hidden="true" fill={state.hearted ? 'currentColor' : 'none'} stroke="currentColor" strokeWidth="1.8">
              <path d="M12 20s-7.5-4.6-7.5-10A4.3 4.3 0 0 1 12 7.4 4.3 4.3 0 0 1 19.5 10c0 5.4-7.5 10-7.5 10z" />
            </svg>
            <span data-testid="heart-count">{state.count}</span>
          </button>
        )}
        {photo.urls.original && (
          <a
            href={photo.urls.original}
            download
            aria-label={ta('lightbox.download')}
            title={ta('lightbox.download')}
            className="inline-flex size-9 items-center justify-center rounded-[4px] text-fg-muted hover:bg-surface-500/60 hover:text-fg"
          >
            <svg viewBox="0 0 24 24" className="size-5" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round">
              <path d="M12 4v11M7.5 10.5 12 15l4.5-4.5M5 19.5h14" />
            </svg>
          </a>
        )}
        {(photo.mine || host) && (
          <IconButton
            icon="trash"
            tone="danger"
            label={ta('photos.delete')}
            onClick={() => {
              if (!window.confirm(ta('photos.deleteConfirm'))) return;
              remove.mutate(photo.id, { onSuccess: () => setOpen(null) });
            }}
          />
        )}
      </>
    );
  };

  return (
    <section className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center gap-2">
        <label htmlFor={sortId} className="text-sm text-fg-muted">
          {ta('photos.sort')}
        </label>
        <select
          id={sortId}
          value={sort}
          onChange={(e) => setSort(e.target.value as PhotoSort)}
          className="h-9 rounded-[4px] bg-surface-900 px-2 text-sm text-fg"
        >
          <option value="uploaded">{ta('photos.sort.uploaded')}</option>
          <option value="taken">{ta('photos.sort.taken')}</option>
        </select>
        <span className="text-sm text-fg-subtle" data-testid="photo-count">
          {photos.length === 1 ? ta('photos.count.one') : ta('photos.count.other', { count: photos.length })}
        </span>
        {mayDownload && photos.length > 0 && (
          <span className="ml-auto flex flex-wrap gap-2">
            <Button
              variant="secondary"
              aria-pressed={selecting}
              onClick={() => {
                setSelecting((s) => !s);
                setSelected(new Set());
              }}
            >
              {selecting ? ta('photos.selectDone') : ta('photos.select')}
            </Button>
            {selecting ? (
              <Button disabled={selected.size === 0} pending={zip.isPending} onClick={() => zip.mutate([...selected])}>
                {ta('photos.downloadSelected')} · {ta('photos.selected', { count: selected.size })}
              </Button>
            ) : (
              <Button variant="secondary" pending={zip.isPending} onClick={() => zip.mutate(undefined)}>
                {ta('photos.downloadAll')}
              </Button>
            )}
          </span>
        )}
      </div>
      {(error ?? zip.error ?? remove.error ?? heart.error) && <Alert tone="error">{describeError(error ?? zip.error ?? remove.error ?? heart.error)}</Alert>}
      {isPending ? (
        <p className="text-fg-subtle">{ta('albums.loading')}</p>
      ) : photos.length === 0 ? (
        <p className="rounded-lg bg-surface-800 p-6 text-center text-fg-subtle">{ta('photos.none')}</p>
      ) : (
        <ul data-testid="photo-grid" className="grid grid-cols-3 gap-1 sm:grid-cols-4 sm:gap-2 lg:grid-cols-6">
          {photos.map((photo, index) => (
            <li key={photo.id}>
              <PhotoTile
                photo={photo}
                index={index}
                selecting={selecting}
                selected={selected.has(photo.id)}
                onOpen={() => setOpen(index)}
                onToggle={() => toggle(photo.id)}
              />
            </li>
          ))}
        </ul>
      )}
      {hasNextPage && (
        <Button variant="secondary" className="self-center" pending={isFetchingNextPage} onClick={() => void fetchNextPage()}>
          {ta('albums.more')}
        </Button>
      )}
      {open !== null && photos[open] && <Lightbox photos={photos} index={open} onIndex={setOpen} onClose={() => setOpen(null)} actions={actions} />}
    </section>
  );
}
