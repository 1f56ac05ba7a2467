import { Body, Controller, Param, Query, Res } from '@nestjs/common';
import {
  type BodyMeasurement,
  type BodyMeasurementBody,
  type BodyMeasurementPage,
  type BodyMeasurementQuery,
  type CreateExerciseBody,
  type CreateRoutineBody,
  type CreateWorkoutBody,
  type Exercise,
  type ExercisePage,
  type ExerciseQuery,
  type ExerciseStats,
  type ExerciseStatsQuery,
  type FinishWorkoutBody,
  type PutWorkoutBody,
  type RecordHistoryQuery,
  type RecordList,
  type RecordPage,
  type RecordsQuery,
  type Routine,
  type RoutineFolder,
  type RoutineFolderBody,
  type RoutineList,
  routes,
  type StartRoutineBody,
  type UpdateExerciseBody,
  type UpdateRoutineBody,
  type UpdateWorkoutPreferencesBody,
  type WeeklyStats,
  type WeeklyStatsQuery,
  type Workout,
  type WorkoutListQuery,
  type WorkoutPage,
  type WorkoutPreferences,
  type WorkoutSummary,
} from '@discordgym/contracts';
import type { FastifyReply } from 'fastify';
import { type AuthContext, CurrentAuth } from '../../common/request-context';
import { Route } from '../../common/route.decorator';
import { ZodValidationPipe } from '../../common/zod-validation.pipe';
import { BodyService } from './body.service';
import { ExercisesService } from './exercises.service';
import { RoutinesService } from './routines.service';
import { StatsService } from './stats.service';
import { WorkoutsService } from './workouts.service';

type IdParams = { id: string };

/** Exercises, workouts, preferences, body measurements, records and stats: the training log's REST side. */
@Controller()
export class WorkoutsController {
  constructor(
    private readonly exercises: ExercisesService,
    private readonly workouts: WorkoutsService,
    private readonly body: BodyService,
    private readonly stats: StatsService,
  ) {}

  // ---- exercises ----

  @Route(routes.listExercises)
  listExercises(@CurrentAuth() auth: AuthContext, @Query(new ZodValidationPipe(routes.listExercises.query)) query: ExerciseQuery): Promise<ExercisePage> {
    return this.exercises.list(auth.userId, query);
  }

  @Route(routes.getExercise)
  getExercise(@CurrentAuth() auth: AuthContext, @Param(new ZodValidationPipe(routes.getExercise.params)) params: IdParams): Promise<Exercise> {
    return this.exercises.get(auth.userId, params.id);
  }

  @Route(routes.createExercise)
  createExercise(@CurrentAuth() auth: AuthContext, @Body(new ZodValidationPipe(routes.createExercise.body)) body: CreateExerciseBody): Promise<Exercise> {
    return this.exercises.create(auth.userId, body);
  }

  @Route(routes.updateExercise)
  updateExercise(
    @CurrentAuth() auth: AuthContext,
    @Param(new ZodValidationPipe(routes.updateExercise.params)) params: IdParams,
    @Body(new ZodValidationPipe(routes.updateExercise.body)) body: UpdateExerciseBody,
  ): Promise<Exercise> {
    return this.exercises.update(auth.userId, params.id, body);
  }

  @Route(routes.deleteExercise)
  async deleteExercise(@CurrentAuth() auth: AuthContext, @Param(new ZodValidationPipe(routes.deleteExercise.params)) params: IdParams): Promise<void> {
    await this.exercises.delete(auth.userId, params.id);
  }

  @Route(routes.exerciseRecordHistory)
  recordHistory(
    @CurrentAuth() auth: AuthContext,
    @Param(new ZodValidationPipe(routes.exerciseRecordHistory.params)) params: IdParams,
    @Query(new ZodValidationPipe(routes.exerciseRecordHistory.query)) query: RecordHistoryQuery,
  ): Promise<RecordPage> {
    return this.stats.history(auth.userId, params.id, query);
  }

  // ---- workouts ----

