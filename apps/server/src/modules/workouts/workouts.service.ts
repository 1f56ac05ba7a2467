import { Injectable } from '@nestjs/common';
import {
  type CreateWorkoutBody,
  type FinishWorkoutBody,
  type PutWorkoutBody,
  type SetInput,
  toKg,
  toMetres,
  type TrackingType,
  type Workout,
  type WorkoutExerciseInput,
  type WorkoutListItem,
  type WorkoutListQuery,
  type WorkoutPage,
  type WorkoutSummary,
  type WorkoutVisibility,
} from '@discordgym/contracts';
import { v7 as uuidv7 } from 'uuid';
import { AppError } from '../../common/app-error';
import { DomainEvents } from '../../events/domain-events.service';
import type { Executor } from '../../infra/db/database';
import { countsAsSet, setVolumeKg } from './records';
import { RecordsService } from './records.service';
import { decodeCursor, encodeCursor, toRecord, toWorkout } from './workouts.mapper';
import { WorkoutsPolicy } from './workouts.policy';
import { type ExerciseRow, type WorkoutRow, type WorkoutSetRow, WorkoutsRepository } from './workouts.repository';

type ParsedSet = Omit<SetInput, 'type'> & { type: NonNullable<SetInput['type']> };
type ParsedExercise = Omit<WorkoutExerciseInput, 'sets'> & { sets: ParsedSet[] };

interface Content {
  exercises: ParsedExercise[];
}

const round4 = (n: number) => Math.round(n * 1e4) / 1e4;

/** The stored form of one set as typed: kg / metres beside the value and unit. */
function setColumns(s: ParsedSet, doneByDefault: boolean) {
  const weightUnit = s.weight_unit ?? 'kg';
  const distanceUnit = s.distance_unit ?? 'm';
  const hasWeight = s.weight !== null && s.weight !== undefined;
  const hasDistance = s.distance !== null && s.distance !== undefined;
  const done = s.done ?? doneByDefault;
  return {
    type: s.type,
    weightKg: hasWeight ? toKg(s.weight!, weightUnit) : null,
    weightInput: hasWeight ? s.weight! : null,
    weightUnit: hasWeight ? weightUnit : null,
    reps: s.reps ?? null,
    rpe: s.rpe ?? null,
    distanceM: hasDistance ? toMetres(s.distance!, distanceUnit) : null,
    distanceInput: hasDistance ? s.distance! : null,
    distanceUnit: hasDistance ? distanceUnit : null,
    durationS: s.duration_s ?? null,
    done,
    completedAt: s.completed_at ? new Date(s.completed_at) : null,
  };
}

function sameSet(row: WorkoutSetRow, next: ReturnType<typeof setColumns> & { position: number }): boolean {
  return (
    row.position === next.position &&
    row.type === next.type &&
    row.weightKg === next.weightKg &&
    row.weightInput === next.weightInput &&
    row.weightUnit === next.weightUnit &&
    row.reps === next.reps &&
    row.rpe === next.rpe &&
    row.distanceM === next.distanceM &&
    row.distanceInput === next.distanceInput &&
    row.distanceUnit === next.distanceUnit &&
    row.durationS === next.durationS &&
    row.done === next.done &&
    (row.completedAt?.getTime() ?? null) === (next.completedAt?.getTime() ?? null)
  );
}

/**
 * Workouts: start, log a past one, sync the live one, finish, edit, delete. Each write runs
 * in one transaction with the workout row locked, keeps the summary columns current, and
 * when finished workouts are touched, brings the records up to date in the same transaction.
 */
@Injectable()
export class WorkoutsService {
  constructor(
    private readonly repository: WorkoutsRepository,
    private readonly policy: WorkoutsPolicy,
    private readonly records: RecordsService,
    private readonly events: DomainEvents,
  ) {}

  // ---- reading ----

  async get(viewerId: string, id: string): Promise<Workout> {
    const row = await this.policy.assertMayView(viewerId, id);
    return this.document(row);
  }

  async list(userId: string, query: WorkoutListQuery): Promise<WorkoutPage> {
    const before = decodeCursor<[string, string]>(query.before, 'before', ['date', 'id']);
    const rows = await this.repository.listWorkouts(userId, before ? { startedAt: new Date(before[0]), id: before[1] } : undefined, query.limit + 1);
    const page = rows.slice(0, query.limit);
    const ids = page.map((w) => w.id);
    const [lines, prs] = await Promise.all([this.repository.listLines(ids), this.repository.prCounts(ids)]);
    const items: WorkoutListItem[] = page.map((w) => ({
      id: w.id,
      client_id: w.clientId,
      title: w.title,
      started_at: w.startedAt.toISOString(),
      ended_at: w.endedAt?.toISOString() ?? null,
      finished_at: w.finishedAt?.toISOString() ?? null,
      visibility: w.visibility as WorkoutVisibility,
      volume_kg: w.volumeKg,
      set_count: w.setCount,
      exercises: lines.filter((l) => l.workoutId === w.id).map((l) => ({ exercise_id: l.exerciseId, name_en: l.nameEn, name_de: l.nameDe, sets: l.sets })),
      pr_count: prs.get(w.id) ?? 0,
    }));
    const last = page.at(-1);
    return { items, next_cursor: rows.length > query.limit && last ? encodeCursor([last.startedAt.toISOString(), last.id]) : null };
  }

