import { describe, expect, it } from 'vitest';
import { describeKvStoreContract } from './kv-store.contract';
import { MemoryKvStore } from './memory-kv-store';

describeKvStoreContract('memory', () => new MemoryKvStore());

/** What the contract cannot pin down with a real clock: exact window edges. */
describe('MemoryKvStore with a controlled clock', () => {
  const clock = () => {
    let now = 1_000_000;
    return { now: () => now, advance: (ms: number) => (now += ms) };
  };

  it('expires a key exactly at its TTL', async () => {
    const time = clock();
    const sut = new MemoryKvStore(time.now);
    await sut.set('key', 'value', 1_000);
    time.advance(999);
    expect(await sut.get('key')).toBe('value');
    time.advance(1);
    expect(await sut.get('key')).toBeNull();
    await sut.close();
  });

  it('ends a hit window exactly windowMs after its first hit, whatever came later', async () => {
    const time = clock();
    const sut = new MemoryKvStore(time.now);
    expect(await sut.hit('w', 1_000)).toEqual({ count: 1, resetInMs: 1_000 });
    time.advance(400);
    expect(await sut.hit('w', 1_000)).toEqual({ count: 2, resetInMs: 600 });
    time.advance(599);
    expect(await sut.hit('w', 1_000)).toEqual({ count: 3, resetInMs: 1 });
    time.advance(1);
    expect(await sut.hit('w', 1_000)).toEqual({ count: 1, resetInMs: 1_000 });
    await sut.close();
  });

  it('keeps an incremented counter without expiry unless it had one', async () => {
    const time = clock();
    const sut = new MemoryKvStore(time.now);
    await sut.incr('version');
    time.advance(365 * 86_400_000);
    expect(await sut.incr('version')).toBe(2);
    await sut.close();
  });
});
