import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventually } from '../../../test/eventually';
import type { KvStore } from './kv-store';

/** Short enough to wait for, long enough that a loaded machine cannot outrun it by accident. */
const SHORT_TTL_MS = 150;
const LONG_TTL_MS = 60_000;

/**
 * What every KvStore must do, run against the in-memory store (kv-store.memory.test.ts)
 * and against real Redis (kv-store.redis.cluster.test.ts). `make` returns a fresh, empty
 * store; the suite closes it after each test.
 */
export function describeKvStoreContract(name: string, make: () => KvStore | Promise<KvStore>): void {
  describe(`KvStore contract: ${name}`, () => {
    let sut: KvStore;

    beforeEach(async () => {
      sut = await make();
    });
    afterEach(async () => {
      await sut.close();
    });

    /** Resolves once `key` reads as absent. */
    const expired = (key: string) => eventually(`${key} to expire`, async () => ((await sut.get(key)) === null ? true : undefined));

    describe('get / set / del', () => {
      it('answers null for a key never set', async () => {
        expect(await sut.get('never-set')).toBeNull();
      });

      it('reads back what was set, byte for byte', async () => {
        await sut.set('plain', 'value');
        await sut.set('user:42:session', 'Ünïcødé 💪 with spaces and "quotes"');
        await sut.set('empty', '');
        expect(await sut.get('plain')).toBe('value');
        expect(await sut.get('user:42:session')).toBe('Ünïcødé 💪 with spaces and "quotes"');
        expect(await sut.get('empty')).toBe('');
      });

      it('overwrites on a second set', async () => {
        await sut.set('key', 'first');
        await sut.set('key', 'second');
        expect(await sut.get('key')).toBe('second');
      });

      it('keeps keys apart', async () => {
        await sut.set('a', '1');
        await sut.set('b', '2');
        await sut.del('a');
        expect(await sut.get('a')).toBeNull();
        expect(await sut.get('b')).toBe('2');
      });

      it('deletes, and deleting a missing key is not an error', async () => {
        await sut.set('key', 'value');
        await sut.del('key');
        expect(await sut.get('key')).toBeNull();
        await expect(sut.del('key')).resolves.toBeUndefined();
        await expect(sut.del('never-set')).resolves.toBeUndefined();
      });
    });

    describe('expiry', () => {
      it('keeps a key with a TTL until the TTL has passed', async () => {
        await sut.set('long', 'value', LONG_TTL_MS);
        expect(await sut.get('long')).toBe('value');
      });

      it('drops a key once its TTL has passed', async () => {
        await sut.set('short', 'value', SHORT_TTL_MS);
        await expired('short');
      });

      it('a set without TTL replaces an earlier TTL: the key then stays', async () => {
        await sut.set('key', 'with-ttl', SHORT_TTL_MS);
        await sut.set('key', 'forever');
        // Set after `key`, with the same TTL: once it is gone, key's old TTL has passed too.
        await sut.set('witness', 'x', SHORT_TTL_MS);
        await expired('witness');
        expect(await sut.get('key')).toBe('forever');
      });

      it('a set with a TTL replaces an earlier value without one', async () => {
        await sut.set('key', 'forever');
        await sut.set('key', 'short-lived', SHORT_TTL_MS);
        await expired('key');
      });
    });

    describe('setIfAbsent', () => {
      it('sets an absent key and says so', async () => {
        expect(await sut.setIfAbsent('key', 'first', LONG_TTL_MS)).toBe(true);
        expect(await sut.get('key')).toBe('first');
      });

      it('leaves a present key alone and says so', async () => {
        await sut.set('key', 'first');
        expect(await sut.setIfAbsent('key', 'second', LONG_TTL_MS)).toBe(false);
        expect(await sut.get('key')).toBe('first');
      });

      it('sets again once the key was deleted', async () => {
        expect(await sut.setIfAbsent('key', 'first', LONG_TTL_MS)).toBe(true);
        await sut.del('key');
        expect(await sut.setIfAbsent('key', 'second', LONG_TTL_MS)).toBe(true);
        expect(await sut.get('key')).toBe('second');
      });

      it('applies its TTL, and sets again once the key expired', async () => {
        expect(await sut.setIfAbsent('key', 'first', SHORT_TTL_MS)).toBe(true);
        await expired('key');
        expect(await sut.setIfAbsent('key', 'second', LONG_TTL_MS)).toBe(true);
        expect(await sut.get('key')).toBe('second');
      });

      it('lets exactly one of many concurrent callers win', async () => {
        const results = await Promise.all(Array.from({ length: 25 }, (_, i) => sut.setIfAbsent('lock', `caller-${i}`, LONG_TTL_MS)));
        expect(results.filter(Boolean)).toHaveLength(1);
        const winner = results.indexOf(true);
        expect(await sut.get('lock')).toBe(`caller-${winner}`);
      });
    });

    describe('incr', () => {
      it('counts from 1, per key', async () => {
        expect(await sut.incr('version:a')).toBe(1);
        expect(await sut.incr('version:a')).toBe(2);
        expect(await sut.incr('version:b')).toBe(1);
        expect(await sut.get('version:a')).toBe('2');
      });

      it('never loses an increment under concurrency', async () => {
        const results = await Promise.all(Array.from({ length: 25 }, () => sut.incr('version')));
        expect([...results].sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
      });
    });

    describe('hit (fixed-window counter)', () => {
      it('counts hits within the window and reports the time left', async () => {
        const first = await sut.hit('window', LONG_TTL_MS);
        const second = await sut.hit('window', LONG_TTL_MS);
        const third = await sut.hit('window', LONG_TTL_MS);
        expect([first.count, second.count, third.count]).toEqual([1, 2, 3]);
        for (const { resetInMs } of [first, second, third]) {
          expect(resetInMs).toBeGreaterThan(0);
          expect(resetInMs).toBeLessThanOrEqual(LONG_TTL_MS);
        }
        // The window started with the first hit; later hits do not move its end.
        expect(third.resetInMs).toBeLessThanOrEqual(first.resetInMs);
      });

      it('keeps counters apart', async () => {
        await sut.hit('a', LONG_TTL_MS);
        await sut.hit('a', LONG_TTL_MS);
        expect((await sut.hit('b', LONG_TTL_MS)).count).toBe(1);
        expect((await sut.hit('a', LONG_TTL_MS)).count).toBe(3);
      });

      it('starts again at 1 after the window, even while hits keep coming', async () => {
        // A sliding or hit-extended window would never reset under this steady stream.
        expect((await sut.hit('window', SHORT_TTL_MS)).count).toBe(1);
        await eventually('the window to reset', async () => ((await sut.hit('window', SHORT_TTL_MS)).count === 1 ? true : undefined));
      });

      it('starts again at 1 after del (a rate limit reset)', async () => {
        await sut.hit('window', LONG_TTL_MS);
        await sut.hit('window', LONG_TTL_MS);
        await sut.del('window');
        expect((await sut.hit('window', LONG_TTL_MS)).count).toBe(1);
      });

      it('gives a window to a counter that has no expiry', async () => {
        await sut.set('window', '5');
        const { count, resetInMs } = await sut.hit('window', SHORT_TTL_MS);
        expect(count).toBe(6);
        expect(resetInMs).toBeGreaterThan(0);
        expect(resetInMs).toBeLessThanOrEqual(SHORT_TTL_MS);
        await expired('window');
      });

      it('never loses a hit under concurrency', async () => {
        const results = await Promise.all(Array.from({ length: 25 }, () => sut.hit('burst', LONG_TTL_MS)));
        expect(results.map((r) => r.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
      });
    });

    it('answers ping', async () => {
      await expect(sut.ping()).resolves.toBeUndefined();
    });

    it('says which kind it is', () => {
      expect(['memory', 'redis']).toContain(sut.kind);
    });
  });
}
