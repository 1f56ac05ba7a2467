import { describe, expect, it } from 'vitest';
import { eventually } from '../../../test/eventually';
import { describeJobQueueContract } from './job-queue.contract';
import { MemoryJobQueue } from './memory-job-queue';

describeJobQueueContract('memory', (metrics) => new MemoryJobQueue(metrics ? { metrics } : {}));

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** What only the in-process queue promises: its bounds, and what close does to pending jobs. */
describe('MemoryJobQueue', () => {
  it('refuses new jobs beyond maxPendingPerQueue, while a duplicate id is still a quiet no-op', async () => {
    const sut = new MemoryJobQueue({ maxPendingPerQueue: 3 });
    sut.define('bounded', async () => undefined);
    await sut.enqueue('bounded', 1, { jobId: 'a' });
    await sut.enqueue('bounded', 2, { jobId: 'b' });
    await sut.enqueue('bounded', 3, { jobId: 'c', delayMs: 60_000 });
    await expect(sut.enqueue('bounded', 4)).rejects.toThrow(/full/);
    await expect(sut.enqueue('bounded', 1, { jobId: 'a' })).resolves.toBeUndefined();
    expect((await sut.stats()).bounded).toEqual({ waiting: 2, active: 0, delayed: 1, failed: 0 });
    await sut.close();
  });

  it('remembers only the last recentIdsPerQueue finished ids', async () => {
    const runs: string[] = [];
    const sut = new MemoryJobQueue({ recentIdsPerQueue: 2 });
    sut.define<string>('recent', async (data) => {
      runs.push(data);
    });
    await sut.start();
    for (const id of ['a', 'b', 'c']) await sut.enqueue('recent', id, { jobId: id });
    await eventually('three runs', async () => (runs.length === 3 ? true : undefined));
    // 'a' was forgotten when 'c' finished; 'c' is still remembered.
    await sut.enqueue('recent', 'a again', { jobId: 'a' });
    await sut.enqueue('recent', 'c again', { jobId: 'c' });
    await eventually('the forgotten id to run again', async () => (runs.length === 4 ? true : undefined));
    await sleep(100);
    expect(runs).toEqual(['a', 'b', 'c', 'a again']);
    await sut.close();
  });

  it('keeps a failed job counted, bounded the same way', async () => {
    const sut = new MemoryJobQueue({ recentIdsPerQueue: 2 });
    sut.define('failing', async () => {
      throw new Error('no');
    }, { attempts: 1 });
    await sut.start();
    for (let i = 0; i < 5; i++) await sut.enqueue('failing', i);
    await eventually('the failures to settle', async () => ((await sut.stats()).failing?.active === 0 ? true : undefined));
    expect((await sut.stats()).failing?.failed).toBe(2);
    await sut.close();
  });

  it('waits out a delay longer than a timer can hold instead of running at once', async () => {
    let ran = false;
    const sut = new MemoryJobQueue();
    sut.define('far', async () => {
      ran = true;
    });
    await sut.start();
    // Beyond 2^31 - 1 ms, a plain setTimeout fires after 1 ms.
    await sut.enqueue('far', null, { delayMs: 2 ** 31 + 1_000 });
    await sleep(100);
    expect(ran).toBe(false);
    expect((await sut.stats()).far?.delayed).toBe(1);
    await sut.close();
  });

  it('drops waiting and delayed jobs on close: they never run afterwards', async () => {
    let runs = 0;
    const sut = new MemoryJobQueue();
    sut.define('dropped', async () => {
      runs += 1;
    });
    await sut.enqueue('dropped', 'waiting');
    await sut.enqueue('dropped', 'delayed', { delayMs: 50 });
    await sut.close();
    await sleep(200);
    expect(runs).toBe(0);
    expect((await sut.stats()).dropped).toEqual({ waiting: 0, active: 0, delayed: 0, failed: 0 });
    await expect(sut.start()).rejects.toThrow(/closed/);
  });

  it('does not retry a job whose try failed while closing', async () => {
    const tries: number[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const sut = new MemoryJobQueue();
    sut.define('closing', async (_data, { attempt }) => {
      tries.push(attempt);
      await held;
      throw new Error('fails as the queue closes');
    }, { attempts: 3, backoffMs: 10 });
    await sut.start();
    await sut.enqueue('closing', null);
    await eventually('the job to start', async () => (tries.length === 1 ? true : undefined));
    const closing = sut.close();
    release();
    await closing;
    await sleep(100);
    expect(tries).toEqual([1]);
  });

  it('gives each handler its own copy of the data, as it would get from Redis', async () => {
    const seen: unknown[] = [];
    const sut = new MemoryJobQueue();
    sut.define('copied', async (data) => {
      seen.push(data);
    });
    const data = { at: new Date(0), list: [1] };
    await sut.enqueue('copied', data);
    data.list.push(2);
    await sut.start();
    await eventually('the job to run', async () => (seen.length === 1 ? true : undefined));
    expect(seen[0]).toEqual({ at: '1970-01-01T00:00:00.000Z', list: [1] });
    await sut.close();
  });
});
