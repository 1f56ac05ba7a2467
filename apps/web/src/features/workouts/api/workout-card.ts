import { type WeightUnit, type WorkoutCardSnapshot as Snapshot, WorkoutCardSnapshot, type WorkoutPreferences } from '@discordgym/contracts';
import { readStored } from '../../../lib/storage/local-store';

/**
 * A workout card's snapshot, or null when it is not one this version can read (an older
 * or newer server): the message list then shows the card's fallback, never an error.
 */
export const readWorkoutSnapshot = (snapshot: Record<string, unknown>): Snapshot | null => {
  const parsed = WorkoutCardSnapshot.safeParse(snapshot);
  return parsed.success ? parsed.data : null;
};

/** The reader's units from the last preferences this device saw (the chat does not fetch them). */
export function cachedUnits(): { weight: WeightUnit; distance: 'km' | 'mi' } {
  const prefs = readStored('discordgym.workout-preferences', (v) => (v && typeof v === 'object' ? (v as WorkoutPreferences) : null));
  return { weight: prefs?.weight_unit ?? 'kg', distance: prefs?.distance_unit ?? 'km' };
}
