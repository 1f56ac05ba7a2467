import { z } from 'zod';
import { ClientId } from './chat';
import { Id, IsoDate, multilineText, plainText } from './common';
import { PublicUser } from './users';

// ---- vocabulary ----

export const WeightUnit = z.enum(['kg', 'lb']);
export type WeightUnit = z.infer<typeof WeightUnit>;
/** What a user picks for display; a set may also be entered in metres (`m`). */
export const DistanceUnit = z.enum(['km', 'mi']);
export type DistanceUnit = z.infer<typeof DistanceUnit>;
export const SetDistanceUnit = z.enum(['m', 'km', 'mi']);
export type SetDistanceUnit = z.infer<typeof SetDistanceUnit>;

export const SetType = z.enum(['normal', 'warmup', 'drop', 'failure']);
export type SetType = z.infer<typeof SetType>;
export const WorkoutVisibility = z.enum(['private', 'friends', 'public']);
export type WorkoutVisibility = z.infer<typeof WorkoutVisibility>;
export const TrackingType = z.enum([
  'weight_reps',
  'bodyweight_reps',
  'weighted_bodyweight',
  'assisted_bodyweight',
  'duration',
  'distance_duration',
  'weight_distance',
]);
export type TrackingType = z.infer<typeof TrackingType>;
export const Equipment = z.enum(['barbell', 'dumbbell', 'machine', 'cable', 'kettlebell', 'bodyweight', 'band', 'plate', 'smith_machine', 'other', 'none']);
export type Equipment = z.infer<typeof Equipment>;
export const Muscle = z.enum([
  'chest',
  'shoulders',
  'triceps',
  'biceps',
  'forearms',
  'lats',
  'upper_back',
  'lower_back',
  'traps',
  'abs',
  'obliques',
  'quads',
  'hamstrings',
  'glutes',
  'calves',
  'adductors',
  'abductors',
  'neck',
  'cardio',
  'full_body',
]);
export type Muscle = z.infer<typeof Muscle>;
export const RecordKind = z.enum(['heaviest', 'e1rm', 'set_volume', 'reps_at_weight', 'distance', 'duration']);
export type RecordKind = z.infer<typeof RecordKind>;
export const Sex = z.enum(['male', 'female']);
export type Sex = z.infer<typeof Sex>;

// ---- limits ----

export const WORKOUT_LIMITS = {
  maxWeightKg: 1000,
  maxReps: 1000,
  minRpe: 6,
  maxRpe: 10,
  maxDistanceM: 1_000_000,
  maxDurationS: 86_400,
  maxExercises: 100,
  maxSetsPerExercise: 100,
  maxSets: 500,
  /** A workout longer than this is a forgotten timer, not a workout. */
  maxWorkoutSeconds: 7 * 86_400,
  maxBodyweightKg: 500,
} as const;

export const WORKOUT_PAGE_MAX = 100;
export const WORKOUT_PAGE_DEFAULT = 20;
const limit = (max: number, def: number) => z.coerce.number().int().min(1).max(max).default(def);
const cursor = z.string().min(1).max(200).optional();

// ---- units: stored in kg and metres; the entered value and unit are kept beside ----

export const KG_PER_LB = 0.45359237;
export const M_PER_MI = 1609.344;
export const M_PER_KM = 1000;

/** Rounded to the stored scale, so the same entry always gives the same kg. */
const round = (value: number, decimals: number) => {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
};
export const toKg = (value: number, unit: WeightUnit): number => round(unit === 'lb' ? value * KG_PER_LB : value, 8);
export const fromKg = (kg: number, unit: WeightUnit, decimals = 2): number => round(unit === 'lb' ? kg / KG_PER_LB : kg, decimals);
export const toMetres = (value: number, unit: SetDistanceUnit): number => round(unit === 'mi' ? value * M_PER_MI : unit === 'km' ? value * M_PER_KM : value, 5);
export const fromMetres = (m: number, unit: SetDistanceUnit, decimals = 2): number =>
  round(unit === 'mi' ? m / M_PER_MI : unit === 'km' ? m / M_PER_KM : m, decimals);

/**
 * A stored weight in the unit someone wants to read it in: the value as typed when the units
 * match (100 lb stays 100 lb), else converted from kg and rounded.
 */
export function displayWeight(stored: { weight: number | null; weight_unit: WeightUnit | null; weight_kg: number | null }, unit: WeightUnit): number | null {
  if (stored.weight_kg === null) return null;
  if (stored.weight_unit === unit && stored.weight !== null) return stored.weight;
  return fromKg(stored.weight_kg, unit);
}

export function displayDistance(
  stored: { distance: number | null; distance_unit: SetDistanceUnit | null; distance_m: number | null },
  unit: SetDistanceUnit,
): number | null {
  if (stored.distance_m === null) return null;
  if (stored.distance_unit === unit && stored.distance !== null) return stored.distance;
  return fromMetres(stored.distance_m, unit);
}

