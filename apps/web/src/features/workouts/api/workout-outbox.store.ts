import { outboxFamily, type OutboxItem } from '../../../lib/storage/outbox';
import type { LiveWorkout } from './live-workout.store';

/**
 * A workout change on its way to the server, in the app's one outbox mechanism. A save
 * carries the whole workout (a newer save replaces a queued older one), so sending any
 * of them again only ever lands the same state: the workout by its client_id, every
 * exercise and set by theirs.
 */
export interface WorkoutOutboxEntry extends OutboxItem {
  op: 'save' | 'finish' | 'delete';
  workout_client_id: string;
  workout: LiveWorkout;
  /** For a finish: when it was finished on this device (offline finishes keep their time). */
  ended_at: string | null;
}

const isEntry = (value: unknown): value is WorkoutOutboxEntry => {
  const e = value as Record<string, unknown>;
  return (e.op === 'save' || e.op === 'finish' || e.op === 'delete') && typeof e.workout_client_id === 'string' && typeof e.workout === 'object' && e.workout !== null;
};

const workouts = outboxFamily<WorkoutOutboxEntry>('discordgym.workout-outbox.', isEntry);

export const workoutOutboxFor = (userId: string) => workouts.for(userId);
export const forgetWorkoutOutboxes = (): void => workouts.forget();
