import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Button } from '../components/button.component';
import { PageHeader } from '../components/page-header.component';
import { ShareWorkoutDialog } from '../features/workouts/components/share-workout-dialog.component';
import { WorkoutSummaryView } from '../features/workouts/components/workout-summary.component';
import { useSynced, useWorkoutOutbox } from '../features/workouts/hooks/use-workout-sync.hook';
import { useWorkoutsI18n } from '../features/workouts/hooks/use-workouts-i18n.hook';
import { SyncBanner } from '../features/workouts/components/sync-banner.component';

/**
 * Right after Finish: the summary the server computed (PRs included) once the finish has
 * gone through; until then (offline) what this device knows, and a note that it syncs later.
 */
export function WorkoutFinishedPage() {
  const { tw } = useWorkoutsI18n();
  const { clientId = '' } = useParams();
  const { state } = useSynced();
  const outbox = useWorkoutOutbox();
  const [sharing, setSharing] = useState(false);
  const summary = state.summaries[clientId];
  const queued = outbox.find((e) => e.workout_client_id === clientId && e.op === 'finish');
  return (
    <>
      <PageHeader title={tw('w.summary.title')} />
      {summary ? (
        <>
          <WorkoutSummaryView summary={summary} />
          <div className="mt-4 flex flex-wrap gap-2">
            <Button onClick={() => setSharing(true)}>{tw('w.summary.share')}</Button>
            <Link to={`/workouts/${summary.workout.id}`} className="inline-flex min-h-10 items-center rounded-[4px] bg-surface-500 px-4 text-sm font-medium text-fg hover:bg-surface-400">
              {tw('w.summary.view')}
            </Link>
          </div>
          <ShareWorkoutDialog open={sharing} workoutId={summary.workout.id} title={summary.workout.title} onClose={() => setSharing(false)} />
        </>
      ) : (
        <>
          <SyncBanner />
          <p className="mt-3 text-fg-muted" data-testid="summary-pending">
            {tw('w.summary.pending')}
          </p>
          {queued && <WorkoutSummaryView local={queued} />}
        </>
      )}
    </>
  );
}
