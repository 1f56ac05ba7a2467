import { Injectable } from '@nestjs/common';
import {
  type BodyMeasurement,
  type BodyMeasurementBody,
  type BodyMeasurementPage,
  type BodyMeasurementQuery,
  fromKg,
  type Sex,
  toKg,
  type UpdateWorkoutPreferencesBody,
  type WeightUnit,
  type WorkoutPreferences,
  type WorkoutVisibility,
} from '@discordgym/contracts';
import { v7 as uuidv7 } from 'uuid';
import { AppError } from '../../common/app-error';
import { decodeCursor, encodeCursor, toBodyMeasurement } from './workouts.mapper';
import { type PreferencesRow, WorkoutsRepository } from './workouts.repository';

/** Units, sex and bodyweight of a user's training log, and the bodyweight log. */
@Injectable()
export class BodyService {
  constructor(private readonly repository: WorkoutsRepository) {}

  async preferences(userId: string): Promise<WorkoutPreferences> {
    return this.toPreferences(await this.repository.preferences(userId), userId);
  }

  async updatePreferences(userId: string, body: UpdateWorkoutPreferencesBody): Promise<WorkoutPreferences> {
    const current = await this.repository.preferences(userId);
    const weightUnit = body.weight_unit ?? (current?.weightUnit as WeightUnit | undefined) ?? 'kg';
    const bodyweight =
      body.bodyweight === undefined
        ? {
            bodyweightKg: current?.bodyweightKg ?? null,
            // The typed value is in the old unit: carry it over converted, never re-derived each read.
            bodyweightInput: current?.bodyweightKg != null && current.weightUnit !== weightUnit ? fromKg(current.bodyweightKg, weightUnit) : (current?.bodyweightInput ?? null),
          }
        : body.bodyweight === null
          ? { bodyweightKg: null, bodyweightInput: null }
          : { bodyweightKg: toKg(body.bodyweight, weightUnit), bodyweightInput: body.bodyweight };
    if (bodyweight.bodyweightKg !== null && bodyweight.bodyweightKg > 500) throw new AppError('VALIDATION_FAILED', 'The request is not valid', [{ path: 'bodyweight', message: 'must be at most 500 kg' }]);
    const saved = await this.repository.upsertPreferences({
      userId,
      weightUnit,
      distanceUnit: body.distance_unit ?? current?.distanceUnit ?? 'km',
      sex: body.sex === undefined ? (current?.sex ?? null) : body.sex,
      defaultVisibility: body.default_visibility ?? current?.defaultVisibility ?? 'friends',
      ...bodyweight,
    });
    return this.toPreferences(saved, userId);
  }

  /** The latest measurement, else the preference; kg. For DOTS and relative strength (workouts-social). */
  async bodyweightKg(userId: string): Promise<number | null> {
    const latest = await this.repository.latestBodyweight(userId);
    if (latest) return latest.bodyweightKg;
    return (await this.repository.preferences(userId))?.bodyweightKg ?? null;
  }

  async list(userId: string, query: BodyMeasurementQuery): Promise<BodyMeasurementPage> {
    const before = decodeCursor<[string, string]>(query.before, 'before', ['date', 'id']);
    const rows = await this.repository.bodyMeasurements(userId, before ? { measuredAt: new Date(before[0]), id: before[1] } : undefined, query.limit + 1);
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return { items: page.map(toBodyMeasurement), next_cursor: rows.length > query.limit && last ? encodeCursor([last.measuredAt.toISOString(), last.id]) : null };
  }

  async create(userId: string, body: BodyMeasurementBody): Promise<{ measurement: BodyMeasurement; created: boolean }> {
    const unit = body.bodyweight_unit ?? 'kg';
    const created = await this.repository.insertBodyMeasurement({
      id: uuidv7(),
      userId,
      clientId: body.client_id,
      measuredAt: body.measured_at ? new Date(body.measured_at) : new Date(),
      bodyweightKg: toKg(body.bodyweight, unit),
      bodyweightInput: body.bodyweight,
      bodyweightUnit: unit,
    });
    if (created) return { measurement: toBodyMeasurement(created), created: true };
    return { measurement: toBodyMeasurement((await this.repository.bodyMeasurementByClientId(userId, body.client_id))!), created: false };
  }

  async delete(userId: string, id: string): Promise<void> {
    const row = await this.repository.bodyMeasurementById(id);
    if (!row || row.userId !== userId) throw AppError.notFound('Measurement');
    await this.repository.deleteBodyMeasurement(id);
  }

  private async toPreferences(row: PreferencesRow | undefined, userId: string): Promise<WorkoutPreferences> {
    const weightUnit = (row?.weightUnit ?? 'kg') as WeightUnit;
    const latest = await this.repository.latestBodyweight(userId);
    const kg = latest?.bodyweightKg ?? row?.bodyweightKg ?? null;
    const shown = latest ? (latest.bodyweightUnit === weightUnit ? latest.bodyweightInput : fromKg(latest.bodyweightKg, weightUnit)) : row?.bodyweightInput ?? null;
    return {
      weight_unit: weightUnit,
      distance_unit: (row?.distanceUnit ?? 'km') as WorkoutPreferences['distance_unit'],
      sex: (row?.sex ?? null) as Sex | null,
      bodyweight_kg: kg,
      bodyweight: shown,
      default_visibility: (row?.defaultVisibility ?? 'friends') as WorkoutVisibility,
    };
  }
}
