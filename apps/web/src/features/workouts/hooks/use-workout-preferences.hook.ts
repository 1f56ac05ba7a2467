import type { UpdateWorkoutPreferencesBody, WorkoutPreferences } from '@discordgym/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { readStored, writeStored } from '../../../lib/storage/local-store';
import { workoutApi, workoutKeys } from '../api/workouts.api';

const CACHE_KEY = 'discordgym.workout-preferences';
const FALLBACK: WorkoutPreferences = { weight_unit: 'kg', distance_unit: 'km', sex: null, bodyweight_kg: null, bodyweight: null, default_visibility: 'friends' };

/** Units and defaults; the last answer is kept locally so the logger has the right units offline. */
export function useWorkoutPreferences() {
  const query = useQuery({
    queryKey: workoutKeys.preferences,
    queryFn: async ({ signal }) => {
      const prefs = await workoutApi.preferences(signal);
      writeStored(CACHE_KEY, prefs);
      return prefs;
    },
    initialData: (): WorkoutPreferences | undefined => readStored(CACHE_KEY, (v) => (v && typeof v === 'object' ? (v as WorkoutPreferences) : null)) ?? undefined,
    initialDataUpdatedAt: 0,
    staleTime: 60_000,
  });
  const prefs = query.data ?? FALLBACK;
  const units = useMemo(() => ({ weight: prefs.weight_unit, distance: prefs.distance_unit }), [prefs.weight_unit, prefs.distance_unit]);
  return { prefs, units, query };
}

export function useUpdateWorkoutPreferences() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateWorkoutPreferencesBody) => workoutApi.updatePreferences(body),
    onSuccess: (prefs) => {
      writeStored(CACHE_KEY, prefs);
      queryClient.setQueryData(workoutKeys.preferences, prefs);
      void queryClient.invalidateQueries({ queryKey: workoutKeys.all });
    },
  });
}