  /** The full document: exercises, sets, and each exercise's previous performance. */
  async document(row: WorkoutRow, tx?: Executor): Promise<Workout> {
    const exerciseRows = await this.repository.workoutExercisesOf([row.id], tx);
    const [sets, catalog, previous] = await Promise.all([
      this.repository.setsOf(
        exerciseRows.map((e) => e.id),
        tx,
      ),
      this.repository.exercisesByIds(
        exerciseRows.map((e) => e.exerciseId),
        tx,
      ),
      this.repository.previousSets(
        row.userId,
        exerciseRows.map((e) => e.exerciseId),
        row.startedAt,
        row.id,
      ),
    ]);
    return toWorkout(row, exerciseRows, sets, new Map(catalog.map((e) => [e.id, e])), previous);
  }

  // ---- writing ----

  /** 201 with a new workout; a retry of the same client_id returns the first one (`created` false). */
  async create(userId: string, body: CreateWorkoutBody, routineCheck?: (tx: Executor) => Promise<void>): Promise<{ workout: Workout; created: boolean }> {
    const parsed = body as Required<Pick<CreateWorkoutBody, 'client_id'>> & CreateWorkoutBody & { exercises: ParsedExercise[]; finish: boolean };
    const existing = await this.repository.workoutByClientId(userId, parsed.client_id);
    if (existing) return { workout: await this.document(existing), created: false };
    const startedAt = parsed.started_at ? new Date(parsed.started_at) : new Date();
    const now = new Date();
    if (parsed.finish && !parsed.ended_at && startedAt > now) throw this.invalid('started_at', 'a finished workout cannot start in the future');
    const endedAt = parsed.ended_at ? new Date(parsed.ended_at) : parsed.finish ? now : null;
    if (endedAt && endedAt < startedAt) throw this.invalid('ended_at', 'must not be before started_at');
    let finishedEvent: string | null = null;
    const result = await this.repository.transaction(async (tx) => {
      await routineCheck?.(tx);
      if (parsed.routine_id) {
        const routine = await this.repository.routineById(parsed.routine_id, tx);
        if (!routine || routine.userId !== userId) throw this.invalid('routine_id', 'no such routine of yours');
      }
      const catalog = await this.exercisesFor(tx, userId, parsed.exercises);
      const visibility = parsed.visibility ?? (await this.repository.preferences(userId, tx))?.defaultVisibility ?? 'friends';
      const row = await this.repository.insertWorkout(tx, {
        id: uuidv7(),
        userId,
        clientId: parsed.client_id,
        title: parsed.title ?? defaultTitle(startedAt),
        notes: parsed.notes ?? null,
        startedAt,
        endedAt,
        finishedAt: parsed.finish ? now : null,
        visibility,
        routineId: parsed.routine_id ?? null,
      });
      if (!row) return undefined;
      const saved = await this.writeContent(tx, row, { exercises: parsed.exercises }, catalog, parsed.finish);
      if (parsed.finish) finishedEvent = await this.afterFinish(tx, saved, [...catalog.values()]);
      return saved;
    });
    if (finishedEvent) this.events.kick();
    // Lost the race to a concurrent retry with the same client_id: answer with the winner.
    const row = result ?? (await this.repository.workoutByClientId(userId, parsed.client_id));
    return { workout: await this.document(row!), created: !!result };
  }

