import { type CreateExerciseBody, Equipment, type Exercise, Muscle } from '@discordgym/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api/api-client';
import { workoutKeys } from '../api/workouts.api';
import { useState } from 'react';
import { Dialog } from '../../../components/dialog.component';
import { SelectField } from '../../../components/select-field.component';
import { TextField } from '../../../components/text-field.component';
import { exerciseName, useExerciseCatalog, useFilteredExercises } from '../hooks/use-exercise-catalog.hook';
import { useWorkoutsI18n } from '../hooks/use-workouts-i18n.hook';

/** Search by name (either language), filter by muscle and equipment, tap to add. */
export function ExercisePicker({ open, onClose, onPick }: { open: boolean; onClose(): void; onPick(exercise: Exercise): void }) {
  const { tw, locale, describeError } = useWorkoutsI18n();
  const catalog = useExerciseCatalog();
  const [q, setQ] = useState('');
  const [muscle, setMuscle] = useState<Muscle | ''>('');
  const [equipment, setEquipment] = useState<Equipment | ''>('');
  const items = useFilteredExercises(catalog.data, { q, muscle, equipment });
  const queryClient = useQueryClient();
  // A custom exercise of mine, named once; the catalog is fetched again so it is listed from now on.
  const create = useMutation({
    mutationFn: (body: CreateExerciseBody) => api('createExercise', { body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: workoutKeys.exercises({}) }),
  });

  return (
    <Dialog open={open} title={tw('w.picker.title')} closeLabel={tw('w.close')} onClose={onClose}>
      <div className="flex flex-col gap-3">
        <TextField label={tw('w.picker.search')} type="search" value={q} onChange={(e) => setQ(e.target.value)} autoComplete="off" />
        <div className="grid grid-cols-2 gap-2">
          <SelectField
            label={tw('w.picker.muscle')}
            value={muscle}
            onChange={(e) => setMuscle(e.target.value as Muscle | '')}
            options={[{ value: '', label: tw('w.picker.all') }, ...Muscle.options.map((m) => ({ value: m, label: tw(`w.muscle.${m}`) }))]}
          />
          <SelectField
            label={tw('w.picker.equipment')}
            value={equipment}
            onChange={(e) => setEquipment(e.target.value as Equipment | '')}
            options={[{ value: '', label: tw('w.picker.all') }, ...Equipment.options.map((m) => ({ value: m, label: tw(`w.equipment.${m}`) }))]}
          />
        </div>
        {catalog.isError && !catalog.data && <p className="text-sm text-fg-subtle">{tw('w.picker.offline')}</p>}
        {catalog.isPending && !catalog.data ? (
          <p className="text-sm text-fg-subtle">{tw('w.loading')}</p>
        ) : items.length === 0 ? (
          <div className="flex flex-col items-start gap-2">
            <p className="text-sm text-fg-subtle">{tw('w.picker.none')}</p>
            {q.trim() && (
              <button
                type="button"
                disabled={create.isPending}
                className="min-h-10 rounded-[4px] bg-surface-500 px-3 text-sm font-medium text-fg hover:bg-surface-400"
                onClick={() =>
                  create.mutate(
                    { name_en: q.trim(), primary_muscles: [muscle || 'full_body'], secondary_muscles: [], equipment: equipment || 'other', tracking_type: 'weight_reps' },
                    { onSuccess: (exercise) => onPick(exercise) },
                  )
                }
              >
                {tw('w.picker.create', { name: q.trim() })}
              </button>
            )}
            {create.isError && <p className="text-sm text-danger">{describeError(create.error)}</p>}
          </div>
        ) : (
          <ul className="flex flex-col gap-1" data-testid="exercise-options">
            {items.slice(0, 100).map((exercise) => {
              const name = exerciseName(exercise, locale);
              return (
                <li key={exercise.id}>
                  <button
                    type="button"
                    aria-label={tw('w.picker.add', { name })}
                    onClick={() => onPick(exercise)}
                    className="flex w-full min-h-11 flex-col items-start rounded-[4px] px-3 py-2 text-left hover:bg-surface-500/40"
                  >
                    <span className="font-medium text-fg">{name}</span>
                    <span className="text-xs text-fg-subtle">
                      {exercise.primary_muscles.map((m) => tw(`w.muscle.${m}`)).join(', ')} · {tw(`w.equipment.${exercise.equipment}`)}
                    </span>
                  </button>
                </li>
              );
            })}
          </ul>
        )}
      </div>
    </Dialog>
  );
}
