import { Injectable } from '@nestjs/common';
import type { ExerciseStats, ExerciseStatsQuery, Muscle, RecordHistoryQuery, RecordList, RecordPage, RecordsQuery, WeeklyStats, WeeklyStatsQuery } from '@discordgym/contracts';
import { AppError } from '../../common/app-error';
import { decodeCursor, encodeCursor, toRecord } from './workouts.mapper';
import { WorkoutsRepository } from './workouts.repository';

const DAY = 86_400_000;
const num = (v: string | number | null): number | null => (v === null ? null : Math.round(Number(v) * 1e4) / 1e4);

/** Monday 00:00 UTC of the week `d` is in. */
export function weekStart(d: Date): Date {
  const day = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  const weekday = (new Date(day).getUTCDay() + 6) % 7;
  return new Date(day - weekday * DAY);
}

const ymd = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Weeks in a row with training, counted back from this week; an empty current week does not
 * break the streak yet (the week is not over).
 */
export function streakWeeks(trainingWeeks: string[], now: Date): number {
  const set = new Set(trainingWeeks);
  let cursor = weekStart(now);
  if (!set.has(ymd(cursor))) cursor = new Date(cursor.getTime() - 7 * DAY);
  let streak = 0;
  while (set.has(ymd(cursor))) {
    streak++;
    cursor = new Date(cursor.getTime() - 7 * DAY);
  }
  return streak;
}

/** Records and charts, all of the caller's own workouts. */
@Injectable()
export class StatsService {
  constructor(private readonly repository: WorkoutsRepository) {}

  async records(userId: string, query: RecordsQuery): Promise<RecordList> {
    return { items: (await this.repository.currentRecords(userId, query.exercise_id)).map(toRecord) };
  }

  async history(userId: string, exerciseId: string, query: RecordHistoryQuery): Promise<RecordPage> {
    await this.visibleExercise(userId, exerciseId);
    const before = decodeCursor<[string]>(query.before, 'before', ['id']);
    const rows = await this.repository.recordHistory(userId, exerciseId, query.kind, before?.[0], query.limit + 1);
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return { items: page.map(toRecord), next_cursor: rows.length > query.limit && last ? encodeCursor([last.id]) : null };
  }

  async exercise(userId: string, exerciseId: string, query: ExerciseStatsQuery): Promise<ExerciseStats> {
    await this.visibleExercise(userId, exerciseId);
    const rows = await this.repository.exerciseStats(userId, exerciseId, query.from ? new Date(query.from) : undefined, query.to ? new Date(query.to) : undefined);
    return {
      exercise_id: exerciseId,
      points: rows.map((r) => ({
        workout_id: r.workout_id,
        date: new Date(r.date).toISOString(),
        best_e1rm_kg: num(r.best_e1rm),
        top_weight_kg: num(r.top_weight),
        volume_kg: num(r.volume) ?? 0,
        reps: r.reps,
      })),
    };
  }

  async weekly(userId: string, query: WeeklyStatsQuery, now = new Date()): Promise<WeeklyStats> {
    const first = new Date(weekStart(now).getTime() - (query.weeks - 1) * 7 * DAY);
    const [totals, muscles, weeks, total] = await Promise.all([
      this.repository.weeklyTotals(userId, first),
      this.repository.weeklyMuscles(userId, first),
      this.repository.trainingWeeks(userId, 520),
      this.repository.finishedCount(userId),
    ]);
    const out: WeeklyStats['weeks'] = [];
    for (let i = 0; i < query.weeks; i++) {
      const week = ymd(new Date(first.getTime() + i * 7 * DAY));
      const t = totals.find((r) => r.week === week);
      out.push({
        week_start: week,
        workouts: t?.workouts ?? 0,
        sets: t?.sets ?? 0,
        volume_kg: num(t?.volume ?? 0) ?? 0,
        muscles: muscles
          .filter((m) => m.week === week)
          .map((m) => ({ muscle: m.muscle as Muscle, volume_kg: num(m.volume) ?? 0, sets: m.sets }))
          .sort((a, b) => a.muscle.localeCompare(b.muscle)),
      });
    }
    return { weeks: out, streak_weeks: streakWeeks(weeks, now), total_workouts: total };
  }

  private async visibleExercise(userId: string, id: string): Promise<void> {
    const row = await this.repository.exerciseById(id);
    if (!row || (row.ownerId !== null && row.ownerId !== userId)) throw AppError.notFound('Exercise');
  }
}
