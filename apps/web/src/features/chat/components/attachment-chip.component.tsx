import type { ReactNode } from 'react';
import { Icon } from '../../../components/icon.component';
import { type FileFamily, fileFamily, formatBytes } from '../api/attachment-files';
import { useChatI18n } from '../hooks/use-chat-i18n.hook';

const FAMILY_TONE: Record<FileFamily, string> = {
  image: 'text-sky-300',
  pdf: 'text-red-300',
  archive: 'text-amber-300',
  text: 'text-fg-muted',
  audio: 'text-violet-300',
  video: 'text-pink-300',
  other: 'text-fg-muted',
};

/** A file's icon, tinted by its kind, with its extension under it ("PDF"). */
export function FileGlyph({ type, name, className = 'size-10' }: { type: string; name: string; className?: string }) {
  const family = fileFamily(type, name);
  const extension = name.includes('.') ? (name.split('.').pop() ?? '').slice(0, 4).toUpperCase() : '';
  return (
    <span aria-hidden="true" className={`relative grid shrink-0 place-items-center rounded-md bg-surface-800 ${FAMILY_TONE[family]} ${className}`} data-family={family}>
      <Icon name={family === 'image' ? 'image' : 'file'} className="size-6" />
      {extension && <span className="absolute bottom-0.5 text-[8px] leading-none font-bold tracking-wide">{extension}</span>}
    </span>
  );
}

interface FileChipProps {
  name: string;
  type: string;
  size: number;
  /** The signed download link; absent while the file is not on the server yet. */
  href?: string | undefined;
  /** Under the name instead of the size (progress, "Not available"). */
  status?: ReactNode;
  testId?: string;
}

/** A file on a message: icon by type, name, human size, and the name downloads it. */
export function FileChip({ name, type, size, href, status, testId = 'attachment-file' }: FileChipProps) {
  const { t, locale } = useChatI18n();
  return (
    <div
      data-testid={testId}
      className="flex w-full max-w-[360px] min-w-0 items-center gap-3 rounded-lg border border-surface-950/40 bg-surface-700/70 p-2.5"
    >
      <FileGlyph type={type} name={name} />
      <div className="min-w-0 flex-1">
        {href ? (
          <a href={href} download={name} className="block truncate font-medium text-link hover:underline" data-testid="attachment-file-name">
            {name}
          </a>
        ) : (
          <span className="block truncate font-medium text-fg" data-testid="attachment-file-name">
            {name}
          </span>
        )}
        <span className="block text-xs text-fg-subtle">{status ?? formatBytes(size, locale)}</span>
      </div>
      {href && (
        <a
          href={href}
          download={name}
          aria-label={t('chat.downloadFile', { name })}
          title={t('chat.downloadFile', { name })}
          data-testid="attachment-download"
          className="inline-flex size-9 shrink-0 items-center justify-center rounded-[4px] text-fg-muted hover:bg-surface-500/60 hover:text-fg"
        >
          <Icon name="download" />
        </a>
      )}
    </div>
  );
}