/** Epley; a single is its own 1RM. */
export const epley1rm = (weightKg: number, reps: number): number => (reps === 1 ? weightKg : weightKg * (1 + reps / 30));

// ---- exercises ----

export const Exercise = z
  .object({
    id: Id,
    /** null for built-ins */
    owner_id: Id.nullable(),
    slug: z.string().nullable(),
    custom: z.boolean(),
    name_en: z.string(),
    name_de: z.string(),
    primary_muscles: z.array(Muscle),
    secondary_muscles: z.array(Muscle),
    equipment: Equipment,
    tracking_type: TrackingType,
  })
  .meta({ id: 'Exercise' });
export type Exercise = z.infer<typeof Exercise>;

export const ExercisePage = z.object({ items: z.array(Exercise), next_cursor: z.string().nullable() }).meta({ id: 'ExercisePage' });
export type ExercisePage = z.infer<typeof ExercisePage>;

export const ExerciseQuery = z.strictObject({
  q: z.string().trim().max(100).optional(),
  muscle: Muscle.optional(),
  equipment: Equipment.optional(),
  tracking_type: TrackingType.optional(),
  /** only: my custom exercises */
  custom: z.enum(['true', 'false']).optional(),
  cursor,
  limit: limit(200, 50),
});
export type ExerciseQuery = z.infer<typeof ExerciseQuery>;

const uniqueMuscles = (max: number) =>
  z
    .array(Muscle)
    .max(max)
    .refine((m) => new Set(m).size === m.length, { message: 'must not repeat a muscle' });

export const CreateExerciseBody = z
  .strictObject({
    name_en: plainText(1, 100),
    /** Defaults to name_en: a custom exercise is named once by its owner. */
    name_de: plainText(1, 100).optional(),
    primary_muscles: uniqueMuscles(5).min(1),
    secondary_muscles: uniqueMuscles(10).default([]),
    equipment: Equipment,
    tracking_type: TrackingType,
  })
  .meta({ id: 'CreateExerciseBody' });
export type CreateExerciseBody = z.infer<typeof CreateExerciseBody>;

export const UpdateExerciseBody = z
  .strictObject({
    name_en: plainText(1, 100).optional(),
    name_de: plainText(1, 100).optional(),
    primary_muscles: uniqueMuscles(5).min(1).optional(),
    secondary_muscles: uniqueMuscles(10).optional(),
    equipment: Equipment.optional(),
    tracking_type: TrackingType.optional(),
  })
  .meta({ id: 'UpdateExerciseBody' });
export type UpdateExerciseBody = z.infer<typeof UpdateExerciseBody>;

export const ExerciseIdParams = z.strictObject({ id: Id });

// ---- sets and workouts ----

const nonNegative = (max: number) => z.number().finite().min(0).max(max);

/**
 * One set as the client sends it: weight in `weight_unit`, distance in `distance_unit`. The
 * server converts to kg / metres and keeps what was typed.
 */
export const SetInput = z
  .strictObject({
    client_id: ClientId,
    type: SetType.default('normal'),
    weight: nonNegative(1000 / KG_PER_LB).nullable().optional(),
    weight_unit: WeightUnit.optional(),
    reps: z.number().int().min(0).max(WORKOUT_LIMITS.maxReps).nullable().optional(),
    rpe: z
      .number()
      .min(WORKOUT_LIMITS.minRpe)
      .max(WORKOUT_LIMITS.maxRpe)
      .refine((v) => Number.isInteger(v * 2), { message: 'RPE goes in halves (6, 6.5 … 10)' })
      .nullable()
      .optional(),
    distance: nonNegative(WORKOUT_LIMITS.maxDistanceM).nullable().optional(),
    distance_unit: SetDistanceUnit.optional(),
    duration_s: z.number().int().min(0).max(WORKOUT_LIMITS.maxDurationS).nullable().optional(),
    done: z.boolean().default(false),
    completed_at: IsoDate.nullable().optional(),
  })
  .superRefine((set, ctx) => {
    if (set.weight != null && toKg(set.weight, set.weight_unit ?? 'kg') > WORKOUT_LIMITS.maxWeightKg) {
      ctx.addIssue({ code: 'custom', path: ['weight'], message: `must be at most ${WORKOUT_LIMITS.maxWeightKg} kg` });
    }
    if (set.distance != null && toMetres(set.distance, set.distance_unit ?? 'm') > WORKOUT_LIMITS.maxDistanceM) {
      ctx.addIssue({ code: 'custom', path: ['distance'], message: `must be at most ${WORKOUT_LIMITS.maxDistanceM / 1000} km` });
    }
  })
  .meta({ id: 'SetInput' });
export type SetInput = z.input<typeof SetInput>;

