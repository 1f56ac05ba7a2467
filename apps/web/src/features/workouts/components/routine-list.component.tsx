import type { Routine, RoutineList as RoutineListData } from '@discordgym/contracts';
import { Button } from '../../../components/button.component';
import { IconButton } from '../../../components/icon-button.component';
import { exerciseName } from '../hooks/use-exercise-catalog.hook';
import { useWorkoutsI18n } from '../hooks/use-workouts-i18n.hook';

/** Routines grouped by folder (unfiled last), each with a start button. */
export function RoutineList({
  data,
  onStart,
  starting,
  onDelete,
  onDeleteFolder,
}: {
  data: RoutineListData;
  onStart(routine: Routine): void;
  starting: string | null;
  onDelete?(routine: Routine): void;
  onDeleteFolder?(id: string): void;
}) {
  const { tw, locale } = useWorkoutsI18n();
  const groups = [
    ...data.folders.map((f) => ({ id: f.id, name: f.name, routines: data.routines.filter((r) => r.folder_id === f.id) })),
    { id: null, name: tw('w.routines.noFolder'), routines: data.routines.filter((r) => r.folder_id === null || !data.folders.some((f) => f.id === r.folder_id)) },
  ].filter((g) => g.routines.length > 0 || g.id !== null);
  if (data.routines.length === 0 && data.folders.length === 0) return <p className="text-fg-subtle">{tw('w.routines.empty')}</p>;
  return (
    <div className="flex flex-col gap-4">
      {groups.map((group) => (
        <section key={group.id ?? 'none'} aria-label={group.name}>
          <div className="mb-1 flex items-center justify-between">
            <h3 className="text-xs font-bold tracking-wide text-fg-subtle uppercase">{group.name}</h3>
            {group.id && onDeleteFolder && <IconButton icon="trash" size="sm" tone="danger" label={`${tw('w.delete')}: ${group.name}`} onClick={() => onDeleteFolder(group.id!)} />}
          </div>
          <ul className="flex flex-col gap-2">
            {group.routines.map((routine) => (
              <li key={routine.id} data-testid="routine" className="flex items-center gap-2 rounded-lg bg-surface-800 p-3">
                <div className="min-w-0 flex-1">
                  <p className="truncate font-semibold text-fg">{routine.title}</p>
                  <p className="truncate text-xs text-fg-subtle">
                    {routine.exercises.length === 1 ? tw('w.routines.exercises.one') : tw('w.routines.exercises.other', { count: routine.exercises.length })}
                    {routine.exercises.length > 0 && ` · ${routine.exercises.map((e) => exerciseName(e.exercise, locale)).join(', ')}`}
                  </p>
                </div>
                <Button onClick={() => onStart(routine)} pending={starting === routine.id} aria-label={tw('w.start.fromRoutine', { title: routine.title })}>
                  {tw('w.routines.start')}
                </Button>
                {onDelete && <IconButton icon="trash" tone="danger" label={`${tw('w.delete')}: ${routine.title}`} onClick={() => onDelete(routine)} />}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
