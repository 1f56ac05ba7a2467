import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { newClientId } from '../../../lib/storage/client-id';
import type { WeightUnit } from '../api/units';
import { workoutApi, workoutKeys } from '../api/workouts.api';

export const useWeeklyStats = (weeks: number) => useQuery({ queryKey: workoutKeys.weekly(weeks), queryFn: ({ signal }) => workoutApi.weekly(weeks, signal) });

export const useRecords = () => useQuery({ queryKey: workoutKeys.records, queryFn: ({ signal }) => workoutApi.records(signal) });

export const useExerciseStats = (id: string) =>
  useQuery({ queryKey: workoutKeys.exerciseStats(id), queryFn: ({ signal }) => workoutApi.exerciseStats(id, signal), enabled: id !== '' });

export const useBodyMeasurements = () => useQuery({ queryKey: workoutKeys.body, queryFn: ({ signal }) => workoutApi.bodyMeasurements(signal) });

export function useLogBodyweight() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ value, unit }: { value: number; unit: WeightUnit }) => workoutApi.logBodyweight({ client_id: newClientId(), bodyweight: value, bodyweight_unit: unit }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: workoutKeys.body });
      void queryClient.invalidateQueries({ queryKey: workoutKeys.preferences });
    },
  });
}
