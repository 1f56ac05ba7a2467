import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { deleteKeys } from '../../../test/cluster.global-setup';
import { describeKvStoreContract } from './kv-store.contract';
import { RedisKvStore } from './redis-kv-store';

const redisUrl = inject('redisUrl');
/** Under the run's prefix, so global teardown removes whatever a failed test left. */
const basePrefix = `${inject('redisPrefix')}kv-contract:`;
const uniquePrefix = () => `${basePrefix}${randomBytes(4).toString('hex')}:`;

afterAll(() => deleteKeys(redisUrl, basePrefix));

describeKvStoreContract('redis', () => RedisKvStore.connect(redisUrl, uniquePrefix()));

describe('RedisKvStore', () => {
  it('writes every key under its prefix, so deployments sharing a Redis stay apart', async () => {
    const prefix = uniquePrefix();
    const sut = RedisKvStore.connect(redisUrl, prefix);
    const neighbour = RedisKvStore.connect(redisUrl, uniquePrefix());
    const raw = new Redis(redisUrl);
    try {
      await sut.set('key', 'mine');
      await sut.hit('window', 60_000);
      expect(await raw.get(`${prefix}key`)).toBe('mine');
      expect(await raw.get(`${prefix}window`)).toBe('1');
      expect(await raw.pttl(`${prefix}window`)).toBeGreaterThan(0);
      expect(await neighbour.get('key')).toBeNull();
      expect((await neighbour.hit('window', 60_000)).count).toBe(1);
    } finally {
      raw.disconnect();
      await Promise.all([sut.close(), neighbour.close()]);
    }
  });

  it('two connections with one prefix share state, as two instances do', async () => {
    const prefix = uniquePrefix();
    const a = RedisKvStore.connect(redisUrl, prefix);
    const b = RedisKvStore.connect(redisUrl, prefix);
    try {
      await a.set('session:1', 'revoked');
      expect(await b.get('session:1')).toBe('revoked');
      await a.hit('rl:login', 60_000);
      expect((await b.hit('rl:login', 60_000)).count).toBe(2);
      expect(await a.setIfAbsent('lock', 'a', 60_000)).toBe(true);
      expect(await b.setIfAbsent('lock', 'b', 60_000)).toBe(false);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
