import type { CardRef } from '@discordgym/contracts';
import { type Outbox as StoredOutbox, outboxFamily, type OutboxItem } from '../../../lib/storage/outbox';
import type { OutboxAttachment } from './attachment-files';

/**
 * A message written but not yet acknowledged by the server. It is shown as pending at
 * once and sent through the app's one outbox mechanism (lib/storage/outbox.ts).
 */
export interface OutboxEntry extends OutboxItem {
  chatroom_id: string;
  content: string;
  reply_to_id: string | null;
  /** A feature's resource the message carries (a shared workout); the text may then be empty. */
  card?: CardRef;
  /** Files on the message, uploaded when it goes out (their bytes wait in IndexedDB: attachment-blobs.ts). */
  attachments?: OutboxAttachment[];
  /** Where those bytes are kept: the first client_id, which a retry under a new one does not change. */
  files_id?: string;
}

const isAttachment = (value: unknown): value is OutboxAttachment => {
  const a = value as Record<string, unknown> | null;
  return !!a && typeof a.name === 'string' && typeof a.type === 'string' && typeof a.size === 'number';
};

const isEntry = (value: unknown): value is OutboxEntry => {
  const e = value as Record<string, unknown>;
  return (
    typeof e.chatroom_id === 'string' &&
    typeof e.content === 'string' &&
    (e.reply_to_id === null || typeof e.reply_to_id === 'string') &&
    (e.attachments === undefined || (Array.isArray(e.attachments) && e.attachments.every(isAttachment)))
  );
};

export type Outbox = StoredOutbox<OutboxEntry>;

const messages = outboxFamily<OutboxEntry>('discordgym.outbox.', isEntry);

/** An explicit logout: unsent messages of every account on this browser are dropped. */
export function forgetOutboxes(): void {
  messages.forget();
  // Loaded only here: the files' store is no part of the shell until a message carries files.
  void import('./attachment-blobs').then((m) => m.forgetAllFiles());
}

/** One outbox per account on this browser, so a shared computer never sends one person's words as another. */
export function outboxFor(userId: string): Outbox {
  return messages.for(userId);
}
