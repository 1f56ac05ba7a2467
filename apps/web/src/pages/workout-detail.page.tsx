import { displayDistance, displayWeight } from '@discordgym/contracts';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { Alert } from '../components/alert.component';
import { Button } from '../components/button.component';
import { Dialog } from '../components/dialog.component';
import { PageHeader } from '../components/page-header.component';
import { useMeId } from '../features/chat/hooks/use-me-id.hook';
import { formatDateTime } from '../lib/format/date.format';
import { ShareWorkoutDialog } from '../features/workouts/components/share-workout-dialog.component';
import { WorkoutSummaryView } from '../features/workouts/components/workout-summary.component';
import { fromWorkout } from '../features/workouts/api/workout-body';
import { syncedFor } from '../features/workouts/api/synced.store';
import { formatNumber } from '../features/workouts/api/units';
import { exerciseName } from '../features/workouts/hooks/use-exercise-catalog.hook';
import { useLiveWorkoutStore } from '../features/workouts/hooks/use-live-workout.hook';
import { useRoutineMutations } from '../features/workouts/hooks/use-routines.hook';
import { useDeleteWorkout, useWorkout, useWorkoutSummary } from '../features/workouts/hooks/use-workout-history.hook';
import { useWorkoutPreferences } from '../features/workouts/hooks/use-workout-preferences.hook';
import { useWorkoutsI18n } from '../features/workouts/hooks/use-workouts-i18n.hook';

/** One workout: its sets in my units, its PRs; mine can be edited (in the logger), deleted, shared or made a routine. */
export function WorkoutDetailPage() {
  const { tw, locale, describeError } = useWorkoutsI18n();
  const { id } = useParams();
  const meId = useMeId();
  const workout = useWorkout(id);
  const mine = workout.data?.user_id === meId;
  const summary = useWorkoutSummary(id, mine);
  const { units } = useWorkoutPreferences();
  const remove = useDeleteWorkout();
  const routines = useRoutineMutations();
  const live = useLiveWorkoutStore();
  const navigate = useNavigate();
  const [confirming, setConfirming] = useState(false);
  const [sharing, setSharing] = useState(false);

  if (workout.isPending) return <p className="text-fg-subtle">{tw('w.loading')}</p>;
  if (workout.isError) return <Alert tone="error">{tw('w.detail.notFound')}</Alert>;
  const w = workout.data;

  const edit = () => {
    // Editing goes through the logger and the outbox like a live workout, so it is offline-safe too.
    if (live.get()) return void navigate('/workouts/log');
    syncedFor(meId).setId(w.client_id, w.id);
    live.start(fromWorkout(w, locale));
    void navigate('/workouts/log');
  };

  return (
    <>
      <PageHeader title={w.title} subtitle={formatDateTime(w.started_at, locale)} />
      {summary.data && <WorkoutSummaryView summary={summary.data} />}
      {w.notes && <p className="mt-3 whitespace-pre-wrap text-fg-muted">{w.notes}</p>}
      <div className="mt-4 flex flex-col gap-3">
        {w.exercises.map((e) => (
          <section key={e.id} className={`rounded-lg bg-surface-800 p-3 ${e.superset_group !== null ? 'border-l-4 border-brand' : ''}`}>
            <h2 className="font-semibold text-brand-hover">{exerciseName(e.exercise, locale)}</h2>
            {e.notes && <p className="text-sm text-fg-subtle">{e.notes}</p>}
            <ol className="mt-1 text-sm text-fg-muted">
              {e.sets.map((s, i) => {
                const weight = displayWeight(s, units.weight);
                const distance = displayDistance(s, units.distance);
                const parts = [
                  weight !== null ? `${formatNumber(weight, locale)} ${units.weight}` : null,
                  s.reps !== null ? `× ${s.reps}` : null,
                  distance !== null ? `${formatNumber(distance, locale)} ${units.distance}` : null,
                  s.duration_s !== null ? `${s.duration_s} s` : null,
                  s.rpe !== null ? `@${s.rpe}` : null,
                ].filter(Boolean);
                return (
                  <li key={s.id} data-testid="detail-set" className="tabular-nums">
                    {s.type === 'normal' ? i + 1 : tw(`w.set.type.${s.type}`)} · {parts.join(' ')}
                  </li>
                );
              })}
            </ol>
          </section>
        ))}
      </div>
      {mine && (
        <div className="mt-4 flex flex-wrap gap-2">
          <Button onClick={() => setSharing(true)}>{tw('w.summary.share')}</Button>
          <Button variant="secondary" onClick={edit}>
            {tw('w.edit')}
          </Button>
          <Button
            variant="secondary"
            pending={routines.create.isPending}
            onClick={() => routines.create.mutate({ from_workout_id: w.id }, { onSuccess: () => void navigate('/workouts/routines') })}
          >
            {tw('w.detail.saveRoutine')}
          </Button>
          <Button variant="danger-outline" onClick={() => setConfirming(true)}>
            {tw('w.delete')}
          </Button>
        </div>
      )}
      {routines.create.isError && <Alert tone="error" className="mt-2">{describeError(routines.create.error)}</Alert>}
      <ShareWorkoutDialog open={sharing} workoutId={w.id} title={w.title} onClose={() => setSharing(false)} />
      <Dialog
        open={confirming}
        size="sm"
        title={tw('w.delete')}
        closeLabel={tw('w.close')}
        onClose={() => setConfirming(false)}
        footer={
          <>
            <Button variant="ghost" onClick={() => setConfirming(false)}>
              {tw('w.cancel')}
            </Button>
            <Button variant="danger" pending={remove.isPending} onClick={() => remove.mutate(w.id, { onSuccess: () => void navigate('/workouts/history') })}>
              {tw('w.delete')}
            </Button>
          </>
        }
      >
        <p>{tw('w.detail.deleteConfirm')}</p>
        {remove.isError && <Alert tone="error">{describeError(remove.error)}</Alert>}
      </Dialog>
    </>
  );
}
