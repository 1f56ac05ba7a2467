import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { clusterEnv, startTestServer } from '../../test/harness';
import { describeRevocation } from './revocation.suite';

describeRevocation('cluster: signed out on instance A, sockets on instance B', async (env) => {
  // One deployment: both instances share the database and one key prefix.
  const shared = { ...clusterEnv(), REDIS_KEY_PREFIX: `${inject('redisPrefix')}revocation:${randomBytes(4).toString('hex')}:`, ...env };
  return Promise.all([startTestServer({ ...shared, INSTANCE_ID: 'rev-a' }), startTestServer({ ...shared, INSTANCE_ID: 'rev-b' })]);
});
