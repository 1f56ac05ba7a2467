import type {
  BodyMeasurementBody,
  CreateRoutineBody,
  CreateWorkoutBody,
  ExerciseQuery,
  PutWorkoutBody,
  RoutineFolderBody,
  StartRoutineBody,
  UpdateRoutineBody,
  UpdateWorkoutPreferencesBody,
} from '@discordgym/contracts';
import { api } from '../../../lib/api/api-client';

export const workoutKeys = {
  all: ['workouts'] as const,
  list: ['workouts', 'list'] as const,
  detail: (id: string) => ['workouts', 'detail', id] as const,
  summary: (id: string) => ['workouts', 'summary', id] as const,
  exercises: (q: Partial<ExerciseQuery>) => ['workouts', 'exercises', q] as const,
  routines: ['workouts', 'routines'] as const,
  preferences: ['workouts', 'preferences'] as const,
  records: ['workouts', 'records'] as const,
  exerciseStats: (id: string) => ['workouts', 'stats', 'exercise', id] as const,
  weekly: (weeks: number) => ['workouts', 'stats', 'weekly', weeks] as const,
  body: ['workouts', 'body'] as const,
  feed: ['workouts', 'feed'] as const,
  comments: (id: string) => ['workouts', 'comments', id] as const,
  leaderboard: (scope: string, metric: string, period: string) => ['workouts', 'leaderboard', scope, metric, period] as const,
};

export const workoutApi = {
  create: (body: CreateWorkoutBody) => api('createWorkout', { body }),
  put: (id: string, body: PutWorkoutBody) => api('putWorkout', { params: { id }, body }),
  finish: (id: string, ended_at: string) => api('finishWorkout', { params: { id }, body: { ended_at } }),
  remove: (id: string) => api('deleteWorkout', { params: { id } }),
  get: (id: string, signal?: AbortSignal) => api('getWorkout', { params: { id }, signal }),
  summary: (id: string, signal?: AbortSignal) => api('workoutSummary', { params: { id }, signal }),
  list: (before: string | undefined, signal?: AbortSignal) => api('listWorkouts', { query: { before, limit: 20 }, signal }),
  exercises: (query: Partial<ExerciseQuery>, signal?: AbortSignal) => api('listExercises', { query: { limit: 200, ...query }, signal }),
  routines: (signal?: AbortSignal) => api('listRoutines', { signal }),
  createRoutine: (body: CreateRoutineBody) => api('createRoutine', { body }),
  updateRoutine: (id: string, body: UpdateRoutineBody) => api('updateRoutine', { params: { id }, body }),
  deleteRoutine: (id: string) => api('deleteRoutine', { params: { id } }),
  startRoutine: (id: string, body: StartRoutineBody) => api('startRoutine', { params: { id }, body }),
  createFolder: (body: RoutineFolderBody) => api('createRoutineFolder', { body }),
  deleteFolder: (id: string) => api('deleteRoutineFolder', { params: { id } }),
  preferences: (signal?: AbortSignal) => api('getWorkoutPreferences', { signal }),
  updatePreferences: (body: UpdateWorkoutPreferencesBody) => api('updateWorkoutPreferences', { body }),
  records: (signal?: AbortSignal) => api('listRecords', { query: {}, signal }),
  exerciseStats: (id: string, signal?: AbortSignal) => api('exerciseStats', { params: { id }, query: {}, signal }),
  weekly: (weeks: number, signal?: AbortSignal) => api('weeklyStats', { query: { weeks }, signal }),
  bodyMeasurements: (signal?: AbortSignal) => api('listBodyMeasurements', { query: { limit: 200 }, signal }),
  logBodyweight: (body: BodyMeasurementBody) => api('createBodyMeasurement', { body }),
};

export const socialApi = {
  feed: (before: string | undefined, signal?: AbortSignal) => api('feed', { query: { before, limit: 20 }, signal }),
  kudos: (id: string, give: boolean) => api(give ? 'giveKudos' : 'takeKudos', { params: { id } }),
  comments: (id: string, signal?: AbortSignal) => api('listComments', { params: { id }, query: { limit: 100 }, signal }),
  comment: (id: string, body: string, client_id: string) => api('createComment', { params: { id }, body: { body, client_id } }),
  leaderboard: (query: { scope: string; metric: 'weekly_volume' | 'consistency' | 'relative_strength'; period?: 'week' | 'last_week' | '4_weeks' | '90_days' | 'all'; exercise?: string }, signal?: AbortSignal) =>
    api('leaderboard', { query, signal }),
  holds: (signal?: AbortSignal) => api('leaderboardHolds', { signal }),
  confirmSet: (id: string, setId: string) => api('confirmSet', { params: { id, setId } }),
  importCsv: (csv: string) => api('importWorkouts', { body: { csv } }),
};
