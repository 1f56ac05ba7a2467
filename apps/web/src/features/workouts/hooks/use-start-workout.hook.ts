import type { Routine } from '@discordgym/contracts';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { newClientId } from '../../../lib/storage/client-id';
import { useMeId } from '../../chat/hooks/use-me-id.hook';
import { type LiveWorkout, newSet } from '../api/live-workout.store';
import { syncedFor } from '../api/synced.store';
import { fromWorkout } from '../api/workout-body';
import { workoutApi } from '../api/workouts.api';
import { exerciseName } from './use-exercise-catalog.hook';
import { DEFAULT_REST_S, useLiveWorkoutStore } from './use-live-workout.hook';
import { useWorkoutPreferences } from './use-workout-preferences.hook';
import { useWorkoutsI18n } from './use-workouts-i18n.hook';

/** A routine as a live workout without the server (offline): its sets, no last performance. */
function fromRoutine(routine: Routine, locale: string, clientId: string, units: { weight: 'kg' | 'lb'; distance: 'km' | 'mi' }): Omit<LiveWorkout, 'started_at'> {
  return {
    client_id: clientId,
    title: routine.title,
    notes: '',
    visibility: 'friends',
    routine_id: routine.id,
    exercises: routine.exercises.map((e) => ({
      client_id: newClientId(),
      exercise_id: e.exercise.id,
      name: exerciseName(e.exercise, locale),
      tracking_type: e.exercise.tracking_type,
      superset_group: e.superset_group,
      rest_seconds: e.rest_seconds ?? DEFAULT_REST_S,
      notes: e.notes ?? '',
      previous: [],
      sets: (e.sets.length ? e.sets : [null]).map((s) =>
        newSet(
          s
            ? { type: s.type, weight: s.weight, weight_unit: s.weight_unit ?? units.weight, reps: s.reps_max ?? s.reps_min, distance: s.distance, distance_unit: s.distance_unit ?? units.distance, duration_s: s.duration_s }
            : undefined,
          units,
        ),
      ),
    })),
  };
}

export function useStartWorkout() {
  const store = useLiveWorkoutStore();
  const meId = useMeId();
  const navigate = useNavigate();
  const { tw, locale } = useWorkoutsI18n();
  const { prefs, units } = useWorkoutPreferences();
  const [starting, setStarting] = useState<string | null>(null);

  const startEmpty = () => {
    if (!store.get()) store.start({ title: tw('w.logger.title'), notes: '', visibility: prefs.default_visibility, routine_id: null, exercises: [] });
    void navigate('/workouts/log');
  };

  /** From a routine: the server prefills the last performance; offline, the routine's own sets stand in. */
  const startRoutine = async (routine: Routine) => {
    if (store.get()) return void navigate('/workouts/log');
    const clientId = newClientId();
    setStarting(routine.id);
    try {
      const workout = await workoutApi.startRoutine(routine.id, { client_id: clientId, visibility: prefs.default_visibility });
      syncedFor(meId).setId(workout.client_id, workout.id);
      store.start(fromWorkout(workout, locale));
    } catch {
      store.start({ ...fromRoutine(routine, locale, clientId, units), visibility: prefs.default_visibility });
    } finally {
      setStarting(null);
    }
    void navigate('/workouts/log');
  };

  return { startEmpty, startRoutine, starting };
}
