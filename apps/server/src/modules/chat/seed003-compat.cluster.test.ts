import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { startClusterChat } from '../../../test/chat-fixtures';
import { describeSeed003Compat } from './seed003-compat.suite';

// Two instances sharing PostgreSQL and one Redis prefix: the second seed client is on the other instance.
describeSeed003Compat('cluster: two instances, PostgreSQL + Redis', async () => {
  const REDIS_KEY_PREFIX = `${inject('redisPrefix')}seed003:${randomBytes(4).toString('hex')}:`;
  const [one, two] = await Promise.all([
    startClusterChat({ REDIS_KEY_PREFIX, INSTANCE_ID: 'seed003-1' }),
    startClusterChat({ REDIS_KEY_PREFIX, INSTANCE_ID: 'seed003-2' }),
  ]);
  return [one, two];
});
