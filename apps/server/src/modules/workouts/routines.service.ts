import { Injectable } from '@nestjs/common';
import {
  type CreateRoutineBody,
  type Routine,
  ROUTINE_FOLDERS_MAX,
  type RoutineExerciseInput,
  type RoutineFolder,
  type RoutineFolderBody,
  type RoutineList,
  ROUTINES_MAX,
  type SetDistanceUnit,
  type SetType,
  type StartRoutineBody,
  toKg,
  toMetres,
  type UpdateRoutineBody,
  type WeightUnit,
  type Workout,
} from '@discordgym/contracts';
import { v7 as uuidv7 } from 'uuid';
import { AppError } from '../../common/app-error';
import type { Executor } from '../../infra/db/database';
import { toExercise } from './workouts.mapper';
import { WorkoutsPolicy } from './workouts.policy';
import { type RoutineExerciseRow, type RoutineFolderRow, type RoutineRow, type RoutineSetRow, WorkoutsRepository } from './workouts.repository';
import { WorkoutsService } from './workouts.service';

const invalid = (path: string, message: string) => new AppError('VALIDATION_FAILED', 'The request is not valid', [{ path, message }]);

/** Routine templates in folders; starting one makes a workout prefilled from the last performance. */
@Injectable()
export class RoutinesService {
  constructor(
    private readonly repository: WorkoutsRepository,
    private readonly policy: WorkoutsPolicy,
    private readonly workouts: WorkoutsService,
  ) {}

  async list(userId: string): Promise<RoutineList> {
    const [folders, routines] = await Promise.all([this.repository.folders(userId), this.repository.routinesOf(userId)]);
    return { folders: folders.map(toFolder), routines: await this.documents(routines) };
  }

  async get(userId: string, id: string): Promise<Routine> {
    return (await this.documents([await this.own(userId, id)]))[0]!;
  }

  async create(userId: string, body: CreateRoutineBody): Promise<Routine> {
    if ((await this.repository.countRoutines(userId)) >= ROUTINES_MAX) throw new AppError('QUOTA_EXCEEDED', `At most ${ROUTINES_MAX} routines`);
    let title: string;
    let exercises: RoutineExerciseInput[];
    let notes: string | null = null;
    if (body.from_workout_id) {
      const workout = await this.policy.assertOwner(userId, body.from_workout_id).catch(() => {
        throw invalid('from_workout_id', 'no such workout of yours');
      });
      const doc = await this.workouts.document(workout);
      title = body.title ?? doc.title;
      exercises = doc.exercises.map((e) => ({
        exercise_id: e.exercise.id,
        superset_group: e.superset_group,
        rest_seconds: e.rest_seconds,
        notes: e.notes,
        sets: e.sets.map((s) => ({
          type: s.type,
          weight: s.weight,
          weight_unit: s.weight_unit ?? undefined,
          reps_min: s.reps,
          reps_max: s.reps,
          distance: s.distance,
          distance_unit: s.distance_unit ?? undefined,
          duration_s: s.duration_s,
        })),
      }));
    } else {
      title = body.title!;
      notes = body.notes ?? null;
      exercises = body.exercises ?? [];
    }
    const folderId = body.folder_id ?? null;
    return this.repository
      .transaction(async (tx) => {
        await this.checkRefs(tx, userId, folderId, exercises);
        const routine = await this.repository.insertRoutine(tx, { id: uuidv7(), userId, folderId, title, notes });
        await this.repository.replaceRoutineContents(tx, routine.id, contents(routine.id, exercises));
        return routine;
      })
      .then(async (routine) => (await this.documents([routine]))[0]!);
  }

  async update(userId: string, id: string, body: UpdateRoutineBody): Promise<Routine> {
    await this.own(userId, id);
    const routine = await this.repository.transaction(async (tx) => {
      await this.checkRefs(tx, userId, body.folder_id ?? null, body.exercises);
      const saved = await this.repository.updateRoutine(tx, id, { title: body.title, notes: body.notes ?? null, folderId: body.folder_id ?? null });
      await this.repository.replaceRoutineContents(tx, id, contents(id, body.exercises));
      return saved;
    });
    return (await this.documents([routine]))[0]!;
  }

  async delete(userId: string, id: string): Promise<void> {
    await this.own(userId, id);
    await this.repository.deleteRoutine(id);
  }

  /**
   * A new workout with the routine's exercises; each set is prefilled with the same set of
   * the last time (weight and reps), else the routine's target. Idempotent by client_id.
   */
  async start(userId: string, id: string, body: StartRoutineBody): Promise<{ workout: Workout; created: boolean }> {
    const routine = await this.get(userId, id);
    const startedAt = body.started_at ? new Date(body.started_at) : new Date();
    const previous = await this.repository.previousSets(
      userId,
      routine.exercises.map((e) => e.exercise.id),
      new Date(startedAt.getTime() + 1),
    );
    return this.workouts.create(userId, {
      client_id: body.client_id,
      title: routine.title,
      started_at: startedAt.toISOString(),
      routine_id: routine.id,
      ...(body.visibility && { visibility: body.visibility }),
      exercises: routine.exercises.map((e, i) => {
        const last = (previous.get(e.exercise.id) ?? []).filter((s) => s.type !== 'warmup');
        return {
          client_id: `${body.client_id.slice(0, 40)}-e${i}`,
          exercise_id: e.exercise.id,
          superset_group: e.superset_group,
          rest_seconds: e.rest_seconds,
          notes: e.notes,
          sets: e.sets.map((s, j) => {
            const before = last[j] ?? last.at(-1);
            return {
              client_id: `${body.client_id.slice(0, 40)}-e${i}s${j}`,
              type: s.type,
              weight: before?.weightInput ?? s.weight,
              ...((before?.weightUnit ?? s.weight_unit) && { weight_unit: (before?.weightUnit ?? s.weight_unit) as WeightUnit }),
              reps: before?.reps ?? s.reps_max ?? s.reps_min,
              distance: before?.distanceInput ?? s.distance,
              ...((before?.distanceUnit ?? s.distance_unit) && { distance_unit: (before?.distanceUnit ?? s.distance_unit) as SetDistanceUnit }),
              duration_s: before?.durationS ?? s.duration_s,
              done: false,
            };
          }),
        };
      }),
    });
  }

