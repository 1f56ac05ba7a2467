import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { inject } from 'vitest';
import { describeInstanceRegistry } from './instance-registry.contract';
import { RedisInstanceRegistry } from './redis-instance-registry';

describeInstanceRegistry('redis', async () => {
  const redis = new Redis(inject('redisUrl'), { keyPrefix: `${inject('redisPrefix')}instances:${randomBytes(4).toString('hex')}:` });
  return { registry: new RedisInstanceRegistry(redis), close: async () => void redis.disconnect() };
});
