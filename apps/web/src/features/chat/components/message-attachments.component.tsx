import type { ChatAttachment, ChatAttachmentLink } from '@discordgym/contracts';
import { type CSSProperties, type ReactNode, useState } from 'react';
import { Icon } from '../../../components/icon.component';
import { placeholderUrl } from '../../../lib/image/placeholder';
import { gridColumns } from '../api/attachment-files';
import { useAttachmentLinks } from '../hooks/use-attachment-links.hook';
import { useChatI18n } from '../hooks/use-chat-i18n.hook';
import { AttachmentLightbox } from './attachment-lightbox.component';
import { FileChip } from './attachment-chip.component';

/** The longest side of a lone image inline (px); several share a grid of this width. */
const SINGLE_MAX_W = 400;
const SINGLE_MAX_H = 300;

/** A lone image at its own proportions, within the inline box; the space is held before it loads. */
export function singleImageStyle(width: number | null, height: number | null): CSSProperties {
  if (!width || !height) return { width: `min(100%, ${SINGLE_MAX_W}px)`, aspectRatio: '4 / 3' };
  const fit = Math.min(1, SINGLE_MAX_W / width, SINGLE_MAX_H / height);
  return { width: `min(100%, ${Math.max(48, Math.round(width * fit))}px)`, aspectRatio: `${width} / ${height}` };
}

/** A message's images (inline, a grid for several, a lightbox on click) and files (chips that download). */
export function MessageAttachments({ roomId, attachments }: { roomId: string; attachments: readonly ChatAttachment[] }) {
  const ready = attachments.filter((a) => a.status === 'ready');
  const images = ready.filter((a) => a.kind === 'image');
  const files = ready.filter((a) => a.kind === 'file');
  const waiting = attachments.filter((a) => a.status !== 'ready');
  const links = useAttachmentLinks(
    roomId,
    ready.map((a) => a.id),
  );
  const [open, setOpen] = useState<number | null>(null);

  return (
    <div className="mt-1 flex flex-col gap-1.5" data-testid="message-attachments">
      {images.length > 0 && (
        <ImageGrid count={images.length}>
          {images.map((image, i) => (
            <ImageTile key={image.id} image={image} link={links.get(image.id)} single={images.length === 1} onOpen={() => setOpen(i)} />
          ))}
        </ImageGrid>
      )}
      {files.map((file) => (
        <FileChip key={file.id} name={file.name} type={file.content_type} size={file.byte_size} href={links.get(file.id)?.url} />
      ))}
      {waiting.map((a) => (
        <NotReady key={a.id} name={a.name} />
      ))}
      {open !== null && <AttachmentLightbox images={images} links={links} index={open} onIndex={setOpen} onClose={() => setOpen(null)} />}
    </div>
  );
}

export function ImageGrid({ count, children }: { count: number; children: ReactNode }) {
  if (count === 1) return <div className="flex">{children}</div>;
  const columns = gridColumns(count);
  return (
    <div className="grid w-full max-w-[420px] gap-1" style={{ gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))` }} data-testid="attachment-grid">
      {children}
    </div>
  );
}

function ImageTile({ image, link, single, onOpen }: { image: ChatAttachment; link: ChatAttachmentLink | undefined; single: boolean; onOpen(): void }) {
  const { t } = useChatI18n();
  // The first URL that loaded stays: a renewed link must not make a painted image load again.
  const [shown, setShown] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const src = shown ?? link?.thumb_url ?? null;
  const blur = placeholderUrl(image.placeholder);
  return (
    <button
      type="button"
      onClick={onOpen}
      aria-label={t('chat.openImage', { name: image.name })}
      data-testid="attachment-image"
      className={`relative block overflow-hidden rounded-lg bg-surface-800 bg-cover bg-center ${single ? '' : 'aspect-square w-full'}`}
      style={{ ...(single ? singleImageStyle(image.width, image.height) : {}), ...(blur ? { backgroundImage: `url(${blur})` } : {}) }}
    >
      {src && (
        <img
          src={src}
          alt={image.name}
          data-testid="attachment-thumb"
          decoding="async"
          onLoad={() => {
            setShown(src);
            setLoaded(true);
          }}
          // An expired link that never painted: try the renewed one.
          onError={() => setShown(null)}
          className={`size-full object-cover transition-opacity duration-200 ${loaded ? 'opacity-100' : 'opacity-0'}`}
        />
      )}
    </button>
  );
}

/** An attachment still on its way (only its own sender should ever see this). */
function NotReady({ name }: { name: string }) {
  const { t } = useChatI18n();
  return (
    <div className="flex w-full max-w-[360px] items-center gap-3 rounded-lg bg-surface-800 p-2.5 text-sm text-fg-subtle" data-testid="attachment-not-ready">
      <Icon name="clock" className="size-5" />
      <span className="min-w-0 flex-1 truncate">{name}</span>
      <span className="text-xs">{t('chat.fileUnavailable')}</span>
    </div>
  );
}
