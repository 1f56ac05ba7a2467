import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { type Job, Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Metrics } from '../metrics/metrics';
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

export interface BullMqJobQueueOptions {
  metrics?: Metrics;
  logger?: Logger;
  /**
   * How long a running job's lock lasts; the worker renews it at half that. When an
   * instance dies mid-job, another instance's worker takes the job over after about this
   * plus one or two stalled intervals. Longer than any event-loop block a handler may
   * cause, or a busy (not dead) worker loses its job to another.
   */
  lockDurationMs?: number;
  /**
   * How often each worker looks for running jobs whose lock has expired. The check is
   * shared: whichever worker runs it holds it off for the others for this long, so every
   * instance of a deployment must use the same value.
   */
  stalledIntervalMs?: number;
}

/** BullMQ's own defaults: a dead instance's jobs resume within about a minute. */
const DEFAULT_LOCK_DURATION_MS = 30_000;
const DEFAULT_STALLED_INTERVAL_MS = 30_000;
/**
 * Finished jobs kept in Redis. They are what makes an enqueue with the id of a job done
 * recently add nothing; the bounds keep Redis from growing with every job ever run.
 */
const KEEP_COMPLETED = { age: 24 * 3600, count: 10_000 };
const KEEP_FAILED = { age: 7 * 24 * 3600, count: 10_000 };
/** One warning per source and this often at most: a Redis outage reports every reconnect. */
const ERROR_LOG_INTERVAL_MS = 30_000;
/**
 * How long an enqueue waits for Redis. It fails sooner when Redis refuses the connection;
 * one that timed out may still be added once Redis answers, which a jobId makes harmless.
 */
const ENQUEUE_TIMEOUT_MS = 10_000;

interface Defined {
  queue: Queue;
  handler: JobHandler<unknown>;
  options: Required<QueueOptions>;
}

/**
 * The cluster mode's job queue: one BullMQ queue and worker per defined queue, on the
 * deployment's Redis under `${REDIS_KEY_PREFIX}bull`. Jobs survive restarts; a job whose
 * instance was killed mid-run is moved back to waiting by another instance's stalled-job
 * check and run there.
 */
export class BullMqJobQueue extends JobQueue {
  readonly kind = 'bullmq' as const;
  /** The key prefix of every BullMQ key of this deployment. */
  readonly prefix: string;
  private readonly queues = new Map<string, Defined>();
  private readonly workers: Worker[] = [];
  private readonly lastErrorLog = new Map<string, number>();
  /** Adds jobs and reads counts. */
  private readonly producer: Redis;
  /** Carries the workers' commands; each worker also opens a blocking duplicate of it. */
  private readonly consumer: Redis;
  private started = false;
  private stopping = false;
  private closing: Promise<void> | undefined;

  constructor(url: string, keyPrefix: string, private readonly options: BullMqJobQueueOptions = {}) {
    super();
    // BullMQ refuses ioredis' keyPrefix and namespaces keys with its own prefix instead.
    this.prefix = `${keyPrefix}bull`;
    // Reconnect while running; once closing, give up, or a close during an outage would wait
    // for Redis forever (the workers' duplicates inherit this, which is how they stop too).
    const retryStrategy = (times: number) => (this.stopping ? null : Math.min(times * 100, 2_000));
    // Workers wait out a Redis outage (BullMQ requires maxRetriesPerRequest: null for them);
    // the producer does not queue commands while disconnected, so an enqueue during an
    // outage rejects instead of holding the request that made it.
    this.producer = new Redis(url, { maxRetriesPerRequest: null, enableOfflineQueue: false, retryStrategy });
    this.consumer = new Redis(url, { maxRetriesPerRequest: null, retryStrategy });
    // ioredis reconnects by itself; without a listener an outage would be an unhandled 'error'.
    this.producer.on('error', (error: Error) => this.reportError('redis producer', error));
    this.consumer.on('error', (error: Error) => this.reportError('redis consumer', error));
  }

  static connect(url: string, keyPrefix: string, options: BullMqJobQueueOptions = {}): BullMqJobQueue {
    return new BullMqJobQueue(url, keyPrefix, options);
  }

  define<T>(queue: string, handler: JobHandler<T>, options?: QueueOptions): void {
    const resolved = resolveQueueOptions(queue, options);
    if (this.started || this.closing) throw new Error(`Queue "${queue}" defined after start`);
    if (this.queues.has(queue)) throw new Error(`Queue "${queue}" is already defined`);
    const bullQueue = new Queue(queue, {
      connection: this.producer,
      prefix: this.prefix,
      // Stored with each job, so whichever instance runs it retries it the same way.
      defaultJobOptions: {
        attempts: resolved.attempts,
        backoff: { type: 'exponential', delay: resolved.backoffMs },
        removeOnComplete: KEEP_COMPLETED,
        removeOnFail: KEEP_FAILED,
      },
    });
    bullQueue.on('error', (error: Error) => this.reportError(`queue ${queue}`, error));
    this.queues.set(queue, { queue: bullQueue, handler: handler as JobHandler<unknown>, options: resolved });
  }

