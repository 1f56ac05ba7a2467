import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { workoutApi, workoutKeys } from '../api/workouts.api';

export function useWorkoutHistory() {
  return useInfiniteQuery({
    queryKey: workoutKeys.list,
    queryFn: ({ pageParam, signal }) => workoutApi.list(pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
}

export function useWorkout(id: string | undefined) {
  return useQuery({ queryKey: workoutKeys.detail(id ?? ''), queryFn: ({ signal }) => workoutApi.get(id!, signal), enabled: !!id });
}

export function useWorkoutSummary(id: string | undefined, enabled = true) {
  return useQuery({ queryKey: workoutKeys.summary(id ?? ''), queryFn: ({ signal }) => workoutApi.summary(id!, signal), enabled: !!id && enabled });
}

export function useDeleteWorkout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => workoutApi.remove(id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: workoutKeys.all }),
  });
}
