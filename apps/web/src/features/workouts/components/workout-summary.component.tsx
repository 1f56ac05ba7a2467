import { Icon } from '../../../components/icon.component';
import { toKg, type WorkoutSummary } from '@discordgym/contracts';
import { formatRecord } from '../api/record-format';
import { formatDuration, formatNumber, fromKg } from '../api/units';
import type { WorkoutOutboxEntry } from '../api/workout-outbox.store';
import { exerciseName } from '../hooks/use-exercise-catalog.hook';
import { useWorkoutPreferences } from '../hooks/use-workout-preferences.hook';
import { useWorkoutsI18n } from '../hooks/use-workouts-i18n.hook';

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className="rounded-lg bg-surface-800 p-3 text-center">
      <dt className="text-xs font-bold tracking-wide text-fg-subtle uppercase">{label}</dt>
      <dd className="mt-1 text-xl font-bold text-fg tabular-nums">{value}</dd>
    </div>
  );
}

/** Duration, volume, sets and the PRs just set: from the server's summary, or (not synced yet) from the local copy. */
export function WorkoutSummaryView({ summary, local }: { summary?: WorkoutSummary; local?: WorkoutOutboxEntry }) {
  const { tw, locale } = useWorkoutsI18n();
  const { units } = useWorkoutPreferences();
  let duration = 0;
  let volumeKg = 0;
  let sets = 0;
  if (summary) {
    duration = summary.duration_s;
    volumeKg = summary.volume_kg;
    sets = summary.set_count;
  } else if (local) {
    duration = (Date.parse(local.ended_at ?? new Date().toISOString()) - Date.parse(local.workout.started_at)) / 1000;
    for (const e of local.workout.exercises)
      for (const s of e.sets)
        if (s.done) {
          sets += 1;
          if (s.weight !== null && s.reps !== null) volumeKg += toKg(s.weight, s.weight_unit) * s.reps;
        }
  }
  const nameOf = (exerciseId: string) => {
    const e = summary?.workout.exercises.find((x) => x.exercise.id === exerciseId)?.exercise;
    return e ? exerciseName(e, locale) : '';
  };
  return (
    <div data-testid="workout-summary">
      <dl className="grid grid-cols-3 gap-2">
        <Stat label={tw('w.summary.duration')} value={formatDuration(duration)} />
        <Stat label={tw('w.summary.volume')} value={`${formatNumber(fromKg(volumeKg, units.weight, 0), locale, 0)} ${units.weight}`} />
        <Stat label={tw('w.summary.sets')} value={String(sets)} />
      </dl>
      {summary && (
        <section className="mt-4" aria-labelledby="prs-heading">
          <h2 id="prs-heading" className="mb-2 flex items-center gap-2 text-lg font-semibold text-fg">
            <Icon name="trophy" className="size-5 text-[#f0b232]" />
            {tw('w.summary.prs')}
          </h2>
          {summary.prs.length === 0 ? (
            <p className="text-fg-subtle">{tw('w.summary.noPrs')}</p>
          ) : (
            <ul className="flex flex-col gap-1" data-testid="pr-list">
              {summary.prs.map((pr) => (
                <li key={pr.id} data-testid="pr" className="flex items-baseline justify-between gap-2 rounded-[4px] bg-surface-800 px-3 py-2">
                  <span className="min-w-0 truncate text-fg">
                    {nameOf(pr.exercise_id)} · <span className="text-fg-muted">{tw(`w.pr.${pr.kind}`)}</span>
                  </span>
                  <span className="shrink-0 font-semibold text-[#f0b232] tabular-nums">{formatRecord(pr, units, locale)}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </div>
  );
}
