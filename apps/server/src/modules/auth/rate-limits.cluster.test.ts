import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { clusterEnv, startTestServer } from '../../../test/harness';
import { describeRateLimits } from './rate-limits.suite';

// Each server its own key prefix (under the run's, which teardown removes): counters left
// by other files of the run must not count here.
describeRateLimits('cluster: Redis', (env) =>
  startTestServer({ ...clusterEnv(), REDIS_KEY_PREFIX: `${inject('redisPrefix')}rate-limits:${randomBytes(4).toString('hex')}:`, ...env }),
);
