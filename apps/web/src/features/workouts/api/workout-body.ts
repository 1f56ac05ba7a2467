import type { PutWorkoutBody, Workout } from '@discordgym/contracts';
import { newClientId } from '../../../lib/storage/client-id';
import type { LiveExercise, LiveWorkout } from './live-workout.store';

/** The live workout as the whole document PUT /api/workouts/:id takes (matched by client_id there). */
export function toPutBody(workout: LiveWorkout, endedAt: string | null): PutWorkoutBody {
  return {
    title: workout.title.trim() || 'Workout',
    notes: workout.notes.trim() || null,
    started_at: workout.started_at,
    ended_at: workout.ended_at ?? endedAt,
    visibility: workout.visibility,
    exercises: workout.exercises.map((e) => ({
      client_id: e.client_id,
      exercise_id: e.exercise_id,
      superset_group: e.superset_group,
      rest_seconds: e.rest_seconds,
      notes: e.notes.trim() || null,
      sets: e.sets.map((s) => ({
        client_id: s.client_id,
        type: s.type,
        weight: s.weight,
        weight_unit: s.weight_unit,
        reps: s.reps,
        rpe: s.rpe,
        distance: s.distance,
        distance_unit: s.distance_unit,
        duration_s: s.duration_s,
        done: s.done,
        completed_at: s.completed_at,
      })),
    })),
  };
}

/** A workout from the server (started from a routine, or opened for editing) as the logger holds it. */
export function fromWorkout(workout: Workout, locale: string): LiveWorkout {
  return {
    client_id: workout.client_id,
    title: workout.title,
    started_at: workout.started_at,
    notes: workout.notes ?? '',
    visibility: workout.visibility,
    routine_id: workout.routine_id,
    ended_at: workout.ended_at,
    exercises: workout.exercises.map(
      (e): LiveExercise => ({
        client_id: e.client_id || newClientId(),
        exercise_id: e.exercise.id,
        name: locale === 'de' ? e.exercise.name_de : e.exercise.name_en,
        tracking_type: e.exercise.tracking_type,
        superset_group: e.superset_group,
        rest_seconds: e.rest_seconds,
        notes: e.notes ?? '',
        previous: e.previous,
        sets: e.sets.map((s) => ({
          client_id: s.client_id,
          type: s.type,
          weight: s.weight,
          weight_unit: s.weight_unit ?? 'kg',
          reps: s.reps,
          rpe: s.rpe,
          distance: s.distance,
          distance_unit: s.distance_unit ?? 'km',
          duration_s: s.duration_s,
          done: s.done,
          completed_at: s.completed_at,
        })),
      }),
    ),
  };
}
