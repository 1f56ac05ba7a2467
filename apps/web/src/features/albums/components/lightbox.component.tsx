import type { AlbumPhoto } from '@discordgym/contracts';
import { type ReactNode, useEffect, useRef } from 'react';
import { IconButton } from '../../../components/icon-button.component';
import { formatDateTime } from '../../../lib/format/date.format';
import { placeholderUrl } from '../../../lib/image/placeholder';
import { useAlbumsI18n } from '../hooks/use-albums-i18n.hook';

/** How far a finger travels sideways before it counts as a swipe (px). */
const SWIPE_PX = 50;

export interface LightboxProps {
  photos: readonly AlbumPhoto[];
  index: number;
  onIndex(index: number): void;
  onClose(): void;
  /** Buttons for the open photo (heart, delete, download). */
  actions?(photo: AlbumPhoto): ReactNode;
}

/** One photo at 1600 px over the page: ←/→ and swipes move, Esc and the close button leave. */
export function Lightbox({ photos, index, onIndex, onClose, actions }: LightboxProps) {
  const { ta, locale } = useAlbumsI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const touch = useRef<{ x: number; y: number } | null>(null);
  const photo = photos[index];
  const total = photos.length;
  const go = (delta: number) => {
    const next = index + delta;
    if (next >= 0 && next < total) onIndex(next);
  };

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'ArrowLeft') go(-1);
      else if (event.key === 'ArrowRight') go(1);
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  // Neighbours load ahead, so the next swipe shows a sharp photo at once.
  useEffect(() => {
    for (const neighbour of [photos[index - 1], photos[index + 1]]) {
      const url = neighbour?.urls.preview;
      if (url) new Image().src = url;
    }
  }, [photos, index]);

  if (!photo) return null;
  const src = photo.urls.preview ?? photo.urls.thumb;
  const blur = placeholderUrl(photo.placeholder);
  return (
    <dialog
      ref={ref}
      aria-label={ta('lightbox.label', { n: index + 1, total })}
      data-testid="lightbox"
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      onTouchStart={(event) => {
        const t = event.touches[0];
        touch.current = t ? { x: t.clientX, y: t.clientY } : null;
      }}
      onTouchEnd={(event) => {
        const start = touch.current;
        const t = event.changedTouches[0];
        touch.current = null;
        if (!start || !t) return;
        const dx = t.clientX - start.x;
        if (Math.abs(dx) > SWIPE_PX && Math.abs(dx) > Math.abs(t.clientY - start.y)) go(dx < 0 ? 1 : -1);
      }}
      className="m-0 h-dvh max-h-none w-screen max-w-none bg-black/95 p-0 text-fg backdrop:bg-black"
    >
      <div className="flex h-full flex-col">
        <div className="flex items-center gap-2 px-2 py-2">
          <span className="min-w-0 flex-1 truncate px-2 text-sm text-fg-muted">
            {index + 1} / {total} · {ta('photos.uploadedBy', { name: photo.uploader.display_name })}
            {photo.taken_at && ` · ${ta('photos.takenAt', { when: formatDateTime(photo.taken_at, locale) })}`}
          </span>
          {actions?.(photo)}
          <IconButton icon="close" label={ta('lightbox.close')} onClick={onClose} />
        </div>
        <div className="relative flex min-h-0 flex-1 items-center justify-center">
          {photo.kind === 'video' && photo.urls.original ? (
            <video src={photo.urls.original} controls className="max-h-full max-w-full" />
          ) : (
            <img
              key={photo.id}
              src={src ?? blur ?? undefined}
              alt=""
              data-testid="lightbox-image"
              className="max-h-full max-w-full object-contain"
              style={blur ? { backgroundImage: `url(${blur})`, backgroundSize: 'cover' } : undefined}
            />
          )}
          {index > 0 && (
            <IconButton icon="back" label={ta('lightbox.previous')} onClick={() => go(-1)} className="absolute left-2 bg-black/50" />
          )}
          {index < total - 1 && (
            <IconButton icon="forward" label={ta('lightbox.next')} onClick={() => go(1)} className="absolute right-2 bg-black/50" />
          )}
        </div>
      </div>
    </dialog>
  );
}
