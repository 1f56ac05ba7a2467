import { Redis } from 'ioredis';
import { KvStore, type WindowCount } from './kv-store';

/** INCR and start the window on the first hit, atomically; returns [count, pttl]. */
const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {count, ttl}
`;

export class RedisKvStore extends KvStore {
  readonly kind = 'redis' as const;

  constructor(readonly redis: Redis) {
    super();
    redis.defineCommand('dgHit', { numberOfKeys: 1, lua: HIT_SCRIPT });
  }

  static connect(url: string, keyPrefix: string): RedisKvStore {
    const redis = new Redis(url, {
      keyPrefix,
      // Fail a command after a few retries instead of queueing forever while Redis is down.
      maxRetriesPerRequest: 3,
      enableAutoPipelining: true,
    });
    // ioredis reconnects by itself; without a listener an outage would be an unhandled 'error'.
    redis.on('error', () => undefined);
    return new RedisKvStore(redis);
  }

  async get(key: string): Promise<string | null> {
    return this.redis.get(key);
  }

  async set(key: string, value: string, ttlMs?: number): Promise<void> {
    if (ttlMs) await this.redis.set(key, value, 'PX', ttlMs);
    else await this.redis.set(key, value);
  }

  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    return (await this.redis.set(key, value, 'PX', ttlMs, 'NX')) === 'OK';
  }

  async del(key: string): Promise<void> {
    await this.redis.del(key);
  }

  async incr(key: string): Promise<number> {
    return this.redis.incr(key);
  }

  async hit(key: string, windowMs: number): Promise<WindowCount> {
    const run = (this.redis as unknown as { dgHit(key: string, windowMs: number): Promise<[number, number]> }).dgHit;
    const [count, ttl] = await run.call(this.redis, key, windowMs);
    return { count, resetInMs: ttl };
  }

  async ping(): Promise<void> {
    await this.redis.ping();
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