export const WorkoutExerciseInput = z
  .strictObject({
    client_id: ClientId,
    exercise_id: Id,
    /** Exercises with the same number form a superset. */
    superset_group: z.number().int().min(1).max(WORKOUT_LIMITS.maxExercises).nullable().optional(),
    rest_seconds: z.number().int().min(0).max(3600).nullable().optional(),
    notes: multilineText(2000).nullable().optional(),
    sets: z.array(SetInput).max(WORKOUT_LIMITS.maxSetsPerExercise).default([]),
  })
  .superRefine((e, ctx) => {
    const seen = new Set<string>();
    e.sets.forEach((s, i) => {
      if (seen.has(s.client_id)) ctx.addIssue({ code: 'custom', path: ['sets', i, 'client_id'], message: 'repeats another set of this exercise' });
      seen.add(s.client_id);
    });
  })
  .meta({ id: 'WorkoutExerciseInput' });
export type WorkoutExerciseInput = z.input<typeof WorkoutExerciseInput>;

const exercisesField = z
  .array(WorkoutExerciseInput)
  .max(WORKOUT_LIMITS.maxExercises)
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((e, i) => {
      if (seen.has(e.client_id)) ctx.addIssue({ code: 'custom', path: [i, 'client_id'], message: 'repeats another exercise of this workout' });
      seen.add(e.client_id);
    });
    const total = list.reduce((n, e) => n + e.sets.length, 0);
    if (total > WORKOUT_LIMITS.maxSets) ctx.addIssue({ code: 'custom', path: [], message: `at most ${WORKOUT_LIMITS.maxSets} sets in one workout` });
  });

function checkTimes(w: { started_at?: string | undefined; ended_at?: string | null | undefined }, ctx: z.RefinementCtx) {
  if (!w.started_at || !w.ended_at) return;
  const span = (Date.parse(w.ended_at) - Date.parse(w.started_at)) / 1000;
  if (span < 0) ctx.addIssue({ code: 'custom', path: ['ended_at'], message: 'must not be before started_at' });
  else if (span > WORKOUT_LIMITS.maxWorkoutSeconds) ctx.addIssue({ code: 'custom', path: ['ended_at'], message: 'a workout lasts at most 7 days' });
}

const workoutFields = {
  title: plainText(1, 100),
  notes: multilineText(5000).nullable(),
  started_at: IsoDate,
  ended_at: IsoDate.nullable(),
  visibility: WorkoutVisibility,
};

/**
 * Start a workout (no `ended_at`), or log a past one (`finish: true` with `ended_at`).
 * `client_id` makes it idempotent: a retry returns the first workout (200 instead of 201).
 */
export const CreateWorkoutBody = z
  .strictObject({
    client_id: ClientId,
    title: workoutFields.title.optional(),
    notes: workoutFields.notes.optional(),
    started_at: IsoDate.optional(),
    ended_at: IsoDate.nullable().optional(),
    visibility: WorkoutVisibility.optional(),
    routine_id: Id.nullable().optional(),
    exercises: exercisesField.default([]),
    /** Finish right away (a past workout); PRs are computed as for a finish. */
    finish: z.boolean().default(false),
  })
  .superRefine(checkTimes)
  .meta({ id: 'CreateWorkoutBody' });
export type CreateWorkoutBody = z.input<typeof CreateWorkoutBody>;

/**
 * The whole workout as the client holds it. Exercises and sets are matched by `client_id`:
 * matched rows are updated in place (ids stay), missing ones deleted, new ones inserted, so
 * replaying the same document (the offline outbox) changes nothing and nothing doubles.
 */
export const PutWorkoutBody = z
  .strictObject({
    title: workoutFields.title,
    notes: workoutFields.notes.default(null),
    started_at: IsoDate,
    ended_at: IsoDate.nullable().default(null),
    visibility: WorkoutVisibility,
    exercises: exercisesField,
  })
  .superRefine(checkTimes)
  .meta({ id: 'PutWorkoutBody' });
export type PutWorkoutBody = z.input<typeof PutWorkoutBody>;

export const FinishWorkoutBody = z
  .strictObject({ ended_at: IsoDate.optional() })
  .meta({ id: 'FinishWorkoutBody' });
export type FinishWorkoutBody = z.infer<typeof FinishWorkoutBody>;

export const WorkoutSet = z
  .object({
    id: Id,
    client_id: z.string(),
    position: z.number().int(),
    type: SetType,
    weight_kg: z.number().nullable(),
    /** as entered, in `weight_unit` */
    weight: z.number().nullable(),
    weight_unit: WeightUnit.nullable(),
    reps: z.number().int().nullable(),
    rpe: z.number().nullable(),
    distance_m: z.number().nullable(),
    distance: z.number().nullable(),
    distance_unit: SetDistanceUnit.nullable(),
    duration_s: z.number().int().nullable(),
    done: z.boolean(),
    completed_at: IsoDate.nullable(),
  })
  .meta({ id: 'WorkoutSet' });
