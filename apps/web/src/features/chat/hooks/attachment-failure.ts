import type { ErrorMessages } from '../../../lib/i18n/en.messages';
import type { OutboxEntry } from '../api/outbox.store';
import type { ChatTranslate } from './use-chat-i18n.hook';

const REASONS = ['type_refused', 'undecodable', 'processing_failed', 'missing'] as const;
type Reason = (typeof REASONS)[number];
const isReason = (value: string): value is Reason => (REASONS as readonly string[]).includes(value);

/**
 * Why a queued message was refused, in words. A message with files says which file and why
 * (the outbox keeps `reason:index`); the app's own texts for these codes speak of albums.
 */
export function outboxFailureText(entry: OutboxEntry, t: ChatTranslate, errors: ErrorMessages): string {
  const code = entry.error_code ?? 'UNEXPECTED';
  if (entry.attachments?.length) {
    const [reason = '', index = '0'] = (entry.error_detail ?? '').split(':');
    const name = entry.attachments[Number(index)]?.name ?? entry.attachments[0]!.name;
    if (isReason(reason)) return t(`chat.attachmentFailed.${reason}`, { name });
    if (code === 'FILE_TYPE_REFUSED' || code === 'UNSUPPORTED_MEDIA_TYPE') return t('chat.attachmentFailed.type_refused', { name });
    if (code === 'QUOTA_EXCEEDED') return t('chat.attachmentFailed.quota');
    if (code === 'PAYLOAD_TOO_LARGE') return t('chat.attachmentFailed.tooLarge');
  }
  return errors[code];
}
