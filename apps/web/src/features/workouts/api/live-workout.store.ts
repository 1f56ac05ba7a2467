import { newClientId } from '../../../lib/storage/client-id';
import { forgetStoredWithPrefix, onStoredChange, readStored, writeStored } from '../../../lib/storage/local-store';
import type { DistanceUnit, PreviousSet, SetDistanceUnit, SetType, TrackingType, WeightUnit, WorkoutVisibility } from '@discordgym/contracts';
import { workoutOutboxFor } from './workout-outbox.store';

/** A set as typed: weight and distance in the unit they were entered in (converted to kg and m by the server). */
export interface LiveSet {
  client_id: string;
  type: SetType;
  weight: number | null;
  weight_unit: WeightUnit;
  reps: number | null;
  rpe: number | null;
  distance: number | null;
  distance_unit: SetDistanceUnit;
  duration_s: number | null;
  done: boolean;
  completed_at: string | null;
}

export interface LiveExercise {
  client_id: string;
  exercise_id: string;
  /** Kept with the workout so it reads right offline, without the catalog. */
  name: string;
  tracking_type: TrackingType;
  superset_group: number | null;
  rest_seconds: number | null;
  notes: string;
  sets: LiveSet[];
  /** The last performance of this exercise, set by set ("previous: 80 kg × 5"). */
  previous: PreviousSet[];
}

export interface LiveWorkout {
  client_id: string;
  title: string;
  started_at: string;
  notes: string;
  visibility: WorkoutVisibility;
  routine_id: string | null;
  exercises: LiveExercise[];
  /** Set when a finished workout is opened for editing: finishing the edit keeps its end. */
  ended_at?: string | null;
}

const isLive = (value: unknown): value is LiveWorkout => {
  if (!value || typeof value !== 'object') return false;
  const w = value as Record<string, unknown>;
  return typeof w.client_id === 'string' && typeof w.started_at === 'string' && Array.isArray(w.exercises);
};

type Listener = () => void;

/**
 * The workout being logged right now, one per account on this browser. Every change is
 * written to localStorage before anything else happens (a reload or a crash mid-workout
 * loses nothing) and queued as a full copy in the workout outbox, which the sync engine
 * sends by client_id whenever the server is reachable.
 */
export interface LiveWorkoutStore {
  get(): LiveWorkout | null;
  start(workout: Omit<LiveWorkout, 'client_id' | 'started_at'> & { client_id?: string; started_at?: string }): LiveWorkout;
  update(change: (workout: LiveWorkout) => LiveWorkout): void;
  /** Ends it here and queues the finish; returns the workout's client_id. */
  finish(): string | null;
  discard(): void;
  /**
   * What the server answered about the exercises (their last performance): kept with
   * the live workout, not sent back (it is the server's to know).
   */
  learnPrevious(workoutClientId: string, previous: Record<string, PreviousSet[]>): void;
  subscribe(listener: Listener): () => void;
}

const LIVE_PREFIX = 'discordgym.live-workout.';

function createLiveStore(userId: string): LiveWorkoutStore {
  const key = `${LIVE_PREFIX}${userId}`;
  const outbox = workoutOutboxFor(userId);
  let live: LiveWorkout | null = readStored(key, (v) => (isLive(v) ? v : null));
  const listeners = new Set<Listener>();
  const publish = (next: LiveWorkout | null, persist = true): void => {
    live = next;
    if (persist) writeStored(key, next ?? undefined);
    for (const listener of [...listeners]) listener();
  };
  onStoredChange(key, () => publish(readStored(key, (v) => (isLive(v) ? v : null)), false));

  const queueSave = (workout: LiveWorkout): void => {
    outbox.put(
      { client_id: newClientId(), op: 'save', workout_client_id: workout.client_id, workout, ended_at: null },
      (e) => e.op === 'save' && e.workout_client_id === workout.client_id,
    );
  };

  return {
    get: () => live,
    start(input) {
      const workout: LiveWorkout = { ...input, client_id: input.client_id ?? newClientId(), started_at: input.started_at ?? new Date().toISOString() };
      publish(workout);
      queueSave(workout);
      return workout;
    },
    update(change) {
      if (!live) return;
      const next = change(live);
      publish(next);
      queueSave(next);
    },
    finish() {
      if (!live) return null;
      const workout = live;
      outbox.add({ client_id: newClientId(), op: 'finish', workout_client_id: workout.client_id, workout, ended_at: workout.ended_at ?? new Date().toISOString() });
      publish(null);
      return workout.client_id;
    },
    discard() {
      if (!live) return;
      const workout = live;
      // Whatever of it reached the server goes too; nothing still queued for it is sent.
      for (const entry of outbox.entries()) if (entry.workout_client_id === workout.client_id) outbox.discard(entry.client_id);
      outbox.add({ client_id: newClientId(), op: 'delete', workout_client_id: workout.client_id, workout, ended_at: null });
      publish(null);
    },
    learnPrevious(workoutClientId, previous) {
      if (!live || live.client_id !== workoutClientId) return;
      const learns = live.exercises.some((e) => e.previous.length === 0 && (previous[e.client_id]?.length ?? 0) > 0);
      if (!learns) return;
      publish({ ...live, exercises: live.exercises.map((e) => (e.previous.length === 0 && previous[e.client_id] ? { ...e, previous: previous[e.client_id]! } : e)) });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

const stores = new Map<string, LiveWorkoutStore>();

export function liveWorkoutFor(userId: string): LiveWorkoutStore {
  let store = stores.get(userId);
  if (!store) stores.set(userId, (store = createLiveStore(userId)));
  return store;
}

/** An explicit logout drops the live workout with the rest of the account's local data. */
export function forgetLiveWorkouts(): void {
  stores.clear();
  forgetStoredWithPrefix(LIVE_PREFIX);
}

export const newSet = (previous?: Partial<LiveSet>, units: { weight: WeightUnit; distance: DistanceUnit } = { weight: 'kg', distance: 'km' }): LiveSet => ({
  client_id: newClientId(),
  type: 'normal',
  weight: previous?.weight ?? null,
  weight_unit: previous?.weight_unit ?? units.weight,
  reps: previous?.reps ?? null,
  rpe: null,
  distance: previous?.distance ?? null,
  distance_unit: previous?.distance_unit ?? units.distance,
  duration_s: previous?.duration_s ?? null,
  done: false,
  completed_at: null,
});
