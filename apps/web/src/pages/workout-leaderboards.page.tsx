import { LEADERBOARD_DEFAULT_PERIOD, type LeaderboardMetric, LeaderboardPeriod } from '@discordgym/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Alert } from '../components/alert.component';
import { Button } from '../components/button.component';
import { PageHeader } from '../components/page-header.component';
import { SelectField } from '../components/select-field.component';
import { UserAvatar } from '../components/user-avatar.component';
import { useRooms } from '../features/chat/hooks/use-rooms.hook';
import { socialApi, workoutKeys } from '../features/workouts/api/workouts.api';
import { formatNumber, fromKg } from '../features/workouts/api/units';
import { exerciseName, useExerciseCatalog } from '../features/workouts/hooks/use-exercise-catalog.hook';
import { useWorkoutPreferences } from '../features/workouts/hooks/use-workout-preferences.hook';
import { useWorkoutsI18n } from '../features/workouts/hooks/use-workouts-i18n.hook';

const METRICS: LeaderboardMetric[] = ['weekly_volume', 'consistency', 'relative_strength'];
const METRIC_LABEL = { weekly_volume: 'w.lb.metric.volume', consistency: 'w.lb.metric.consistency', relative_strength: 'w.lb.metric.strength' } as const;
const PERIOD_LABEL = { week: 'w.lb.period.week', last_week: 'w.lb.period.lastWeek', '4_weeks': 'w.lb.period.4weeks', '90_days': 'w.lb.period.90days', all: 'w.lb.period.all' } as const;

/** Friends or a group room; weekly volume, consistency (training days) or relative strength per lift; held lifts to confirm. */
export function WorkoutLeaderboardsPage() {
  const { tw, locale, describeError } = useWorkoutsI18n();
  const { units } = useWorkoutPreferences();
  const rooms = useRooms((d) => d.items.filter((r) => r.is_group));
  const catalog = useExerciseCatalog();
  const [scope, setScope] = useState('friends');
  const [metric, setMetric] = useState<LeaderboardMetric>('weekly_volume');
  const [period, setPeriod] = useState<LeaderboardPeriod | ''>('');
  const lifts = useMemo(() => (catalog.data ?? []).filter((e) => e.tracking_type === 'weight_reps' && e.slug !== null), [catalog.data]);
  const [exercise, setExercise] = useState('');
  const lift = exercise || lifts[0]?.id || '';
  const effective = period || LEADERBOARD_DEFAULT_PERIOD[metric];
  const board = useQuery({
    queryKey: [...workoutKeys.leaderboard(scope, metric, effective), lift],
    queryFn: ({ signal }) => socialApi.leaderboard({ scope, metric, period: effective, ...(metric === 'relative_strength' ? { exercise: lift } : {}) }, signal),
    enabled: metric !== 'relative_strength' || lift !== '',
  });
  const holds = useQuery({ queryKey: ['workouts', 'holds'], queryFn: ({ signal }) => socialApi.holds(signal) });
  const queryClient = useQueryClient();
  const confirm = useMutation({
    mutationFn: ({ workoutId, setId }: { workoutId: string; setId: string }) => socialApi.confirmSet(workoutId, setId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['workouts'] }),
  });
  const pending = (holds.data?.items ?? []).filter((h) => h.status === 'pending' && h.set_id);

  const value = (v: number) =>
    metric === 'weekly_volume' ? `${formatNumber(fromKg(v, units.weight, 0), locale, 0)} ${units.weight}` : metric === 'consistency' ? String(v) : formatNumber(v, locale, 2);

  return (
    <>
      <PageHeader title={tw('w.lb.title')} />
      {pending.length > 0 && (
        <Alert tone="info" className="mb-4">
          <p>{tw('w.lb.held')}</p>
          {pending.map((h) => (
            <Button key={h.id} variant="secondary" className="mt-2" pending={confirm.isPending} onClick={() => confirm.mutate({ workoutId: h.workout_id, setId: h.set_id! })}>
              {tw('w.lb.confirm')} ({formatNumber(fromKg(h.value, units.weight), locale)} {units.weight})
            </Button>
          ))}
        </Alert>
      )}
      <div className="mb-4 grid grid-cols-2 gap-2 sm:grid-cols-4">
        <SelectField
          label={tw('w.lb.scope')}
          value={scope}
          onChange={(e) => setScope(e.target.value)}
          options={[{ value: 'friends', label: tw('w.lb.friends') }, ...(rooms.data ?? []).map((r) => ({ value: `room:${r.id}`, label: tw('w.lb.room', { name: r.name ?? '' }) }))]}
        />
        <SelectField label={tw('w.lb.metric')} value={metric} onChange={(e) => setMetric(e.target.value as LeaderboardMetric)} options={METRICS.map((m) => ({ value: m, label: tw(METRIC_LABEL[m]) }))} />
        <SelectField
          label={tw('w.lb.period')}
          value={effective}
          onChange={(e) => setPeriod(e.target.value as LeaderboardPeriod)}
          options={LeaderboardPeriod.options.map((p) => ({ value: p, label: tw(PERIOD_LABEL[p]) }))}
        />
        {metric === 'relative_strength' && (
          <SelectField label={tw('w.stats.exercise')} value={lift} onChange={(e) => setExercise(e.target.value)} options={lifts.map((e) => ({ value: e.id, label: exerciseName(e, locale) }))} />
        )}
      </div>
      {board.isError && <Alert tone="error">{describeError(board.error)}</Alert>}
      {board.isSuccess && board.data.entries.length === 0 && <p className="text-fg-subtle">{tw('w.lb.empty')}</p>}
      <ol className="flex flex-col gap-1" data-testid="leaderboard">
        {(board.data?.entries ?? []).map((entry) => {
          const name = entry.user.display_name ?? entry.user.username;
          return (
            <li key={entry.user.id} className="flex items-center gap-3 rounded-lg bg-surface-800 px-3 py-2">
              <span className="w-6 text-center font-bold text-fg-muted tabular-nums">{entry.rank}</span>
              <UserAvatar name={name} avatar={entry.user.avatar} size="sm" />
              <span className="min-w-0 flex-1 truncate text-fg">{name}</span>
              <span className="font-semibold text-fg tabular-nums">{value(entry.value)}</span>
            </li>
          );
        })}
      </ol>
    </>
  );
}
