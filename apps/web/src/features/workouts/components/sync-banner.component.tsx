import { useConnectionStatus } from '../../../lib/realtime/realtime';
import { useOnline } from '../hooks/use-online.hook';
import { useWorkoutSyncState } from '../hooks/use-workout-sync.hook';
import { useWorkoutsI18n } from '../hooks/use-workouts-i18n.hook';

/** Whether the workout's changes are on the server yet: offline, waiting, refused, or all saved. */
export function SyncBanner() {
  const { tw, errors } = useWorkoutsI18n();
  const online = useOnline();
  const connection = useConnectionStatus();
  const { pending, failed } = useWorkoutSyncState();
  const offline = !online || connection === 'offline';
  const text = failed
    ? tw('w.logger.failed', { reason: failed.error_code ? errors[failed.error_code] : '' })
    : offline
      ? tw('w.logger.offline')
      : pending > 0
        ? tw(pending === 1 ? 'w.logger.pending.one' : 'w.logger.pending.other', { count: pending })
        : tw('w.logger.synced');
  return (
    <div
      role="status"
      aria-live="polite"
      data-testid="workout-sync"
      data-offline={offline}
      data-pending={pending}
      className={`rounded-[4px] px-3 py-1.5 text-sm font-medium ${failed ? 'bg-danger text-white' : offline ? 'bg-[#b5561a] text-white' : pending > 0 ? 'bg-surface-600 text-fg-muted' : 'text-fg-subtle'}`}
    >
      {text}
    </div>
  );
}