  /** 201 for a new workout; 200 when the client_id was seen before (a retry). */
  @Route(routes.createWorkout)
  async createWorkout(
    @CurrentAuth() auth: AuthContext,
    @Body(new ZodValidationPipe(routes.createWorkout.body)) body: CreateWorkoutBody,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Workout> {
    const { workout, created } = await this.workouts.create(auth.userId, body);
    if (!created) void reply.status(200);
    return workout;
  }

  @Route(routes.listWorkouts)
  listWorkouts(@CurrentAuth() auth: AuthContext, @Query(new ZodValidationPipe(routes.listWorkouts.query)) query: WorkoutListQuery): Promise<WorkoutPage> {
    return this.workouts.list(auth.userId, query);
  }

  @Route(routes.getWorkout)
  getWorkout(@CurrentAuth() auth: AuthContext, @Param(new ZodValidationPipe(routes.getWorkout.params)) params: IdParams): Promise<Workout> {
    return this.workouts.get(auth.userId, params.id);
  }

  @Route(routes.putWorkout)
  putWorkout(
    @CurrentAuth() auth: AuthContext,
    @Param(new ZodValidationPipe(routes.putWorkout.params)) params: IdParams,
    @Body(new ZodValidationPipe(routes.putWorkout.body)) body: PutWorkoutBody,
  ): Promise<Workout> {
    return this.workouts.put(auth.userId, params.id, body);
  }

  @Route(routes.deleteWorkout)
  async deleteWorkout(@CurrentAuth() auth: AuthContext, @Param(new ZodValidationPipe(routes.deleteWorkout.params)) params: IdParams): Promise<void> {
    await this.workouts.delete(auth.userId, params.id);
  }

  @Route(routes.finishWorkout)
  finishWorkout(
    @CurrentAuth() auth: AuthContext,
    @Param(new ZodValidationPipe(routes.finishWorkout.params)) params: IdParams,
    @Body(new ZodValidationPipe(routes.finishWorkout.body)) body: FinishWorkoutBody,
  ): Promise<WorkoutSummary> {
    return this.workouts.finish(auth.userId, params.id, body);
  }

  @Route(routes.workoutSummary)
  workoutSummary(@CurrentAuth() auth: AuthContext, @Param(new ZodValidationPipe(routes.workoutSummary.params)) params: IdParams): Promise<WorkoutSummary> {
    return this.workouts.summary(auth.userId, params.id);
  }

  // ---- preferences, body measurements ----

  @Route(routes.getWorkoutPreferences)
  preferences(@CurrentAuth() auth: AuthContext): Promise<WorkoutPreferences> {
    return this.body.preferences(auth.userId);
  }

  @Route(routes.updateWorkoutPreferences)
  updatePreferences(
    @CurrentAuth() auth: AuthContext,
    @Body(new ZodValidationPipe(routes.updateWorkoutPreferences.body)) body: UpdateWorkoutPreferencesBody,
  ): Promise<WorkoutPreferences> {
    return this.body.updatePreferences(auth.userId, body);
  }

  @Route(routes.listBodyMeasurements)
  listBody(@CurrentAuth() auth: AuthContext, @Query(new ZodValidationPipe(routes.listBodyMeasurements.query)) query: BodyMeasurementQuery): Promise<BodyMeasurementPage> {
    return this.body.list(auth.userId, query);
  }

  /** 201 for a new measurement; 200 for a retry of the same client_id. */
  @Route(routes.createBodyMeasurement)
  async createBody(
    @CurrentAuth() auth: AuthContext,
    @Body(new ZodValidationPipe(routes.createBodyMeasurement.body)) body: BodyMeasurementBody,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<BodyMeasurement> {
    const { measurement, created } = await this.body.create(auth.userId, body);
    if (!created) void reply.status(200);
    return measurement;
  }

  @Route(routes.deleteBodyMeasurement)
  async deleteBody(@CurrentAuth() auth: AuthContext, @Param(new ZodValidationPipe(routes.deleteBodyMeasurement.params)) params: IdParams): Promise<void> {
    await this.body.delete(auth.userId, params.id);
  }

  // ---- records, stats ----

  @Route(routes.listRecords)
  records(@CurrentAuth() auth: AuthContext, @Query(new ZodValidationPipe(routes.listRecords.query)) query: RecordsQuery): Promise<RecordList> {
    return this.stats.records(auth.userId, query);
  }

  @Route(routes.exerciseStats)
  exerciseStats(
    @CurrentAuth() auth: AuthContext,
    @Param(new ZodValidationPipe(routes.exerciseStats.params)) params: IdParams,
    @Query(new ZodValidationPipe(routes.exerciseStats.query)) query: ExerciseStatsQuery,
  ): Promise<ExerciseStats> {
    return this.stats.exercise(auth.userId, params.id, query);
  }

  @Route(routes.weeklyStats)
  weeklyStats(@CurrentAuth() auth: AuthContext, @Query(new ZodValidationPipe(routes.weeklyStats.query)) query: WeeklyStatsQuery): Promise<WeeklyStats> {
    return this.stats.weekly(auth.userId, query);
  }
}

/** Routine folders and routines, and starting a workout from one. */
@Controller()
export class RoutinesController {
  constructor(private readonly routines: RoutinesService) {}

  @Route(routes.listRoutines)
  list(@CurrentAuth() auth: AuthContext): Promise<RoutineList> {
    return this.routines.list(auth.userId);
  }

  @Route(routes.createRoutine)
  create(@CurrentAuth() auth: AuthContext, @Body(new ZodValidationPipe(routes.createRoutine.body)) body: CreateRoutineBody): Promise<Routine> {
    return this.routines.create(auth.userId, body);
  }

  @Route(routes.getRoutine)
  get(@CurrentAuth() auth: AuthContext, @Param(new ZodValidationPipe(routes.getRoutine.params)) params: IdParams): Promise<Routine> {
    return this.routines.get(auth.userId, params.id);
  }

  @Route(routes.updateRoutine)
  update(
    @CurrentAuth() auth: AuthContext,
    @Param(new ZodValidationPipe(routes.updateRoutine.params)) params: IdParams,
    @Body(new ZodValidationPipe(routes.updateRoutine.body)) body: UpdateRoutineBody,
  ): Promise<Routine> {
    return this.routines.update(auth.userId, params.id, body);
  }

  @Route(routes.deleteRoutine)
  async delete(@CurrentAuth() auth: AuthContext, @Param(new ZodValidationPipe(routes.deleteRoutine.params)) params: IdParams): Promise<void> {
    await this.routines.delete(auth.userId, params.id);
  }

  /** 201 for a new workout; 200 when the client_id was seen before. */
  @Route(routes.startRoutine)
  async start(
    @CurrentAuth() auth: AuthContext,
    @Param(new ZodValidationPipe(routes.startRoutine.params)) params: IdParams,
    @Body(new ZodValidationPipe(routes.startRoutine.body)) body: StartRoutineBody,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Workout> {
    const { workout, created } = await this.routines.start(auth.userId, params.id, body);
    if (!created) void reply.status(200);
    return workout;
  }

  @Route(routes.createRoutineFolder)
  createFolder(@CurrentAuth() auth: AuthContext, @Body(new ZodValidationPipe(routes.createRoutineFolder.body)) body: RoutineFolderBody): Promise<RoutineFolder> {
    return this.routines.createFolder(auth.userId, body);
  }

  @Route(routes.updateRoutineFolder)
  updateFolder(
    @CurrentAuth() auth: AuthContext,
    @Param(new ZodValidationPipe(routes.updateRoutineFolder.params)) params: IdParams,
    @Body(new ZodValidationPipe(routes.updateRoutineFolder.body)) body: RoutineFolderBody,
  ): Promise<RoutineFolder> {
    return this.routines.updateFolder(auth.userId, params.id, body);
  }

  @Route(routes.deleteRoutineFolder)
  async deleteFolder(@CurrentAuth() auth: AuthContext, @Param(new ZodValidationPipe(routes.deleteRoutineFolder.params)) params: IdParams): Promise<void> {
    await this.routines.deleteFolder(auth.userId, params.id);
  }
}
