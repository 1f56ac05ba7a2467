import { useMemo, useSyncExternalStore } from 'react';
import { type OutboxEntry, outboxFor } from '../api/outbox.store';
import { useMeId } from './use-me-id.hook';

export function useOutbox() {
  return outboxFor(useMeId());
}

/** Everything waiting to be sent, or only one room's. */
export function useOutboxEntries(roomId?: string): readonly OutboxEntry[] {
  const outbox = useOutbox();
  const entries = useSyncExternalStore(outbox.subscribe, outbox.entries, outbox.entries);
  return useMemo(() => (roomId ? entries.filter((e) => e.chatroom_id === roomId) : entries), [entries, roomId]);
}
