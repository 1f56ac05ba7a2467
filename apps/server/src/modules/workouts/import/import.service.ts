import { Injectable } from '@nestjs/common';
import { type ImportBody, type ImportResult, toKg, toMetres, type TrackingType } from '@discordgym/contracts';
import { v7 as uuidv7 } from 'uuid';
import { countsAsSet, setVolumeKg } from '../records';
import { RecordsService } from '../records.service';
import { SocialRepository } from '../social.repository';
import { type ExerciseRow, WorkoutsRepository } from '../workouts.repository';
import { type ImportedExercise, type ImportedSet, parseWorkoutCsv } from './workout-csv';

/** "Bench Press (Barbell)" and "bench press  (barbell)" are the same exercise. */
const normalName = (name: string) => name.toLowerCase().replace(/[^a-z0-9()äöüß]+/g, ' ').replace(/\s+/g, ' ').trim();

function trackingOf(exercise: ImportedExercise): TrackingType {
  const has = (key: keyof ImportedSet) => exercise.sets.some((s) => s[key] !== null);
  if (has('distance') && has('weight')) return 'weight_distance';
  if (has('distance')) return 'distance_duration';
  if (has('weight')) return 'weight_reps';
  if (has('reps')) return 'bodyweight_reps';
  return 'duration';
}

/**
 * Imports Strong's and Hevy's CSV exports. The whole file is read and checked first (a wrong
 * line refuses it all), then written in one transaction. Each workout's client_id comes from
 * its content, so a file imported twice adds nothing the second time. Imported workouts are
 * history: they make no feed events and no PR announcements; records are rebuilt once.
 */
@Injectable()
export class ImportService {
  constructor(
    private readonly repository: SocialRepository,
    private readonly workouts: WorkoutsRepository,
    private readonly records: RecordsService,
  ) {}

  async import(userId: string, body: ImportBody): Promise<ImportResult> {
    const preferences = await this.workouts.preferences(userId);
    const parsed = parseWorkoutCsv(body.csv, body.format, { weight: (preferences?.weightUnit ?? 'kg') as 'kg' | 'lb', distance: (preferences?.distanceUnit ?? 'km') as 'km' | 'mi' });
    const visibility = preferences?.defaultVisibility ?? 'friends';
    return this.repository.transaction(async (tx) => {
      await this.repository.lockImports(tx, userId);
      const existing = await this.repository.existingClientIds(tx, userId, parsed.workouts.map((w) => w.clientId));
      const fresh = parsed.workouts.filter((w) => !existing.has(w.clientId));
      const catalog = await this.repository.usableExercises(tx, userId);
      // Mine before built-ins: a custom exercise made by an earlier import wins over nothing, and a built-in over a later custom one of the same name.
      const byName = new Map<string, ExerciseRow>();
      for (const e of catalog.filter((c) => c.ownerId !== null)) byName.set(normalName(e.nameEn), e);
      for (const e of catalog.filter((c) => c.ownerId === null)) {
        byName.set(normalName(e.nameEn), e);
        byName.set(normalName(e.nameDe), e);
      }
      const created: string[] = [];
      const touched = new Map<string, ExerciseRow>();
      let sets = 0;
      for (const workout of fresh) {
        const workoutId = uuidv7();
        const exerciseRows: Parameters<WorkoutsRepository['insertExercises']>[1] = [];
        const setRows: Parameters<WorkoutsRepository['insertSets']>[1] = [];
        let volume = 0;
        let setCount = 0;
        for (const [position, e] of workout.exercises.entries()) {
          let exercise = byName.get(normalName(e.name));
          if (!exercise) {
            exercise = await this.repository.insertExercise(tx, {
              id: uuidv7(),
              ownerId: userId,
              nameEn: e.name,
              nameDe: e.name,
              equipment: 'other',
              trackingType: trackingOf(e),
            });
            byName.set(normalName(e.name), exercise);
            created.push(e.name);
          }
          touched.set(exercise.id, exercise);
          const weId = uuidv7();
          exerciseRows.push({ id: weId, workoutId, userId, exerciseId: exercise.id, clientId: `ex_${String(position).padStart(5, '0')}`, position, supersetGroup: e.supersetGroup, notes: e.notes });
          for (const [setPosition, s] of e.sets.entries()) {
            const columns = {
              type: s.type,
              weightKg: s.weight !== null ? toKg(s.weight, s.weightUnit) : null,
              weightInput: s.weight,
              weightUnit: s.weight !== null ? s.weightUnit : null,
              reps: s.reps,
              rpe: s.rpe,
              distanceM: s.distance !== null ? toMetres(s.distance, s.distanceUnit) : null,
              distanceInput: s.distance,
              distanceUnit: s.distance !== null ? s.distanceUnit : null,
              durationS: s.durationS,
              done: true,
              completedAt: null,
            };
            if (countsAsSet(columns)) setCount++;
            volume += setVolumeKg(exercise.trackingType as TrackingType, columns);
            setRows.push({ id: uuidv7(), workoutExerciseId: weId, clientId: `set_${String(setPosition).padStart(4, '0')}`, position: setPosition, ...columns });
            sets++;
          }
        }
        await this.workouts.insertWorkout(tx, {
          id: workoutId,
          userId,
          clientId: workout.clientId,
          title: workout.title,
          notes: workout.notes,
          startedAt: workout.startedAt,
          endedAt: workout.endedAt,
          finishedAt: workout.endedAt,
          visibility,
          source: parsed.format,
          volumeKg: Math.round(volume * 1e4) / 1e4,
          setCount,
        });
        await this.workouts.insertExercises(tx, exerciseRows);
        await this.workouts.insertSets(tx, setRows);
      }
      if (touched.size) await this.records.rebuild(tx, userId, [...touched.values()]);
      return { format: parsed.format, workouts: parsed.workouts.length, created: fresh.length, sets, custom_exercises: created };
    });
  }
}
