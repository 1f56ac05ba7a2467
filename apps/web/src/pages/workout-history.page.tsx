import { Button } from '../components/button.component';
import { PageHeader } from '../components/page-header.component';
import { WorkoutListEntry } from '../features/workouts/components/workout-list-item.component';
import { useWorkoutHistory } from '../features/workouts/hooks/use-workout-history.hook';
import { useWorkoutPreferences } from '../features/workouts/hooks/use-workout-preferences.hook';
import { useWorkoutsI18n } from '../features/workouts/hooks/use-workouts-i18n.hook';

export function WorkoutHistoryPage() {
  const { tw, describeError } = useWorkoutsI18n();
  const history = useWorkoutHistory();
  const { units } = useWorkoutPreferences();
  const items = history.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <PageHeader title={tw('w.history.title')} />
      {history.isError && <p className="text-danger">{describeError(history.error)}</p>}
      {history.isSuccess && items.length === 0 && <p className="text-fg-subtle">{tw('w.history.empty')}</p>}
      <ul className="flex flex-col gap-2" data-testid="workout-history">
        {items.map((w) => (
          <WorkoutListEntry key={w.id} workout={w} unit={units.weight} />
        ))}
      </ul>
      {history.hasNextPage && (
        <Button variant="secondary" className="mt-4" pending={history.isFetchingNextPage} onClick={() => void history.fetchNextPage()}>
          {tw('w.more')}
        </Button>
      )}
    </>
  );
}
