import { Injectable } from '@nestjs/common';
import type { CreateExerciseBody, Exercise, ExercisePage, ExerciseQuery, UpdateExerciseBody } from '@discordgym/contracts';
import { v7 as uuidv7 } from 'uuid';
import { AppError } from '../../common/app-error';
import { decodeCursor, encodeCursor, toExercise } from './workouts.mapper';
import { type ExerciseRow, WorkoutsRepository } from './workouts.repository';

/** A user keeps at most this many custom exercises (deleted ones not counted). */
export const CUSTOM_EXERCISES_MAX = 500;

/** The catalog: built-ins (read-only, everyone) and each user's own custom exercises. */
@Injectable()
export class ExercisesService {
  constructor(private readonly repository: WorkoutsRepository) {}

  async list(userId: string, query: ExerciseQuery): Promise<ExercisePage> {
    const after = decodeCursor<[string, string]>(query.cursor, 'cursor', ['string', 'id']);
    const rows = await this.repository.listExercises({
      userId,
      q: query.q || undefined,
      muscle: query.muscle,
      equipment: query.equipment,
      trackingType: query.tracking_type,
      customOnly: query.custom === 'true',
      after: after ? { name: after[0], id: after[1] } : undefined,
      limit: query.limit + 1,
    });
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return { items: page.map(toExercise), next_cursor: rows.length > query.limit && last ? encodeCursor([last.nameEn.toLowerCase(), last.id]) : null };
  }

  async get(userId: string, id: string): Promise<Exercise> {
    return toExercise(await this.visible(userId, id));
  }

  async create(userId: string, body: CreateExerciseBody): Promise<Exercise> {
    const mine = await this.repository.listExercises({ userId, customOnly: true, limit: CUSTOM_EXERCISES_MAX });
    if (mine.length >= CUSTOM_EXERCISES_MAX) throw new AppError('QUOTA_EXCEEDED', `At most ${CUSTOM_EXERCISES_MAX} custom exercises`);
    const row = await this.repository.insertExercise({
      id: uuidv7(),
      ownerId: userId,
      slug: null,
      nameEn: body.name_en,
      nameDe: body.name_de ?? body.name_en,
      primaryMuscles: body.primary_muscles,
      secondaryMuscles: body.secondary_muscles,
      equipment: body.equipment,
      trackingType: body.tracking_type,
    });
    return toExercise(row);
  }

  async update(userId: string, id: string, body: UpdateExerciseBody): Promise<Exercise> {
    await this.own(userId, id);
    const row = await this.repository.updateExercise(id, {
      ...(body.name_en !== undefined && { nameEn: body.name_en }),
      ...(body.name_de !== undefined && { nameDe: body.name_de }),
      ...(body.primary_muscles !== undefined && { primaryMuscles: body.primary_muscles }),
      ...(body.secondary_muscles !== undefined && { secondaryMuscles: body.secondary_muscles }),
      ...(body.equipment !== undefined && { equipment: body.equipment }),
      ...(body.tracking_type !== undefined && { trackingType: body.tracking_type }),
    });
    return toExercise(row);
  }

  /** Soft: past workouts keep showing it; new ones cannot pick it. */
  async delete(userId: string, id: string): Promise<void> {
    await this.own(userId, id);
    await this.repository.updateExercise(id, { deletedAt: new Date() });
  }

  private async visible(userId: string, id: string): Promise<ExerciseRow> {
    const row = await this.repository.exerciseById(id);
    if (!row || row.deletedAt || (row.ownerId !== null && row.ownerId !== userId)) throw AppError.notFound('Exercise');
    return row;
  }

  /** Built-ins are nobody's: 403; someone else's custom one is not revealed: 404. */
  private async own(userId: string, id: string): Promise<ExerciseRow> {
    const row = await this.visible(userId, id);
    if (row.ownerId !== userId) throw AppError.forbidden('Built-in exercises cannot be changed');
    return row;
  }
}
