import type { WorkoutVisibility } from '@discordgym/contracts';
import { useEffect, useRef, useState } from 'react';
import { Navigate, useNavigate } from 'react-router';
import { Button } from '../../../components/button.component';
import { Dialog } from '../../../components/dialog.component';
import { useDocumentTitle } from '../../../lib/use-document-title.hook';
import { newClientId } from '../../../lib/storage/client-id';
import { restTimer } from '../api/rest-timer.store';
import { formatDuration } from '../api/units';
import { exerciseName } from '../hooks/use-exercise-catalog.hook';
import { useLiveWorkout, useLiveWorkoutActions, useLiveWorkoutStore } from '../hooks/use-live-workout.hook';
import { useWorkoutPreferences } from '../hooks/use-workout-preferences.hook';
import { useWorkoutsI18n } from '../hooks/use-workouts-i18n.hook';
import { ExerciseBlock } from './exercise-block.component';
import { ExercisePicker } from './exercise-picker.component';
import { RestTimerBar } from './rest-timer-bar.component';
import { SyncBanner } from './sync-banner.component';

function Elapsed({ since }: { since: string }) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return <span className="tabular-nums">{formatDuration((now - Date.parse(since)) / 1000)}</span>;
}

/** The live workout: every keystroke and tick is on this device at once and synced when it can be. */
export function WorkoutLogger() {
  const { tw, locale } = useWorkoutsI18n();
  const live = useLiveWorkout();
  const store = useLiveWorkoutStore();
  const { units } = useWorkoutPreferences();
  const actions = useLiveWorkoutActions(units);
  const navigate = useNavigate();
  const [picking, setPicking] = useState(false);
  const [discarding, setDiscarding] = useState(false);
  // Finishing empties the live workout; the summary page, not the hub, comes next.
  const finishing = useRef(false);
  useDocumentTitle(live?.title || tw('w.logger.title'));
  if (!live) return finishing.current ? null : <Navigate to="/workouts" replace />;

  const finish = () => {
    finishing.current = true;
    const clientId = store.finish();
    restTimer.stop();
    if (clientId) void navigate(`/workouts/finished/${clientId}`);
  };

  return (
    <div className="mx-auto flex w-full max-w-3xl flex-col gap-3 pb-4">
      <header className="flex items-center gap-2">
        <div className="min-w-0 flex-1">
          <input
            aria-label={tw('w.logger.name')}
            value={live.title}
            onChange={(e) => actions.setTitle(e.target.value)}
            maxLength={100}
            className="w-full rounded-[4px] bg-transparent px-1 text-xl font-bold text-fg hover:bg-surface-800 focus:bg-surface-800"
          />
          <p className="px-1 text-sm text-fg-subtle">
            {tw('w.logger.elapsed')}: <Elapsed since={live.started_at} />
          </p>
        </div>
        <Button onClick={finish} className="bg-success! hover:brightness-110">
          {tw('w.logger.finish')}
        </Button>
      </header>
      <SyncBanner />
      <label className="flex items-center gap-2 text-sm text-fg-muted">
        {tw('w.logger.visibility')}
        <select
          value={live.visibility}
          onChange={(e) => actions.setVisibility(e.target.value as WorkoutVisibility)}
          className="h-9 rounded-[4px] bg-surface-900 px-2 text-fg"
        >
          {(['private', 'friends', 'public'] as const).map((v) => (
            <option key={v} value={v}>
              {tw(`w.visibility.${v}`)}
            </option>
          ))}
        </select>
      </label>
      {live.exercises.length === 0 && <p className="py-6 text-center text-fg-subtle">{tw('w.logger.empty')}</p>}
      {live.exercises.map((exercise) => (
        <ExerciseBlock key={exercise.client_id} exercise={exercise} unit={units.weight} actions={actions} />
      ))}
      <Button variant="secondary" block onClick={() => setPicking(true)}>
        + {tw('w.logger.addExercise')}
      </Button>
      <textarea
        aria-label={tw('w.logger.notes')}
        placeholder={tw('w.logger.notes')}
        value={live.notes}
        onChange={(e) => actions.setNotes(e.target.value)}
        rows={2}
        className="w-full rounded-[4px] bg-surface-900 px-3 py-2 text-fg placeholder:text-fg-subtle"
      />
      <Button variant="danger-outline" onClick={() => setDiscarding(true)}>
        {tw('w.logger.discard')}
      </Button>
      <RestTimerBar exerciseName={(id) => live.exercises.find((e) => e.client_id === id)?.name} />
      <ExercisePicker
        open={picking}
        onClose={() => setPicking(false)}
        onPick={(exercise) => {
          actions.addExercise({ client_id: newClientId(), exercise_id: exercise.id, name: exerciseName(exercise, locale), tracking_type: exercise.tracking_type });
          setPicking(false);
        }}
      />
      <Dialog
        open={discarding}
        size="sm"
        title={tw('w.logger.discard')}
        closeLabel={tw('w.close')}
        onClose={() => setDiscarding(false)}
        footer={
          <>
            <Button variant="ghost" onClick={() => setDiscarding(false)}>
              {tw('w.cancel')}
            </Button>
            <Button
              variant="danger"
              onClick={() => {
                store.discard();
                restTimer.stop();
                setDiscarding(false);
              }}
            >
              {tw('w.delete')}
            </Button>
          </>
        }
      >
        <p>{tw('w.logger.discardConfirm')}</p>
      </Dialog>
    </div>
  );
}
