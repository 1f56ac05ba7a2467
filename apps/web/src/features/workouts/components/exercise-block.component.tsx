import type { WeightUnit } from '@discordgym/contracts';
import { IconButton } from '../../../components/icon-button.component';
import type { LiveExercise } from '../api/live-workout.store';
import type { useLiveWorkoutActions } from '../hooks/use-live-workout.hook';
import { useWorkoutsI18n } from '../hooks/use-workouts-i18n.hook';
import { SetRow, usesDistance, usesDuration, usesReps, usesWeight } from './set-row.component';

const RESTS = [0, 30, 60, 90, 120, 150, 180, 240, 300];

/** One exercise of the live workout: its sets, rest, superset and notes. */
export function ExerciseBlock({ exercise, unit, actions }: { exercise: LiveExercise; unit: WeightUnit; actions: ReturnType<typeof useLiveWorkoutActions> }) {
  const { tw } = useWorkoutsI18n();
  const t = exercise.tracking_type;
  // Column heads are the unit alone (Hevy's way): they must fit a phone; the fields carry the full names.
  const col3 = usesWeight(t) ? unit : usesDistance(t) ? (exercise.sets[0]?.distance_unit ?? 'km') : '';
  const col4 = usesReps(t) ? tw('w.set.reps') : usesDuration(t) ? tw('w.set.duration') : '';
  const last = exercise.sets[exercise.sets.length - 1];
  return (
    <section
      data-testid="exercise-block"
      aria-label={exercise.name}
      className={`rounded-lg bg-surface-800 p-3 ${exercise.superset_group !== null ? 'border-l-4 border-brand' : ''}`}
    >
      <div className="flex flex-wrap items-center gap-2">
        <div className="min-w-0 basis-full sm:basis-0 sm:flex-1">
          <h2 className="truncate text-base font-semibold text-brand-hover">{exercise.name}</h2>
          {exercise.superset_group !== null && <p className="text-xs font-medium text-brand">{tw('w.exercise.supersetWith', { group: exercise.superset_group })}</p>}
        </div>
        <label className="mr-auto flex items-center gap-1 text-xs text-fg-subtle sm:mr-0">
          {tw('w.exercise.rest')}
          <select
            value={exercise.rest_seconds ?? 0}
            onChange={(e) => actions.setRest(exercise.client_id, Number(e.target.value) || null)}
            className="h-8 rounded-[4px] bg-surface-900 px-1 text-sm text-fg"
          >
            {RESTS.map((r) => (
              <option key={r} value={r}>
                {r === 0 ? tw('w.exercise.restOff') : `${Math.floor(r / 60)}:${String(r % 60).padStart(2, '0')}`}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          aria-pressed={exercise.superset_group !== null}
          onClick={() => actions.toggleSuperset(exercise.client_id)}
          className="h-8 rounded-[4px] px-2 text-xs font-medium text-fg-muted hover:bg-surface-500/60 aria-pressed:bg-brand/30 aria-pressed:text-fg"
        >
          {tw('w.exercise.superset')}
        </button>
        <IconButton icon="trash" size="sm" tone="danger" label={tw('w.exercise.remove', { name: exercise.name })} onClick={() => actions.removeExercise(exercise.client_id)} />
      </div>
      <textarea
        aria-label={tw('w.exercise.notes', { name: exercise.name })}
        placeholder={tw('w.logger.notes')}
        value={exercise.notes}
        onChange={(e) => actions.setExerciseNotes(exercise.client_id, e.target.value)}
        rows={1}
        className="mt-2 w-full resize-y rounded-[4px] bg-surface-900 px-2 py-1 text-sm text-fg placeholder:text-fg-subtle"
      />
      <div aria-hidden="true" className="mt-2 grid grid-cols-[2.75rem_minmax(0,1fr)_minmax(0,1fr)_minmax(0,1fr)_3.25rem_2.5rem] gap-1 px-1 text-center text-[11px] font-bold tracking-wide text-fg-subtle uppercase">
        <span>{tw('w.set.number')}</span>
        <span>{tw('w.set.previous')}</span>
        <span className="truncate">{col3}</span>
        <span className="truncate">{col4}</span>
        <span>{tw('w.set.rpe')}</span>
        <span>✓</span>
      </div>
      <ol className="mt-1 flex flex-col gap-0.5">
        {exercise.sets.map((set, i) => (
          <SetRow
            key={set.client_id}
            exercise={exercise}
            set={set}
            index={i}
            unit={unit}
            onChange={(patch) => actions.updateSet(exercise.client_id, set.client_id, patch)}
            onToggleDone={() => actions.toggleDone(exercise, set)}
          />
        ))}
      </ol>
      <div className="mt-2 flex gap-2">
        <button type="button" onClick={() => actions.addSet(exercise.client_id)} className="min-h-9 flex-1 rounded-[4px] bg-surface-600 text-sm font-medium text-fg hover:bg-surface-500">
          + {tw('w.exercise.addSet')}
        </button>
        {last && exercise.sets.length > 1 && (
          <IconButton icon="trash" size="sm" tone="danger" label={tw('w.set.remove', { n: exercise.sets.length })} onClick={() => actions.removeSet(exercise.client_id, last.client_id)} />
        )}
      </div>
    </section>
  );
}
