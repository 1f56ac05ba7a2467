import type { WorkoutListItem } from '@discordgym/contracts';
import { Link } from 'react-router';
import { formatDateTime } from '../../../lib/format/date.format';
import { formatDuration, formatNumber, fromKg, type WeightUnit } from '../api/units';
import { useWorkoutsI18n } from '../hooks/use-workouts-i18n.hook';

export function WorkoutListEntry({ workout, unit }: { workout: WorkoutListItem; unit: WeightUnit }) {
  const { tw, locale } = useWorkoutsI18n();
  const duration = workout.ended_at ? (Date.parse(workout.ended_at) - Date.parse(workout.started_at)) / 1000 : null;
  return (
    <li data-testid="workout-entry">
      <Link to={`/workouts/${workout.id}`} className="block rounded-lg bg-surface-800 p-3 hover:bg-surface-600/60">
        <div className="flex items-baseline justify-between gap-2">
          <p className="truncate font-semibold text-fg">{workout.title}</p>
          <time className="shrink-0 text-xs text-fg-subtle" dateTime={workout.started_at}>
            {formatDateTime(workout.started_at, locale)}
          </time>
        </div>
        <p className="text-sm text-fg-muted">
          {duration !== null && `${formatDuration(duration)} · `}
          {formatNumber(fromKg(workout.volume_kg, unit, 0), locale, 0)} {unit} · {workout.set_count} {tw('w.summary.sets')}
          {workout.pr_count > 0 && ` · PR ${workout.pr_count}`}
        </p>
        <p className="truncate text-xs text-fg-subtle">{workout.exercises.map((e) => `${e.sets} × ${locale === 'de' ? e.name_de : e.name_en}`).join(', ')}</p>
      </Link>
    </li>
  );
}
