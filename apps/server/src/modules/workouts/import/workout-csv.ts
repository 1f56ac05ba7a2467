import { createHash } from 'node:crypto';
import { type ImportFormat, type SetDistanceUnit, type SetType, WORKOUT_LIMITS, type WeightUnit } from '@discordgym/contracts';
import { parse } from 'csv-parse/sync';
import { AppError } from '../../../common/app-error';

/** One set as read from a CSV row, in the units the file used. */
export interface ImportedSet {
  type: SetType;
  weight: number | null;
  weightUnit: WeightUnit;
  reps: number | null;
  rpe: number | null;
  distance: number | null;
  distanceUnit: SetDistanceUnit;
  durationS: number | null;
}

export interface ImportedExercise {
  name: string;
  notes: string | null;
  supersetGroup: number | null;
  sets: ImportedSet[];
}

export interface ImportedWorkout {
  /** Derived from the file's content (format, start, title): the same workout imported again has the same id. */
  clientId: string;
  title: string;
  notes: string | null;
  startedAt: Date;
  endedAt: Date;
  exercises: ImportedExercise[];
}

/** The real headers of both apps' exports (Strong's may use `;` and add unit columns or `Workout #`; Hevy's has kg or lbs columns). */
const STRONG_REQUIRED = ['Date', 'Workout Name', 'Exercise Name', 'Set Order', 'Weight', 'Reps'];
const HEVY_REQUIRED = ['title', 'start_time', 'exercise_title', 'set_index', 'reps'];
const MONTHS: Record<string, number> = { jan: 0, feb: 1, mar: 2, apr: 3, may: 4, jun: 5, jul: 6, aug: 7, sep: 8, oct: 9, nov: 10, dec: 11 };

/** A refusal that names the line: nothing of the file is imported. */
const badLine = (line: number, message: string) =>
  new AppError('VALIDATION_FAILED', `Line ${line}: ${message}`, [{ path: 'csv', message: `line ${line}: ${message}` }]);

export function detectFormat(header: string[]): ImportFormat | undefined {
  if (STRONG_REQUIRED.every((h) => header.includes(h))) return 'strong';
  if (HEVY_REQUIRED.every((h) => header.includes(h)) && (header.includes('weight_kg') || header.includes('weight_lbs'))) return 'hevy';
  return undefined;
}

/**
 * Reads a Strong or Hevy CSV export into workouts, checking every row first: the first
 * wrong line refuses the whole file. Strong's weights are in the unit the user logs in
 * (its export has no unit column unless `Weight Unit` is there), hence `strongUnits`.
 */
export function parseWorkoutCsv(csv: string, wanted: ImportFormat | undefined, strongUnits: { weight: WeightUnit; distance: 'km' | 'mi' }): { format: ImportFormat; workouts: ImportedWorkout[] } {
  const text = csv.replace(/^\uFEFF/, '');
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  let records: Array<{ record: Record<string, string>; info: { lines: number } }>;
  let header: string[] = [];
  try {
    records = parse(text, {
      delimiter,
      columns: (h: string[]) => (header = h.map((c) => c.trim())),
      info: true,
      skip_empty_lines: true,
      relax_column_count: false,
      trim: true,
    }) as typeof records;
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    throw badLine(line, (error as Error).message.replace(/^Invalid Record Length: /, '').slice(0, 200));
  }
  const format = wanted ?? detectFormat(header);
  if (!format || detectFormat(header) !== format) {
    throw badLine(1, `not a ${wanted ?? 'Strong or Hevy'} export header (got: ${header.slice(0, 14).join(', ').slice(0, 300)})`);
  }
  if (!records.length) throw badLine(2, 'the file has no sets');
  const workouts = format === 'strong' ? readStrong(records, strongUnits) : readHevy(records);
  if (workouts.length > 5_000) throw badLine(1, 'more than 5000 workouts in one file; split it');
  return { format, workouts };
}

type Row = { record: Record<string, string>; info: { lines: number } };

function number(row: Row, column: string, { min = 0, max, integer = false, decimalComma = false }: { min?: number; max: number; integer?: boolean; decimalComma?: boolean }): number | null {
  const raw = row.record[column]?.trim() ?? '';
  if (raw === '') return null;
  const value = Number(decimalComma ? raw.replace(',', '.') : raw);
  if (!Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
    throw badLine(row.info.lines, `${column} "${raw.slice(0, 40)}" is not a number between ${min} and ${max}`);
  }
  return value;
}

function rpeOf(row: Row, column: string, decimalComma: boolean): number | null {
  const value = number(row, column, { min: 0, max: 10, decimalComma });
  if (value === null || value === 0) return null;
  if (value < 6 || value > 10 || (value * 2) % 1 !== 0) throw badLine(row.info.lines, `${column} ${value} is not an RPE from 6 to 10 in halves`);
  return value;
}

