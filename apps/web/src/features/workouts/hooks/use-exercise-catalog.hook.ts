import type { Equipment, Exercise, Muscle } from '@discordgym/contracts';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useMeId } from '../../chat/hooks/use-me-id.hook';
import { readStored, writeStored } from '../../../lib/storage/local-store';
import { workoutApi, workoutKeys } from '../api/workouts.api';

/** The catalog is a few hundred rows at most: three pages of 200 hold the built-ins and plenty of custom ones. */
const MAX_PAGES = 3;
const CACHE_PREFIX = 'discordgym.exercises.';

/**
 * Every exercise I can log, fetched once and kept on this device: a basement with no
 * signal still lists them, and filtering by name, muscle and equipment is instant.
 */
export function useExerciseCatalog() {
  const meId = useMeId();
  const cacheKey = `${CACHE_PREFIX}${meId}`;
  return useQuery({
    queryKey: workoutKeys.exercises({}),
    queryFn: async ({ signal }) => {
      const items: Exercise[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < MAX_PAGES; page++) {
        const result = await workoutApi.exercises({ cursor }, signal);
        items.push(...result.items);
        if (!result.next_cursor) break;
        cursor = result.next_cursor;
      }
      writeStored(cacheKey, items);
      return items;
    },
    // The copy kept on this device stands in (stale, so it is refreshed) until the server answers.
    initialData: (): Exercise[] | undefined => readStored(cacheKey, (v) => (Array.isArray(v) ? (v as Exercise[]) : null)) ?? undefined,
    initialDataUpdatedAt: 0,
    staleTime: 5 * 60_000,
  });
}

const fold = (text: string): string => text.toLocaleLowerCase().normalize('NFD').replace(/\p{M}/gu, '');

export function useFilteredExercises(items: readonly Exercise[] | undefined, filter: { q: string; muscle: Muscle | ''; equipment: Equipment | '' }) {
  return useMemo(() => {
    const words = fold(filter.q).split(/\s+/).filter(Boolean);
    return (items ?? []).filter((e) => {
      if (filter.muscle && !e.primary_muscles.includes(filter.muscle) && !e.secondary_muscles.includes(filter.muscle)) return false;
      if (filter.equipment && e.equipment !== filter.equipment) return false;
      const names = fold(`${e.name_en} ${e.name_de}`);
      return words.every((w) => names.includes(w));
    });
  }, [items, filter.q, filter.muscle, filter.equipment]);
}

export const exerciseName = (exercise: Pick<Exercise, 'name_en' | 'name_de'>, locale: string): string => (locale === 'de' ? exercise.name_de : exercise.name_en);
