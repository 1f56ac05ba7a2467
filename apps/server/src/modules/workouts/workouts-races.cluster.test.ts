import { startClusterChat } from '../../../test/chat-fixtures';
import { describeWorkoutRaces } from './workouts-races.suite';

describeWorkoutRaces('cluster: PostgreSQL + Redis', startClusterChat);
