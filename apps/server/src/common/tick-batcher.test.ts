import { describe, expect, it, vi } from 'vitest';
import { TickBatcher } from './tick-batcher';

describe('TickBatcher', () => {
  it('answers every key asked for in one turn of the event loop with one load, each waiter its own value', async () => {
    const load = vi.fn(async (keys: string[]) => new Map(keys.filter((k) => k !== 'missing').map((k) => [k, k.toUpperCase()])));
    const batcher = new TickBatcher(load);
    const answers = await Promise.all([batcher.get('a'), batcher.get('b'), batcher.get('a'), batcher.get('missing')]);
    expect(answers).toEqual(['A', 'B', 'A', undefined]);
    expect(load).toHaveBeenCalledTimes(1);
    expect(load.mock.calls[0]![0]).toEqual(['a', 'b', 'missing']);
  });

  it('reads again for a key asked after its batch was sent: nothing is remembered', async () => {
    let value = 'old';
    const load = vi.fn(async (keys: string[]) => new Map(keys.map((k) => [k, value])));
    const batcher = new TickBatcher(load);
    expect(await batcher.get('k')).toBe('old');
    value = 'new';
    expect(await batcher.get('k')).toBe('new');
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('sends a full batch at once and rejects every waiter of a failed load', async () => {
    const load = vi.fn(async (keys: string[]) => {
      if (keys.includes('bad')) throw new Error('down');
      return new Map(keys.map((k) => [k, k]));
    });
    const batcher = new TickBatcher(load, 2);
    const first = [batcher.get('x'), batcher.get('y')];
    expect(load).toHaveBeenCalledTimes(1);
    const failed = [batcher.get('bad'), batcher.get('bad')];
    expect(await Promise.all(first)).toEqual(['x', 'y']);
    for (const answer of failed) await expect(answer).rejects.toThrow('down');
    expect(load).toHaveBeenCalledTimes(2);
  });
});
