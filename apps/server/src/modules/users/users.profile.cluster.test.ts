import { clusterEnv, startTestServer } from '../../../test/harness';
import { describeUsersProfile } from './users-profile.suite';

describeUsersProfile('cluster: PostgreSQL + Redis', () => startTestServer(clusterEnv()));