export type WorkoutSet = z.infer<typeof WorkoutSet>;

/** The last performance of an exercise before this workout ("previous: 80 kg × 5"). */
export const PreviousSet = z.object({
  type: SetType,
  weight_kg: z.number().nullable(),
  weight: z.number().nullable(),
  weight_unit: WeightUnit.nullable(),
  reps: z.number().int().nullable(),
  distance_m: z.number().nullable(),
  distance: z.number().nullable(),
  distance_unit: SetDistanceUnit.nullable(),
  duration_s: z.number().int().nullable(),
});
export type PreviousSet = z.infer<typeof PreviousSet>;

export const WorkoutExercise = z
  .object({
    id: Id,
    client_id: z.string(),
    position: z.number().int(),
    exercise: Exercise,
    superset_group: z.number().int().nullable(),
    rest_seconds: z.number().int().nullable(),
    notes: z.string().nullable(),
    sets: z.array(WorkoutSet),
    previous: z.array(PreviousSet),
  })
  .meta({ id: 'WorkoutExercise' });
export type WorkoutExercise = z.infer<typeof WorkoutExercise>;

export const Workout = z
  .object({
    id: Id,
    client_id: z.string(),
    user_id: Id,
    title: z.string(),
    notes: z.string().nullable(),
    started_at: IsoDate,
    ended_at: IsoDate.nullable(),
    finished_at: IsoDate.nullable(),
    visibility: WorkoutVisibility,
    routine_id: Id.nullable(),
    source: z.string(),
    revision: z.number().int(),
    volume_kg: z.number(),
    set_count: z.number().int(),
    exercises: z.array(WorkoutExercise),
    created_at: IsoDate,
    updated_at: IsoDate,
  })
  .meta({ id: 'Workout' });
export type Workout = z.infer<typeof Workout>;

/** A workout in a list: no sets, one line per exercise. */
export const WorkoutListItem = z
  .object({
    id: Id,
    client_id: z.string(),
    title: z.string(),
    started_at: IsoDate,
    ended_at: IsoDate.nullable(),
    finished_at: IsoDate.nullable(),
    visibility: WorkoutVisibility,
    volume_kg: z.number(),
    set_count: z.number().int(),
    exercises: z.array(z.object({ exercise_id: Id, name_en: z.string(), name_de: z.string(), sets: z.number().int() })),
    pr_count: z.number().int(),
  })
  .meta({ id: 'WorkoutListItem' });
export type WorkoutListItem = z.infer<typeof WorkoutListItem>;

export const WorkoutPage = z.object({ items: z.array(WorkoutListItem), next_cursor: z.string().nullable() }).meta({ id: 'WorkoutPage' });
export type WorkoutPage = z.infer<typeof WorkoutPage>;

/** Newest first; `before` is a workout id (or the previous page's next_cursor). */
export const WorkoutListQuery = z.strictObject({ before: cursor, limit: limit(WORKOUT_PAGE_MAX, WORKOUT_PAGE_DEFAULT) });
export type WorkoutListQuery = z.infer<typeof WorkoutListQuery>;

export const WorkoutIdParams = z.strictObject({ id: Id });

export const PersonalRecord = z
  .object({
    id: Id,
    exercise_id: Id,
    kind: RecordKind,
    /** reps_at_weight only: the weight */
    weight_kg: z.number().nullable(),
    /** kg for heaviest / e1rm / set_volume, reps for reps_at_weight, metres, seconds */
    value: z.number(),
    previous_value: z.number().nullable(),
    workout_id: Id,
    set_id: Id,
    achieved_at: IsoDate,
    current: z.boolean(),
  })
  .meta({ id: 'PersonalRecord' });
export type PersonalRecord = z.infer<typeof PersonalRecord>;

export const WorkoutSummary = z
  .object({
    workout: Workout,
    duration_s: z.number().int(),
    volume_kg: z.number(),
    set_count: z.number().int(),
    /** Records this workout set and still holds. */
    prs: z.array(PersonalRecord),
  })
  .meta({ id: 'WorkoutSummary' });
export type WorkoutSummary = z.infer<typeof WorkoutSummary>;

// ---- preferences ----

export const WorkoutPreferences = z
  .object({
    weight_unit: WeightUnit,
    distance_unit: DistanceUnit,
    sex: Sex.nullable(),
    /** The latest body measurement, else what was set here. */
    bodyweight_kg: z.number().nullable(),
    bodyweight: z.number().nullable(),
    default_visibility: WorkoutVisibility,
  })
  .meta({ id: 'WorkoutPreferences' });
export type WorkoutPreferences = z.infer<typeof WorkoutPreferences>;

