import { ATTACHMENTS_PER_MESSAGE_MAX, CHAT_ATTACHMENT_BYTES_MAX } from '@discordgym/contracts';
import { useState } from 'react';
import { IconButton } from '../../../components/icon-button.component';
import { formatBytes } from '../api/attachment-files';
import type { PendingFile, PendingNotice } from '../api/pending-files.store';
import { useChatI18n } from '../hooks/use-chat-i18n.hook';
import { FileGlyph } from './attachment-chip.component';

interface PendingAttachmentsProps {
  files: readonly PendingFile[];
  notice: PendingNotice | null;
  onRemove(id: string): void;
  onDismissNotice(): void;
  /** Under the reply bar: no rounded top of its own. */
  flushTop?: boolean;
}

/** The files about to go with the next message, as chips above the composer's input. */
export function PendingAttachments({ files, notice, onRemove, onDismissNotice, flushTop = false }: PendingAttachmentsProps) {
  const { t, locale } = useChatI18n();
  const limit = formatBytes(CHAT_ATTACHMENT_BYTES_MAX, locale);
  // Claimed as an image but not one the browser can show (a disguised file): its glyph instead of a broken picture.
  const [undecodable, setUndecodable] = useState<ReadonlySet<string>>(() => new Set());
  if (!files.length && !notice) return null;
  return (
    <div className={`bg-surface-800 px-2 pt-2 pb-1 ${flushTop ? 'border-t border-surface-600' : 'rounded-t-lg'}`} data-testid="pending-files-area">
      {notice && (
        <div role="alert" className="mb-2 flex items-start gap-2 rounded-md bg-danger-soft px-2 py-1.5 text-xs text-[#fa777c]" data-testid="file-notice">
          <div className="min-w-0 flex-1 space-y-0.5">
            {notice.overflow > 0 && <p>{t('chat.tooManyFiles', { max: ATTACHMENTS_PER_MESSAGE_MAX, count: notice.overflow })}</p>}
            {notice.refused.map((r, i) => (
              <p key={i} className="break-words">
                {r.reason === 'too-large' ? t('chat.fileTooLarge', { name: r.name, size: limit }) : t('chat.fileEmpty', { name: r.name })}
              </p>
            ))}
          </div>
          <IconButton icon="close" size="sm" label={t('chat.dismissNotice')} onClick={onDismissNotice} className="size-6!" />
        </div>
      )}
      {files.length > 0 && (
        <ul aria-label={t('chat.pendingFiles')} className="flex gap-2 overflow-x-auto pb-1" data-testid="pending-files">
          {files.map((f) => (
            <li key={f.id} data-testid="pending-file" className="relative flex w-44 shrink-0 items-center gap-2 rounded-md bg-surface-700 p-1.5 pr-7">
              {f.previewUrl && !undecodable.has(f.id) ? (
                <img
                  src={f.previewUrl}
                  alt=""
                  className="size-10 shrink-0 rounded-md object-cover"
                  data-testid="pending-file-thumb"
                  onError={() => setUndecodable((before) => new Set(before).add(f.id))}
                />
              ) : (
                <FileGlyph type={f.type} name={f.file.name} />
              )}
              <span className="min-w-0">
                <span className="block truncate text-sm text-fg" title={f.file.name}>
                  {f.file.name}
                </span>
                <span className="block text-xs text-fg-subtle">{formatBytes(f.file.size, locale)}</span>
              </span>
              <IconButton
                icon="close"
                size="sm"
                label={t('chat.removeFile', { name: f.file.name })}
                onClick={() => onRemove(f.id)}
                className="absolute top-0.5 right-0.5 size-6!"
              />
            </li>
          ))}
        </ul>
      )}
      <p className="px-1 text-[11px] text-fg-subtle" data-testid="file-limits">
        {t('chat.attachLimits', { max: ATTACHMENTS_PER_MESSAGE_MAX, size: limit })}
      </p>
    </div>
  );
}
