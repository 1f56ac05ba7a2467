import { clusterEnv, startTestServer } from '../../../test/harness';
import { describeUsersBadInput } from './users-bad-input.suite';

describeUsersBadInput('cluster: PostgreSQL + Redis', () => startTestServer(clusterEnv()));