export const UpdateWorkoutPreferencesBody = z
  .strictObject({
    weight_unit: WeightUnit.optional(),
    distance_unit: DistanceUnit.optional(),
    sex: Sex.nullable().optional(),
    /** in `weight_unit` (the new one when both are sent) */
    bodyweight: z.number().finite().positive().max(WORKOUT_LIMITS.maxBodyweightKg / KG_PER_LB).nullable().optional(),
    default_visibility: WorkoutVisibility.optional(),
  })
  .meta({ id: 'UpdateWorkoutPreferencesBody' });
export type UpdateWorkoutPreferencesBody = z.infer<typeof UpdateWorkoutPreferencesBody>;

// ---- routines ----

export const RoutineSetInput = z.strictObject({
  type: SetType.default('normal'),
  weight: nonNegative(1000 / KG_PER_LB).nullable().optional(),
  weight_unit: WeightUnit.optional(),
  reps_min: z.number().int().min(0).max(WORKOUT_LIMITS.maxReps).nullable().optional(),
  reps_max: z.number().int().min(0).max(WORKOUT_LIMITS.maxReps).nullable().optional(),
  distance: nonNegative(WORKOUT_LIMITS.maxDistanceM).nullable().optional(),
  distance_unit: SetDistanceUnit.optional(),
  duration_s: z.number().int().min(0).max(WORKOUT_LIMITS.maxDurationS).nullable().optional(),
});
export type RoutineSetInput = z.input<typeof RoutineSetInput>;

export const RoutineExerciseInput = z.strictObject({
  exercise_id: Id,
  superset_group: z.number().int().min(1).max(WORKOUT_LIMITS.maxExercises).nullable().optional(),
  rest_seconds: z.number().int().min(0).max(3600).nullable().optional(),
  notes: multilineText(2000).nullable().optional(),
  sets: z.array(RoutineSetInput).max(WORKOUT_LIMITS.maxSetsPerExercise).default([]),
});
export type RoutineExerciseInput = z.input<typeof RoutineExerciseInput>;

const routineFields = {
  title: plainText(1, 100),
  notes: multilineText(5000).nullable().optional(),
  folder_id: Id.nullable().optional(),
  exercises: z.array(RoutineExerciseInput).max(WORKOUT_LIMITS.maxExercises),
};

/** From scratch (`title` + `exercises`), or a copy of one of my workouts (`from_workout_id`, title optional). */
export const CreateRoutineBody = z
  .strictObject({
    from_workout_id: Id.optional(),
    title: routineFields.title.optional(),
    notes: routineFields.notes,
    folder_id: routineFields.folder_id,
    exercises: routineFields.exercises.optional(),
  })
  .superRefine((b, ctx) => {
    if (!b.from_workout_id && !b.title) ctx.addIssue({ code: 'custom', path: ['title'], message: 'required unless from_workout_id is given' });
    if (b.from_workout_id && b.exercises) ctx.addIssue({ code: 'custom', path: ['exercises'], message: 'comes from the workout when from_workout_id is given' });
  })
  .meta({ id: 'CreateRoutineBody' });
export type CreateRoutineBody = z.input<typeof CreateRoutineBody>;

export const UpdateRoutineBody = z.strictObject(routineFields).meta({ id: 'UpdateRoutineBody' });
export type UpdateRoutineBody = z.input<typeof UpdateRoutineBody>;

export const RoutineSet = z.object({
  id: Id,
  position: z.number().int(),
  type: SetType,
  weight_kg: z.number().nullable(),
  weight: z.number().nullable(),
  weight_unit: WeightUnit.nullable(),
  reps_min: z.number().int().nullable(),
  reps_max: z.number().int().nullable(),
  distance_m: z.number().nullable(),
  distance: z.number().nullable(),
  distance_unit: SetDistanceUnit.nullable(),
  duration_s: z.number().int().nullable(),
});
export type RoutineSet = z.infer<typeof RoutineSet>;

export const RoutineExercise = z.object({
  id: Id,
  position: z.number().int(),
  exercise: Exercise,
  superset_group: z.number().int().nullable(),
  rest_seconds: z.number().int().nullable(),
  notes: z.string().nullable(),
  sets: z.array(RoutineSet),
});
export type RoutineExercise = z.infer<typeof RoutineExercise>;

export const Routine = z
  .object({
    id: Id,
    folder_id: Id.nullable(),
    title: z.string(),
    notes: z.string().nullable(),
    position: z.number().int(),
    exercises: z.array(RoutineExercise),
    created_at: IsoDate,
    updated_at: IsoDate,
  })
  .meta({ id: 'Routine' });
export type Routine = z.infer<typeof Routine>;

export const RoutineFolder = z
  .object({ id: Id, name: z.string(), position: z.number().int(), created_at: IsoDate })
  .meta({ id: 'RoutineFolder' });
