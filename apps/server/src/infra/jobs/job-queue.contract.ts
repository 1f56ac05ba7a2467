import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventually } from '../../../test/eventually';
import { Metrics } from '../metrics/metrics';
import type { JobContext, JobQueue, QueueStats } from './job-queue';

/**
 * Long enough that a loaded machine cannot outrun it by accident, short enough to wait
 * for. Assertions are about order and bounds (never sooner than), not about how fast.
 */
const BACKOFF_MS = 150;
const DELAY_MS = 1_000;
/** How long "nothing else happens" is watched for. */
const QUIET_MS = 400;
/** setTimeout may fire a millisecond or so before Date.now() reaches its due time. */
const TIMER_SLACK_MS = 15;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Holds handlers until opened: a "running" job that stays running for as long as a test needs. */
class Gate {
  private release!: () => void;
  private readonly opened = new Promise<void>((resolve) => (this.release = resolve));
  wait(): Promise<void> {
    return this.opened;
  }
  open(): void {
    this.release();
  }
}

const idle: QueueStats = { waiting: 0, active: 0, delayed: 0, failed: 0 };

/**
 * What every JobQueue must do, run against the in-process queue (job-queue.memory.test.ts)
 * and against BullMQ on real Redis (job-queue.bullmq.cluster.test.ts). `make` returns a
 * fresh queue with nothing defined, recording into `metrics` when given; the suite closes it.
 */