  /**
   * Replaces the workout's content with the document. Matching by client_id keeps ids and
   * makes a replay a no-op (the revision moves only when something changed).
   */
  async put(userId: string, id: string, body: PutWorkoutBody): Promise<Workout> {
    const parsed = body as PutWorkoutBody & { exercises: ParsedExercise[]; notes: string | null; ended_at: string | null };
    const saved = await this.repository.transaction(async (tx) => {
      await this.policy.assertOwner(userId, id, tx);
      const row = (await this.repository.lockWorkout(tx, id))!;
      const startedAt = new Date(parsed.started_at);
      const endedAt = parsed.ended_at ? new Date(parsed.ended_at) : null;
      if (row.finishedAt && !endedAt) throw this.invalid('ended_at', 'a finished workout needs an end');
      const before = await this.exerciseIdsOf(tx, row.id);
      const catalog = await this.exercisesFor(tx, userId, parsed.exercises, before);
      const headerChanged =
        row.title !== parsed.title ||
        row.notes !== parsed.notes ||
        row.startedAt.getTime() !== startedAt.getTime() ||
        (row.endedAt?.getTime() ?? null) !== (endedAt?.getTime() ?? null) ||
        row.visibility !== parsed.visibility;
      const header = headerChanged ? await this.repository.updateWorkout(tx, row.id, { title: parsed.title, notes: parsed.notes, startedAt, endedAt, visibility: parsed.visibility }) : row;
      const result = await this.writeContent(tx, header, { exercises: parsed.exercises }, catalog, row.finishedAt !== null, headerChanged);
      if (row.finishedAt && result.revision !== row.revision) {
        const touched = new Set([...before, ...parsed.exercises.map((e) => e.exercise_id)]);
        const all = await this.repository.exercisesByIds([...touched], tx);
        await this.records.rebuild(tx, userId, all);
      }
      return result;
    });
    return this.document(saved);
  }

  async delete(userId: string, id: string): Promise<void> {
    await this.repository.transaction(async (tx) => {
      await this.policy.assertOwner(userId, id, tx);
      const row = (await this.repository.lockWorkout(tx, id))!;
      const exerciseIds = row.finishedAt ? await this.exerciseIdsOf(tx, row.id) : [];
      await this.repository.deleteWorkout(tx, row.id);
      if (exerciseIds.length) await this.records.rebuild(tx, userId, await this.repository.exercisesByIds(exerciseIds, tx));
    });
  }

  /** Idempotent: finishing a finished workout answers its summary again. */
  async finish(userId: string, id: string, body: FinishWorkoutBody): Promise<WorkoutSummary> {
    let recorded = false;
    const row = await this.repository.transaction(async (tx) => {
      await this.policy.assertOwner(userId, id, tx);
      const current = (await this.repository.lockWorkout(tx, id))!;
      if (current.finishedAt) return current;
      const now = new Date();
      const endedAt = body.ended_at ? new Date(body.ended_at) : (current.endedAt ?? (now < current.startedAt ? current.startedAt : now));
      if (endedAt < current.startedAt) throw this.invalid('ended_at', 'must not be before started_at');
      if ((endedAt.getTime() - current.startedAt.getTime()) / 1000 > 7 * 86_400) throw this.invalid('ended_at', 'a workout lasts at most 7 days');
      const finished = await this.repository.updateWorkout(tx, id, { finishedAt: now, endedAt, updatedAt: now, revision: current.revision + 1 });
      const exerciseIds = await this.exerciseIdsOf(tx, id);
      await this.afterFinish(tx, finished, await this.repository.exercisesByIds(exerciseIds, tx));
      recorded = true;
      return finished;
    });
    if (recorded) this.events.kick();
    return this.summaryOf(row);
  }

  async summary(viewerId: string, id: string): Promise<WorkoutSummary> {
    const row = await this.policy.assertMayView(viewerId, id);
    return this.summaryOf(row);
  }

  private async summaryOf(row: WorkoutRow): Promise<WorkoutSummary> {
    const [workout, records] = await Promise.all([this.document(row), this.repository.currentRecordsOfWorkout(row.id)]);
    const end = row.endedAt ?? new Date();
    return {
      workout,
      duration_s: Math.max(0, Math.round((end.getTime() - row.startedAt.getTime()) / 1000)),
      volume_kg: row.volumeKg,
      set_count: row.setCount,
      prs: records.filter((r) => r.previousValue !== null).map(toRecord),
    };
  }

  /** Records, then the event with the PRs this workout holds; in the finishing transaction. */
  private async afterFinish(tx: Executor, row: WorkoutRow, catalog: ExerciseRow[]): Promise<string> {
    if (await this.repository.finishedAfter(tx, row.userId, row.startedAt, row.id)) await this.records.rebuild(tx, row.userId, catalog);
    else await this.records.append(tx, row.userId, row.id, catalog);
    const prs = (await this.repository.currentRecordsOfWorkout(row.id, tx)).filter((r) => r.previousValue !== null);
    return this.events.record(tx, 'workout.finished', {
      workout_id: row.id,
      user_id: row.userId,
      visibility: row.visibility as WorkoutVisibility,
      finished_at: row.finishedAt!.toISOString(),
      prs: prs.map((r) => ({
        exercise_id: r.exerciseId,
        kind: r.kind as WorkoutSummary['prs'][number]['kind'],
        value: r.value,
        previous_value: r.previousValue,
        weight_kg: r.weightKg,
        set_id: r.setId,
      })),
    });
  }

