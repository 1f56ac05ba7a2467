import { Injectable } from '@nestjs/common';
import { and, asc, desc, eq, inArray, isNotNull, isNull, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import { Database, type Db, type Executor } from '../../infra/db/database';
import {
  bodyMeasurements,
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
} from '../../infra/db/schema';
import type { RecordSet } from './records';

export type ExerciseRow = typeof exercises.$inferSelect;
export type WorkoutRow = typeof workouts.$inferSelect;
export type WorkoutExerciseRow = typeof workoutExercises.$inferSelect;
export type WorkoutSetRow = typeof workoutSets.$inferSelect;
export type RecordRow = typeof personalRecords.$inferSelect;
export type PreferencesRow = typeof workoutPreferences.$inferSelect;
export type BodyMeasurementRow = typeof bodyMeasurements.$inferSelect;
export type RoutineRow = typeof routines.$inferSelect;
export type RoutineFolderRow = typeof routineFolders.$inferSelect;
export type RoutineExerciseRow = typeof routineExercises.$inferSelect;
export type RoutineSetRow = typeof routineSets.$inferSelect;

export interface ExerciseFilter {
  userId: string;
  q?: string | undefined;
  muscle?: string | undefined;
  equipment?: string | undefined;
  trackingType?: string | undefined;
  customOnly?: boolean | undefined;
  after?: { name: string; id: string } | undefined;
  limit: number;
}

/** Raw SQL for what the query builder says poorly (DISTINCT ON, lateral unnest); rows as typed. */
async function exec<T>(db: Executor, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows?: T[] };
  return result.rows ?? [];
}

/** Every query of the training log (exercises, workouts, records, routines, stats). */
@Injectable()
export class WorkoutsRepository {
  constructor(private readonly database: Database) {}

  get db(): Db {
    return this.database.db;
  }

  transaction<T>(work: (tx: Executor) => Promise<T>): Promise<T> {
    return this.db.transaction((tx) => work(tx as unknown as Executor));
  }

  // ---- exercises ----

