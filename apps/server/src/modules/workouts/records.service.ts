import { Injectable } from '@nestjs/common';
import type { RecordKind, TrackingType } from '@discordgym/contracts';
import { v7 as uuidv7 } from 'uuid';
import type { Executor } from '../../infra/db/database';
import { RecordBook, type RecordEvent, rebuildRecords } from './records';
import { type ExerciseRow, type RecordRow, WorkoutsRepository } from './workouts.repository';

const eventKey = (e: { kind: string; weightKg: number | null; setId: string; value: number; previousValue: number | null }) =>
  `${e.kind}|${e.weightKg ?? ''}|${e.setId}|${e.value}|${e.previousValue ?? ''}`;
const slotKey = (e: { kind: string; weightKg: number | null }) => `${e.kind}|${e.weightKg ?? ''}`;

const toEvent = (r: RecordRow): RecordEvent => ({
  kind: r.kind as RecordKind,
  weightKg: r.weightKg,
  value: r.value,
  previousValue: r.previousValue,
  setId: r.setId,
  workoutId: r.workoutId,
  achievedAt: r.achievedAt,
});

/**
 * Keeps `personal_records` equal to what the finished workouts say, per (user, exercise).
 * A finish of the user's latest workout appends to the standing records; anything else (a
 * past workout, an edit, a delete) rebuilds the exercise's history from its sets and writes
 * only the difference, so untouched history keeps its ids.
 */
@Injectable()
export class RecordsService {
  constructor(private readonly repository: WorkoutsRepository) {}

  /** Appends what the sets of `workoutId` beat; only valid when no finished workout of the user started later. */
  async append(tx: Executor, userId: string, workoutId: string, exercises: ExerciseRow[]): Promise<void> {
    if (!exercises.length) return;
    const ids = exercises.map((e) => e.id);
    const standing = await this.repository.recordsOf(tx, userId, ids, true);
    const sets = await this.repository.workoutRecordSets(tx, workoutId);
    const inserts: Array<RecordRow> = [];
    const retired: string[] = [];
    for (const exercise of exercises) {
      const mine = standing.filter((r) => r.exerciseId === exercise.id);
      const book = new RecordBook(exercise.trackingType as TrackingType, mine.map(toEvent));
      for (const s of sets) if (s.exerciseId === exercise.id) book.add(s);
      const bySlot = new Map(mine.map((r) => [slotKey(r), r]));
      const finalBySlot = new Map(book.current().map((e) => [slotKey(e), e]));
      for (const event of book.events) {
        const isCurrent = finalBySlot.get(slotKey(event)) === event;
        const old = bySlot.get(slotKey(event));
        if (old && isCurrent) retired.push(old.id);
        inserts.push(this.row(userId, exercise.id, event, isCurrent));
      }
    }
    await this.repository.setRecordsCurrent(tx, [...new Set(retired)], false);
    await this.repository.insertRecords(tx, inserts);
  }

  /** Rebuilds the history of each exercise from all of the user's finished workouts. */
  async rebuild(tx: Executor, userId: string, exercises: ExerciseRow[]): Promise<void> {
    if (!exercises.length) return;
    const existing = await this.repository.recordsOf(
      tx,
      userId,
      exercises.map((e) => e.id),
      false,
    );
    const toDelete: string[] = [];
    const toUnset: string[] = [];
    const toSet: string[] = [];
    const inserts: RecordRow[] = [];
    for (const exercise of exercises) {
      const sets = await this.repository.recordSets(tx, userId, exercise.id);
      const { events, current } = rebuildRecords(exercise.trackingType as TrackingType, sets);
      const currentSet = new Set(current);
      const old = new Map(existing.filter((r) => r.exerciseId === exercise.id).map((r) => [eventKey(r), r]));
      for (const event of events) {
        const isCurrent = currentSet.has(event);
        const match = old.get(eventKey(event));
        if (match) {
          old.delete(eventKey(event));
          if (match.current !== isCurrent) (isCurrent ? toSet : toUnset).push(match.id);
        } else {
          inserts.push(this.row(userId, exercise.id, event, isCurrent));
        }
      }
      for (const stale of old.values()) toDelete.push(stale.id);
    }
    // Order matters for the partial unique index on current records: clear before setting.
    await this.repository.deleteRecords(tx, toDelete);
    await this.repository.setRecordsCurrent(tx, toUnset, false);
    await this.repository.insertRecords(tx, inserts);
    await this.repository.setRecordsCurrent(tx, toSet, true);
  }

  private row(userId: string, exerciseId: string, e: RecordEvent, current: boolean): RecordRow {
    return {
      id: uuidv7(),
      userId,
      exerciseId,
      kind: e.kind,
      weightKg: e.weightKg,
      value: e.value,
      previousValue: e.previousValue,
      workoutId: e.workoutId,
      setId: e.setId,
      achievedAt: e.achievedAt,
      current,
      createdAt: new Date(),
    };
  }
}
