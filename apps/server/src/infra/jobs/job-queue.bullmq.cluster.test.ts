import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { deleteKeys } from '../../../test/cluster.global-setup';
import { eventually } from '../../../test/eventually';
import { BullMqJobQueue, fromBullJobId, toBullJobId } from './bullmq-job-queue';
import { describeJobQueueContract } from './job-queue.contract';

const redisUrl = inject('redisUrl');
/** Under the run's prefix, so global teardown removes whatever a failed test left. */
const basePrefix = `${inject('redisPrefix')}jobs:`;
const uniquePrefix = () => `${basePrefix}${randomBytes(4).toString('hex')}:`;
const STALLING_WORKER = path.join(__dirname, 'test-fixtures', 'stalling-worker.mjs');

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const until = (what: string, probe: () => boolean | Promise<boolean>, timeoutMs = 20_000) =>
  eventually(what, async () => ((await probe()) ? true : undefined), { timeoutMs, intervalMs: 25 });

afterAll(() => deleteKeys(redisUrl, basePrefix));

// Production lock settings: the contract must hold without the short locks below.
describeJobQueueContract('bullmq', (metrics) => BullMqJobQueue.connect(redisUrl, uniquePrefix(), metrics ? { metrics } : {}));

describe('BullMqJobQueue', () => {
  it('maps job ids to ones BullMQ accepts, one-to-one and back', () => {
    const ids = ['plain', 'photo:1:thumbnail', 'a:b', 'a%3Ab', '%', '%n42', '42', '-7', '0', ':', 'ünï:cødé'];
    const mapped = ids.map(toBullJobId);
    for (const id of mapped) {
      expect(id).not.toContain(':');
      expect(`${parseInt(id, 10)}`).not.toBe(id);
    }
    expect(new Set(mapped).size).toBe(ids.length);
    expect(mapped.map(fromBullJobId)).toEqual(ids);
    expect(toBullJobId('plain-id_1.2')).toBe('plain-id_1.2');
  });

  it('keeps every key under `${prefix}bull`, so deployments sharing a Redis do not see each other’s jobs', async () => {
    const mine = uniquePrefix();
    const sut = BullMqJobQueue.connect(redisUrl, mine);
    const neighbour = BullMqJobQueue.connect(redisUrl, uniquePrefix());
    const raw = new Redis(redisUrl);
    const neighbourRuns: unknown[] = [];
    try {
      sut.define('shared-name', async () => undefined);
      neighbour.define('shared-name', async (data) => {
        neighbourRuns.push(data);
      });
      await neighbour.start();
      await sut.enqueue('shared-name', { secret: 1 }, { jobId: 'job:1' });
      expect(sut.prefix).toBe(`${mine}bull`);
      const keys = await raw.keys(`${mine}*`);
      expect(keys).toContain(`${mine}bull:shared-name:${toBullJobId('job:1')}`);
      for (const key of keys) expect(key.startsWith(`${mine}bull:shared-name:`)).toBe(true);
      expect((await sut.stats())['shared-name']?.waiting).toBe(1);
      expect((await neighbour.stats())['shared-name']?.waiting).toBe(0);
      await sleep(300);
      expect(neighbourRuns).toEqual([]);
    } finally {
      raw.disconnect();
      await Promise.all([sut.close(), neighbour.close()]);
    }
  });

  it('two instances with one prefix share the queue and run each job once', async () => {
    const prefix = uniquePrefix();
    const runs = new Map<string, string[]>();
    const instances = ['a', 'b'].map((name) => {
      const instance = BullMqJobQueue.connect(redisUrl, prefix);
      instance.define('fan-out', async (_data, { jobId }) => {
        runs.set(jobId, [...(runs.get(jobId) ?? []), name]);
        await sleep(10);
      }, { concurrency: 2 });
      return instance;
    });
    try {
      await Promise.all(instances.map((instance) => instance.start()));
      for (let i = 0; i < 20; i++) await instances[i % 2]!.enqueue('fan-out', i, { jobId: `job:${i}` });
      // Enqueued again through the other instance: still one job.
      for (let i = 0; i < 20; i++) await instances[(i + 1) % 2]!.enqueue('fan-out', i, { jobId: `job:${i}` });
      await until('all twenty to run', () => runs.size === 20);
      await sleep(300);
      expect([...runs.values()].every((ranOn) => ranOn.length === 1)).toBe(true);
    } finally {
      await Promise.all(instances.map((instance) => instance.close()));
    }
  });

  it('survives a Redis it cannot reach: enqueue and stats reject, close returns, nothing is thrown at the process', async () => {
    // Port 1 refuses at once; an unhandled 'error' from any connection would fail this run.
    const sut = BullMqJobQueue.connect('redis://127.0.0.1:1', uniquePrefix());
    sut.define('unreachable', async () => undefined);
    await sut.start();
    await sleep(500);
    await expect(sut.enqueue('unreachable', 1)).rejects.toThrow();
    await expect(sut.stats()).rejects.toThrow(/not connected/);
    await sut.close();
  });

  it('takes over the job of an instance killed with -9 mid-run, and completes it exactly once', async () => {
    const lockDurationMs = 1_500;
    const stalledIntervalMs = 500;
    const prefix = uniquePrefix();
    const runs: Array<{ jobId: string; attempt: number; attempts: number }> = [];
    // Short locks, so that the dead instance's job is found within seconds (production: 30 s).
    const sut = BullMqJobQueue.connect(redisUrl, prefix, { lockDurationMs, stalledIntervalMs });
    sut.define('takeover', async (_data, context) => {
      runs.push(context);
    }, { attempts: 1 });
    const inspect = new Queue('takeover', { connection: { url: redisUrl }, prefix: sut.prefix });
    let child: ChildProcess | undefined;
    try {
      child = spawn(process.execPath, [STALLING_WORKER], {
        env: { ...process.env, REDIS_URL: redisUrl, BULL_PREFIX: sut.prefix, QUEUE: 'takeover', LOCK_MS: String(lockDurationMs), STALLED_MS: String(stalledIntervalMs) },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const lines = createInterface({ input: child.stdout! });
      const received: Array<Record<string, unknown>> = [];
      lines.on('line', (line) => received.push(JSON.parse(line) as Record<string, unknown>));
      await until('the other instance to be ready', () => received.some((line) => line.ready));

      // Only the doomed instance has a worker yet, so it is the one that takes the job.
      await sut.enqueue('takeover', { photo: 42 }, { jobId: 'upload:42:thumbnail' });
      await until('the other instance to start the job', () => received.some((line) => line.started));
      expect(received.find((line) => line.started)).toEqual({ started: toBullJobId('upload:42:thumbnail'), attempt: 1 });
      expect(await inspect.getJobCounts('active')).toEqual({ active: 1 });

      const exited = new Promise((resolve) => child!.once('exit', (_code, signal) => resolve(signal)));
      child.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');

      await sut.start();
      await until('this instance to run the job', () => runs.length === 1);
      expect(runs).toEqual([{ jobId: 'upload:42:thumbnail', attempt: 1, attempts: 1 }]);
      await until('the job to be completed', async () => (await inspect.getJobState(toBullJobId('upload:42:thumbnail'))) === 'completed');
      // Watch for more than a lock and two stalled checks: nobody runs it a second time.
      await sleep(lockDurationMs + 3 * stalledIntervalMs);
      expect(runs).toHaveLength(1);
      expect(await inspect.getJobCounts('active', 'waiting', 'delayed', 'failed', 'completed')).toEqual({
        active: 0,
        waiting: 0,
        delayed: 0,
        failed: 0,
        completed: 1,
      });
    } finally {
      if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await inspect.close();
      await sut.close();
    }
  });
});
