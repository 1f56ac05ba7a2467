import type { Redis } from 'ioredis';
import { type InstanceLoad, InstanceRegistry } from './instance-registry';

/** Hash fields carry no TTL of their own before Redis 7.4: each value carries its expiry. */
const KEY = 'instances:load';

interface Stored {
  sockets: number;
  users: number;
  reportedAt: number;
  expiresAt: number;
}

/**
 * One Redis hash for the whole deployment, a field per instance: a report is one HSET, the
 * list one HGETALL (there are as many fields as instances). Readers drop expired fields.
 */
export class RedisInstanceRegistry extends InstanceRegistry {
  readonly kind = 'redis' as const;

  /** `redis` is the KvStore's connection: its key prefix keeps deployments apart. */
  constructor(private readonly redis: Redis) {
    super();
  }

  async report(load: InstanceLoad, ttlMs: number): Promise<void> {
    const stored: Stored = { sockets: load.sockets, users: load.users, reportedAt: load.reportedAt.getTime(), expiresAt: Date.now() + ttlMs };
    await this.redis.hset(KEY, load.instance, JSON.stringify(stored));
  }

  async list(): Promise<InstanceLoad[]> {
    const all = await this.redis.hgetall(KEY);
    const now = Date.now();
    const live: InstanceLoad[] = [];
    const expired: string[] = [];
    for (const [instance, raw] of Object.entries(all)) {
      const stored = parse(raw);
      if (!stored || stored.expiresAt <= now) expired.push(instance);
      else live.push({ instance, sockets: stored.sockets, users: stored.users, reportedAt: new Date(stored.reportedAt) });
    }
    // An instance that reported again between the read and this delete drops out until its
    // next report (seconds); without the delete, every instance name ever used would stay.
    if (expired.length) await this.redis.hdel(KEY, ...expired);
    return live.sort((a, b) => a.instance.localeCompare(b.instance));
  }

  async remove(instance: string): Promise<void> {
    await this.redis.hdel(KEY, instance);
  }
}

function parse(raw: string): Stored | undefined {
  try {
    const value = JSON.parse(raw) as Partial<Stored>;
    if (typeof value.sockets !== 'number' || typeof value.users !== 'number' || typeof value.expiresAt !== 'number' || typeof value.reportedAt !== 'number') return undefined;
    return value as Stored;
  } catch {
    return undefined;
  }
}
