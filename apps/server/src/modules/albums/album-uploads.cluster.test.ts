import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { clusterEnv, startTestServer } from '../../../test/harness';
import { describeAlbumUploads } from './album-uploads.suite';

// PostgreSQL + Redis (BullMQ) + the run's S3 server (s3rver, SigV4 checked): bytes go to S3 only.
describeAlbumUploads('cluster: PostgreSQL + Redis + S3', (env = {}) =>
  startTestServer({
    ...clusterEnv(),
    ...inject('s3Env'),
    REDIS_KEY_PREFIX: `${inject('redisPrefix')}uploads:${randomBytes(4).toString('hex')}:`,
    ...env,
  }),
);
