import { useState } from 'react';
import { Alert } from '../../../components/alert.component';
import { Button } from '../../../components/button.component';
import { placeholderUrl } from '../../../lib/image/placeholder';
import { useAlbumsI18n } from '../hooks/use-albums-i18n.hook';
import { useModerationQueue } from '../hooks/use-moderation.hook';

/** Photos waiting for a host: approve or reject one, or a selection at once. */
export function ModerationQueue({ albumId }: { albumId: string }) {
  const { ta, describeError } = useAlbumsI18n();
  const { photos, isPending, error, decide, hasNextPage, fetchNextPage } = useModerationQueue(albumId);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const chosen = photos.filter((p) => selected.has(p.id)).map((p) => p.id);
  const run = (ids: string[], action: 'approve' | 'reject') => decide.mutate({ ids, action }, { onSuccess: () => setSelected(new Set()) });
  return (
    <section className="flex flex-col gap-3" aria-labelledby="queue-title">
      <h2 id="queue-title" className="text-lg font-semibold text-fg">
        {ta('queue.title')}
      </h2>
      {(error ?? decide.error) && <Alert tone="error">{describeError(error ?? decide.error)}</Alert>}
      {isPending ? (
        <p className="text-fg-subtle">{ta('albums.loading')}</p>
      ) : photos.length === 0 ? (
        <p className="rounded-lg bg-surface-800 p-6 text-center text-fg-subtle">{ta('queue.none')}</p>
      ) : (
        <>
          <div className="flex flex-wrap gap-2">
            <Button variant="secondary" onClick={() => setSelected(new Set(photos.map((p) => p.id)))}>
              {ta('queue.selectAll')}
            </Button>
            <Button disabled={chosen.length === 0} pending={decide.isPending} onClick={() => run(chosen, 'approve')}>
              {ta('queue.approveSelected', { count: chosen.length })}
            </Button>
            <Button variant="danger" disabled={chosen.length === 0} pending={decide.isPending} onClick={() => run(chosen, 'reject')}>
              {ta('queue.rejectSelected', { count: chosen.length })}
            </Button>
          </div>
          <ul data-testid="moderation-queue" className="grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-4">
            {photos.map((photo) => {
              const blur = placeholderUrl(photo.placeholder);
              return (
                <li key={photo.id} data-testid="queued-photo" className="flex flex-col overflow-hidden rounded-md bg-surface-800">
                  <label className="relative block aspect-square" style={blur ? { backgroundImage: `url(${blur})`, backgroundSize: 'cover' } : undefined}>
                    {photo.urls.thumb && <img src={photo.urls.thumb} alt="" className="size-full object-cover" />}
                    <input
                      type="checkbox"
                      checked={selected.has(photo.id)}
                      aria-label={ta('queue.select', { name: photo.uploader.display_name })}
                      onChange={() =>
                        setSelected((current) => {
                          const next = new Set(current);
                          if (next.has(photo.id)) next.delete(photo.id);
                          else next.add(photo.id);
                          return next;
                        })
                      }
                      className="absolute top-2 left-2 size-5"
                    />
                  </label>
                  <p className="truncate px-2 pt-1 text-xs text-fg-muted">{photo.uploader.display_name}</p>
                  <div className="flex gap-1 p-2">
                    <Button className="flex-1 px-2" onClick={() => run([photo.id], 'approve')}>
                      {ta('queue.approve')}
                    </Button>
                    <Button variant="danger-outline" className="flex-1 px-2" onClick={() => run([photo.id], 'reject')}>
                      {ta('queue.reject')}
                    </Button>
                  </div>
                </li>
              );
            })}
          </ul>
          {hasNextPage && (
            <Button variant="secondary" className="self-center" onClick={() => void fetchNextPage()}>
              {ta('albums.more')}
            </Button>
          )}
        </>
      )}
    </section>
  );
}
