import type { Exercise, Routine } from '@discordgym/contracts';
import { useState } from 'react';
import { Alert } from '../components/alert.component';
import { Button } from '../components/button.component';
import { Dialog } from '../components/dialog.component';
import { PageHeader } from '../components/page-header.component';
import { SelectField } from '../components/select-field.component';
import { TextField } from '../components/text-field.component';
import { ExercisePicker } from '../features/workouts/components/exercise-picker.component';
import { RoutineList } from '../features/workouts/components/routine-list.component';
import { exerciseName } from '../features/workouts/hooks/use-exercise-catalog.hook';
import { useRoutineMutations, useRoutines } from '../features/workouts/hooks/use-routines.hook';
import { useStartWorkout } from '../features/workouts/hooks/use-start-workout.hook';
import { useWorkoutsI18n } from '../features/workouts/hooks/use-workouts-i18n.hook';

/** Routines in folders: start one, make one from scratch (a past workout's detail page makes one too), or delete. */
export function WorkoutRoutinesPage() {
  const { tw, locale, describeError } = useWorkoutsI18n();
  const routines = useRoutines();
  const m = useRoutineMutations();
  const start = useStartWorkout();
  const [creating, setCreating] = useState(false);
  const [folderName, setFolderName] = useState('');
  const [title, setTitle] = useState('');
  const [folderId, setFolderId] = useState('');
  const [exercises, setExercises] = useState<Exercise[]>([]);
  const [picking, setPicking] = useState(false);
  const [deleting, setDeleting] = useState<Routine | null>(null);
  const folders = routines.data?.folders ?? [];

  const save = () =>
    m.create.mutate(
      {
        title: title.trim(),
        folder_id: folderId || null,
        exercises: exercises.map((e) => ({ exercise_id: e.id, rest_seconds: 90, sets: [{ type: 'normal' }, { type: 'normal' }, { type: 'normal' }] })),
      },
      {
        onSuccess: () => {
          setCreating(false);
          setTitle('');
          setExercises([]);
        },
      },
    );

  return (
    <>
      <PageHeader title={tw('w.routines.title')} />
      <div className="mb-4 flex flex-wrap items-end gap-2">
        <Button onClick={() => setCreating(true)}>{tw('w.routines.new')}</Button>
        <form
          className="flex items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (folderName.trim()) m.createFolder.mutate({ name: folderName.trim() }, { onSuccess: () => setFolderName('') });
          }}
        >
          <TextField label={tw('w.routines.folderName')} value={folderName} onChange={(e) => setFolderName(e.target.value)} maxLength={100} />
          <Button type="submit" variant="secondary" pending={m.createFolder.isPending}>
            {tw('w.routines.newFolder')}
          </Button>
        </form>
      </div>
      {routines.data ? (
        <RoutineList
          data={routines.data}
          onStart={(r) => void start.startRoutine(r)}
          starting={start.starting}
          onDelete={setDeleting}
          onDeleteFolder={(id) => m.removeFolder.mutate(id)}
        />
      ) : (
        <p className="text-fg-subtle">{tw('w.loading')}</p>
      )}
      <Dialog
        open={creating}
        title={tw('w.routines.new')}
        closeLabel={tw('w.close')}
        onClose={() => setCreating(false)}
        footer={
          <>
            <Button variant="ghost" onClick={() => setCreating(false)}>
              {tw('w.cancel')}
            </Button>
            <Button onClick={save} pending={m.create.isPending} disabled={!title.trim()}>
              {tw('w.save')}
            </Button>
          </>
        }
      >
        <div className="flex flex-col gap-3">
          <TextField label={tw('w.routines.name')} value={title} onChange={(e) => setTitle(e.target.value)} maxLength={100} required />
          <SelectField
            label={tw('w.routines.folder')}
            value={folderId}
            onChange={(e) => setFolderId(e.target.value)}
            options={[{ value: '', label: tw('w.routines.noFolder') }, ...folders.map((f) => ({ value: f.id, label: f.name }))]}
          />
          <ul className="flex flex-col gap-1">
            {exercises.map((e, i) => (
              <li key={`${e.id}-${i}`} className="flex items-center justify-between rounded-[4px] bg-surface-800 px-2 py-1 text-fg">
                {exerciseName(e, locale)}
                <button type="button" className="text-sm text-danger" onClick={() => setExercises((list) => list.filter((_, j) => j !== i))}>
                  {tw('w.delete')}
                </button>
              </li>
            ))}
          </ul>
          <Button variant="secondary" onClick={() => setPicking(true)}>
            + {tw('w.logger.addExercise')}
          </Button>
          {m.create.isError && <Alert tone="error">{describeError(m.create.error)}</Alert>}
        </div>
      </Dialog>
      <ExercisePicker
        open={picking}
        onClose={() => setPicking(false)}
        onPick={(e) => {
          setExercises((list) => [...list, e]);
          setPicking(false);
        }}
      />
      <Dialog
        open={deleting !== null}
        size="sm"
        title={tw('w.delete')}
        closeLabel={tw('w.close')}
        onClose={() => setDeleting(null)}
        footer={
          <>
            <Button variant="ghost" onClick={() => setDeleting(null)}>
              {tw('w.cancel')}
            </Button>
            <Button variant="danger" onClick={() => deleting && m.remove.mutate(deleting.id, { onSuccess: () => setDeleting(null) })}>
              {tw('w.delete')}
            </Button>
          </>
        }
      >
        <p>{tw('w.routines.deleteConfirm', { title: deleting?.title ?? '' })}</p>
      </Dialog>
    </>
  );
}
