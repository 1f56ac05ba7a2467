import { useMemo } from 'react';
import { useI18n } from '../../../lib/i18n/use-i18n.hook';
import { workoutsDe, workoutsEn, type WorkoutsMessageKey } from '../workouts.messages';

type Vars = Record<string, string | number>;

/** `{name}` placeholders, as the app's translator fills them (not imported: that would split the entry chunk). */
const fill = (text: string, vars: Vars = {}): string => text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));

/** The app's i18n plus `tw`, the workout pages' own texts in the same language. */
export function useWorkoutsI18n() {
  const base = useI18n();
  const tw = useMemo(() => {
    const dictionary: Record<WorkoutsMessageKey, string> = base.locale === 'de' ? workoutsDe : workoutsEn;
    return (key: WorkoutsMessageKey, vars?: Vars) => fill(dictionary[key], vars);
  }, [base.locale]);
  return { ...base, tw };
}
