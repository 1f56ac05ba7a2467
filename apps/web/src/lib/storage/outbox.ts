import type { ErrorCode } from '@discordgym/contracts';
import { newClientId } from './client-id';
import { forgetStoredWithPrefix, onStoredChange, readStored, writeStored } from './local-store';

/**
 * What every outbox entry has: its idempotency key, when it was written, and whether it
 * still goes out (`pending`) or was refused for good (`failed`, with the server's code).
 */
export interface OutboxItem {
  client_id: string;
  created_at: string;
  status: 'pending' | 'failed';
  /** Why a failed entry was refused; the UI words it from the dictionary. */
  error_code?: ErrorCode;
  /** What exactly was refused, where the code alone does not say (a chat file's `type_refused`). */
  error_detail?: string;
}

type Listener = () => void;

/**
 * Writes the server has not acknowledged yet, kept in localStorage so a reload or a
 * crash loses none of them, and sent (again) with the same client_id until the server
 * acknowledges: the server answers a repeat with what it stored the first time, so
 * nothing is ever stored twice. Chat messages and workout changes both go through one.
 */
export interface Outbox<E extends OutboxItem> {
  entries(): readonly E[];
  add(entry: Omit<E, 'status' | 'created_at'>): E;
  /**
   * Adds `entry`, or puts it in place of the pending entry `supersedes` matches: a
   * newer full copy of the same thing makes the older one pointless to send.
   */
  put(entry: Omit<E, 'status' | 'created_at'>, supersedes: (e: E) => boolean): E;
  /** The server has it (ack, echo or sync): it leaves the outbox. */
  delivered(clientId: string): void;
  fail(clientId: string, code: ErrorCode, detail?: string): void;
  retry(clientId: string): void;
  discard(clientId: string): void;
  subscribe(listener: Listener): () => void;
}

export type EntryGuard<E> = (value: unknown) => value is E;

const isItem = (value: unknown): value is OutboxItem => {
  if (!value || typeof value !== 'object') return false;
  const e = value as Record<string, unknown>;
  return typeof e.client_id === 'string' && typeof e.created_at === 'string' && (e.status === 'pending' || e.status === 'failed');
};

function createOutbox<E extends OutboxItem>(key: string, isEntry: EntryGuard<E>): Outbox<E> {
  const parse = (value: unknown): E[] | null => (Array.isArray(value) ? value.filter((v): v is E => isItem(v) && isEntry(v)) : null);
  let entries: readonly E[] = readStored(key, parse) ?? [];
  const listeners = new Set<Listener>();

  const publish = (next: readonly E[], persist = true): void => {
    entries = next;
    if (persist) writeStored(key, next.length ? next : undefined);
    for (const listener of [...listeners]) listener();
  };
  // Another tab of the same user sent or queued something.
  onStoredChange(key, () => publish(readStored(key, parse) ?? [], false));

  const stamp = (input: Omit<E, 'status' | 'created_at'>): E => ({ ...input, status: 'pending', created_at: new Date().toISOString() }) as E;

  return {
    entries: () => entries,
    add(input) {
      const entry = stamp(input);
      publish([...entries, entry]);
      return entry;
    },
    put(input, supersedes) {
      const entry = stamp(input);
      const at = entries.findIndex((e) => e.status === 'pending' && supersedes(e));
      publish(at < 0 ? [...entries, entry] : entries.map((e, i) => (i === at ? entry : e)));
      return entry;
    },
    delivered(clientId) {
      if (entries.some((e) => e.client_id === clientId)) publish(entries.filter((e) => e.client_id !== clientId));
    },
    fail(clientId, code, detail) {
      publish(entries.map((e) => (e.client_id === clientId ? { ...e, status: 'failed', error_code: code, error_detail: detail } : e)));
    },
    retry(clientId) {
      // A client_id the server already holds for other content can never succeed: that one gets a new key.
      const fresh = (e: E): string => (e.error_code === 'CLIENT_ID_CONFLICT' ? newClientId() : e.client_id);
      publish(entries.map((e) => (e.client_id === clientId ? { ...e, client_id: fresh(e), status: 'pending', error_code: undefined, error_detail: undefined } : e)));
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

export interface OutboxFamily<E extends OutboxItem> {
  /** One outbox per account on this browser, so a shared computer never sends one person's writes as another's. */
  for(userId: string): Outbox<E>;
  /** An explicit logout: unsent entries of every account on this browser are dropped. */
  forget(): void;
}

/** One kind of outbox (`prefix` names its localStorage keys), per account. */
export function outboxFamily<E extends OutboxItem>(prefix: string, isEntry: EntryGuard<E>): OutboxFamily<E> {
  const outboxes = new Map<string, Outbox<E>>();
  return {
    for(userId) {
      let outbox = outboxes.get(userId);
      if (!outbox) outboxes.set(userId, (outbox = createOutbox(`${prefix}${userId}`, isEntry)));
      return outbox;
    },
    forget() {
      for (const outbox of outboxes.values()) for (const entry of outbox.entries()) outbox.discard(entry.client_id);
      outboxes.clear();
      forgetStoredWithPrefix(prefix);
    },
  };
}
