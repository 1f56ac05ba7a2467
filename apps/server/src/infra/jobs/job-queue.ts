/** How one queue's jobs are run: set once, when the queue is defined. */
export interface QueueOptions {
  /** Jobs of this queue running at once on one instance. Default 1. */
  concurrency?: number;
  /** Tries in all, the first included, before a job counts as failed. Default 3. */
  attempts?: number;
  /** Wait before the first retry; doubles with each further one (exponential backoff). Default 1 s. */
  backoffMs?: number;
}

export interface EnqueueOptions {
  /**
   * A job id makes the enqueue idempotent: while a job with this id is waiting, delayed,
   * running, or finished recently (completed or failed, within the retention bounds of
   * the implementation), enqueueing it again adds nothing. Ids are per queue; any
   * non-empty string, ':' included.
   */
  jobId?: string;
  /** Run no earlier than this many milliseconds from now. */
  delayMs?: number;
}

export interface JobContext {
  /** The id given to `enqueue`, or one the queue made up. */
  jobId: string;
  /** 1 on the first try. */
  attempt: number;
  /**
   * Tries this job has in all (the queue's `attempts`). `attempt === attempts` is the last:
   * a handler that throws then fails the job for good, so that is where it gives up cleanly
   * (marks its work failed) instead of leaving it half done.
   */
  attempts: number;
}

export type JobHandler<T> = (data: T, context: JobContext) => Promise<void>;

export interface QueueStats {
  waiting: number;
  active: number;
  /** Enqueued with a delay, or waiting out the backoff before a retry. */
  delayed: number;
  /** Failed for good (every attempt used) and still retained. */
  failed: number;
}

/** What `define` assumes for an option left out; both implementations read it from here. */
export const QUEUE_DEFAULTS: Readonly<Required<QueueOptions>> = { concurrency: 1, attempts: 3, backoffMs: 1_000 };

/**
 * Letters, digits, '.', '_' and '-': queue names become Redis key segments and metric
 * labels, where ':' would split a key and anything else is hard to read.
 */
const QUEUE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** Checks a queue's name and options the same way in both implementations, and fills in defaults. */
export function resolveQueueOptions(queue: string, options: QueueOptions = {}): Required<QueueOptions> {
  if (!QUEUE_NAME.test(queue)) throw new RangeError(`Invalid queue name "${queue}"`);
  const resolved = { ...QUEUE_DEFAULTS, ...options };
  if (!Number.isInteger(resolved.concurrency) || resolved.concurrency < 1) throw new RangeError(`${queue}: concurrency must be an integer ≥ 1`);
  if (!Number.isInteger(resolved.attempts) || resolved.attempts < 1) throw new RangeError(`${queue}: attempts must be an integer ≥ 1`);
  if (!Number.isFinite(resolved.backoffMs) || resolved.backoffMs < 0) throw new RangeError(`${queue}: backoffMs must be ≥ 0`);
  return resolved;
}

/** The shortest period `repeat` accepts: a sweep, not a busy loop. */
export const MIN_REPEAT_MS = 50;

/** Checks what `repeat` was given, the same way in both implementations. */
export function checkRepeatOptions(queue: string, everyMs: number): void {
  if (!Number.isInteger(everyMs) || everyMs < MIN_REPEAT_MS) throw new RangeError(`${queue}: everyMs must be an integer ≥ ${MIN_REPEAT_MS}`);
}

/** Checks what `enqueue` was given, the same way in both implementations. */
export function checkEnqueueOptions(queue: string, options: EnqueueOptions): void {
  if (options.jobId === '') throw new RangeError(`${queue}: jobId must not be empty`);
  if (options.delayMs !== undefined && !(Number.isFinite(options.delayMs) && options.delayMs >= 0)) {
    throw new RangeError(`${queue}: delayMs must be ≥ 0`);
  }
}

/**
 * Background work: notifications, thumbnails, feed entries. In-process in the embedded
 * mode, BullMQ on Redis in the cluster mode, where a job whose instance dies mid-run is
 * picked up by another instance. Handlers must be idempotent: a job may run more than
 * once (a retry, a crash after the work and before the ack).
 */
export abstract class JobQueue {
  abstract readonly kind: 'memory' | 'bullmq';
  /**
   * Registers the handler of a queue; call before `start` (features do it during Nest's
   * module init). Data must be JSON. Defining a queue twice is an error.
   */
  abstract define<T>(queue: string, handler: JobHandler<T>, options?: QueueOptions): void;
  /**
   * Adds a job to a defined queue. Jobs enqueued before `start` wait for it. Rejects
   * when the queue is not defined, is full (memory) or Redis is unreachable (BullMQ).
   */
  abstract enqueue<T>(queue: string, data: T, options?: EnqueueOptions): Promise<void>;
  /**
   * Runs a job of a defined queue every `everyMs` for as long as the queue is open
   * (periodic sweeps). Every instance of a deployment calls it at start-up; the schedule
   * is one for the whole deployment, not one per instance (BullMQ keeps it in Redis), and
   * calling it again replaces the period and data. The first job runs one period after
   * the call. The handler must be idempotent like any other; a run that is still going
   * when the next is due does not run twice at once (concurrency 1 queues).
   */
  abstract repeat<T>(queue: string, everyMs: number, data: T): Promise<void>;
  /** Starts the workers of every defined queue. */
  abstract start(): Promise<void>;
  abstract stats(): Promise<Record<string, QueueStats>>;
  /** Stops taking jobs, waits for the running ones, closes connections. */
  abstract close(): Promise<void>;
}