/** Workouts and exercises in file order, grouped by workout key and by consecutive exercise name. */
function group<T>(rows: Row[], keyOf: (row: Row) => string, exerciseOf: (row: Row) => string, make: (first: Row) => T, add: (workout: T, row: Row, newExercise: boolean) => void): T[] {
  const byKey = new Map<string, { workout: T; lastExercise: string | null }>();
  for (const row of rows) {
    const key = keyOf(row);
    let entry = byKey.get(key);
    if (!entry) {
      entry = { workout: make(row), lastExercise: null };
      byKey.set(key, entry);
    }
    const exercise = exerciseOf(row);
    add(entry.workout, row, entry.lastExercise !== exercise);
    entry.lastExercise = exercise;
  }
  return [...byKey.values()].map((e) => e.workout);
}

const clientIdOf = (format: ImportFormat, startedAt: Date, title: string) =>
  `imp_${createHash('sha256').update(`${format}\n${startedAt.toISOString()}\n${title}`).digest('hex').slice(0, 40)}`;

function text(row: Row, column: string, max: number): string {
  const value = row.record[column]?.trim() ?? '';
  if (value.length > max) throw badLine(row.info.lines, `${column} is longer than ${max} characters`);
  return value;
}

function check(workout: ImportedWorkout, line: number): void {
  if (workout.endedAt < workout.startedAt) throw badLine(line, 'the workout ends before it starts');
  if (workout.exercises.length > WORKOUT_LIMITS.maxExercises) throw badLine(line, `more than ${WORKOUT_LIMITS.maxExercises} exercises in one workout`);
  for (const e of workout.exercises) if (e.sets.length > WORKOUT_LIMITS.maxSetsPerExercise) throw badLine(line, `more than ${WORKOUT_LIMITS.maxSetsPerExercise} sets of one exercise`);
}

// ---- Strong ----

/** "2023-05-01 18:04:12" (UTC: Strong writes local time without a zone). */
function strongDate(row: Row): Date {
  const raw = row.record['Date']!.trim();
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(raw);
  const date = m ? new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +(m[6] ?? 0))) : undefined;
  if (!date || Number.isNaN(date.getTime()) || date.getUTCFullYear() < 1990 || date.getTime() > Date.now() + 86_400_000) throw badLine(row.info.lines, `Date "${raw.slice(0, 40)}" is not a date like 2024-01-31 18:04:12`);
  return date;
}

/** "1h 5m", "45m", "50s" or plain seconds. */
function strongDuration(row: Row): number {
  const raw = (row.record['Duration'] ?? '').trim();
  if (raw === '') return 0;
  if (/^\d+$/.test(raw)) return Number(raw);
  const m = /^(?:(\d+)\s*h)?\s*(?:(\d+)\s*m(?:in)?)?\s*(?:(\d+)\s*s)?$/.exec(raw);
  if (!m || raw === '') throw badLine(row.info.lines, `Duration "${raw.slice(0, 40)}" is not like "1h 5m"`);
  const seconds = (+(m[1] ?? 0)) * 3600 + (+(m[2] ?? 0)) * 60 + +(m[3] ?? 0);
  if (seconds > 7 * 86_400) throw badLine(row.info.lines, 'a workout lasts at most 7 days');
  return seconds;
}

function strongSetType(row: Row): SetType | 'skip' {
  const raw = row.record['Set Order']!.trim();
  if (/^\d+$/.test(raw)) return 'normal';
  // Newer exports mark warm-up, drop and failure sets by letter, and add rows for rest timers.
  const byLetter: Record<string, SetType> = { W: 'warmup', D: 'drop', F: 'failure' };
  if (byLetter[raw.toUpperCase()]) return byLetter[raw.toUpperCase()]!;
  if (/^rest timer$/i.test(raw)) return 'skip';
  throw badLine(row.info.lines, `Set Order "${raw.slice(0, 20)}" is not a number, W, D or F`);
}

function readStrong(rows: Row[], units: { weight: WeightUnit; distance: 'km' | 'mi' }): ImportedWorkout[] {
  const lineOf = new Map<ImportedWorkout, number>();
  const workouts = group<ImportedWorkout>(
    rows.filter((row) => strongSetType(row) !== 'skip'),
    (row) => `${row.record['Workout #'] ?? ''}|${strongDate(row).toISOString()}|${row.record['Workout Name']}`,
    (row) => row.record['Exercise Name']!,
    (first) => {
      const startedAt = strongDate(first);
      const title = text(first, 'Workout Name', 100) || 'Workout';
      const workout = {
        clientId: clientIdOf('strong', startedAt, title),
        title,
        notes: text(first, 'Workout Notes', 2000) || null,
        startedAt,
        endedAt: new Date(startedAt.getTime() + strongDuration(first) * 1000),
        exercises: [],
      };
      lineOf.set(workout, first.info.lines);
      return workout;
    },
    (workout, row, newExercise) => {
      const name = text(row, 'Exercise Name', 100);
      if (!name) throw badLine(row.info.lines, 'Exercise Name is empty');
      if (newExercise) workout.exercises.push({ name, notes: text(row, 'Notes', 1000) || null, supersetGroup: null, sets: [] });
      const unitColumn = row.record['Weight Unit']?.trim().toLowerCase();
      const weightUnit: WeightUnit = unitColumn === 'lbs' || unitColumn === 'lb' ? 'lb' : unitColumn === 'kg' ? 'kg' : units.weight;
      const distanceColumn = row.record['Distance Unit']?.trim().toLowerCase();
      const distanceUnit: SetDistanceUnit = distanceColumn === 'mi' || distanceColumn === 'km' || distanceColumn === 'm' ? distanceColumn : units.distance;
      const decimalComma = true;
      const set: ImportedSet = {
        type: strongSetType(row) as SetType,
        weight: nullIfZero(number(row, 'Weight', { max: weightUnit === 'lb' ? 2200 : 1000, decimalComma })),
        weightUnit,
        reps: nullIfZero(number(row, 'Reps', { max: WORKOUT_LIMITS.maxReps, integer: true, decimalComma })),
        rpe: 'RPE' in row.record ? rpeOf(row, 'RPE', decimalComma) : null,
        distance: 'Distance' in row.record ? nullIfZero(number(row, 'Distance', { max: 1000, decimalComma })) : null,
        distanceUnit,
        durationS: 'Seconds' in row.record ? nullIfZero(number(row, 'Seconds', { max: 86_400, integer: true, decimalComma })) : null,
      };
      workout.exercises.at(-1)!.sets.push(set);
    },
  );
  for (const w of workouts) check(w, lineOf.get(w)!);
  return workouts;
}

