import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { realtime } from '../../../lib/realtime/realtime';
import { useMeId } from '../../chat/hooks/use-me-id.hook';
import { syncedFor } from '../api/synced.store';
import { workoutOutboxFor, type WorkoutOutboxEntry } from '../api/workout-outbox.store';
import { WorkoutSync } from '../api/workout-sync';

/** Runs the workout outbox for the signed-in user while the shell is mounted (like the chat engine). */
export function useWorkoutSync(): void {
  const queryClient = useQueryClient();
  const meId = useMeId();
  useEffect(() => {
    if (!meId) return;
    const sync = new WorkoutSync(queryClient, realtime, meId);
    sync.start();
    return () => sync.stop();
  }, [queryClient, meId]);
}

export function useWorkoutOutbox(): readonly WorkoutOutboxEntry[] {
  const outbox = workoutOutboxFor(useMeId());
  return useSyncExternalStore(outbox.subscribe, outbox.entries, outbox.entries);
}

/** How many workout changes wait to go out, and the first refusal if any. */
export function useWorkoutSyncState() {
  const entries = useWorkoutOutbox();
  return useMemo(
    () => ({ pending: entries.filter((e) => e.status === 'pending').length, failed: entries.find((e) => e.status === 'failed') ?? null }),
    [entries],
  );
}

export function useSynced() {
  const store = syncedFor(useMeId());
  const state = useSyncExternalStore(store.subscribe, store.snapshot, store.snapshot);
  return { store, state };
}
