import type { ErrorCode } from '@discordgym/contracts';
import { newClientId } from '../../../lib/storage/client-id';
import { forgetStoredWithPrefix, onStoredChange, readStored, writeStored } from '../../../lib/storage/local-store';

/**
 * A message written but not yet acknowledged by the server. It is shown as pending at
 * once, kept in localStorage so a reload or a crash does not lose it, and sent (again)
 * with the same client_id until the server acknowledges it: the server answers a repeat
 * with the first message, so nothing is ever stored twice.
 */
export interface OutboxEntry {
  client_id: string;
  chatroom_id: string;
  content: string;
  reply_to_id: string | null;
  created_at: string;
  status: 'pending' | 'failed';
  /** Why a failed entry was refused; the UI words it from the dictionary. */
  error_code?: ErrorCode;
}

type Listener = () => void;

const isEntry = (value: unknown): value is OutboxEntry => {
  if (!value || typeof value !== 'object') return false;
  const e = value as Record<string, unknown>;
  return (
    typeof e.client_id === 'string' &&
    typeof e.chatroom_id === 'string' &&
    typeof e.content === 'string' &&
    typeof e.created_at === 'string' &&
    (e.reply_to_id === null || typeof e.reply_to_id === 'string') &&
    (e.status === 'pending' || e.status === 'failed')
  );
};

const parseEntries = (value: unknown): OutboxEntry[] | null => (Array.isArray(value) ? value.filter(isEntry) : null);

export interface Outbox {
  entries(): readonly OutboxEntry[];
  add(entry: Omit<OutboxEntry, 'status' | 'created_at'>): OutboxEntry;
  /** The server has it (ack, echo or sync): it leaves the outbox. */
  delivered(clientId: string): void;
  fail(clientId: string, code: ErrorCode): void;
  retry(clientId: string): void;
  discard(clientId: string): void;
  subscribe(listener: Listener): () => void;
}

function createOutbox(userId: string): Outbox {
  const key = `${OUTBOX_PREFIX}${userId}`;
  let entries: readonly OutboxEntry[] = readStored(key, parseEntries) ?? [];
  const listeners = new Set<Listener>();

  const publish = (next: readonly OutboxEntry[], persist = true): void => {
    entries = next;
    if (persist) writeStored(key, next.length ? next : undefined);
    for (const listener of [...listeners]) listener();
  };
  // Another tab of the same user sent or queued something.
  onStoredChange(key, () => publish(readStored(key, parseEntries) ?? [], false));

  return {
    entries: () => entries,
    add(input) {
      const entry: OutboxEntry = { ...input, status: 'pending', created_at: new Date().toISOString() };
      publish([...entries, entry]);
      return entry;
    },
    delivered(clientId) {
      if (entries.some((e) => e.client_id === clientId)) publish(entries.filter((e) => e.client_id !== clientId));
    },
    fail(clientId, code) {
      publish(entries.map((e) => (e.client_id === clientId ? { ...e, status: 'failed', error_code: code } : e)));
    },
    retry(clientId) {
      // A client_id the server already holds for other content can never succeed: that one gets a new key.
      const fresh = (e: OutboxEntry): string => (e.error_code === 'CLIENT_ID_CONFLICT' ? newClientId() : e.client_id);
      publish(entries.map((e) => (e.client_id === clientId ? { ...e, client_id: fresh(e), status: 'pending', error_code: undefined } : e)));
    },
    discard(clientId) {
      publish(entries.filter((e) => e.client_id !== clientId));
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

const OUTBOX_PREFIX = 'discordgym.outbox.';
const outboxes = new Map<string, Outbox>();

/** An explicit logout: unsent messages of every account on this browser are dropped. */
export function forgetOutboxes(): void {
  for (const outbox of outboxes.values()) for (const entry of outbox.entries()) outbox.discard(entry.client_id);
  outboxes.clear();
  forgetStoredWithPrefix(OUTBOX_PREFIX);
}

/** One outbox per account on this browser, so a shared computer never sends one person's words as another. */
export function outboxFor(userId: string): Outbox {
  let outbox = outboxes.get(userId);
  if (!outbox) outboxes.set(userId, (outbox = createOutbox(userId)));
  return outbox;
}
