import { useEffect, useState } from 'react';
import { restTimer } from '../api/rest-timer.store';
import { formatDuration } from '../api/units';
import { useRestTimer } from '../hooks/use-live-workout.hook';
import { useWorkoutsI18n } from '../hooks/use-workouts-i18n.hook';

/** Counts down the rest that started when a set was ticked; says when it is over, then goes. */
export function RestTimerBar({ exerciseName }: { exerciseName: (exerciseClientId: string) => string | undefined }) {
  const { tw } = useWorkoutsI18n();
  const rest = useRestTimer();
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (!rest) return;
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [rest]);
  const remaining = rest ? Math.ceil((rest.ends_at - now) / 1000) : 0;
  const over = rest !== null && remaining <= 0;
  useEffect(() => {
    if (!over) return;
    navigator.vibrate?.(200);
    const timer = setTimeout(() => restTimer.stop(), 5_000);
    return () => clearTimeout(timer);
  }, [over]);
  if (!rest) return null;
  const progress = Math.min(1, Math.max(0, 1 - remaining / rest.total_s));
  return (
    <div role="timer" aria-live="polite" data-testid="rest-timer" className="sticky bottom-0 z-10 -mx-4 mt-4 border-t border-surface-900 bg-surface-800 px-4 py-3 sm:mx-0 sm:rounded-lg">
      <div className="mb-2 h-1.5 overflow-hidden rounded bg-surface-600">
        <div className="h-full bg-brand transition-[width]" style={{ width: `${progress * 100}%` }} />
      </div>
      <div className="flex items-center gap-3">
        <div className="min-w-0 flex-1">
          <p className="text-lg font-bold text-fg tabular-nums" data-testid="rest-remaining">
            {over ? tw('w.rest.done') : tw('w.rest.remaining', { time: formatDuration(remaining) })}
          </p>
          <p className="truncate text-xs text-fg-subtle">{exerciseName(rest.exercise_client_id)}</p>
        </div>
        {!over && (
          <button type="button" onClick={() => restTimer.extend(15)} className="min-h-10 rounded-[4px] bg-surface-500 px-3 text-sm font-medium text-fg">
            {tw('w.rest.add')}
          </button>
        )}
        <button type="button" onClick={() => restTimer.stop()} className="min-h-10 rounded-[4px] bg-brand px-3 text-sm font-medium text-white">
          {tw('w.rest.skip')}
        </button>
      </div>
    </div>
  );
}
