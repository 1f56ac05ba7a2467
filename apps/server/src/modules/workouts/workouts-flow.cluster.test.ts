import { startClusterChat } from '../../../test/chat-fixtures';
import { describeWorkoutsFlow } from './workouts-flow.suite';

// The same flow on PostgreSQL: numeric precision, row locks and the partial unique index on
// current records behave per engine, which PGlite alone would not prove.
describeWorkoutsFlow('cluster: PostgreSQL + Redis', startClusterChat);
