import { ALBUM_UPLOAD_TYPES } from '@discordgym/contracts';
import { type DragEvent, useId, useRef, useState } from 'react';
import { Alert } from '../../../components/alert.component';
import { Button } from '../../../components/button.component';
import { Icon } from '../../../components/icon.component';
import type { AlbumAccess } from '../api/album-access';
import type { UploadItem } from '../api/upload-queue';
import { useAlbumsI18n } from '../hooks/use-albums-i18n.hook';
import { useUploader } from '../hooks/use-uploader.hook';

const ACCEPT = [...ALBUM_UPLOAD_TYPES, '.heic', '.heif', '.mov'].join(',');

export const formatBytes = (bytes: number, locale: string): string => {
  // Binary steps, so an album's 200 MiB limit reads as "200 MB", as hosts typed it in the settings.
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value)} ${units[unit]}`;
};

/**
 * Pick or drop photos: each goes straight to storage with its own bar, an overall bar
 * above them; three at a time, retried by the queue when the network drops.
 */
export function Uploader({ access, albumId, open, maxFileBytes }: { access: AlbumAccess; albumId: string; open: boolean; maxFileBytes: number | undefined }) {
  const { ta, locale } = useAlbumsI18n();
  const { items, overall, add, retry, clearFinished } = useUploader(access, albumId, maxFileBytes);
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);

  if (!open && items.length === 0) return <Alert tone="info">{ta('upload.closed')}</Alert>;

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    if (open) add(event.dataTransfer.files);
  };
  const percent = overall.total > 0 ? Math.round((overall.loaded / overall.total) * 100) : 0;

  return (
    <section aria-labelledby={`${inputId}-title`} className="flex flex-col gap-4">
      <h2 id={`${inputId}-title`} className="text-lg font-semibold text-fg">
        {ta('upload.title')}
      </h2>
      {open ? (
        <div
          data-testid="dropzone"
          onDragOver={(event) => {
            event.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
          className={`flex flex-col items-center gap-2 rounded-lg border-2 border-dashed px-4 py-8 text-center ${dragging ? 'border-brand bg-brand-soft' : 'border-surface-400 bg-surface-800'}`}
        >
          <Icon name="upload" className="size-8 text-fg-subtle" />
          <input
            ref={input}
            id={inputId}
            type="file"
            multiple
            accept={ACCEPT}
            className="sr-only"
            onChange={(event) => {
              if (event.target.files) add(event.target.files);
              event.target.value = '';
            }}
          />
          <Button onClick={() => input.current?.click()}>{ta('upload.pick')}</Button>
          <label htmlFor={inputId} className="text-sm text-fg-muted">
            {ta('upload.drop')}
          </label>
          {maxFileBytes !== undefined && <p className="text-xs text-fg-subtle">{ta('upload.hint', { size: formatBytes(maxFileBytes, locale) })}</p>}
        </div>
      ) : (
        <Alert tone="info">{ta('upload.closed')}</Alert>
      )}

      {items.length > 0 && (
        <div className="flex flex-col gap-3">
          <div data-testid="upload-overall">
            <div className="flex justify-between text-sm">
              <span className="font-medium text-fg">{ta('upload.overall')}</span>
              <span className="text-fg-muted">{ta('upload.overallProgress', { done: overall.done, total: overall.count })}</span>
            </div>
            <progress aria-label={ta('upload.overall')} max={100} value={percent} className="appearance-none overflow-hidden rounded [&::-webkit-progress-bar]:bg-surface-600 [&::-webkit-progress-value]:bg-brand [&::-moz-progress-bar]:bg-brand mt-1 h-2 w-full" />
          </div>
          <ul data-testid="upload-list" className="flex flex-col gap-2">
            {items.map((item) => (
              <UploadRow key={item.clientId} item={item} onRetry={() => retry(item.clientId)} maxFileBytes={maxFileBytes} />
            ))}
          </ul>
          {overall.done > 0 && (
            <Button variant="ghost" className="self-start" onClick={clearFinished}>
              {ta('upload.clear')}
            </Button>
          )}
        </div>
      )}
    </section>
  );
}

function UploadRow({ item, onRetry, maxFileBytes }: { item: UploadItem; onRetry(): void; maxFileBytes: number | undefined }) {
  const { ta, locale, describeError } = useAlbumsI18n();
  const percent = item.size > 0 ? Math.round((item.loaded / item.size) * 100) : 0;
  const status =
    item.status === 'retrying'
      ? ta('upload.status.retrying', { seconds: Math.max(1, Math.ceil(((item.retryAt ?? Date.now()) - Date.now()) / 1000)) })
      : item.refusal === 'too-large'
        ? ta('upload.tooLarge', { size: formatBytes(maxFileBytes ?? 0, locale) })
        : item.refusal === 'bad-type'
          ? ta('upload.badType')
          : item.status === 'failed'
            ? `${ta('upload.status.failed')}: ${describeError(item.error)}`
            : ta(`upload.status.${item.status}`);
  return (
    <li data-testid="upload-item" data-status={item.status} className="rounded-md bg-surface-800 px-3 py-2">
      <div className="flex items-center gap-2 text-sm">
        <span className="min-w-0 flex-1 truncate text-fg">{item.name}</span>
        <span className="shrink-0 text-xs text-fg-subtle">{formatBytes(item.size, locale)}</span>
      </div>
      <progress aria-label={ta('upload.progressOf', { name: item.name })} max={100} value={percent} className="appearance-none overflow-hidden rounded [&::-webkit-progress-bar]:bg-surface-600 [&::-webkit-progress-value]:bg-brand [&::-moz-progress-bar]:bg-brand mt-1 h-1.5 w-full" />
      <div className="mt-1 flex items-center gap-2 text-xs">
        <span className={item.status === 'failed' ? 'text-[#fa777c]' : item.status === 'done' ? 'text-success' : 'text-fg-muted'}>{status}</span>
        {item.status === 'failed' && !item.refusal && (
          <button type="button" onClick={onRetry} className="ml-auto text-link hover:underline">
            {ta('upload.retry')}
          </button>
        )}
      </div>
    </li>
  );
}
