import type { ChatAttachment, ChatAttachmentLink } from '@discordgym/contracts';
import { type KeyboardEvent, useEffect, useRef } from 'react';
import { Icon } from '../../../components/icon.component';
import { IconButton } from '../../../components/icon-button.component';
import { placeholderUrl } from '../../../lib/image/placeholder';
import { useChatI18n } from '../hooks/use-chat-i18n.hook';

interface AttachmentLightboxProps {
  images: readonly ChatAttachment[];
  links: ReadonlyMap<string, ChatAttachmentLink>;
  index: number;
  onIndex(index: number): void;
  onClose(): void;
}

const FOCUSABLE = 'a[href], button:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * A message's images over the page at preview size: ←/→ and the buttons move, Esc and the
 * close button leave. A modal dialog, so the page behind is inert; Tab stays inside, and focus
 * goes back to the image that opened it.
 */
export function AttachmentLightbox({ images, links, index, onIndex, onClose }: AttachmentLightboxProps) {
  const { t } = useChatI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const image = images[index];
  const total = images.length;
  const go = (delta: number): void => {
    const next = index + delta;
    if (next >= 0 && next < total) onIndex(next);
  };

  useEffect(() => {
    const dialog = ref.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      if (dialog?.open) dialog.close();
      opener?.focus();
    };
  }, []);

  // On the window: a step button that vanishes (first or last image) takes the focus out of the dialog.
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent): void => {
      if (event.key === 'ArrowLeft') go(-1);
      else if (event.key === 'ArrowRight') go(1);
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  // Neighbours load ahead, so the next step shows a sharp image at once.
  useEffect(() => {
    for (const neighbour of [images[index - 1], images[index + 1]]) {
      const url = neighbour ? links.get(neighbour.id)?.preview_url : null;
      if (url) new Image().src = url;
    }
  }, [images, links, index]);

  if (!image) return null;
  const link = links.get(image.id);
  const blur = placeholderUrl(image.placeholder);
  const src = link?.preview_url ?? link?.thumb_url ?? blur;

  const onKeyDown = (event: KeyboardEvent<HTMLDialogElement>): void => {
    if (event.key === 'Tab') {
      // Round and round inside the dialog, never out to the page or the browser's bar.
      const items = [...event.currentTarget.querySelectorAll<HTMLElement>(FOCUSABLE)];
      const first = items[0];
      const last = items.at(-1);
      if (!first || !last) return;
      if (event.shiftKey && document.activeElement === first) last.focus();
      else if (!event.shiftKey && document.activeElement === last) first.focus();
      else return;
    } else return;
    event.preventDefault();
  };

  return (
    <dialog
      ref={ref}
      aria-label={t('chat.lightboxLabel', { n: index + 1, total })}
      data-testid="attachment-lightbox"
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      onKeyDown={onKeyDown}
      onClick={(event) => {
        // A click on the dark backdrop (not on the image or a control) closes it.
        if (event.target === event.currentTarget) onClose();
      }}
      className="m-0 h-dvh max-h-none w-screen max-w-none bg-black/95 p-0 text-fg backdrop:bg-black/80"
    >
      <div className="flex h-full flex-col">
        <div className="flex items-center gap-1 px-2 py-2">
          <span className="min-w-0 flex-1 truncate px-2 text-sm text-fg-muted">
            {total > 1 && `${index + 1} / ${total} · `}
            {image.name}
          </span>
          {link && (
            <a
              href={link.url}
              download={image.name}
              data-testid="lightbox-download"
              className="inline-flex h-9 shrink-0 items-center gap-1.5 rounded-[4px] px-2 text-sm text-fg-muted hover:bg-surface-500/60 hover:text-fg"
            >
              <Icon name="download" />
              <span className="hidden sm:inline">{t('chat.lightboxDownload')}</span>
              <span className="sr-only sm:hidden">{t('chat.lightboxDownload')}</span>
            </a>
          )}
          <IconButton icon="close" label={t('chat.lightboxClose')} onClick={onClose} autoFocus />
        </div>
        <div className="relative flex min-h-0 flex-1 items-center justify-center px-2 pb-2">
          {src && (
            <img
              key={image.id}
              src={src}
              alt={image.name}
              data-testid="lightbox-image"
              className="max-h-full max-w-full object-contain"
              style={blur ? { backgroundImage: `url(${blur})`, backgroundSize: 'cover' } : undefined}
            />
          )}
          {index > 0 && <IconButton icon="back" label={t('chat.lightboxPrevious')} onClick={() => go(-1)} className="absolute left-2 bg-black/50" />}
          {index < total - 1 && <IconButton icon="forward" label={t('chat.lightboxNext')} onClick={() => go(1)} className="absolute right-2 bg-black/50" />}
        </div>
      </div>
    </dialog>
  );
}
