import { readStored, writeStored } from '../../../lib/storage/local-store';

/** The running rest: which exercise and when it ends; in localStorage, so a reload keeps counting. */
export interface RestState {
  exercise_client_id: string;
  ends_at: number;
  total_s: number;
}

type Listener = () => void;
const KEY = 'discordgym.rest-timer';
const isRest = (v: unknown): v is RestState =>
  !!v && typeof v === 'object' && typeof (v as RestState).ends_at === 'number' && typeof (v as RestState).exercise_client_id === 'string';

let rest: RestState | null = readStored(KEY, (v) => (isRest(v) ? v : null));
const listeners = new Set<Listener>();
const publish = (next: RestState | null): void => {
  rest = next;
  writeStored(KEY, next ?? undefined);
  for (const l of [...listeners]) l();
};

export const restTimer = {
  get: (): RestState | null => rest,
  start(exerciseClientId: string, seconds: number): void {
    publish({ exercise_client_id: exerciseClientId, ends_at: Date.now() + seconds * 1000, total_s: seconds });
  },
  extend(seconds: number): void {
    if (rest) publish({ ...rest, ends_at: rest.ends_at + seconds * 1000, total_s: rest.total_s + seconds });
  },
  stop(): void {
    if (rest) publish(null);
  },
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
