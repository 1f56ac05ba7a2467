import { forgetLiveWorkouts } from './live-workout.store';
import { forgetSynced } from './synced.store';
import { forgetWorkoutOutboxes } from './workout-outbox.store';

/** An explicit logout: the live workout, its unsent changes and what was learnt from the server go. */
export function forgetWorkoutData(): void {
  forgetWorkoutOutboxes();
  forgetLiveWorkouts();
  forgetSynced();
}
