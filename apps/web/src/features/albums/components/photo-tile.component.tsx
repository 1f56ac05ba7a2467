import type { AlbumPhoto } from '@discordgym/contracts';
import { useState } from 'react';
import { Icon } from '../../../components/icon.component';
import { placeholderUrl } from '../../../lib/image/placeholder';
import { useAlbumsI18n } from '../hooks/use-albums-i18n.hook';

export interface PhotoTileProps {
  photo: AlbumPhoto;
  index: number;
  selecting: boolean;
  selected: boolean;
  onOpen(): void;
  onToggle(): void;
}

/** A square thumbnail: the thumbhash blur at once, the 400 px WebP over it once loaded. */
export function PhotoTile({ photo, index, selecting, selected, onOpen, onToggle }: PhotoTileProps) {
  const { ta } = useAlbumsI18n();
  const [loaded, setLoaded] = useState(false);
  const blur = placeholderUrl(photo.placeholder);
  const state =
    photo.status === 'approved' ? null : photo.status === 'awaiting_approval' ? ta('photos.waiting') : photo.status === 'failed' ? ta('photos.failed') : ta('photos.processing');
  return (
    <div
      data-testid="photo-tile"
      data-photo-id={photo.id}
      data-status={photo.status}
      className={`relative aspect-square overflow-hidden rounded-md bg-surface-800 ${selected ? 'ring-4 ring-brand' : ''}`}
      style={blur ? { backgroundImage: `url(${blur})`, backgroundSize: 'cover', backgroundPosition: 'center' } : undefined}
    >
      <button
        type="button"
        onClick={selecting ? onToggle : onOpen}
        aria-label={selecting ? ta('photos.selectPhoto', { n: index + 1 }) : ta('photos.open', { n: index + 1 })}
        aria-pressed={selecting ? selected : undefined}
        className="absolute inset-0 size-full"
      >
        {photo.urls.thumb && (
          <img
            src={photo.urls.thumb}
            alt=""
            loading="lazy"
            decoding="async"
            onLoad={() => setLoaded(true)}
            className={`size-full object-cover transition-opacity duration-300 ${loaded ? 'opacity-100' : 'opacity-0'}`}
          />
        )}
        {!photo.urls.thumb && photo.kind === 'video' && (
          <span className="absolute inset-0 flex items-center justify-center text-sm text-fg-muted">{ta('photos.video')}</span>
        )}
      </button>
      {state && <span className="pointer-events-none absolute inset-x-0 bottom-0 bg-black/60 px-1.5 py-1 text-xs text-fg">{state}</span>}
      {selecting && (
        <span
          aria-hidden="true"
          className={`pointer-events-none absolute top-1.5 left-1.5 flex size-6 items-center justify-center rounded-full border-2 ${selected ? 'border-brand bg-brand text-white' : 'border-white bg-black/40'}`}
        >
          {selected && <Icon name="check" className="size-4" />}
        </span>
      )}
      {photo.heart_count > 0 && !state && (
        <span className="pointer-events-none absolute right-1.5 bottom-1.5 flex items-center gap-0.5 rounded-full bg-black/60 px-1.5 text-xs text-white">
          <Icon name="heart" className="size-3.5" />
          {photo.heart_count}
        </span>
      )}
    </div>
  );
}
