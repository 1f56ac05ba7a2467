import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';
import type { JobOutcome, Metrics } from '../metrics/metrics';
import {
  checkEnqueueOptions,
  checkRepeatOptions,
  type EnqueueOptions,
  type JobHandler,
  JobQueue,
  type QueueOptions,
  type QueueStats,
  resolveQueueOptions,
} from './job-queue';

export interface MemoryJobQueueOptions {
  metrics?: Metrics;
  logger?: Logger;
  /** Waiting plus delayed jobs one queue holds at most; an enqueue beyond that rejects. */
  maxPendingPerQueue?: number;
  /** Finished job ids one queue remembers (completed and failed each), for idempotent enqueues and stats. */
  recentIdsPerQueue?: number;
}

const DEFAULT_MAX_PENDING = 100_000;
const DEFAULT_RECENT_IDS = 10_000;
/** setTimeout fires at once (with a warning) for anything longer; longer delays are waited out in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

interface MemoryJob {
  id: string;
  data: unknown;
  /** The try this job is at, 1 on the first. */
  attempt: number;
}

/** An insertion-ordered set that forgets its oldest ids beyond `limit`. */
class RecentIds {
  private readonly ids = new Set<string>();

  constructor(private readonly limit: number) {}

  add(id: string): void {
    this.ids.add(id);
    if (this.ids.size > this.limit) this.ids.delete(this.ids.values().next().value as string);
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }

  get size(): number {
    return this.ids.size;
  }
}

interface QueueState {
  name: string;
  handler: JobHandler<unknown>;
  options: Required<QueueOptions>;
  waiting: MemoryJob[];
  delayed: Map<string, NodeJS.Timeout>;
  active: number;
  /** Ids waiting, delayed or running: what an enqueue with the same id must not add again. */
  live: Set<string>;
  completed: RecentIds;
  failed: RecentIds;
}

/**
 * The embedded mode's job queue: jobs live in this process only, so a restart loses the
 * waiting ones (the outbox, not this queue, is what makes cross-feature work durable).
 * Everything it holds is bounded; a handler that throws fails its job, never the process.
 */
export class MemoryJobQueue extends JobQueue {
  readonly kind = 'memory' as const;
  private readonly queues = new Map<string, QueueState>();
  private readonly running = new Set<Promise<void>>();
  private readonly maxPending: number;
  private readonly recentIds: number;
  private readonly schedules = new Map<string, NodeJS.Timeout>();
  private started = false;
  private closing: Promise<void> | undefined;

  constructor(private readonly options: MemoryJobQueueOptions = {}) {
    super();
    this.maxPending = options.maxPendingPerQueue ?? DEFAULT_MAX_PENDING;
    this.recentIds = options.recentIdsPerQueue ?? DEFAULT_RECENT_IDS;
  }

  define<T>(queue: string, handler: JobHandler<T>, options?: QueueOptions): void {
    const resolved = resolveQueueOptions(queue, options);
    if (this.started || this.closing) throw new Error(`Queue "${queue}" defined after start`);
    if (this.queues.has(queue)) throw new Error(`Queue "${queue}" is already defined`);
    this.queues.set(queue, {
      name: queue,
      handler: handler as JobHandler<unknown>,
      options: resolved,
      waiting: [],
      delayed: new Map(),
      active: 0,
      live: new Set(),
      completed: new RecentIds(this.recentIds),
      failed: new RecentIds(this.recentIds),
    });
  }

  async enqueue<T>(queue: string, data: T, options: EnqueueOptions = {}): Promise<void> {
    const state = this.queues.get(queue);
    if (!state) throw new Error(`Queue "${queue}" is not defined`);
    checkEnqueueOptions(queue, options);
    if (this.closing) throw new Error('The job queue is closed');
    const id = options.jobId ?? randomUUID();
    if (state.live.has(id) || state.completed.has(id) || state.failed.has(id)) return;
    if (state.waiting.length + state.delayed.size >= this.maxPending) {
      throw new Error(`Queue "${queue}" is full (${this.maxPending} jobs pending)`);
    }
    // A copy through JSON, as Redis stores it: the handler sees what BullMQ would hand it,
    // and a caller mutating its object after the enqueue changes nothing.
    const job: MemoryJob = { id, data: data === undefined ? undefined : JSON.parse(JSON.stringify(data)), attempt: 1 };
    state.live.add(id);
    if (options.delayMs) this.delay(state, job, Date.now() + options.delayMs);
    else {
      state.waiting.push(job);
      this.pump(state);
    }
  }

