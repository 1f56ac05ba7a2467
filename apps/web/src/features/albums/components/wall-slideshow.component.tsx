import type { WallPhoto } from '@discordgym/contracts';
import { useEffect, useRef, useState } from 'react';
import { placeholderUrl } from '../../../lib/image/placeholder';
import { useAlbumsI18n } from '../hooks/use-albums-i18n.hook';

/** How long each photo stays up when nothing new arrives. */
const SLIDE_MS = 7_000;
/** Thumbnails of the latest arrivals along the bottom edge. */
const STRIP = 12;

/**
 * Full-screen slideshow for a projector: cycles through the album and jumps to each new
 * photo as it arrives; a removed photo leaves the screen and the strip at once.
 */
export function WallSlideshow({ title, photos, latestId }: { title: string; photos: readonly WallPhoto[]; latestId: string | null }) {
  const { ta } = useAlbumsI18n();
  const [currentId, setCurrentId] = useState<string | null>(null);
  const shown = useRef<string | null>(null);

  // A new arrival goes on screen straight away.
  useEffect(() => {
    if (latestId && latestId !== shown.current) {
      shown.current = latestId;
      setCurrentId(latestId);
    }
  }, [latestId]);

  const index = Math.max(0, photos.findIndex((p) => p.id === currentId));
  const current = photos[index] ?? null;

  useEffect(() => {
    if (photos.length < 2) return;
    const timer = setTimeout(() => setCurrentId(photos[(index + 1) % photos.length]?.id ?? null), SLIDE_MS);
    return () => clearTimeout(timer);
  }, [photos, index, currentId]);

  const blur = current ? placeholderUrl(current.placeholder) : null;
  return (
    <div className="relative flex h-full w-full flex-col bg-black text-white">
      <div className="relative min-h-0 flex-1">
        {current ? (
          <figure key={current.id} data-testid="wall-current" data-photo-id={current.id} className="absolute inset-0 flex items-center justify-center">
            {blur && <img src={blur} alt="" aria-hidden="true" className="absolute inset-0 size-full object-cover opacity-40 blur-2xl" />}
            <img src={current.preview_url ?? current.thumb_url ?? blur ?? undefined} alt="" className="relative max-h-full max-w-full object-contain shadow-2xl" />
            {current.uploader_name && (
              <figcaption className="absolute bottom-4 left-4 rounded bg-black/60 px-3 py-1 text-lg">{ta('photos.uploadedBy', { name: current.uploader_name })}</figcaption>
            )}
          </figure>
        ) : (
          <p className="absolute inset-0 flex items-center justify-center text-2xl text-white/70">{ta('wall.empty')}</p>
        )}
        <div className="absolute top-4 left-4 rounded bg-black/60 px-3 py-1">
          <span className="text-xl font-semibold">{title}</span>
          <span data-testid="wall-count" className="ml-3 text-white/70">
            {photos.length === 1 ? ta('wall.count.one') : ta('wall.count.other', { count: photos.length })}
          </span>
        </div>
      </div>
      {photos.length > 0 && (
        <ul data-testid="wall-strip" className="flex h-20 shrink-0 gap-1 overflow-hidden bg-black/80 p-1">
          {photos
            .slice(-STRIP)
            .reverse()
            .map((photo) => (
              <li key={photo.id} data-testid="wall-photo" data-photo-id={photo.id} className={`aspect-square h-full shrink-0 overflow-hidden rounded ${photo.id === current?.id ? 'ring-2 ring-white' : 'opacity-70'}`}>
                <img src={photo.thumb_url ?? placeholderUrl(photo.placeholder) ?? undefined} alt="" className="size-full object-cover" />
              </li>
            ))}
        </ul>
      )}
    </div>
  );
}