export type RoutineFolder = z.infer<typeof RoutineFolder>;

/** Every folder and routine of mine (bounded: at most ROUTINES_MAX routines per user). */
export const RoutineList = z.object({ folders: z.array(RoutineFolder), routines: z.array(Routine) }).meta({ id: 'RoutineList' });
export type RoutineList = z.infer<typeof RoutineList>;
export const ROUTINES_MAX = 200;
export const ROUTINE_FOLDERS_MAX = 50;

export const RoutineFolderBody = z.strictObject({ name: plainText(1, 100), position: z.number().int().min(0).max(1000).optional() }).meta({ id: 'RoutineFolderBody' });
export type RoutineFolderBody = z.infer<typeof RoutineFolderBody>;

export const RoutineIdParams = z.strictObject({ id: Id });

export const StartRoutineBody = z
  .strictObject({ client_id: ClientId, started_at: IsoDate.optional(), visibility: WorkoutVisibility.optional() })
  .meta({ id: 'StartRoutineBody' });
export type StartRoutineBody = z.infer<typeof StartRoutineBody>;

// ---- records and stats ----

export const RecordsQuery = z.strictObject({ exercise_id: Id.optional() });
export type RecordsQuery = z.infer<typeof RecordsQuery>;
export const RecordList = z.object({ items: z.array(PersonalRecord) }).meta({ id: 'RecordList' });
export type RecordList = z.infer<typeof RecordList>;

export const RecordHistoryQuery = z.strictObject({ kind: RecordKind.optional(), before: cursor, limit: limit(200, 50) });
export type RecordHistoryQuery = z.infer<typeof RecordHistoryQuery>;
export const RecordPage = z.object({ items: z.array(PersonalRecord), next_cursor: z.string().nullable() }).meta({ id: 'RecordPage' });
export type RecordPage = z.infer<typeof RecordPage>;

export const ExerciseStatsQuery = z.strictObject({ from: IsoDate.optional(), to: IsoDate.optional() });
export type ExerciseStatsQuery = z.infer<typeof ExerciseStatsQuery>;
/** One point per finished workout with the exercise, oldest first (at most 1,000). */
export const ExerciseStats = z
  .object({
    exercise_id: Id,
    points: z.array(z.object({ workout_id: Id, date: IsoDate, best_e1rm_kg: z.number().nullable(), top_weight_kg: z.number().nullable(), volume_kg: z.number(), reps: z.number().int() })),
  })
  .meta({ id: 'ExerciseStats' });
export type ExerciseStats = z.infer<typeof ExerciseStats>;

export const WeeklyStatsQuery = z.strictObject({ weeks: z.coerce.number().int().min(1).max(260).default(12) });
export type WeeklyStatsQuery = z.infer<typeof WeeklyStatsQuery>;
/** Weeks start Monday 00:00 UTC; every week of the range is present, oldest first. */
export const WeeklyStats = z
  .object({
    weeks: z.array(
      z.object({
        week_start: z.iso.date(),
        workouts: z.number().int(),
        sets: z.number().int(),
        volume_kg: z.number(),
        /** Each counted set's volume goes to its primary muscles (sets to primary ones, too). */
        muscles: z.array(z.object({ muscle: Muscle, volume_kg: z.number(), sets: z.number().int() })),
      }),
    ),
    /** Consecutive weeks with at least one finished workout, up to this week (this week may still be empty). */
    streak_weeks: z.number().int(),
    total_workouts: z.number().int(),
  })
  .meta({ id: 'WeeklyStats' });
export type WeeklyStats = z.infer<typeof WeeklyStats>;

// ---- body measurements ----

export const BodyMeasurement = z
  .object({ id: Id, client_id: z.string(), measured_at: IsoDate, bodyweight_kg: z.number(), bodyweight: z.number(), bodyweight_unit: WeightUnit })
  .meta({ id: 'BodyMeasurement' });
export type BodyMeasurement = z.infer<typeof BodyMeasurement>;

export const BodyMeasurementBody = z
  .strictObject({
    client_id: ClientId,
    measured_at: IsoDate.optional(),
    bodyweight: z.number().finite().positive(),
    bodyweight_unit: WeightUnit.default('kg'),
  })
  .superRefine((b, ctx) => {
    if (toKg(b.bodyweight, b.bodyweight_unit) > WORKOUT_LIMITS.maxBodyweightKg)
      ctx.addIssue({ code: 'custom', path: ['bodyweight'], message: `must be at most ${WORKOUT_LIMITS.maxBodyweightKg} kg` });
  })
  .meta({ id: 'BodyMeasurementBody' });
export type BodyMeasurementBody = z.input<typeof BodyMeasurementBody>;

