import type { WorkoutSummary } from '@discordgym/contracts';
import { forgetStoredWithPrefix, readStored, writeStored } from '../../../lib/storage/local-store';

/**
 * What the sync engine learned from the server, per account: the server id of each
 * workout by its client_id (so a change made offline finds its workout) and the finish
 * summary of the workouts finished on this device (the summary page reads it when the
 * finish went through, which offline is later than the tap).
 */
interface Synced {
  ids: Record<string, string>;
  summaries: Record<string, WorkoutSummary>;
}

const PREFIX = 'discordgym.workout-synced.';
/** Summaries kept: the page shows the last few; older ones are in the history. */
const KEEP_SUMMARIES = 5;
const KEEP_IDS = 50;

type Listener = () => void;

const parse = (v: unknown): Synced | null => {
  if (!v || typeof v !== 'object') return null;
  const s = v as Partial<Synced>;
  return { ids: typeof s.ids === 'object' && s.ids ? s.ids : {}, summaries: typeof s.summaries === 'object' && s.summaries ? s.summaries : {} };
};

const newest = <T>(record: Record<string, T>, keep: number): Record<string, T> => Object.fromEntries(Object.entries(record).slice(-keep));

function createSynced(userId: string) {
  const key = `${PREFIX}${userId}`;
  let state: Synced = readStored(key, parse) ?? { ids: {}, summaries: {} };
  const listeners = new Set<Listener>();
  const publish = (next: Synced) => {
    state = next;
    writeStored(key, next);
    for (const l of [...listeners]) l();
  };
  return {
    idOf: (clientId: string): string | undefined => state.ids[clientId],
    setId: (clientId: string, id: string) => state.ids[clientId] !== id && publish({ ...state, ids: newest({ ...state.ids, [clientId]: id }, KEEP_IDS) }),
    summaryOf: (clientId: string): WorkoutSummary | undefined => state.summaries[clientId],
    setSummary: (clientId: string, summary: WorkoutSummary) =>
      publish({ ...state, summaries: newest({ ...state.summaries, [clientId]: summary }, KEEP_SUMMARIES) }),
    snapshot: () => state,
    subscribe(listener: Listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export type SyncedStore = ReturnType<typeof createSynced>;
const stores = new Map<string, SyncedStore>();

export function syncedFor(userId: string): SyncedStore {
  let store = stores.get(userId);
  if (!store) stores.set(userId, (store = createSynced(userId)));
  return store;
}

export function forgetSynced(): void {
  stores.clear();
  forgetStoredWithPrefix(PREFIX);
}