const nullIfZero = (n: number | null) => (n === 0 ? null : n);

// ---- Hevy ----

/** "5 Jan 2024, 18:04" (Hevy's export) or an ISO date. */
function hevyDate(row: Row, column: string): Date {
  const raw = (row.record[column] ?? '').trim();
  const m = /^(\d{1,2}) ([A-Za-z]{3})[a-z]* (\d{4}),? (\d{1,2}):(\d{2})$/.exec(raw);
  let date: Date | undefined;
  if (m && MONTHS[m[2]!.toLowerCase()] !== undefined) date = new Date(Date.UTC(+m[3]!, MONTHS[m[2]!.toLowerCase()]!, +m[1]!, +m[4]!, +m[5]!));
  else if (/^\d{4}-\d{2}-\d{2}T/.test(raw)) date = new Date(raw);
  if (!date || Number.isNaN(date.getTime()) || date.getUTCFullYear() < 1990 || date.getTime() > Date.now() + 86_400_000) throw badLine(row.info.lines, `${column} "${raw.slice(0, 40)}" is not a date like "5 Jan 2024, 18:04"`);
  return date;
}

function hevySetType(row: Row): SetType {
  const raw = (row.record['set_type'] ?? 'normal').trim().toLowerCase();
  const types: Record<string, SetType> = { '': 'normal', normal: 'normal', warmup: 'warmup', dropset: 'drop', drop: 'drop', failure: 'failure' };
  const type = types[raw];
  if (!type) throw badLine(row.info.lines, `set_type "${raw.slice(0, 20)}" is not normal, warmup, dropset or failure`);
  return type;
}

function readHevy(rows: Row[]): ImportedWorkout[] {
  const lineOf = new Map<ImportedWorkout, number>();
  const workouts = group<ImportedWorkout>(
    rows,
    (row) => `${hevyDate(row, 'start_time').toISOString()}|${row.record['title']}`,
    (row) => `${row.record['exercise_title']}|${row.record['superset_id'] ?? ''}`,
    (first) => {
      const startedAt = hevyDate(first, 'start_time');
      const title = text(first, 'title', 100) || 'Workout';
      const workout = {
        clientId: clientIdOf('hevy', startedAt, title),
        title,
        notes: text(first, 'description', 2000) || null,
        startedAt,
        endedAt: first.record['end_time']?.trim() ? hevyDate(first, 'end_time') : startedAt,
        exercises: [],
      };
      lineOf.set(workout, first.info.lines);
      return workout;
    },
    (workout, row, newExercise) => {
      const name = text(row, 'exercise_title', 100);
      if (!name) throw badLine(row.info.lines, 'exercise_title is empty');
      number(row, 'set_index', { max: 1000, integer: true });
      if (newExercise) {
        const superset = number(row, 'superset_id', { max: 1000, integer: true });
        workout.exercises.push({ name, notes: text(row, 'exercise_notes', 1000) || null, supersetGroup: superset, sets: [] });
      }
      const lbs = 'weight_lbs' in row.record;
      const miles = 'distance_miles' in row.record;
      workout.exercises.at(-1)!.sets.push({
        type: hevySetType(row),
        weight: nullIfZero(number(row, lbs ? 'weight_lbs' : 'weight_kg', { max: lbs ? 2200 : 1000 })),
        weightUnit: lbs ? 'lb' : 'kg',
        reps: nullIfZero(number(row, 'reps', { max: 1000, integer: true })),
        rpe: 'rpe' in row.record ? rpeOf(row, 'rpe', false) : null,
        distance: nullIfZero(number(row, miles ? 'distance_miles' : 'distance_km', { max: 1000 })),
        distanceUnit: miles ? 'mi' : 'km',
        durationS: nullIfZero(number(row, 'duration_seconds', { max: 86_400, integer: true })),
      });
    },
  );
  for (const w of workouts) check(w, lineOf.get(w)!);
  return workouts;
}