  async repeat<T>(queue: string, everyMs: number, data: T): Promise<void> {
    if (!this.queues.has(queue)) throw new Error(`Queue "${queue}" is not defined`);
    checkRepeatOptions(queue, everyMs);
    if (this.closing) throw new Error('The job queue is closed');
    clearInterval(this.schedules.get(queue));
    let slot = 0;
    const timer = setInterval(() => {
      slot += 1;
      // One id per period: a run still waiting when the next is due is not doubled.
      this.enqueue(queue, data, { jobId: `repeat.${queue}.${slot}` }).catch((error: unknown) => {
        this.options.logger?.warn({ queue, err: error }, 'repeated job not enqueued');
      });
    }, everyMs);
    timer.unref();
    this.schedules.set(queue, timer);
  }

  async start(): Promise<void> {
    if (this.closing) throw new Error('The job queue is closed');
    this.started = true;
    for (const state of this.queues.values()) this.pump(state);
  }

  async stats(): Promise<Record<string, QueueStats>> {
    const stats: Record<string, QueueStats> = {};
    for (const state of this.queues.values()) {
      stats[state.name] = { waiting: state.waiting.length, active: state.active, delayed: state.delayed.size, failed: state.failed.size };
    }
    return stats;
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      for (const timer of this.schedules.values()) clearInterval(timer);
      this.schedules.clear();
      for (const state of this.queues.values()) {
        for (const timer of state.delayed.values()) clearTimeout(timer);
        state.delayed.clear();
        state.waiting.length = 0;
      }
      // A job finishing while we wait starts no other (pump checks `closing`), so this ends.
      while (this.running.size) await Promise.all(this.running);
    })();
    return this.closing;
  }

  /** Starts waiting jobs while the queue has free slots. */
  private pump(state: QueueState): void {
    if (!this.started || this.closing) return;
    while (state.active < state.options.concurrency) {
      const job = state.waiting.shift();
      if (!job) return;
      this.run(state, job);
    }
  }

  private run(state: QueueState, job: MemoryJob): void {
    state.active += 1;
    const running = this.attempt(state, job)
      .catch(() => undefined)
      .finally(() => {
        state.active -= 1;
        this.running.delete(running);
        this.pump(state);
      });
    this.running.add(running);
  }

  private async attempt(state: QueueState, job: MemoryJob): Promise<void> {
    const started = performance.now();
    let outcome: JobOutcome = 'completed';
    try {
      // Inside the try: a handler that throws before returning its promise is a failure too.
      await state.handler(job.data, { jobId: job.id, attempt: job.attempt, attempts: state.options.attempts });
    } catch (error) {
      outcome = job.attempt < state.options.attempts ? 'retry' : 'failed';
      const context = { queue: state.name, jobId: job.id, attempt: job.attempt, err: error };
      if (outcome === 'retry') this.options.logger?.warn(context, 'job failed, will retry');
      else this.options.logger?.error(context, 'job failed for good');
    }
    this.options.metrics?.recordJob(state.name, outcome, (performance.now() - started) / 1000);
    if (outcome === 'retry' && !this.closing) {
      const backoff = state.options.backoffMs * 2 ** (job.attempt - 1);
      this.delay(state, { ...job, attempt: job.attempt + 1 }, Date.now() + backoff);
      return;
    }
    state.live.delete(job.id);
    if (outcome === 'completed') state.completed.add(job.id);
    else if (outcome === 'failed') state.failed.add(job.id);
  }

  /** Holds a job until `dueAt`; the timer never keeps the process alive on its own. */
  private delay(state: QueueState, job: MemoryJob, dueAt: number): void {
    const timer = setTimeout(() => {
      if (Date.now() < dueAt) {
        this.delay(state, job, dueAt);
        return;
      }
      state.delayed.delete(job.id);
      state.waiting.push(job);
      this.pump(state);
    }, Math.min(Math.max(dueAt - Date.now(), 0), MAX_TIMER_MS));
    timer.unref();
    state.delayed.set(job.id, timer);
  }
}
