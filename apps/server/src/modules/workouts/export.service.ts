import { Injectable } from '@nestjs/common';
import { stringify } from 'csv-stringify/sync';
import { SocialRepository } from './social.repository';
import type { WorkoutRow } from './workouts.repository';

const PAGE = 200;
/** Far beyond a lifetime of training (the S7 bench user has 1,000): a bound, not a limit anyone meets. */
const MAX_WORKOUTS = 20_000;

export const EXPORT_CSV_HEADER = [
  'workout_id',
  'title',
  'started_at',
  'ended_at',
  'visibility',
  'notes',
  'exercise',
  'exercise_position',
  'superset_group',
  'exercise_notes',
  'set_position',
  'set_type',
  'weight',
  'weight_unit',
  'weight_kg',
  'reps',
  'rpe',
  'distance',
  'distance_unit',
  'distance_m',
  'duration_s',
  'done',
];

/**
 * A cell a spreadsheet would run as a formula (`= + - @`, or a tab / carriage return that
 * some tools strip first) gets a leading apostrophe: OWASP's CSV-injection advice.
 */
export function escapeCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** My workouts as CSV (one row per set) and all my training data as JSON. */
@Injectable()
export class ExportService {
  constructor(private readonly repository: SocialRepository) {}

  async csv(userId: string): Promise<string> {
    const rows: unknown[][] = [EXPORT_CSV_HEADER];
    for await (const { workouts, lines } of this.pages(userId)) {
      for (const w of workouts) {
        const mine = lines.filter((l) => l.workoutId === w.id);
        const head = [w.id, w.title, w.startedAt.toISOString(), w.endedAt?.toISOString() ?? '', w.visibility, w.notes ?? ''];
        if (!mine.length) rows.push([...head, ...new Array(EXPORT_CSV_HEADER.length - head.length).fill('')]);
        for (const { exercise, set, nameEn } of mine) {
          rows.push([
            ...head,
            nameEn,
            exercise.position,
            exercise.supersetGroup ?? '',
            exercise.notes ?? '',
            set?.position ?? '',
            set?.type ?? '',
            set?.weightInput ?? '',
            set?.weightUnit ?? '',
            set?.weightKg ?? '',
            set?.reps ?? '',
            set?.rpe ?? '',
            set?.distanceInput ?? '',
            set?.distanceUnit ?? '',
            set?.distanceM ?? '',
            set?.durationS ?? '',
            set ? String(set.done) : '',
          ]);
        }
      }
    }
    return stringify(rows.map((row) => row.map((cell) => (typeof cell === 'string' ? escapeCell(cell) : cell))));
  }

  async json(userId: string): Promise<Record<string, unknown>> {
    const workouts: Array<Record<string, unknown>> = [];
    for await (const page of this.pages(userId)) {
      for (const w of page.workouts) {
        const exercises = new Map<string, { exercise_id: string; name: string; position: number; superset_group: number | null; notes: string | null; sets: unknown[] }>();
        for (const { exercise, set, nameEn } of page.lines.filter((l) => l.workoutId === w.id)) {
          const entry = exercises.get(exercise.id) ?? { exercise_id: exercise.exerciseId, name: nameEn, position: exercise.position, superset_group: exercise.supersetGroup, notes: exercise.notes, sets: [] };
          if (set) {
            entry.sets.push({
              position: set.position,
              type: set.type,
              weight: set.weightInput,
              weight_unit: set.weightUnit,
              weight_kg: set.weightKg,
              reps: set.reps,
              rpe: set.rpe,
              distance: set.distanceInput,
              distance_unit: set.distanceUnit,
              distance_m: set.distanceM,
              duration_s: set.durationS,
              done: set.done,
            });
          }
          exercises.set(exercise.id, entry);
        }
        workouts.push({ ...workoutJson(w), exercises: [...exercises.values()] });
      }
    }
    const data = await this.repository.myData(userId);
    return {
      exported_at: new Date().toISOString(),
      workouts,
      custom_exercises: data.customExercises,
      personal_records: data.records,
      body_measurements: data.body,
      preferences: data.preferences,
      kudos_given: data.kudos,
      comments: data.comments,
      pr_announcement_rooms: data.prRooms,
    };
  }

  private async *pages(userId: string) {
    let after: { startedAt: Date; id: string } | undefined;
    for (let seen = 0; seen < MAX_WORKOUTS; seen += PAGE) {
      const page = await this.repository.exportRows(userId, after, PAGE);
      if (!page.workouts.length) return;
      yield page;
      const last = page.workouts.at(-1)!;
      after = { startedAt: last.startedAt, id: last.id };
      if (page.workouts.length < PAGE) return;
    }
  }
}

function workoutJson(w: WorkoutRow): Record<string, unknown> {
  return {
    id: w.id,
    client_id: w.clientId,
    title: w.title,
    notes: w.notes,
    started_at: w.startedAt.toISOString(),
    ended_at: w.endedAt?.toISOString() ?? null,
    finished_at: w.finishedAt?.toISOString() ?? null,
    visibility: w.visibility,
    source: w.source,
    volume_kg: w.volumeKg,
    set_count: w.setCount,
  };
}