  // ---- folders ----

  async createFolder(userId: string, body: RoutineFolderBody): Promise<RoutineFolder> {
    if ((await this.repository.countFolders(userId)) >= ROUTINE_FOLDERS_MAX) throw new AppError('QUOTA_EXCEEDED', `At most ${ROUTINE_FOLDERS_MAX} folders`);
    return toFolder(await this.repository.insertFolder({ id: uuidv7(), userId, name: body.name, position: body.position ?? 0 }));
  }

  async updateFolder(userId: string, id: string, body: RoutineFolderBody): Promise<RoutineFolder> {
    await this.ownFolder(userId, id);
    return toFolder(await this.repository.updateFolder(id, { name: body.name, ...(body.position !== undefined && { position: body.position }) }));
  }

  async deleteFolder(userId: string, id: string): Promise<void> {
    await this.ownFolder(userId, id);
    await this.repository.deleteFolder(id);
  }

  private async own(userId: string, id: string): Promise<RoutineRow> {
    const row = await this.repository.routineById(id);
    if (!row || row.userId !== userId) throw AppError.notFound('Routine');
    return row;
  }

  private async ownFolder(userId: string, id: string): Promise<RoutineFolderRow> {
    const row = await this.repository.folderById(id);
    if (!row || row.userId !== userId) throw AppError.notFound('Folder');
    return row;
  }

  private async checkRefs(tx: Executor, userId: string, folderId: string | null, exercises: RoutineExerciseInput[]): Promise<void> {
    if (folderId) {
      const folder = await this.repository.folderById(folderId, tx);
      if (!folder || folder.userId !== userId) throw invalid('folder_id', 'no such folder of yours');
    }
    const rows = new Map(
      (
        await this.repository.exercisesByIds(
          exercises.map((e) => e.exercise_id),
          tx,
        )
      ).map((r) => [r.id, r]),
    );
    exercises.forEach((e, i) => {
      const row = rows.get(e.exercise_id);
      if (!row || row.deletedAt || (row.ownerId !== null && row.ownerId !== userId)) throw invalid(`exercises.${i}.exercise_id`, 'no such exercise');
    });
  }

  private async documents(routines: RoutineRow[]): Promise<Routine[]> {
    const { exercises, sets } = await this.repository.routineContents(routines.map((r) => r.id));
    const catalog = new Map((await this.repository.exercisesByIds(exercises.map((e) => e.exerciseId))).map((e) => [e.id, e]));
    return routines.map((r) => ({
      id: r.id,
      folder_id: r.folderId,
      title: r.title,
      notes: r.notes,
      position: r.position,
      exercises: exercises
        .filter((e) => e.routineId === r.id)
        .map((e: RoutineExerciseRow) => ({
          id: e.id,
          position: e.position,
          exercise: toExercise(catalog.get(e.exerciseId)!),
          superset_group: e.supersetGroup,
          rest_seconds: e.restSeconds,
          notes: e.notes,
          sets: sets.filter((s) => s.routineExerciseId === e.id).map(toRoutineSet),
        })),
      created_at: r.createdAt.toISOString(),
      updated_at: r.updatedAt.toISOString(),
    }));
  }
}

function contents(routineId: string, exercises: RoutineExerciseInput[]) {
  return exercises.map((e, position) => {
    const id = uuidv7();
    return {
      exercise: { id, routineId, exerciseId: e.exercise_id, position, supersetGroup: e.superset_group ?? null, restSeconds: e.rest_seconds ?? null, notes: e.notes ?? null },
      sets: (e.sets ?? []).map((s, i) => {
        const hasWeight = s.weight !== null && s.weight !== undefined;
        const hasDistance = s.distance !== null && s.distance !== undefined;
        return {
          id: uuidv7(),
          routineExerciseId: id,
          position: i,
          type: s.type ?? 'normal',
          weightKg: hasWeight ? toKg(s.weight!, s.weight_unit ?? 'kg') : null,
          weightInput: hasWeight ? s.weight! : null,
          weightUnit: hasWeight ? (s.weight_unit ?? 'kg') : null,
          repsMin: s.reps_min ?? null,
          repsMax: s.reps_max ?? null,
          distanceM: hasDistance ? toMetres(s.distance!, s.distance_unit ?? 'm') : null,
          distanceInput: hasDistance ? s.distance! : null,
          distanceUnit: hasDistance ? (s.distance_unit ?? 'm') : null,
          durationS: s.duration_s ?? null,
        };
      }),
    };
  });
}

const toFolder = (f: RoutineFolderRow): RoutineFolder => ({ id: f.id, name: f.name, position: f.position, created_at: f.createdAt.toISOString() });

const toRoutineSet = (s: RoutineSetRow) => ({
  id: s.id,
  position: s.position,
  type: s.type as SetType,
  weight_kg: s.weightKg,
  weight: s.weightInput,
  weight_unit: s.weightUnit as WeightUnit | null,
  reps_min: s.repsMin,
  reps_max: s.repsMax,
  distance_m: s.distanceM,
  distance: s.distanceInput,
  distance_unit: s.distanceUnit as SetDistanceUnit | null,
  duration_s: s.durationS,
});
