import { clusterEnv, startTestServer } from '../../../test/harness';
import { describeAuthBadInput } from './auth-bad-input.suite';

describeAuthBadInput('cluster: PostgreSQL + Redis', () => startTestServer(clusterEnv()));
