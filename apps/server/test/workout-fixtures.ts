import type { CreateWorkoutBody, SetInput, Workout, WorkoutExerciseInput } from '@discordgym/contracts';
import { count } from 'drizzle-orm';
import { expect } from 'vitest';
import { catalogExerciseId } from '../src/modules/workouts/exercise-catalog.data';
import {
  bodyMeasurements,
  domainEvents,
  exercises,
  personalRecords,
  routineExercises,
  routineFolders,
  routines,
  routineSets,
  workoutExercises,
  workoutPreferences,
  workouts,
  workoutSets,
} from '../src/infra/db/schema';
import type { ApiClient, ApiResponse } from './api-client';
import { type ChatUser, clientId } from './chat-fixtures';
import { expectError } from './expect-error';
import type { TestServer } from './harness';

/** Built-in exercises by slug (their ids are fixed). */
export const BENCH = catalogExerciseId('bench-press-barbell');
export const SQUAT = catalogExerciseId('squat-barbell');
export const PULL_UP = catalogExerciseId('pull-up');
export const RUNNING = catalogExerciseId('running');
export const PLANK = catalogExerciseId('plank');

export const set = (weight: number | null, reps: number | null, extra: Partial<SetInput> = {}): SetInput => ({
  client_id: clientId(),
  weight,
  reps,
  done: true,
  ...extra,
});

export const exercise = (exerciseId: string, sets: SetInput[], extra: Partial<WorkoutExerciseInput> = {}): WorkoutExerciseInput => ({
  client_id: clientId(),
  exercise_id: exerciseId,
  sets,
  ...extra,
});

let day = 0;
/** Distinct, increasing start times in the past, so record order is the order of the calls. */
export function nextStart(): { started_at: string; ended_at: string } {
  day++;
  const start = new Date(Date.UTC(2025, 0, 1) + day * 86_400_000);
  return { started_at: start.toISOString(), ended_at: new Date(start.getTime() + 3_600_000).toISOString() };
}

/** Logs a finished past workout. */
export async function logWorkout(api: ApiClient, user: ChatUser, list: WorkoutExerciseInput[], extra: Partial<CreateWorkoutBody> = {}): Promise<Workout> {
  const response = await api.post<Workout>('/api/workouts', { client_id: clientId(), ...nextStart(), finish: true, exercises: list, ...extra }, { token: user.token });
  expect(response.status, JSON.stringify(response.body).slice(0, 500)).toBe(201);
  return response.body;
}

export async function workoutRowCounts(sut: TestServer): Promise<Record<string, number>> {
  const db = sut.server.infra.database.db;
  const tables = { workouts, workoutExercises, workoutSets, personalRecords, bodyMeasurements, workoutPreferences, routines, routineFolders, routineExercises, routineSets, exercises, domainEvents };
  const out: Record<string, number> = {};
  for (const [name, table] of Object.entries(tables)) {
    const [row] = await db.select({ n: count() }).from(table);
    out[name] = row!.n;
  }
  return out;
}

/** One refused request: the status and code in the error shape, and no workout row written anywhere. */
export async function expectWorkoutRefused(sut: TestServer, status: number, code: string, send: () => Promise<ApiResponse>): Promise<ApiResponse> {
  const before = await workoutRowCounts(sut);
  const response = await send();
  expectError(response, status, code as never);
  expect(await workoutRowCounts(sut)).toEqual(before);
  return response;
}
