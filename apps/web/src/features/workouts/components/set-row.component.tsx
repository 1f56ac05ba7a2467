import { displayWeight, type SetType, type TrackingType, type WeightUnit } from '@discordgym/contracts';
import type { LiveExercise, LiveSet } from '../api/live-workout.store';
import { formatNumber } from '../api/units';
import { useWorkoutsI18n } from '../hooks/use-workouts-i18n.hook';
import { NumberInput } from './number-input.component';

const RPES = [6, 6.5, 7, 7.5, 8, 8.5, 9, 9.5, 10];
const TYPES: SetType[] = ['normal', 'warmup', 'drop', 'failure'];
const TYPE_MARK: Record<SetType, string> = { normal: '', warmup: 'W', drop: 'D', failure: 'F' };

export const usesWeight = (t: TrackingType): boolean => t === 'weight_reps' || t === 'weighted_bodyweight' || t === 'assisted_bodyweight' || t === 'weight_distance';
export const usesReps = (t: TrackingType): boolean => t === 'weight_reps' || t === 'bodyweight_reps' || t === 'weighted_bodyweight' || t === 'assisted_bodyweight';
export const usesDistance = (t: TrackingType): boolean => t === 'distance_duration' || t === 'weight_distance';
export const usesDuration = (t: TrackingType): boolean => t === 'duration' || t === 'distance_duration';

/** One set: type, the last performance, the fields its tracking type needs, RPE and the done tick. */
export function SetRow({
  exercise,
  set,
  index,
  unit,
  onChange,
  onToggleDone,
}: {
  exercise: LiveExercise;
  set: LiveSet;
  index: number;
  unit: WeightUnit;
  onChange(patch: Partial<LiveSet>): void;
  onToggleDone(): void;
}) {
  const { tw, locale } = useWorkoutsI18n();
  const n = index + 1;
  const previous = exercise.previous[index];
  const prevWeight = previous ? displayWeight(previous, unit) : null;
  const previousText =
    previous && (prevWeight !== null || previous.reps !== null)
      ? prevWeight !== null
        ? tw('w.set.previousValue', { weight: formatNumber(prevWeight, locale), unit, reps: previous.reps ?? '–' })
        : `× ${previous.reps}`
      : '—';
  const t = exercise.tracking_type;
  const label = (key: Parameters<typeof tw>[0], vars: Record<string, string> = {}) => `${tw(key, vars)}, ${tw('w.set.number')} ${n}`;

  return (
    <li
      data-testid="set-row"
      data-done={set.done}
      className={`grid grid-cols-[2.75rem_minmax(0,1fr)_minmax(0,1fr)_minmax(0,1fr)_3.25rem_2.5rem] items-center gap-1 rounded-[4px] px-1 py-1 ${set.done ? 'bg-success/20' : ''}`}
    >
      <select
        aria-label={label('w.set.type')}
        value={set.type}
        onChange={(e) => onChange({ type: e.target.value as SetType })}
        className={`h-9 rounded-[4px] bg-surface-800 text-center text-sm font-semibold ${set.type === 'normal' ? 'text-fg' : set.type === 'warmup' ? 'text-[#f0b232]' : 'text-danger'}`}
      >
        {TYPES.map((type) => (
          <option key={type} value={type}>
            {type === 'normal' ? String(n) : `${TYPE_MARK[type]} · ${tw(`w.set.type.${type}`)}`}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="truncate text-center text-xs text-fg-subtle hover:text-fg"
        title={tw('w.set.previous')}
        aria-label={`${tw('w.set.previous')}: ${previousText}`}
        data-testid="set-previous"
        disabled={!previous}
        onClick={() => previous && onChange({ weight: prevWeight, weight_unit: unit, reps: previous.reps, distance: previous.distance, duration_s: previous.duration_s })}
      >
        {previousText}
      </button>
      {usesWeight(t) ? (
        <NumberInput aria-label={label('w.set.weight', { unit })} value={set.weight} onValue={(weight) => onChange({ weight, weight_unit: unit })} />
      ) : usesDistance(t) ? (
        <NumberInput aria-label={label('w.set.distance', { unit: set.distance_unit })} value={set.distance} onValue={(distance) => onChange({ distance })} />
      ) : (
        <span />
      )}
      {usesReps(t) ? (
        <NumberInput integer aria-label={label('w.set.reps')} value={set.reps} onValue={(reps) => onChange({ reps })} />
      ) : usesDuration(t) ? (
        <NumberInput integer aria-label={label('w.set.duration')} value={set.duration_s} onValue={(duration_s) => onChange({ duration_s })} />
      ) : usesDistance(t) ? (
        <NumberInput aria-label={label('w.set.distance', { unit: set.distance_unit })} value={set.distance} onValue={(distance) => onChange({ distance })} />
      ) : (
        <span />
      )}
      <select
        aria-label={label('w.set.rpe')}
        value={set.rpe ?? ''}
        onChange={(e) => onChange({ rpe: e.target.value === '' ? null : Number(e.target.value) })}
        className="h-9 rounded-[4px] bg-surface-900 text-center text-sm text-fg"
      >
        <option value="">–</option>
        {RPES.map((r) => (
          <option key={r} value={r}>
            {formatNumber(r, locale, 1)}
          </option>
        ))}
      </select>
      <div className="flex items-center justify-center">
        <input
          type="checkbox"
          checked={set.done}
          onChange={onToggleDone}
          aria-label={tw('w.set.doneLabel', { n, name: exercise.name })}
          className="size-6 accent-[#23a55a]"
        />
      </div>
    </li>
  );
}
