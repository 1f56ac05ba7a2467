import { clusterEnv, startTestServer } from '../../../test/harness';
import { describeAuthFlow } from './auth-flow.suite';

describeAuthFlow('cluster: PostgreSQL + Redis', () => startTestServer({ ...clusterEnv(), REFRESH_REUSE_GRACE_SECONDS: '1' }));