export function describeJobQueueContract(name: string, make: (metrics?: Metrics) => JobQueue | Promise<JobQueue>): void {
  describe(`JobQueue contract: ${name}`, () => {
    let sut: JobQueue;
    let gates: Gate[];
    const gate = () => {
      const created = new Gate();
      gates.push(created);
      return created;
    };
    /** Resolves once `probe` holds: waits for an outcome, never for a fixed time. */
    const until = (what: string, probe: () => boolean | Promise<boolean>) =>
      eventually(what, async () => ((await probe()) ? true : undefined), { timeoutMs: 20_000, intervalMs: 20 });

    beforeEach(async () => {
      gates = [];
      sut = await make();
    });
    afterEach(async () => {
      // A test that failed half-way must not leave a handler blocking close.
      for (const open of gates) open.open();
      await sut.close();
    });

    it('runs a job with its data, its id and attempt 1', async () => {
      const runs: Array<{ data: unknown; context: JobContext }> = [];
      sut.define<{ to: string; tags: string[] }>('mail', async (data, context) => {
        runs.push({ data, context });
      });
      await sut.start();
      await sut.enqueue('mail', { to: 'ünïcødé 💪', tags: ['a', 'b'] }, { jobId: 'welcome:user-1' });
      await sut.enqueue('mail', { to: 'second', tags: [] });
      await until('both jobs to run', () => runs.length === 2);
      const first = runs.find((run) => run.context.jobId === 'welcome:user-1');
      expect(first).toEqual({ data: { to: 'ünïcødé 💪', tags: ['a', 'b'] }, context: { jobId: 'welcome:user-1', attempt: 1, attempts: 3 } });
      const second = runs.find((run) => run !== first);
      expect(second?.data).toEqual({ to: 'second', tags: [] });
      // A job enqueued without an id still has one, for logs and for the handler.
      expect(second?.context.jobId).toEqual(expect.any(String));
      expect(second?.context.jobId).not.toBe('');
      await until('the queue to be idle', async () => (await sut.stats()).mail?.active === 0);
    });

    it('holds jobs enqueued before start, and runs them once started', async () => {
      const ran: string[] = [];
      sut.define<string>('early', async (data) => {
        ran.push(data);
      });
      await sut.enqueue('early', 'before-start');
      await sleep(QUIET_MS);
      expect(ran).toEqual([]);
      expect((await sut.stats()).early?.waiting).toBe(1);
      await sut.start();
      await until('the early job to run', () => ran.length === 1);
      expect(ran).toEqual(['before-start']);
    });

    it('retries a failing job with exponential backoff and gives up after `attempts`, counting it failed', async () => {
      const tries: Array<{ attempt: number; attempts: number; at: number }> = [];
      sut.define('flaky', async (_data, { attempt, attempts }) => {
        tries.push({ attempt, attempts, at: Date.now() });
        throw new Error(`try ${attempt} failed`);
      }, { attempts: 3, backoffMs: BACKOFF_MS });
      await sut.start();
      await sut.enqueue('flaky', { n: 1 }, { jobId: 'always-fails' });
      await until('the job to fail for good', async () => (await sut.stats()).flaky?.failed === 1);
      expect(tries.map((t) => t.attempt)).toEqual([1, 2, 3]);
      // Every try knows how many there are, so the third knows it is the last.
      expect(tries.map((t) => t.attempts)).toEqual([3, 3, 3]);
      // The first retry waits backoffMs, the second twice that.
      expect(tries[1]!.at - tries[0]!.at).toBeGreaterThanOrEqual(BACKOFF_MS - TIMER_SLACK_MS);
      expect(tries[2]!.at - tries[1]!.at).toBeGreaterThanOrEqual(2 * BACKOFF_MS - TIMER_SLACK_MS);
      // No fourth try, even after more than the next backoff would have been.
      await sleep(4 * BACKOFF_MS + QUIET_MS);
      expect(tries).toHaveLength(3);
      expect((await sut.stats()).flaky).toEqual({ ...idle, failed: 1 });
    });

    it('completes a job on a retry, and then does not count it failed', async () => {
      const tries: number[] = [];
      let done = false;
      sut.define('once-flaky', async (_data, { attempt }) => {
        tries.push(attempt);
        if (attempt === 1) throw new Error('first try fails');
        done = true;
      }, { attempts: 2, backoffMs: BACKOFF_MS });
      await sut.start();
      await sut.enqueue('once-flaky', null);
      await until('the retry to complete', () => done);
      expect(tries).toEqual([1, 2]);
      await until('the queue to be idle', async () => (await sut.stats())['once-flaky']?.active === 0);
      expect((await sut.stats())['once-flaky']).toEqual(idle);
    });

    it('fails a job whose handler throws synchronously or throws a non-Error, and keeps running', async () => {
      const survivor: string[] = [];
      sut.define('sync-throw', () => {
        throw new Error('thrown before any promise');
      }, { attempts: 1 });
      sut.define('string-throw', async () => {
        throw 'not an Error object';
      }, { attempts: 1 });
      sut.define<string>('fine', async (data) => {
        survivor.push(data);
      });
      await sut.start();
      await sut.enqueue('sync-throw', 1);
      await sut.enqueue('string-throw', 2);
      await until('both to fail', async () => {
        const stats = await sut.stats();
        return stats['sync-throw']?.failed === 1 && stats['string-throw']?.failed === 1;
      });
      await sut.enqueue('fine', 'still working');
      await until('the next job to run', () => survivor.length === 1);
    });

    it('does not run a delayed job before its delay, and runs it after', async () => {
      let ranAt: number | undefined;
      sut.define('later', async () => {
        ranAt = Date.now();
      });
      await sut.start();
      const enqueuedAt = Date.now();
      await sut.enqueue('later', { remind: true }, { delayMs: DELAY_MS });
      expect((await sut.stats()).later).toEqual({ ...idle, delayed: 1 });
      await sleep(DELAY_MS / 3);
      expect(ranAt).toBeUndefined();
      await until('the delayed job to run', () => ranAt !== undefined);
      expect(ranAt! - enqueuedAt).toBeGreaterThanOrEqual(DELAY_MS - TIMER_SLACK_MS);
    });

    it('runs a job id once, however often and whenever it is enqueued again', async () => {
      const runs = new Map<string, number>();
      const hold = gate();
      sut.define<string>('dedupe', async (_data, { jobId }) => {
        runs.set(jobId, (runs.get(jobId) ?? 0) + 1);
        if (jobId === 'photo:1:thumbnail') await hold.wait();
      }, { concurrency: 4 });
      await sut.start();
      // Twice at once, then again while the first is running.
      await Promise.all([sut.enqueue('dedupe', 'a', { jobId: 'photo:1:thumbnail' }), sut.enqueue('dedupe', 'b', { jobId: 'photo:1:thumbnail' })]);
      await until('the job to start', () => runs.has('photo:1:thumbnail'));
      await sut.enqueue('dedupe', 'c', { jobId: 'photo:1:thumbnail' });
      hold.open();
      await until('the job to finish', async () => (await sut.stats()).dedupe?.active === 0);
      // Again once it completed (recently), and twice while delayed.
      await sut.enqueue('dedupe', 'd', { jobId: 'photo:1:thumbnail' });
      await sut.enqueue('dedupe', 'e', { jobId: 'reminder', delayMs: DELAY_MS / 2 });
      await sut.enqueue('dedupe', 'f', { jobId: 'reminder', delayMs: DELAY_MS / 2 });
      await until('the delayed job to run', () => runs.has('reminder'));
      // Ids that an id mapping could confuse stay apart: ':' vs its escape, and integer-like ids.
      for (const jobId of ['a:b', 'a%3Ab', 'a%b', '42', '%n42', '-7']) await sut.enqueue('dedupe', jobId, { jobId });
      await until('the tricky ids to run', () => runs.size === 8);
      await sleep(QUIET_MS);
      expect(Object.fromEntries(runs)).toEqual({
        'photo:1:thumbnail': 1,
        reminder: 1,
        'a:b': 1,
        'a%3Ab': 1,
        'a%b': 1,
        '42': 1,
        '%n42': 1,
        '-7': 1,
      });
    });

    it('runs at most `concurrency` jobs of a queue at once', async () => {
      const hold = gate();
      let inFlight = 0;
      let maxInFlight = 0;
      let done = 0;
      sut.define('limited', async () => {
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await hold.wait();
        inFlight -= 1;
        done += 1;
      }, { concurrency: 2 });
      await sut.start();
      for (let i = 0; i < 6; i++) await sut.enqueue('limited', i);
      await until('two jobs to run', () => inFlight === 2);
      await sleep(QUIET_MS);
      expect(inFlight).toBe(2);
      expect((await sut.stats()).limited).toEqual({ ...idle, waiting: 4, active: 2 });
      hold.open();
      await until('all six to finish', () => done === 6);
      expect(maxInFlight).toBe(2);
    });

    it('reports waiting, active, delayed and failed per defined queue', async () => {
      const hold = gate();
      sut.define('work', () => hold.wait(), { concurrency: 1 });
      sut.define('broken', async () => {
        throw new Error('always');
      }, { attempts: 1 });
      sut.define('unused', async () => undefined);
      await sut.start();
      for (let i = 0; i < 3; i++) await sut.enqueue('work', i);
      await sut.enqueue('work', 'later', { delayMs: 60_000 });
      await sut.enqueue('broken', 'x');
      const expected = {
        work: { waiting: 2, active: 1, delayed: 1, failed: 0 },
        broken: { ...idle, failed: 1 },
        unused: idle,
      };
      await until('the counts to settle', async () => JSON.stringify(await sut.stats()) === JSON.stringify(expected));
      expect(await sut.stats()).toEqual(expected);
    });

    it('records each try in job_duration_seconds and final failures in jobs_failed_total', async () => {
      await sut.close();
      const metrics = new Metrics();
      sut = await make(metrics);
      sut.define('measured', async (data: string, { attempt }) => {
        if (data === 'fails' || attempt === 1) throw new Error('no');
      }, { attempts: 2, backoffMs: 10 });
      await sut.start();
      await sut.enqueue('measured', 'fails');
      await sut.enqueue('measured', 'recovers');
      await until('both to finish', async () => {
        const stats = (await sut.stats()).measured;
        return stats?.failed === 1 && stats.active === 0 && stats.waiting === 0 && stats.delayed === 0;
      });
      const durations = (await metrics.jobDuration.get()).values.filter((v) => v.metricName === 'job_duration_seconds_count');
      const counts = Object.fromEntries(durations.map((v) => [`${v.labels.queue}/${v.labels.outcome}`, v.value]));
      expect(counts).toEqual({ 'measured/retry': 2, 'measured/failed': 1, 'measured/completed': 1 });
      expect((await metrics.jobsFailed.get()).values).toEqual([expect.objectContaining({ labels: { queue: 'measured' }, value: 1 })]);
    });

    it('close waits for a running job to finish', async () => {
      const hold = gate();
      let started = false;
      let finished = false;
      sut.define('slow', async () => {
        started = true;
        await hold.wait();
        finished = true;
      });
      await sut.start();
      await sut.enqueue('slow', null);
      await until('the job to start', () => started);
      let closed = false;
      const closing = sut.close().then(() => {
        closed = true;
      });
      await sleep(QUIET_MS);
      expect(closed).toBe(false);
      hold.open();
      await closing;
      expect(finished).toBe(true);
      // Closed is closed: a second close is the same close, and enqueues are refused.
      await expect(sut.close()).resolves.toBeUndefined();
      await expect(sut.enqueue('slow', null)).rejects.toThrow();
    });

    it('refuses what it cannot honour: unknown queues, a queue defined twice, bad names and options', async () => {
      sut.define('known', async () => undefined);
      await expect(sut.enqueue('unknown', 1)).rejects.toThrow(/not defined/);
      expect(() => sut.define('known', async () => undefined)).toThrow(/already defined/);
      expect(() => sut.define('has:colon', async () => undefined)).toThrow(RangeError);
      expect(() => sut.define('zero', async () => undefined, { concurrency: 0 })).toThrow(RangeError);
      expect(() => sut.define('none', async () => undefined, { attempts: 0 })).toThrow(RangeError);
      await expect(sut.enqueue('known', 1, { jobId: '' })).rejects.toThrow(RangeError);
      await expect(sut.enqueue('known', 1, { delayMs: -1 })).rejects.toThrow(RangeError);
      await sut.start();
      expect(() => sut.define('late', async () => undefined)).toThrow(/after start/);
    });

    it('repeats a job every period with its data, one schedule however often repeat is called', async () => {
      const runs: Array<{ data: unknown; jobId: string }> = [];
      sut.define('sweep', async (data, { jobId }) => {
        runs.push({ data, jobId });
      });
      await expect(sut.repeat('unknown', 200, null)).rejects.toThrow(/not defined/);
      await expect(sut.repeat('sweep', 1, null)).rejects.toThrow(RangeError);
      await sut.start();
      const started = Date.now();
      // Two instances of a deployment both set the schedule up at start-up.
      await sut.repeat('sweep', 200, { scope: 'uploads' });
      await sut.repeat('sweep', 200, { scope: 'uploads' });
      await until('three periodic runs', () => runs.length >= 3);
      const elapsed = Date.now() - started;
      // One schedule, not two: never more runs than periods that have passed (plus the one due now).
      expect(runs.length).toBeLessThanOrEqual(Math.floor(elapsed / 200) + 1);
      expect(runs.every((run) => JSON.stringify(run.data) === JSON.stringify({ scope: 'uploads' }))).toBe(true);
      expect(new Set(runs.map((run) => run.jobId)).size).toBe(runs.length);
    });

    it('says which kind it is', () => {
      expect(['memory', 'bullmq']).toContain(sut.kind);
    });
  });
}