export const BodyMeasurementQuery = z.strictObject({ before: cursor, limit: limit(500, 100) });
export type BodyMeasurementQuery = z.infer<typeof BodyMeasurementQuery>;
export const BodyMeasurementPage = z
  .object({ items: z.array(BodyMeasurement), next_cursor: z.string().nullable() })
  .meta({ id: 'BodyMeasurementPage' });
export type BodyMeasurementPage = z.infer<typeof BodyMeasurementPage>;
export const BodyMeasurementIdParams = z.strictObject({ id: Id });

// ---- social: cards, feed, kudos, comments, PR announcements, leaderboards, import/export (workouts-social) ----

/** What a workout card in chat shows, as it was when shared: every reader sees this and nothing more. */
export const WorkoutCardSnapshot = z
  .object({
    owner_id: Id,
    title: z.string(),
    started_at: IsoDate,
    duration_s: z.number().int(),
    volume_kg: z.number(),
    set_count: z.number().int(),
    exercise_count: z.number().int(),
    prs: z.array(z.object({ exercise_id: Id, name_en: z.string(), name_de: z.string(), kind: RecordKind, value: z.number(), weight_kg: z.number().nullable() })),
  })
  .meta({ id: 'WorkoutCardSnapshot' });
export type WorkoutCardSnapshot = z.infer<typeof WorkoutCardSnapshot>;

export const FEED_PAGE_MAX = 50;
export const FeedQuery = z.strictObject({ before: cursor, limit: limit(FEED_PAGE_MAX, 20) });
export type FeedQuery = z.infer<typeof FeedQuery>;

/** A friend's (or my own) finished workout in the feed, with its kudos and comment counts. */
export const FeedItem = z
  .object({
    id: Id,
    owner: PublicUser,
    title: z.string(),
    started_at: IsoDate,
    ended_at: IsoDate.nullable(),
    finished_at: IsoDate,
    visibility: WorkoutVisibility,
    duration_s: z.number().int(),
    volume_kg: z.number(),
    set_count: z.number().int(),
    exercises: z.array(z.object({ exercise_id: Id, name_en: z.string(), name_de: z.string(), sets: z.number().int() })),
    pr_count: z.number().int(),
    kudos_count: z.number().int(),
    /** Whether I gave kudos. */
    has_kudos: z.boolean(),
    comment_count: z.number().int(),
  })
  .meta({ id: 'FeedItem' });
export type FeedItem = z.infer<typeof FeedItem>;

export const FeedPage = z.object({ items: z.array(FeedItem), next_cursor: z.string().nullable() }).meta({ id: 'FeedPage' });
export type FeedPage = z.infer<typeof FeedPage>;

export const KudosState = z.object({ workout_id: Id, kudos_count: z.number().int(), has_kudos: z.boolean() }).meta({ id: 'KudosState' });
export type KudosState = z.infer<typeof KudosState>;

export const COMMENT_MAX_LENGTH = 1000;
export const COMMENT_PAGE_MAX = 100;
export const WorkoutComment = z
  .object({ id: Id, workout_id: Id, author: PublicUser, body: z.string(), created_at: IsoDate })
  .meta({ id: 'WorkoutComment' });
export type WorkoutComment = z.infer<typeof WorkoutComment>;

export const CreateCommentBody = z
  .strictObject({
    body: multilineText(COMMENT_MAX_LENGTH).refine((v) => v.trim().length > 0, { message: 'must not be empty' }),
    /** A retry with the same client_id returns the first comment. */
    client_id: ClientId.optional(),
  })
  .meta({ id: 'CreateCommentBody' });
export type CreateCommentBody = z.infer<typeof CreateCommentBody>;

/** Oldest first; `after` pages on. */
export const CommentQuery = z.strictObject({ after: cursor, limit: limit(COMMENT_PAGE_MAX, 50) });
export type CommentQuery = z.infer<typeof CommentQuery>;
export const CommentPage = z.object({ items: z.array(WorkoutComment), next_cursor: z.string().nullable() }).meta({ id: 'CommentPage' });
export type CommentPage = z.infer<typeof CommentPage>;
export const CommentIdParams = z.strictObject({ id: Id, commentId: Id });

/** Live: a friend finished a workout (to friends who may see it). */
export const FeedWorkoutEvent = FeedItem;
export const WorkoutKudosEvent = z.object({ workout_id: Id, user_id: Id, added: z.boolean(), kudos_count: z.number().int() });
export type WorkoutKudosEvent = z.infer<typeof WorkoutKudosEvent>;
export const WorkoutCommentEvent = z.object({ workout_id: Id, comment: WorkoutComment, deleted: z.boolean(), comment_count: z.number().int() });
export type WorkoutCommentEvent = z.infer<typeof WorkoutCommentEvent>;

