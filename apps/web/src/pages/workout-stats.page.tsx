import { displayWeight } from '@discordgym/contracts';
import { useMemo, useState } from 'react';
import { Alert } from '../components/alert.component';
import { Button } from '../components/button.component';
import { Icon } from '../components/icon.component';
import { ChartCanvas } from '../components/chart-canvas.component';
import { PageHeader } from '../components/page-header.component';
import { SelectField } from '../components/select-field.component';
import { formatRecord } from '../features/workouts/api/record-format';
import { formatNumber, fromKg, parseDecimal } from '../features/workouts/api/units';
import { exerciseName, useExerciseCatalog } from '../features/workouts/hooks/use-exercise-catalog.hook';
import { useWorkoutPreferences } from '../features/workouts/hooks/use-workout-preferences.hook';
import { useBodyMeasurements, useExerciseStats, useLogBodyweight, useRecords, useWeeklyStats } from '../features/workouts/hooks/use-workout-stats.hook';
import { useWorkoutsI18n } from '../features/workouts/hooks/use-workouts-i18n.hook';

const COLOURS = ['#5865f2', '#23a55a', '#f0b232', '#f23f43', '#eb459e', '#00a8fc', '#9b84ec', '#b5bac1'];
const noLegend = { legend: { display: false } } as const;
/** Axis labels short enough for a phone: "2 Dec" / "2. Dez.". */
const formatDate = (iso: string, locale: string): string => new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short' }).format(new Date(iso));

function Panel({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="rounded-lg bg-surface-800 p-3 sm:p-4">
      <h2 className="mb-2 text-sm font-semibold text-fg">{title}</h2>
      {children}
    </section>
  );
}