  async enqueue<T>(queue: string, data: T, options: EnqueueOptions = {}): Promise<void> {
    const defined = this.queues.get(queue);
    if (!defined) throw new Error(`Queue "${queue}" is not defined`);
    checkEnqueueOptions(queue, options);
    if (this.closing) throw new Error('The job queue is closed');
    const abort = new AbortController();
    const adding = (async () => {
      // BullMQ itself would wait for the connection however long Redis stays away; this
      // rejects at the next connection error instead.
      if (this.producer.status !== 'ready') await once(this.producer, 'ready', { signal: abort.signal });
      await defined.queue.add(queue, data, {
        // With a jobId BullMQ adds nothing while a job with that id exists in any state.
        ...(options.jobId !== undefined ? { jobId: toBullJobId(options.jobId) } : {}),
        ...(options.delayMs ? { delay: options.delayMs } : {}),
      });
    })();
    // Reported through the race below, or, once the deadline has passed, to no one.
    adding.catch(() => undefined);
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Redis did not take the job within ${ENQUEUE_TIMEOUT_MS} ms`)), ENQUEUE_TIMEOUT_MS);
    });
    try {
      await Promise.race([adding, deadline]);
    } finally {
      clearTimeout(timer);
      abort.abort();
    }
  }

  async repeat<T>(queue: string, everyMs: number, data: T): Promise<void> {
    const defined = this.queues.get(queue);
    if (!defined) throw new Error(`Queue "${queue}" is not defined`);
    checkRepeatOptions(queue, everyMs);
    if (this.closing) throw new Error('The job queue is closed');
    if (this.producer.status !== 'ready') await once(this.producer, 'ready');
    // A job scheduler lives in Redis under one id: every instance upserting it keeps one
    // schedule, and BullMQ adds the next job only when the previous one was taken.
    await defined.queue.upsertJobScheduler(`repeat.${queue}`, { every: everyMs, startDate: Date.now() + everyMs }, { name: queue, data });
  }

  async start(): Promise<void> {
    if (this.closing) throw new Error('The job queue is closed');
    if (this.started) return;
    this.started = true;
    for (const [name, defined] of this.queues) {
      const worker = new Worker(name, (job: Job) => this.process(name, defined, job), {
        connection: this.consumer,
        prefix: this.prefix,
        concurrency: defined.options.concurrency,
        lockDuration: this.options.lockDurationMs ?? DEFAULT_LOCK_DURATION_MS,
        stalledInterval: this.options.stalledIntervalMs ?? DEFAULT_STALLED_INTERVAL_MS,
      });
      worker.on('error', (error: Error) => this.reportError(`worker ${name}`, error));
      this.workers.push(worker);
    }
  }

  async stats(): Promise<Record<string, QueueStats>> {
    // BullMQ would wait for Redis; a metrics scrape or a readiness check must not.
    if (this.producer.status !== 'ready') throw new Error('Redis is not connected');
    const entries = await Promise.all(
      [...this.queues].map(async ([name, { queue }]) => {
        const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'failed');
        const stats: QueueStats = { waiting: counts.waiting ?? 0, active: counts.active ?? 0, delayed: counts.delayed ?? 0, failed: counts.failed ?? 0 };
        return [name, stats] as const;
      }),
    );
    return Object.fromEntries(entries);
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      this.stopping = true;
      // Workers first: each waits for its running jobs to finish and to be acked.
      await Promise.allSettled(this.workers.map((worker) => worker.close()));
      await Promise.allSettled([...this.queues.values()].map(({ queue }) => queue.close()));
      await Promise.allSettled([this.producer, this.consumer].map((redis) => redis.quit().catch(() => redis.disconnect())));
    })();
    return this.closing;
  }

  private async process(name: string, defined: Defined, job: Job): Promise<void> {
    // attemptsMade counts the tries that failed before this one.
    const attempt = job.attemptsMade + 1;
    const jobId = fromBullJobId(job.id ?? '');
    const started = performance.now();
    try {
      await defined.handler(job.data, { jobId, attempt, attempts: job.opts.attempts ?? 1 });
    } catch (error) {
      const outcome = attempt < (job.opts.attempts ?? 1) ? 'retry' : 'failed';
      this.options.metrics?.recordJob(name, outcome, (performance.now() - started) / 1000);
      const context = { queue: name, jobId, attempt, err: error };
      if (outcome === 'retry') this.options.logger?.warn(context, 'job failed, will retry');
      else this.options.logger?.error(context, 'job failed for good');
      // BullMQ stores an Error's message and stack; a handler may throw anything.
      throw error instanceof Error ? error : new Error(String(error));
    }
    this.options.metrics?.recordJob(name, 'completed', (performance.now() - started) / 1000);
  }

  private reportError(source: string, error: Error): void {
    const now = Date.now();
    if (now - (this.lastErrorLog.get(source) ?? 0) < ERROR_LOG_INTERVAL_MS) return;
    this.lastErrorLog.set(source, now);
    this.options.logger?.warn({ source, err: error }, 'job queue: redis error');
  }
}

/**
 * Our job ids as BullMQ accepts them: it splits keys at ':' and rejects ids that read as
 * integers (they would clash with its own counter). '%' and ':' are escaped, and an
 * integer-like id gets a '%n' mark, which no escaped id starts with, so the mapping is
 * one-to-one and reversible.
 */
export function toBullJobId(jobId: string): string {
  const escaped = jobId.replace(/[%:]/g, (c) => (c === '%' ? '%25' : '%3A'));
  return `${parseInt(escaped, 10)}` === escaped ? `%n${escaped}` : escaped;
}

export function fromBullJobId(bullJobId: string): string {
  const unmarked = bullJobId.startsWith('%n') ? bullJobId.slice(2) : bullJobId;
  return unmarked.replace(/%25|%3A/g, (escape) => (escape === '%25' ? '%' : ':'));
}