  async listExercises(f: ExerciseFilter): Promise<ExerciseRow[]> {
    const where: SQL[] = [isNull(exercises.deletedAt)];
    where.push(f.customOnly ? eq(exercises.ownerId, f.userId) : or(isNull(exercises.ownerId), eq(exercises.ownerId, f.userId))!);
    if (f.q) {
      const pattern = `%${f.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      where.push(or(sql`lower(${exercises.nameEn}) like ${pattern}`, sql`lower(${exercises.nameDe}) like ${pattern}`)!);
    }
    if (f.muscle) where.push(or(sql`${f.muscle} = any(${exercises.primaryMuscles})`, sql`${f.muscle} = any(${exercises.secondaryMuscles})`)!);
    if (f.equipment) where.push(eq(exercises.equipment, f.equipment));
    if (f.trackingType) where.push(eq(exercises.trackingType, f.trackingType));
    if (f.after) where.push(sql`(lower(${exercises.nameEn}), ${exercises.id}) > (${f.after.name}, ${f.after.id})`);
    return this.db
      .select()
      .from(exercises)
      .where(and(...where))
      .orderBy(sql`lower(${exercises.nameEn})`, asc(exercises.id))
      .limit(f.limit);
  }

  async exerciseById(id: string, tx: Executor = this.db): Promise<ExerciseRow | undefined> {
    const [row] = await tx.select().from(exercises).where(eq(exercises.id, id)).limit(1);
    return row;
  }

  async exercisesByIds(ids: string[], tx: Executor = this.db): Promise<ExerciseRow[]> {
    if (!ids.length) return [];
    return tx.select().from(exercises).where(inArray(exercises.id, [...new Set(ids)]));
  }

  async insertExercise(row: typeof exercises.$inferInsert): Promise<ExerciseRow> {
    const [created] = await this.db.insert(exercises).values(row).returning();
    return created!;
  }

  async updateExercise(id: string, patch: Partial<typeof exercises.$inferInsert>): Promise<ExerciseRow> {
    const [updated] = await this.db
      .update(exercises)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(exercises.id, id))
      .returning();
    return updated!;
  }

  // ---- workouts ----

  async workoutById(id: string, tx: Executor = this.db): Promise<WorkoutRow | undefined> {
    const [row] = await tx.select().from(workouts).where(eq(workouts.id, id)).limit(1);
    return row;
  }

  /** Locks the workout row for the rest of the transaction: two syncs of one workout run one after the other. */
  async lockWorkout(tx: Executor, id: string): Promise<WorkoutRow | undefined> {
    const [row] = await tx.select().from(workouts).where(eq(workouts.id, id)).for('update').limit(1);
    return row;
  }

  async workoutByClientId(userId: string, clientId: string, tx: Executor = this.db): Promise<WorkoutRow | undefined> {
    const [row] = await tx
      .select()
      .from(workouts)
      .where(and(eq(workouts.userId, userId), eq(workouts.clientId, clientId)))
      .limit(1);
    return row;
  }

  /** Inserts unless the user already has this client_id; undefined then (the caller returns the first). */
  async insertWorkout(tx: Executor, row: typeof workouts.$inferInsert): Promise<WorkoutRow | undefined> {
    const [created] = await tx
      .insert(workouts)
      .values(row)
      .onConflictDoNothing({ target: [workouts.userId, workouts.clientId] })
      .returning();
    return created;
  }

  async updateWorkout(tx: Executor, id: string, patch: Partial<typeof workouts.$inferInsert>): Promise<WorkoutRow> {
    const [updated] = await tx.update(workouts).set(patch).where(eq(workouts.id, id)).returning();
    return updated!;
  }

  async deleteWorkout(tx: Executor, id: string): Promise<void> {
    await tx.delete(workouts).where(eq(workouts.id, id));
  }

  async listWorkouts(userId: string, before: { startedAt: Date; id: string } | undefined, limit: number): Promise<WorkoutRow[]> {
    const where = [eq(workouts.userId, userId)];
    if (before) where.push(sql`(${workouts.startedAt}, ${workouts.id}) < (${before.startedAt.toISOString()}::timestamptz, ${before.id})`);
    return this.db
      .select()
      .from(workouts)
      .where(and(...where))
      .orderBy(desc(workouts.startedAt), desc(workouts.id))
      .limit(limit);
  }

  async workoutExercisesOf(workoutIds: string[], tx: Executor = this.db): Promise<WorkoutExerciseRow[]> {
    if (!workoutIds.length) return [];
    return tx.select().from(workoutExercises).where(inArray(workoutExercises.workoutId, workoutIds)).orderBy(asc(workoutExercises.position));
  }

  async setsOf(workoutExerciseIds: string[], tx: Executor = this.db): Promise<WorkoutSetRow[]> {
    if (!workoutExerciseIds.length) return [];
    return tx.select().from(workoutSets).where(inArray(workoutSets.workoutExerciseId, workoutExerciseIds)).orderBy(asc(workoutSets.position));
  }

  /** Per workout: its exercises (name and set count) for a list line. */
  async listLines(workoutIds: string[]): Promise<Array<{ workoutId: string; exerciseId: string; nameEn: string; nameDe: string; sets: number }>> {
    if (!workoutIds.length) return [];
    return this.db
      .select({
        workoutId: workoutExercises.workoutId,
        exerciseId: workoutExercises.exerciseId,
        nameEn: exercises.nameEn,
        nameDe: exercises.nameDe,
        sets: sql<number>`(select count(*)::int from ${workoutSets} s where s.workout_exercise_id = ${workoutExercises.id})`,
      })
      .from(workoutExercises)
      .innerJoin(exercises, eq(exercises.id, workoutExercises.exerciseId))
      .where(inArray(workoutExercises.workoutId, workoutIds))
      .orderBy(asc(workoutExercises.workoutId), asc(workoutExercises.position));
  }

  async prCounts(workoutIds: string[]): Promise<Map<string, number>> {
    if (!workoutIds.length) return new Map();
    const rows = await this.db
      .select({ workoutId: personalRecords.workoutId, n: sql<number>`count(*)::int` })
      .from(personalRecords)
      .where(and(inArray(personalRecords.workoutId, workoutIds), eq(personalRecords.current, true), isNotNull(personalRecords.previousValue)))
      .groupBy(personalRecords.workoutId);
    return new Map(rows.map((r) => [r.workoutId, r.n]));
  }

  async insertExercises(tx: Executor, rows: Array<typeof workoutExercises.$inferInsert>): Promise<void> {
    if (rows.length) await tx.insert(workoutExercises).values(rows);
  }

  async updateWorkoutExercise(tx: Executor, id: string, patch: Partial<typeof workoutExercises.$inferInsert>): Promise<void> {
    await tx.update(workoutExercises).set(patch).where(eq(workoutExercises.id, id));
  }

  async deleteWorkoutExercises(tx: Executor, ids: string[]): Promise<void> {
    if (ids.length) await tx.delete(workoutExercises).where(inArray(workoutExercises.id, ids));
  }

  async insertSets(tx: Executor, rows: Array<typeof workoutSets.$inferInsert>): Promise<void> {
    if (rows.length) await tx.insert(workoutSets).values(rows);
  }

  async updateSet(tx: Executor, id: string, patch: Partial<typeof workoutSets.$inferInsert>): Promise<void> {
    await tx.update(workoutSets).set(patch).where(eq(workoutSets.id, id));
  }

  async deleteSets(tx: Executor, ids: string[]): Promise<void> {
    if (ids.length) await tx.delete(workoutSets).where(inArray(workoutSets.id, ids));
  }

  /**
   * For each exercise: the sets of the last finished workout of the user that started before
   * `before` and has it ("previous: 80 kg × 5").
   */
  async previousSets(userId: string, exerciseIds: string[], before: Date, excludeWorkoutId?: string): Promise<Map<string, WorkoutSetRow[]>> {
    const out = new Map<string, WorkoutSetRow[]>();
    if (!exerciseIds.length) return out;
    const last = await exec<{ exercise_id: string; id: string }>(this.db, sql`
      select distinct on (we.exercise_id) we.exercise_id, we.id
      from ${workoutExercises} we join ${workouts} w on w.id = we.workout_id
      where we.user_id = ${userId} and we.exercise_id in (${sql.join(
        [...new Set(exerciseIds)].map((id) => sql`${id}`),
        sql`, `,
      )})
        and w.finished_at is not null and w.started_at < ${before.toISOString()}::timestamptz
        ${excludeWorkoutId ? sql`and w.id <> ${excludeWorkoutId}` : sql``}
      order by we.exercise_id, w.started_at desc, we.position`);
    const rows = last;
    const sets = await this.setsOf(rows.map((r) => r.id));
    for (const r of rows) out.set(r.exercise_id, sets.filter((s) => s.workoutExerciseId === r.id));
    return out;
  }

  // ---- records ----

  /** Every done set of one exercise in the user's finished workouts, in the order they were done. */
  async recordSets(tx: Executor, userId: string, exerciseId: string): Promise<RecordSet[]> {
    const rows = await tx
      .select({
        setId: workoutSets.id,
        workoutId: workouts.id,
        achievedAt: workouts.startedAt,
        type: workoutSets.type,
        weightKg: workoutSets.weightKg,
        reps: workoutSets.reps,
        distanceM: workoutSets.distanceM,
        durationS: workoutSets.durationS,
      })
      .from(workoutExercises)
      .innerJoin(workouts, eq(workouts.id, workoutExercises.workoutId))
      .innerJoin(workoutSets, eq(workoutSets.workoutExerciseId, workoutExercises.id))
      .where(
        and(
          eq(workoutExercises.userId, userId),
          eq(workoutExercises.exerciseId, exerciseId),
          isNotNull(workouts.finishedAt),
          eq(workoutSets.done, true),
          ne(workoutSets.type, 'warmup'),
        ),
      )
      .orderBy(asc(workouts.startedAt), asc(workouts.id), asc(workoutExercises.position), asc(workoutSets.position));
    return rows.map((r) => ({ ...r, type: r.type as RecordSet['type'] }));
  }

  /** The done sets of one workout, per exercise, in the order they were done. */
  async workoutRecordSets(tx: Executor, workoutId: string): Promise<Array<RecordSet & { exerciseId: string }>> {
    const rows = await tx
      .select({
        exerciseId: workoutExercises.exerciseId,
        setId: workoutSets.id,
        workoutId: workouts.id,
        achievedAt: workouts.startedAt,
        type: workoutSets.type,
        weightKg: workoutSets.weightKg,
        reps: workoutSets.reps,
        distanceM: workoutSets.distanceM,
        durationS: workoutSets.durationS,
      })
      .from(workoutExercises)
      .innerJoin(workouts, eq(workouts.id, workoutExercises.workoutId))
      .innerJoin(workoutSets, eq(workoutSets.workoutExerciseId, workoutExercises.id))
      .where(and(eq(workoutExercises.workoutId, workoutId), eq(workoutSets.done, true), ne(workoutSets.type, 'warmup')))
      .orderBy(asc(workoutExercises.position), asc(workoutSets.position));
    return rows.map((r) => ({ ...r, type: r.type as RecordSet['type'] }));
  }

  async recordsOf(tx: Executor, userId: string, exerciseIds: string[], currentOnly: boolean): Promise<RecordRow[]> {
    if (!exerciseIds.length) return [];
    const where = [eq(personalRecords.userId, userId), inArray(personalRecords.exerciseId, exerciseIds)];
    if (currentOnly) where.push(eq(personalRecords.current, true));
    return tx.select().from(personalRecords).where(and(...where));
  }

  /** True when some other finished workout of the user started later: a finish must then rebuild, not append. */
  async finishedAfter(tx: Executor, userId: string, startedAt: Date, exceptId: string): Promise<boolean> {
    const [row] = await tx
      .select({ id: workouts.id })
      .from(workouts)
      .where(and(eq(workouts.userId, userId), isNotNull(workouts.finishedAt), ne(workouts.id, exceptId), sql`${workouts.startedAt} >= ${startedAt.toISOString()}::timestamptz`))
      .limit(1);
    return !!row;
  }

  async insertRecords(tx: Executor, rows: Array<typeof personalRecords.$inferInsert>): Promise<void> {
    if (rows.length) await tx.insert(personalRecords).values(rows);
  }

  async setRecordsCurrent(tx: Executor, ids: string[], current: boolean): Promise<void> {
    if (ids.length) await tx.update(personalRecords).set({ current }).where(inArray(personalRecords.id, ids));
  }

  async deleteRecords(tx: Executor, ids: string[]): Promise<void> {
    if (ids.length) await tx.delete(personalRecords).where(inArray(personalRecords.id, ids));
  }

  async currentRecordsOfWorkout(workoutId: string, tx: Executor = this.db): Promise<RecordRow[]> {
    return tx
      .select()
      .from(personalRecords)
      .where(and(eq(personalRecords.workoutId, workoutId), eq(personalRecords.current, true)))
      .orderBy(asc(personalRecords.exerciseId), asc(personalRecords.kind));
  }

  async currentRecords(userId: string, exerciseId?: string): Promise<RecordRow[]> {
    const where = [eq(personalRecords.userId, userId), eq(personalRecords.current, true)];
    if (exerciseId) where.push(eq(personalRecords.exerciseId, exerciseId));
    return this.db
      .select()
      .from(personalRecords)
      .where(and(...where))
      .orderBy(asc(personalRecords.exerciseId), asc(personalRecords.kind), asc(personalRecords.weightKg))
      .limit(5000);
  }

  async recordHistory(userId: string, exerciseId: string, kind: string | undefined, before: string | undefined, limit: number): Promise<RecordRow[]> {
    const where = [eq(personalRecords.userId, userId), eq(personalRecords.exerciseId, exerciseId)];
    if (kind) where.push(eq(personalRecords.kind, kind));
    if (before) where.push(lt(personalRecords.id, before));
    return this.db.select().from(personalRecords).where(and(...where)).orderBy(desc(personalRecords.id)).limit(limit);
  }

  // ---- stats ----

  async exerciseStats(userId: string, exerciseId: string, from: Date | undefined, to: Date | undefined) {
    const result = await exec<{ workout_id: string; date: Date | string; best_e1rm: string | null; top_weight: string | null; volume: string; reps: number }>(this.db, sql`
      select w.id as workout_id, w.started_at as date,
        max(case when s.weight_kg > 0 and s.reps > 0 then case when s.reps = 1 then s.weight_kg else s.weight_kg * (1 + s.reps / 30.0) end end) as best_e1rm,
        max(case when s.reps > 0 then s.weight_kg end) as top_weight,
        coalesce(sum(coalesce(s.weight_kg, 0) * coalesce(s.reps, 0)), 0) as volume,
        coalesce(sum(s.reps), 0)::int as reps
      from ${workoutExercises} we
        join ${workouts} w on w.id = we.workout_id
        join ${workoutSets} s on s.workout_exercise_id = we.id
      where we.user_id = ${userId} and we.exercise_id = ${exerciseId} and w.finished_at is not null
        and s.done and s.type <> 'warmup'
        ${from ? sql`and w.started_at >= ${from.toISOString()}::timestamptz` : sql``}
        ${to ? sql`and w.started_at < ${to.toISOString()}::timestamptz` : sql``}
      group by w.id, w.started_at
      order by w.started_at desc
      limit 1000`);
    return result.reverse();
  }

  async weeklyTotals(userId: string, since: Date) {
    const result = await exec<{ week: string; workouts: number; sets: number; volume: string }>(this.db, sql`
      select to_char(date_trunc('week', w.started_at at time zone 'UTC'), 'YYYY-MM-DD') as week,
        count(*)::int as workouts, sum(w.set_count)::int as sets, sum(w.volume_kg) as volume
      from ${workouts} w
      where w.user_id = ${userId} and w.finished_at is not null and w.started_at >= ${since.toISOString()}::timestamptz
      group by 1`);
    return result;
  }

  async weeklyMuscles(userId: string, since: Date) {
    const result = await exec<{ week: string; muscle: string; sets: number; volume: string }>(this.db, sql`
      select to_char(date_trunc('week', w.started_at at time zone 'UTC'), 'YYYY-MM-DD') as week, m.muscle,
        count(*)::int as sets,
        sum(case when e.tracking_type in ('weight_reps', 'weighted_bodyweight') then coalesce(s.weight_kg, 0) * coalesce(s.reps, 0) else 0 end) as volume
      from ${workouts} w
        join ${workoutExercises} we on we.workout_id = w.id
        join ${exercises} e on e.id = we.exercise_id
        join ${workoutSets} s on s.workout_exercise_id = we.id
        cross join lateral unnest(e.primary_muscles) as m(muscle)
      where w.user_id = ${userId} and w.finished_at is not null and w.started_at >= ${since.toISOString()}::timestamptz
        and s.done and s.type <> 'warmup'
      group by 1, 2`);
    return result;
  }

  /** Distinct training weeks, newest first, bounded (a streak longer than this reads as this). */
  async trainingWeeks(userId: string, limit: number): Promise<string[]> {
    const result = await exec<{ week: string }>(this.db, sql`
      select distinct to_char(date_trunc('week', started_at at time zone 'UTC'), 'YYYY-MM-DD') as week
      from ${workouts} where user_id = ${userId} and finished_at is not null
      order by 1 desc limit ${limit}`);
    return result.map((r) => r.week);
  }

  async finishedCount(userId: string): Promise<number> {
    const result = await exec<{ n: number }>(this.db, sql`select count(*)::int as n from ${workouts} where user_id = ${userId} and finished_at is not null`);
    return result[0]?.n ?? 0;
  }

  // ---- preferences and body measurements ----

  async preferences(userId: string, tx: Executor = this.db): Promise<PreferencesRow | undefined> {
    const [row] = await tx.select().from(workoutPreferences).where(eq(workoutPreferences.userId, userId)).limit(1);
    return row;
  }

  async upsertPreferences(row: typeof workoutPreferences.$inferInsert): Promise<PreferencesRow> {
    const { userId: _userId, ...rest } = row;
    const [saved] = await this.db
      .insert(workoutPreferences)
      .values(row)
      .onConflictDoUpdate({ target: workoutPreferences.userId, set: { ...rest, updatedAt: new Date() } })
      .returning();
    return saved!;
  }

  async latestBodyweight(userId: string): Promise<BodyMeasurementRow | undefined> {
    const [row] = await this.db
      .select()
      .from(bodyMeasurements)
      .where(eq(bodyMeasurements.userId, userId))
      .orderBy(desc(bodyMeasurements.measuredAt), desc(bodyMeasurements.id))
      .limit(1);
    return row;
  }

  async insertBodyMeasurement(row: typeof bodyMeasurements.$inferInsert): Promise<BodyMeasurementRow | undefined> {
    const [created] = await this.db
      .insert(bodyMeasurements)
      .values(row)
      .onConflictDoNothing({ target: [bodyMeasurements.userId, bodyMeasurements.clientId] })
      .returning();
    return created;
  }

  async bodyMeasurementByClientId(userId: string, clientId: string): Promise<BodyMeasurementRow | undefined> {
    const [row] = await this.db
      .select()
      .from(bodyMeasurements)
      .where(and(eq(bodyMeasurements.userId, userId), eq(bodyMeasurements.clientId, clientId)))
      .limit(1);
    return row;
  }

  async bodyMeasurements(userId: string, before: { measuredAt: Date; id: string } | undefined, limit: number): Promise<BodyMeasurementRow[]> {
    const where = [eq(bodyMeasurements.userId, userId)];
    if (before) where.push(sql`(${bodyMeasurements.measuredAt}, ${bodyMeasurements.id}) < (${before.measuredAt.toISOString()}::timestamptz, ${before.id})`);
    return this.db
      .select()
      .from(bodyMeasurements)
      .where(and(...where))
      .orderBy(desc(bodyMeasurements.measuredAt), desc(bodyMeasurements.id))
      .limit(limit);
  }

  async bodyMeasurementById(id: string): Promise<BodyMeasurementRow | undefined> {
    const [row] = await this.db.select().from(bodyMeasurements).where(eq(bodyMeasurements.id, id)).limit(1);
    return row;
  }

  async deleteBodyMeasurement(id: string): Promise<void> {
    await this.db.delete(bodyMeasurements).where(eq(bodyMeasurements.id, id));
  }

  // ---- routines ----

  async folders(userId: string): Promise<RoutineFolderRow[]> {
    return this.db.select().from(routineFolders).where(eq(routineFolders.userId, userId)).orderBy(asc(routineFolders.position), asc(routineFolders.id)).limit(200);
  }

  async folderById(id: string, tx: Executor = this.db): Promise<RoutineFolderRow | undefined> {
    const [row] = await tx.select().from(routineFolders).where(eq(routineFolders.id, id)).limit(1);
    return row;
  }

  async countFolders(userId: string): Promise<number> {
    const result = await exec<{ n: number }>(this.db, sql`select count(*)::int as n from ${routineFolders} where user_id = ${userId}`);
    return result[0]?.n ?? 0;
  }

  async insertFolder(row: typeof routineFolders.$inferInsert): Promise<RoutineFolderRow> {
    const [created] = await this.db.insert(routineFolders).values(row).returning();
    return created!;
  }

  async updateFolder(id: string, patch: Partial<typeof routineFolders.$inferInsert>): Promise<RoutineFolderRow> {
    const [updated] = await this.db
      .update(routineFolders)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(routineFolders.id, id))
      .returning();
    return updated!;
  }

  async deleteFolder(id: string): Promise<void> {
    await this.db.delete(routineFolders).where(eq(routineFolders.id, id));
  }

  async routinesOf(userId: string): Promise<RoutineRow[]> {
    return this.db.select().from(routines).where(eq(routines.userId, userId)).orderBy(asc(routines.position), asc(routines.id)).limit(500);
  }

  async countRoutines(userId: string): Promise<number> {
    const result = await exec<{ n: number }>(this.db, sql`select count(*)::int as n from ${routines} where user_id = ${userId}`);
    return result[0]?.n ?? 0;
  }

  async routineById(id: string, tx: Executor = this.db): Promise<RoutineRow | undefined> {
    const [row] = await tx.select().from(routines).where(eq(routines.id, id)).limit(1);
    return row;
  }

  async insertRoutine(tx: Executor, row: typeof routines.$inferInsert): Promise<RoutineRow> {
    const [created] = await tx.insert(routines).values(row).returning();
    return created!;
  }

  async updateRoutine(tx: Executor, id: string, patch: Partial<typeof routines.$inferInsert>): Promise<RoutineRow> {
    const [updated] = await tx
      .update(routines)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(routines.id, id))
      .returning();
    return updated!;
  }

  async deleteRoutine(id: string): Promise<void> {
    await this.db.delete(routines).where(eq(routines.id, id));
  }

  async replaceRoutineContents(
    tx: Executor,
    routineId: string,
    items: Array<{ exercise: typeof routineExercises.$inferInsert; sets: Array<typeof routineSets.$inferInsert> }>,
  ): Promise<void> {
    await tx.delete(routineExercises).where(eq(routineExercises.routineId, routineId));
    if (!items.length) return;
    await tx.insert(routineExercises).values(items.map((i) => i.exercise));
    const sets = items.flatMap((i) => i.sets);
    if (sets.length) await tx.insert(routineSets).values(sets);
  }

  async routineContents(routineIds: string[]): Promise<{ exercises: RoutineExerciseRow[]; sets: RoutineSetRow[] }> {
    if (!routineIds.length) return { exercises: [], sets: [] };
    const ex = await this.db.select().from(routineExercises).where(inArray(routineExercises.routineId, routineIds)).orderBy(asc(routineExercises.position));
    const sets = ex.length
      ? await this.db
          .select()
          .from(routineSets)
          .where(
            inArray(
              routineSets.routineExerciseId,
              ex.map((e) => e.id),
            ),
          )
          .orderBy(asc(routineSets.position))
      : [];
    return { exercises: ex, sets };
  }
}


