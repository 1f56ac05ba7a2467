import { useCallback, useState, useSyncExternalStore } from 'react';
import { attachmentProgress, uploadFraction } from '../api/attachment-progress';
import type { OutboxEntry } from '../api/outbox.store';
import { useChatI18n } from '../hooks/use-chat-i18n.hook';
import { useLocalFiles } from '../hooks/use-local-files.hook';
import { FileChip } from './attachment-chip.component';
import { ImageGrid } from './message-attachments.component';

/**
 * The files of a message not sent yet, from this browser's copy: images at once, files as
 * chips, and one bar while they upload (then "Processing…" while the server makes thumbnails).
 */
export function OutboxAttachments({ entry, userId }: { entry: OutboxEntry; userId: string }) {
  const { t } = useChatI18n();
  const specs = entry.attachments ?? [];
  const urls = useLocalFiles(userId, entry);
  const get = useCallback(() => attachmentProgress.get(entry.client_id), [entry.client_id]);
  const upload = useSyncExternalStore(attachmentProgress.subscribe, get, get);
  // A file claimed as an image that the browser cannot decode (the server will refuse it too) shows as a file, not a broken picture.
  const [undecodable, setUndecodable] = useState<ReadonlySet<number>>(() => new Set());
  const shown = specs.map((spec, i) => ({ spec, i, url: undecodable.has(i) ? null : (urls[i] ?? null) }));
  const images = shown.filter((x) => x.url !== null);
  const others = shown.filter((x) => x.url === null).map((x) => x.spec);
  const percent = upload ? Math.round(uploadFraction(upload) * 100) : 0;
  const label = specs.length === 1 ? t('chat.uploadProgressOne', { name: specs[0]!.name }) : t('chat.uploadProgress', { count: specs.length });

  return (
    <div className="mt-1 flex flex-col gap-1.5" data-testid="message-attachments" data-pending="">
      {images.length > 0 && (
        <ImageGrid count={images.length}>
          {images.map(({ spec, url, i }) => (
            <img
              key={i}
              src={url!}
              alt={spec.name}
              onError={() => setUndecodable((before) => new Set(before).add(i))}
              data-testid="attachment-local"
              className={`rounded-lg bg-surface-800 object-cover ${images.length === 1 ? 'max-h-[300px] max-w-[min(100%,400px)]' : 'aspect-square w-full'}`}
            />
          ))}
        </ImageGrid>
      )}
      {others.map((spec, i) => (
        <FileChip key={i} name={spec.name} type={spec.type} size={spec.size} />
      ))}
      {upload && (
        <div className="flex max-w-[400px] items-center gap-2 text-xs text-fg-subtle" data-testid="upload-progress">
          {upload.phase === 'uploading' ? (
            <>
              <progress
                max={100}
                value={percent}
                aria-label={label}
                aria-valuetext={`${percent} %`}
                className="h-1.5 min-w-0 flex-1 overflow-hidden rounded-full bg-surface-500 [&::-webkit-progress-bar]:bg-surface-500 [&::-webkit-progress-value]:bg-brand [&::-moz-progress-bar]:bg-brand"
              />
              <span aria-hidden="true">{percent} %</span>
            </>
          ) : (
            <span role="status">{t('chat.processing')}</span>
          )}
        </div>
      )}
    </div>
  );
}
