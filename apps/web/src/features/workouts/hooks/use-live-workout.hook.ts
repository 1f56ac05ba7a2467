import { useMemo, useSyncExternalStore } from 'react';
import { useMeId } from '../../chat/hooks/use-me-id.hook';
import { type LiveExercise, type LiveSet, type LiveWorkout, liveWorkoutFor, newSet } from '../api/live-workout.store';
import { restTimer } from '../api/rest-timer.store';
import type { DistanceUnit, WeightUnit } from '../api/units';

export const DEFAULT_REST_S = 90;

export function useLiveWorkoutStore() {
  return liveWorkoutFor(useMeId());
}

export function useLiveWorkout(): LiveWorkout | null {
  const store = useLiveWorkoutStore();
  return useSyncExternalStore(store.subscribe, store.get, store.get);
}

const mapExercise = (w: LiveWorkout, id: string, change: (e: LiveExercise) => LiveExercise): LiveWorkout => ({
  ...w,
  exercises: w.exercises.map((e) => (e.client_id === id ? change(e) : e)),
});

/** Every edit the logger makes; each one is stored and queued at once (see LiveWorkoutStore). */
export function useLiveWorkoutActions(units: { weight: WeightUnit; distance: DistanceUnit }) {
  const store = useLiveWorkoutStore();
  return useMemo(
    () => ({
      setTitle: (title: string) => store.update((w) => ({ ...w, title })),
      setNotes: (notes: string) => store.update((w) => ({ ...w, notes })),
      setVisibility: (visibility: LiveWorkout['visibility']) => store.update((w) => ({ ...w, visibility })),
      addExercise: (exercise: Omit<LiveExercise, 'sets' | 'notes' | 'superset_group' | 'rest_seconds' | 'previous'> & Partial<LiveExercise>) =>
        store.update((w) => ({
          ...w,
          exercises: [
            ...w.exercises,
            { notes: '', superset_group: null, rest_seconds: DEFAULT_REST_S, previous: [], ...exercise, sets: exercise.sets ?? [newSet(undefined, units)] },
          ],
        })),
      removeExercise: (id: string) => store.update((w) => ({ ...w, exercises: w.exercises.filter((e) => e.client_id !== id) })),
      setExerciseNotes: (id: string, notes: string) => store.update((w) => mapExercise(w, id, (e) => ({ ...e, notes }))),
      setRest: (id: string, rest_seconds: number | null) => store.update((w) => mapExercise(w, id, (e) => ({ ...e, rest_seconds }))),
      /** Joins the exercise with the one above it into a superset, or takes it out of its superset. */
      toggleSuperset: (id: string) =>
        store.update((w) => {
          const at = w.exercises.findIndex((e) => e.client_id === id);
          const current = w.exercises[at];
          if (!current) return w;
          if (current.superset_group !== null) return mapExercise(w, id, (e) => ({ ...e, superset_group: null }));
          const above = w.exercises[at - 1];
          const group = above?.superset_group ?? Math.max(0, ...w.exercises.map((e) => e.superset_group ?? 0)) + 1;
          return {
            ...w,
            exercises: w.exercises.map((e, i) => (i === at || (i === at - 1 && above) ? { ...e, superset_group: group } : e)),
          };
        }),
      addSet: (id: string) =>
        store.update((w) =>
          mapExercise(w, id, (e) => {
            const last = e.sets[e.sets.length - 1];
            return { ...e, sets: [...e.sets, newSet(last ? { ...last, type: 'normal' } : undefined, units)] };
          }),
        ),
      removeSet: (id: string, setId: string) => store.update((w) => mapExercise(w, id, (e) => ({ ...e, sets: e.sets.filter((s) => s.client_id !== setId) }))),
      updateSet: (id: string, setId: string, patch: Partial<LiveSet>) =>
        store.update((w) => mapExercise(w, id, (e) => ({ ...e, sets: e.sets.map((s) => (s.client_id === setId ? { ...s, ...patch } : s)) }))),
      /** Ticking a set done starts that exercise's rest timer. */
      toggleDone: (exercise: LiveExercise, set: LiveSet) => {
        const done = !set.done;
        store.update((w) =>
          mapExercise(w, exercise.client_id, (e) => ({
            ...e,
            sets: e.sets.map((s) => (s.client_id === set.client_id ? { ...s, done, completed_at: done ? new Date().toISOString() : null } : s)),
          })),
        );
        if (done && exercise.rest_seconds) restTimer.start(exercise.client_id, exercise.rest_seconds);
      },
    }),
    [store, units],
  );
}

export function useRestTimer() {
  return useSyncExternalStore(restTimer.subscribe, restTimer.get, restTimer.get);
}
