import { startClusterChat } from '../../../test/chat-fixtures';
import { describeWorkoutsBadInput } from './workouts-bad-input.suite';

describeWorkoutsBadInput('cluster: PostgreSQL + Redis', startClusterChat);