/** Records and charts: per exercise e1RM and top weight, weekly volume per muscle, workouts per week, streak, bodyweight. */
export function WorkoutStatsPage() {
  const { tw, locale, describeError } = useWorkoutsI18n();
  const { units } = useWorkoutPreferences();
  const weekly = useWeeklyStats(12);
  const records = useRecords();
  const catalog = useExerciseCatalog();
  const body = useBodyMeasurements();
  const logBody = useLogBodyweight();
  const [bodyText, setBodyText] = useState('');
  const names = useMemo(() => new Map((catalog.data ?? []).map((e) => [e.id, exerciseName(e, locale)])), [catalog.data, locale]);
  const recordExercises = useMemo(() => [...new Set((records.data?.items ?? []).map((r) => r.exercise_id))], [records.data]);
  const [exerciseId, setExerciseId] = useState('');
  const chosen = exerciseId || recordExercises[0] || '';
  const stats = useExerciseStats(chosen);
  const u = units.weight;

  const perWeek = useMemo(() => {
    const weeks = weekly.data?.weeks ?? [];
    return { labels: weeks.map((w) => formatDate(w.week_start, locale)), datasets: [{ data: weeks.map((w) => w.workouts), backgroundColor: '#5865f2' }] };
  }, [weekly.data, locale]);
  const perMuscle = useMemo(() => {
    const weeks = weekly.data?.weeks ?? [];
    const totals = new Map<string, number>();
    for (const w of weeks) for (const m of w.muscles) totals.set(m.muscle, (totals.get(m.muscle) ?? 0) + m.volume_kg);
    const top = [...totals.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([m]) => m);
    return {
      labels: weeks.map((w) => formatDate(w.week_start, locale)),
      datasets: top.map((muscle, i) => ({
        label: tw(`w.muscle.${muscle}` as Parameters<typeof tw>[0]),
        data: weeks.map((w) => fromKg(w.muscles.find((m) => m.muscle === muscle)?.volume_kg ?? 0, u, 0)),
        backgroundColor: COLOURS[i % COLOURS.length],
      })),
    };
  }, [weekly.data, locale, u, tw]);
  const progress = useMemo(() => {
    const points = stats.data?.points ?? [];
    return {
      labels: points.map((p) => formatDate(p.date, locale)),
      datasets: [
        { label: tw('w.stats.e1rm', { unit: u }), data: points.map((p) => (p.best_e1rm_kg === null ? null : fromKg(p.best_e1rm_kg, u))), borderColor: '#5865f2', backgroundColor: '#5865f2' },
        { label: tw('w.stats.topWeight', { unit: u }), data: points.map((p) => (p.top_weight_kg === null ? null : fromKg(p.top_weight_kg, u))), borderColor: '#23a55a', backgroundColor: '#23a55a' },
      ],
    };
  }, [stats.data, locale, u, tw]);
  const bodyweight = useMemo(() => {
    const items = [...(body.data?.items ?? [])].reverse();
    return {
      labels: items.map((b) => formatDate(b.measured_at, locale)),
      datasets: [{ data: items.map((b) => displayWeight({ weight: b.bodyweight, weight_unit: b.bodyweight_unit, weight_kg: b.bodyweight_kg }, u)), borderColor: '#f0b232', backgroundColor: '#f0b232' }],
    };
  }, [body.data, locale, u]);

  const streak = weekly.data?.streak_weeks ?? 0;
  return (
    <>
      <PageHeader title={tw('w.stats.title')} />
      {weekly.isError && <Alert tone="error">{describeError(weekly.error)}</Alert>}
      <p className="mb-4 flex items-center gap-2 text-lg font-semibold text-fg" data-testid="streak">
        <Icon name="trophy" className="size-5 text-[#f0b232]" /> {streak === 1 ? tw('w.stats.streak.one') : tw('w.stats.streak.other', { count: streak })}
      </p>
      <div className="flex flex-col gap-4">
        <Panel title={tw('w.stats.perWeek')}>
          <ChartCanvas
            className="h-48"
            label={tw('w.stats.perWeek')}
            config={{ type: 'bar', data: perWeek, options: { maintainAspectRatio: false, animation: false, plugins: noLegend, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } } }}
          />
        </Panel>
        <Panel title={tw('w.stats.weeklyVolume', { unit: u })}>
          <ChartCanvas
            className="h-56"
            label={tw('w.stats.weeklyVolume', { unit: u })}
            config={{ type: 'bar', data: perMuscle, options: { maintainAspectRatio: false, animation: false, plugins: { legend: { display: true, position: 'bottom' } }, scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } } }}
          />
        </Panel>
        <Panel title={tw('w.stats.exercise')}>
          <SelectField
            label={tw('w.stats.exercise')}
            value={chosen}
            onChange={(e) => setExerciseId(e.target.value)}
            options={recordExercises.length ? recordExercises.map((id) => ({ value: id, label: names.get(id) ?? id })) : [{ value: '', label: tw('w.stats.noData') }]}
          />
          <ChartCanvas
            className="mt-3 h-56"
            label={tw('w.stats.e1rm', { unit: u })}
            config={{ type: 'line', data: progress, options: { maintainAspectRatio: false, animation: false, spanGaps: true, plugins: { legend: { display: true, position: 'bottom' } }, scales: { y: { beginAtZero: false } } } }}
          />
        </Panel>
        <Panel title={tw('w.stats.records')}>
          {records.data?.items.length ? (
            <ul className="flex flex-col gap-1 text-sm" data-testid="records">
              {records.data.items.map((r) => (
                <li key={r.id} className="flex justify-between gap-2">
                  <span className="min-w-0 truncate text-fg">
                    {names.get(r.exercise_id) ?? ''} · <span className="text-fg-muted">{tw(`w.pr.${r.kind}`)}</span>
                  </span>
                  <span className="shrink-0 font-semibold text-fg tabular-nums">{formatRecord(r, units, locale)}</span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-fg-subtle">{tw('w.stats.noData')}</p>
          )}
        </Panel>
        <Panel title={tw('w.stats.bodyweight', { unit: u })}>
          <form
            className="mb-3 flex items-end gap-2"
            onSubmit={(e) => {
              e.preventDefault();
              const value = parseDecimal(bodyText);
              if (value !== null && value > 0) logBody.mutate({ value, unit: u }, { onSuccess: () => setBodyText('') });
            }}
          >
            <label className="flex flex-1 flex-col gap-1 text-xs font-bold tracking-wide text-fg-muted uppercase">
              {tw('w.stats.bodyweight', { unit: u })}
              <input inputMode="decimal" value={bodyText} onChange={(e) => setBodyText(e.target.value)} className="h-10 rounded-[4px] bg-surface-900 px-3 text-base font-normal text-fg normal-case" />
            </label>
            <Button type="submit" pending={logBody.isPending}>
              {tw('w.stats.logBodyweight')}
            </Button>
          </form>
          {logBody.isError && <Alert tone="error">{describeError(logBody.error)}</Alert>}
          {body.data?.items.length ? (
            <ChartCanvas
              className="h-48"
              label={tw('w.stats.bodyweight', { unit: u })}
              config={{ type: 'line', data: bodyweight, options: { maintainAspectRatio: false, animation: false, plugins: noLegend } }}
            />
          ) : (
            <p className="text-fg-subtle">{tw('w.stats.noData')}</p>
          )}
          {body.data?.items[0] && (
            <p className="mt-1 text-xs text-fg-subtle">
              {formatNumber(displayWeight({ weight: body.data.items[0].bodyweight, weight_unit: body.data.items[0].bodyweight_unit, weight_kg: body.data.items[0].bodyweight_kg }, u) ?? 0, locale)} {u}
            </p>
          )}
        </Panel>
      </div>
    </>
  );
}
