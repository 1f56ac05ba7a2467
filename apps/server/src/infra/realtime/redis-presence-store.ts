import type { Redis } from 'ioredis';
import { type LiveStatus, type PresenceLease, type PresenceState, PresenceStore } from './presence-store';

// Keys (under the instance-wide prefix):
//   presence:sockets:<user>   ZSET socket id → lease end (ms)
//   presence:leases           ZSET user id → latest lease end, for the sweep
//   presence:status:<user>    "online" | "away" while online
//   presence:seen:<user>      last time the user went offline (ms)

const CONNECT = `
local now = tonumber(ARGV[1]); local lease = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local before = redis.call('ZCARD', KEYS[1])
redis.call('ZADD', KEYS[1], now + lease, ARGV[3])
redis.call('ZADD', KEYS[2], 'GT', now + lease, ARGV[4])
if before == 0 then redis.call('SET', KEYS[3], 'online'); return 1 end
return 0`;

const DISCONNECT = `
local now = tonumber(ARGV[1])
local removed = redis.call('ZREM', KEYS[1], ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if removed == 1 and redis.call('ZCARD', KEYS[1]) == 0 then
  redis.call('DEL', KEYS[1], KEYS[3]); redis.call('ZREM', KEYS[2], ARGV[3])
  redis.call('SET', KEYS[4], now, 'PX', 2592000000)
  return 1
end
return 0`;

const SWEEP_ONE = `
local now = tonumber(ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) == 0 then
  if redis.call('ZREM', KEYS[2], ARGV[2]) == 0 then return 0 end
  redis.call('DEL', KEYS[3]); redis.call('SET', KEYS[4], now, 'PX', 2592000000)
  return 1
end
local newest = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
redis.call('ZADD', KEYS[2], newest[2], ARGV[2])
return 0`;

const RENEW = `
if not redis.call('ZSCORE', KEYS[1], ARGV[2]) then return 0 end
redis.call('ZADD', KEYS[1], ARGV[1], ARGV[2])
redis.call('ZADD', KEYS[2], 'GT', ARGV[1], ARGV[3])
return 1`;

const SET_STATUS = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
if redis.call('GET', KEYS[1]) == ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[1]); return 1`;

/** For each (sockets, status, seen) triple of keys: live sockets, status, last seen, flat. */
const GET_MANY = `
local out = {}
for i = 1, #KEYS, 3 do
  out[#out + 1] = redis.call('ZCOUNT', KEYS[i], '(' .. ARGV[1], '+inf')
  out[#out + 1] = redis.call('GET', KEYS[i + 1])
  out[#out + 1] = redis.call('GET', KEYS[i + 2])
end
return out`;
/** Users per GET_MANY call: one command instead of three per user, in slices Redis answers quickly. */
const GET_SLICE = 500;

type Scripted = Redis & {
  presenceGetMany(numberOfKeys: number, ...args: (string | number)[]): Promise<(number | string | null)[]>;
  presenceConnect(...args: (string | number)[]): Promise<number>;
  presenceDisconnect(...args: (string | number)[]): Promise<number>;
  presenceSweepOne(...args: (string | number)[]): Promise<number>;
  presenceSetStatus(...args: (string | number)[]): Promise<number>;
};

export class RedisPresenceStore extends PresenceStore {
  readonly kind = 'redis' as const;
  private readonly redis: Scripted;

  constructor(redis: Redis) {
    super();
    redis.defineCommand('presenceConnect', { numberOfKeys: 3, lua: CONNECT });
    redis.defineCommand('presenceDisconnect', { numberOfKeys: 4, lua: DISCONNECT });
    redis.defineCommand('presenceSweepOne', { numberOfKeys: 4, lua: SWEEP_ONE });
    redis.defineCommand('presenceSetStatus', { numberOfKeys: 1, lua: SET_STATUS });
    redis.defineCommand('presenceRenew', { numberOfKeys: 2, lua: RENEW });
    redis.defineCommand('presenceGetMany', { lua: GET_MANY });
    this.redis = redis as Scripted;
  }

  async connect(userId: string, socketId: string, leaseMs: number): Promise<boolean> {
    const first = await this.redis.presenceConnect(sockets(userId), LEASES, status(userId), Date.now(), leaseMs, socketId, userId);
    return first === 1;
  }

  async disconnect(userId: string, socketId: string): Promise<boolean> {
    const last = await this.redis.presenceDisconnect(sockets(userId), LEASES, status(userId), seen(userId), Date.now(), socketId, userId);
    return last === 1;
  }

  async renew(leases: PresenceLease[], leaseMs: number): Promise<PresenceLease[]> {
    if (!leases.length) return [];
    const until = Date.now() + leaseMs;
    const pipeline = this.redis.pipeline() as ReturnType<Redis['pipeline']> & { presenceRenew(...args: (string | number)[]): unknown };
    for (const { userId, socketId } of leases) pipeline.presenceRenew(sockets(userId), LEASES, until, socketId, userId);
    const replies = (await pipeline.exec()) ?? [];
    return leases.filter((_, i) => {
      const [error, renewed] = replies[i] ?? [];
      if (error) throw error;
      return renewed === 0;
    });
  }

  async setStatus(userId: string, value: LiveStatus): Promise<boolean> {
    return (await this.redis.presenceSetStatus(status(userId), value)) === 1;
  }

  async get(userIds: string[]): Promise<Map<string, PresenceState>> {
    const result = new Map<string, PresenceState>();
    if (!userIds.length) return result;
    const now = Date.now();
    const slices: Promise<(number | string | null)[]>[] = [];
    for (let at = 0; at < userIds.length; at += GET_SLICE) {
      const keys = userIds.slice(at, at + GET_SLICE).flatMap((id) => [sockets(id), status(id), seen(id)]);
      slices.push(this.redis.presenceGetMany(keys.length, ...keys, now));
    }
    const replies = (await Promise.all(slices)).flat();
    userIds.forEach((id, i) => {
      const live = Number(replies[i * 3] ?? 0) > 0;
      const current = replies[i * 3 + 1] as string | null;
      const lastSeen = replies[i * 3 + 2] as string | null;
      result.set(id, {
        status: live ? (current === 'away' ? 'away' : 'online') : 'offline',
        lastSeen: lastSeen ? new Date(Number(lastSeen)) : null,
      });
    });
    return result;
  }

  async sweep(): Promise<string[]> {
    const now = Date.now();
    const due = await this.redis.zrangebyscore(LEASES, '-inf', now, 'LIMIT', 0, 500);
    const gone: string[] = [];
    for (const userId of due) {
      const offline = await this.redis.presenceSweepOne(sockets(userId), LEASES, status(userId), seen(userId), now, userId);
      if (offline === 1) gone.push(userId);
    }
    return gone;
  }

  async close(): Promise<void> {
    // The connection belongs to the KvStore; it closes it.
  }
}

const LEASES = 'presence:leases';
const sockets = (userId: string) => `presence:sockets:${userId}`;
const status = (userId: string) => `presence:status:${userId}`;
const seen = (userId: string) => `presence:seen:${userId}`;
