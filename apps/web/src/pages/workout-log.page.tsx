import { WorkoutLogger } from '../features/workouts/components/workout-logger.component';

export function WorkoutLogPage() {
  return <WorkoutLogger />;
}
