import type { CreateRoutineBody, RoutineFolderBody } from '@discordgym/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMeId } from '../../chat/hooks/use-me-id.hook';
import { readStored, writeStored } from '../../../lib/storage/local-store';
import type { RoutineList } from '@discordgym/contracts';
import { workoutApi, workoutKeys } from '../api/workouts.api';

/** My folders and routines; the last answer stays on this device, so a routine starts offline too. */
export function useRoutines() {
  const cacheKey = `discordgym.routines.${useMeId()}`;
  return useQuery({
    queryKey: workoutKeys.routines,
    queryFn: async ({ signal }) => {
      const list = await workoutApi.routines(signal);
      writeStored(cacheKey, list);
      return list;
    },
    initialData: (): RoutineList | undefined => readStored(cacheKey, (v) => (v && typeof v === 'object' && Array.isArray((v as RoutineList).routines) ? (v as RoutineList) : null)) ?? undefined,
    initialDataUpdatedAt: 0,
  });
}

export function useRoutineMutations() {
  const queryClient = useQueryClient();
  const invalidate = () => queryClient.invalidateQueries({ queryKey: workoutKeys.routines });
  return {
    create: useMutation({ mutationFn: (body: CreateRoutineBody) => workoutApi.createRoutine(body), onSuccess: invalidate }),
    remove: useMutation({ mutationFn: (id: string) => workoutApi.deleteRoutine(id), onSuccess: invalidate }),
    createFolder: useMutation({ mutationFn: (body: RoutineFolderBody) => workoutApi.createFolder(body), onSuccess: invalidate }),
    removeFolder: useMutation({ mutationFn: (id: string) => workoutApi.deleteFolder(id), onSuccess: invalidate }),
  };
}