export const PR_ROOMS_MAX = 20;
/** The rooms my new PRs are announced in (opt-in; none by default). */
export const PrRooms = z.object({ chatroom_ids: z.array(Id) }).meta({ id: 'PrRooms' });
export type PrRooms = z.infer<typeof PrRooms>;
export const PrRoomsBody = z.strictObject({ chatroom_ids: z.array(Id).max(PR_ROOMS_MAX) }).meta({ id: 'PrRoomsBody' });
export type PrRoomsBody = z.infer<typeof PrRoomsBody>;

export const LeaderboardMetric = z.enum(['weekly_volume', 'consistency', 'relative_strength']);
export type LeaderboardMetric = z.infer<typeof LeaderboardMetric>;
/** week: this ISO week (UTC); last_week; 4_weeks: the last 28 days; 90_days; all: all time. */
export const LeaderboardPeriod = z.enum(['week', 'last_week', '4_weeks', '90_days', 'all']);
export type LeaderboardPeriod = z.infer<typeof LeaderboardPeriod>;
/** What a metric counts over when no period is given: Strava's weekly board, its 90-day Local Legend, all-time strength. */
export const LEADERBOARD_DEFAULT_PERIOD: Record<LeaderboardMetric, LeaderboardPeriod> = { weekly_volume: 'week', consistency: '90_days', relative_strength: 'all' };
export const LEADERBOARD_MAX = 100;
/** A lift this much above the lifter's previous best e1RM is held out of leaderboards until they confirm it. */
export const PLAUSIBILITY_FACTOR = 1.3;

export const LeaderboardQuery = z
  .strictObject({
    scope: z.string().regex(/^(friends|room:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i, '"friends" or "room:<chatroom id>"'),
    metric: LeaderboardMetric,
    period: LeaderboardPeriod.optional(),
    /** relative_strength: the lift. */
    exercise: Id.optional(),
    /** relative_strength: DOTS (needs sex and bodyweight) or e1RM per kg of bodyweight. */
    formula: z.enum(['dots', 'per_kg']).default('per_kg'),
    limit: limit(LEADERBOARD_MAX, 50),
  })
  .refine((q) => q.metric !== 'relative_strength' || q.exercise !== undefined, { path: ['exercise'], message: 'relative_strength needs an exercise' });
export type LeaderboardQuery = z.infer<typeof LeaderboardQuery>;

export const LeaderboardEntry = z.object({
  rank: z.number().int(),
  user: PublicUser,
  /** kg (weekly_volume), training days (consistency), DOTS points or e1RM / bodyweight (relative_strength). */
  value: z.number(),
  /** relative_strength: the e1RM (kg) and bodyweight (kg) behind the value. */
  e1rm_kg: z.number().nullable(),
  bodyweight_kg: z.number().nullable(),
});
export const Leaderboard = z
  .object({
    scope: z.string(),
    metric: LeaderboardMetric,
    period: LeaderboardPeriod,
    exercise_id: Id.nullable(),
    from: IsoDate.nullable(),
    to: IsoDate,
    entries: z.array(LeaderboardEntry),
  })
  .meta({ id: 'Leaderboard' });
export type Leaderboard = z.infer<typeof Leaderboard>;

export const LeaderboardHold = z
  .object({
    id: Id,
    workout_id: Id,
    set_id: Id.nullable(),
    exercise_id: Id.nullable(),
    metric: z.string(),
    value: z.number(),
    previous_best: z.number().nullable(),
    status: z.enum(['pending', 'confirmed', 'rejected']),
    created_at: IsoDate,
  })
  .meta({ id: 'LeaderboardHold' });
export type LeaderboardHold = z.infer<typeof LeaderboardHold>;
export const LeaderboardHoldList = z.object({ items: z.array(LeaderboardHold) }).meta({ id: 'LeaderboardHoldList' });
export type LeaderboardHoldList = z.infer<typeof LeaderboardHoldList>;
export const SetIdParams = z.strictObject({ id: Id, setId: Id });

/** A CSV import: its text in a JSON body (bounded); the format is detected from the header unless named. */
export const IMPORT_MAX_BYTES = 4 * 1024 * 1024;
export const ImportFormat = z.enum(['strong', 'hevy']);
export type ImportFormat = z.infer<typeof ImportFormat>;
export const ImportBody = z
  .strictObject({ format: ImportFormat.optional(), csv: z.string().min(1).max(IMPORT_MAX_BYTES) })
  .meta({ id: 'ImportBody' });
export type ImportBody = z.infer<typeof ImportBody>;
export const ImportResult = z
  .object({
    format: ImportFormat,
    workouts: z.number().int(),
    /** Workouts this import added; a file imported before adds none. */
    created: z.number().int(),
    sets: z.number().int(),
    /** Exercise names no catalog exercise matched: made custom exercises of mine. */
    custom_exercises: z.array(z.string()),
  })
  .meta({ id: 'ImportResult' });
export type ImportResult = z.infer<typeof ImportResult>;

// ---- end social (workouts-social) ----
