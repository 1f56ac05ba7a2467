import type {
  BodyMeasurement,
  Equipment,
  Exercise,
  Muscle,
  PersonalRecord,
  PreviousSet,
  RecordKind,
  SetDistanceUnit,
  SetType,
  TrackingType,
  WeightUnit,
  Workout,
  WorkoutSet,
  WorkoutVisibility,
} from '@discordgym/contracts';
import { AppError } from '../../common/app-error';
import type { BodyMeasurementRow, ExerciseRow, RecordRow, WorkoutExerciseRow, WorkoutRow, WorkoutSetRow } from './workouts.repository';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export function toExercise(row: ExerciseRow): Exercise {
  return {
    id: row.id,
    owner_id: row.ownerId,
    slug: row.slug,
    custom: row.ownerId !== null,
    name_en: row.nameEn,
    name_de: row.nameDe,
    primary_muscles: row.primaryMuscles as Muscle[],
    secondary_muscles: row.secondaryMuscles as Muscle[],
    equipment: row.equipment as Equipment,
    tracking_type: row.trackingType as TrackingType,
  };
}

export function toSet(row: WorkoutSetRow): WorkoutSet {
  return {
    id: row.id,
    client_id: row.clientId,
    position: row.position,
    type: row.type as SetType,
    weight_kg: row.weightKg,
    weight: row.weightInput,
    weight_unit: row.weightUnit as WeightUnit | null,
    reps: row.reps,
    rpe: row.rpe,
    distance_m: row.distanceM,
    distance: row.distanceInput,
    distance_unit: row.distanceUnit as SetDistanceUnit | null,
    duration_s: row.durationS,
    done: row.done,
    completed_at: iso(row.completedAt),
  };
}

export function toPreviousSet(row: WorkoutSetRow): PreviousSet {
  return {
    type: row.type as SetType,
    weight_kg: row.weightKg,
    weight: row.weightInput,
    weight_unit: row.weightUnit as WeightUnit | null,
    reps: row.reps,
    distance_m: row.distanceM,
    distance: row.distanceInput,
    distance_unit: row.distanceUnit as SetDistanceUnit | null,
    duration_s: row.durationS,
  };
}

export function toWorkout(
  row: WorkoutRow,
  exerciseRows: WorkoutExerciseRow[],
  sets: WorkoutSetRow[],
  catalog: Map<string, ExerciseRow>,
  previous: Map<string, WorkoutSetRow[]>,
): Workout {
  return {
    id: row.id,
    client_id: row.clientId,
    user_id: row.userId,
    title: row.title,
    notes: row.notes,
    started_at: row.startedAt.toISOString(),
    ended_at: iso(row.endedAt),
    finished_at: iso(row.finishedAt),
    visibility: row.visibility as WorkoutVisibility,
    routine_id: row.routineId,
    source: row.source,
    revision: row.revision,
    volume_kg: row.volumeKg,
    set_count: row.setCount,
    exercises: exerciseRows
      .slice()
      .sort((a, b) => a.position - b.position)
      .map((e) => ({
        id: e.id,
        client_id: e.clientId,
        position: e.position,
        exercise: toExercise(catalog.get(e.exerciseId)!),
        superset_group: e.supersetGroup,
        rest_seconds: e.restSeconds,
        notes: e.notes,
        sets: sets
          .filter((s) => s.workoutExerciseId === e.id)
          .sort((a, b) => a.position - b.position)
          .map(toSet),
        previous: (previous.get(e.exerciseId) ?? []).map(toPreviousSet),
      })),
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

export function toRecord(row: RecordRow): PersonalRecord {
  return {
    id: row.id,
    exercise_id: row.exerciseId,
    kind: row.kind as RecordKind,
    weight_kg: row.weightKg,
    value: row.value,
    previous_value: row.previousValue,
    workout_id: row.workoutId,
    set_id: row.setId,
    achieved_at: row.achievedAt.toISOString(),
    current: row.current,
  };
}

export function toBodyMeasurement(row: BodyMeasurementRow): BodyMeasurement {
  return {
    id: row.id,
    client_id: row.clientId,
    measured_at: row.measuredAt.toISOString(),
    bodyweight_kg: row.bodyweightKg,
    bodyweight: row.bodyweightInput,
    bodyweight_unit: row.bodyweightUnit as WeightUnit,
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Cursors are opaque: base64url of a JSON tuple; anything else is a 400 naming the field. */
export function encodeCursor(parts: Array<string | number>): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

export function decodeCursor<T extends Array<string | number>>(cursor: string | undefined, field: string, shape: Array<'id' | 'date' | 'string'>): T | undefined {
  if (cursor === undefined) return undefined;
  const bad = () => new AppError('VALIDATION_FAILED', 'The request is not valid', [{ path: field, message: 'not a cursor from this API' }]);
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(cursor, 'base64url').toString());
  } catch {
    throw bad();
  }
  if (!Array.isArray(parts) || parts.length !== shape.length) throw bad();
  shape.forEach((kind, i) => {
    const v: unknown = parts[i];
    if (typeof v !== 'string' || v.length > 200) throw bad();
    if (kind === 'id' && !UUID.test(v)) throw bad();
    if (kind === 'date' && Number.isNaN(Date.parse(v))) throw bad();
  });
  return parts as T;
}

