import { Link } from 'react-router';
import { Button } from '../components/button.component';
import { PageHeader } from '../components/page-header.component';
import { RoutineList } from '../features/workouts/components/routine-list.component';
import { WorkoutListEntry } from '../features/workouts/components/workout-list-item.component';
import { useLiveWorkout } from '../features/workouts/hooks/use-live-workout.hook';
import { useRoutines } from '../features/workouts/hooks/use-routines.hook';
import { useStartWorkout } from '../features/workouts/hooks/use-start-workout.hook';
import { useWorkoutHistory } from '../features/workouts/hooks/use-workout-history.hook';
import { useWorkoutPreferences } from '../features/workouts/hooks/use-workout-preferences.hook';
import { useWorkoutsI18n } from '../features/workouts/hooks/use-workouts-i18n.hook';

/** Start or resume a workout, start one from a routine, and the latest workouts. */
export function WorkoutsPage() {
  const { tw } = useWorkoutsI18n();
  const live = useLiveWorkout();
  const start = useStartWorkout();
  const routines = useRoutines();
  const history = useWorkoutHistory();
  const { units } = useWorkoutPreferences();
  const recent = history.data?.pages[0]?.items.slice(0, 5) ?? [];
  return (
    <>
      <PageHeader title={tw('w.title')} subtitle={tw('w.subtitle')} />
      <Button block onClick={start.startEmpty} className="mb-6">
        {live ? tw('w.start.resume') : tw('w.start.empty')}
      </Button>
      <section className="mb-6" aria-labelledby="routines-heading">
        <div className="mb-2 flex items-center justify-between">
          <h2 id="routines-heading" className="text-lg font-semibold text-fg">
            {tw('w.routines.title')}
          </h2>
          <Link to="/workouts/routines" className="text-sm text-link hover:underline">
            {tw('w.routines.new')}
          </Link>
        </div>
        {routines.data ? <RoutineList data={routines.data} onStart={(r) => void start.startRoutine(r)} starting={start.starting} /> : <p className="text-fg-subtle">{tw('w.loading')}</p>}
      </section>
      <section aria-labelledby="recent-heading">
        <div className="mb-2 flex items-center justify-between">
          <h2 id="recent-heading" className="text-lg font-semibold text-fg">
            {tw('w.history.title')}
          </h2>
          <Link to="/workouts/history" className="text-sm text-link hover:underline">
            {tw('w.more')}
          </Link>
        </div>
        {history.isSuccess && recent.length === 0 && <p className="text-fg-subtle">{tw('w.history.empty')}</p>}
        <ul className="flex flex-col gap-2">
          {recent.map((w) => (
            <WorkoutListEntry key={w.id} workout={w} unit={units.weight} />
          ))}
        </ul>
      </section>
    </>
  );
}