  private async exerciseIdsOf(tx: Executor, workoutId: string): Promise<string[]> {
    return [...new Set((await this.repository.workoutExercisesOf([workoutId], tx)).map((e) => e.exerciseId))];
  }

  /** The exercises a document uses: built-in or mine, not deleted (unless the workout already had it). */
  private async exercisesFor(tx: Executor, userId: string, list: ParsedExercise[], alreadyUsed: string[] = []): Promise<Map<string, ExerciseRow>> {
    const rows = await this.repository.exercisesByIds(
      list.map((e) => e.exercise_id),
      tx,
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    list.forEach((e, i) => {
      const row = byId.get(e.exercise_id);
      const usable = row && (row.ownerId === null || row.ownerId === userId) && (!row.deletedAt || alreadyUsed.includes(row.id));
      if (!usable) throw this.invalid(`exercises.${i}.exercise_id`, 'no such exercise');
    });
    return byId;
  }

  /** Upserts exercises and sets by client_id, deletes the missing ones, refreshes the summary columns. */
  private async writeContent(
    tx: Executor,
    row: WorkoutRow,
    content: Content,
    catalog: Map<string, ExerciseRow>,
    doneByDefault: boolean,
    alreadyChanged = false,
  ): Promise<WorkoutRow> {
    const existing = await this.repository.workoutExercisesOf([row.id], tx);
    const existingSets = await this.repository.setsOf(
      existing.map((e) => e.id),
      tx,
    );
    const byClient = new Map(existing.map((e) => [e.clientId, e]));
    let changed = false;
    let volume = 0;
    let setCount = 0;
    const newExercises: Parameters<WorkoutsRepository['insertExercises']>[1] = [];
    const newSets: Parameters<WorkoutsRepository['insertSets']>[1] = [];
    const keptExercises = new Set<string>();
    const keptSets = new Set<string>();
    for (const [position, e] of content.exercises.entries()) {
      const tracking = catalog.get(e.exercise_id)!.trackingType as TrackingType;
      const fields = { exerciseId: e.exercise_id, position, supersetGroup: e.superset_group ?? null, restSeconds: e.rest_seconds ?? null, notes: e.notes ?? null };
      const old = byClient.get(e.client_id);
      let weId: string;
      if (old) {
        weId = old.id;
        keptExercises.add(old.id);
        if (old.exerciseId !== fields.exerciseId || old.position !== position || old.supersetGroup !== fields.supersetGroup || old.restSeconds !== fields.restSeconds || old.notes !== fields.notes) {
          await this.repository.updateWorkoutExercise(tx, old.id, fields);
          changed = true;
        }
      } else {
        weId = uuidv7();
        newExercises.push({ id: weId, workoutId: row.id, userId: row.userId, clientId: e.client_id, ...fields });
        changed = true;
      }
      const oldSets = new Map(existingSets.filter((s) => s.workoutExerciseId === weId).map((s) => [s.clientId, s]));
      for (const [setPosition, s] of e.sets.entries()) {
        const columns = { ...setColumns(s, doneByDefault), position: setPosition };
        if (countsAsSet(columns)) setCount++;
        volume += setVolumeKg(tracking, columns);
        const prior = oldSets.get(s.client_id);
        if (prior) {
          keptSets.add(prior.id);
          if (!sameSet(prior, columns)) {
            await this.repository.updateSet(tx, prior.id, columns);
            changed = true;
          }
        } else {
          newSets.push({ id: uuidv7(), workoutExerciseId: weId, clientId: s.client_id, ...columns });
          changed = true;
        }
      }
    }
    const goneExercises = existing.filter((e) => !keptExercises.has(e.id)).map((e) => e.id);
    const goneSets = existingSets.filter((s) => !keptSets.has(s.id) && !goneExercises.includes(s.workoutExerciseId)).map((s) => s.id);
    if (goneExercises.length || goneSets.length) changed = true;
    await this.repository.deleteSets(tx, goneSets);
    await this.repository.deleteWorkoutExercises(tx, goneExercises);
    await this.repository.insertExercises(tx, newExercises);
    await this.repository.insertSets(tx, newSets);
    if (!changed && !alreadyChanged) return row;
    return this.repository.updateWorkout(tx, row.id, {
      volumeKg: round4(volume),
      setCount,
      revision: row.revision + 1,
      updatedAt: new Date(),
    });
  }

  private invalid(path: string, message: string): AppError {
    return new AppError('VALIDATION_FAILED', 'The request is not valid', [{ path, message }]);
  }
}

function defaultTitle(startedAt: Date): string {
  const h = startedAt.getUTCHours();
  return h < 11 ? 'Morning workout' : h < 17 ? 'Afternoon workout' : 'Evening workout';
}
