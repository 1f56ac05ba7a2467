import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { QueueStats } from '../jobs/job-queue';

/** A dependency check for `dependency_up`: resolves when the service answers. */
export type DependencyProbe = () => Promise<unknown>;

/** What the pool gauges read at scrape time (node-postgres' Pool has these fields). */
export interface PoolStats {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

/** What `jobs_queue_depth` reads at scrape time: a JobQueue's `stats`. */
export type JobStatsProvider = () => Promise<Record<string, QueueStats>>;

/** What the storage gauges read at scrape time: bytes kept, in total and for the largest albums. */
export type StorageUsageProvider = () => Promise<{ totalBytes: number; photos: number; albums: Array<{ albumId: string; bytes: number }> }>;

/**
 * How one try of a job ended: `retry` is a failed try that will be tried again, `failed`
 * the last one (it also counts in `jobs_failed_total`).
 */
export type JobOutcome = 'completed' | 'retry' | 'failed';

/**
 * Sampling interval of the `nodejs_eventloop_lag_*` histogram. Node records the whole
 * interval between samples, so an idle loop reads this much: the lag is the value minus it.
 */
export const EVENT_LOOP_RESOLUTION_MS = 20;

/** A probe slower than this counts as down: a scrape must not hang on a dead service. */
const PROBE_TIMEOUT_MS = 1_000;

/**
 * The Prometheus registry of one process. Each instance exports its own; Prometheus
 * labels them by target, so nothing here is shared through Redis.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly httpDuration: Histogram<'method' | 'route' | 'status_code'>;
  readonly socketsConnected: Gauge;
  readonly messagesSent: Counter;
  readonly socketEventDuration: Histogram<'event' | 'outcome'>;
  readonly messagesDelivered: Counter;
  readonly dependencyUp: Gauge<'dependency'>;
  readonly dbPoolConnections: Gauge<'state'>;
  readonly dbPoolMax: Gauge;
  readonly jobsQueueDepth: Gauge<'queue' | 'state'>;
  readonly jobsFailed: Counter<'queue'>;
  readonly jobDuration: Histogram<'queue' | 'outcome'>;
  readonly storageUsedBytes: Gauge;
  readonly storagePhotos: Gauge;
  readonly albumStorageBytes: Gauge<'album_id'>;
  readonly httpBytesReceived: Counter;
  private jobStats: JobStatsProvider | undefined;
  private storageUsage: StorageUsageProvider | undefined;
  private probes: Record<string, DependencyProbe> = {};
  private pool: { stats: () => PoolStats | undefined; max: number } | undefined;

  constructor(defaultLabels: Record<string, string> = {}) {
    this.registry.setDefaultLabels(defaultLabels);
    collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: EVENT_LOOP_RESOLUTION_MS });
    this.httpDuration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request duration by route template and status',
      labelNames: ['method', 'route', 'status_code'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [this.registry],
    });
    this.socketsConnected = new Gauge({
      name: 'socketio_connected_sockets',
      help: 'Socket.IO connections open on this instance',
      registers: [this.registry],
    });
    this.messagesSent = new Counter({
      name: 'chat_messages_sent_total',
      help: 'Chat messages committed through this instance (socket sends)',
      registers: [this.registry],
    });
    this.socketEventDuration = new Histogram({
      name: 'socketio_event_duration_seconds',
      help: 'Time from a client event to its ack, by event and outcome',
      labelNames: ['event', 'outcome'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
      registers: [this.registry],
    });
    this.messagesDelivered = new Counter({
      name: 'chat_messages_delivered_total',
      help: 'new-message events written to sockets connected to this instance',
      registers: [this.registry],
    });
    const probes = () => this.probes;
    this.dependencyUp = new Gauge({
      name: 'dependency_up',
      help: '1 when this instance reaches the dependency (database, redis or memory), checked at scrape time',
      labelNames: ['dependency'],
      registers: [this.registry],
      async collect() {
        const entries = Object.entries(probes());
        const results = await Promise.all(entries.map(([, probe]) => answers(probe)));
        entries.forEach(([dependency], i) => this.set({ dependency }, results[i] ? 1 : 0));
      },
    });
    const pool = () => this.pool;
    this.dbPoolConnections = new Gauge({
      name: 'db_pool_connections',
      help: 'PostgreSQL pool connections of this instance by state (total, idle, waiting clients)',
      labelNames: ['state'],
      registers: [this.registry],
      collect() {
        const stats = pool()?.stats();
        if (!stats) return;
        this.set({ state: 'total' }, stats.totalCount);
        this.set({ state: 'idle' }, stats.idleCount);
        this.set({ state: 'waiting' }, stats.waitingCount);
      },
    });
    this.dbPoolMax = new Gauge({
      name: 'db_pool_max',
      help: 'Largest PostgreSQL pool size of this instance (DATABASE_POOL_MAX)',
      registers: [this.registry],
      collect() {
        const max = pool()?.max;
        if (max !== undefined) this.set(max);
      },
    });
    const jobStats = () => this.jobStats;
    this.jobsQueueDepth = new Gauge({
      name: 'jobs_queue_depth',
      help: 'Jobs per queue and state (waiting, active, delayed, failed), read from the job queue at scrape time',
      labelNames: ['queue', 'state'],
      registers: [this.registry],
      async collect() {
        const provider = jobStats();
        if (!provider) return;
        const stats = await withTimeout(provider());
        // A queue that cannot be read shows no series rather than the last numbers it had.
        this.reset();
        if (!stats) return;
        for (const [queue, counts] of Object.entries(stats)) {
          for (const [state, value] of Object.entries(counts)) this.set({ queue, state }, value);
        }
      },
    });
    this.jobsFailed = new Counter({
      name: 'jobs_failed_total',
      help: 'Jobs that failed for good on this instance (their last attempt threw), by queue',
      labelNames: ['queue'],
      registers: [this.registry],
    });
    this.jobDuration = new Histogram({
      name: 'job_duration_seconds',
      help: 'Time one try of a job took on this instance, by queue and outcome (completed, retry, failed)',
      labelNames: ['queue', 'outcome'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers: [this.registry],
    });
    const received = () => this.receivedBytes();
    this.httpBytesReceived = new Counter({
      name: 'http_received_bytes_total',
      help: 'Bytes this instance read from HTTP connections (requests and uploads through the app); with S3, photo bytes never count here',
      registers: [this.registry],
      collect() {
        this.reset();
        this.inc(received());
      },
    });
    // One read of the usage serves the three gauges of a scrape (prom-client collects each separately).
    let pending: ReturnType<StorageUsageProvider> | undefined;
    const usage = () => {
      const provider = this.storageUsage;
      if (!provider) return Promise.resolve(undefined);
      pending ??= withTimeout(provider()).finally(() => setTimeout(() => (pending = undefined), 1_000).unref()) as ReturnType<StorageUsageProvider>;
      return pending.catch(() => undefined);
    };
    this.storageUsedBytes = new Gauge({
      name: 'storage_used_bytes',
      help: 'Bytes kept in object storage for album photos (originals and derivatives), from the database at scrape time; the same figure on every instance',
      registers: [this.registry],
      async collect() {
        const read = await usage();
        if (read) this.set(read.totalBytes);
      },
    });
    this.storagePhotos = new Gauge({
      name: 'storage_photos',
      help: 'Album photos and videos kept in object storage',
      registers: [this.registry],
      async collect() {
        const read = await usage();
        if (read) this.set(read.photos);
      },
    });
    this.albumStorageBytes = new Gauge({
      name: 'album_storage_used_bytes',
      help: 'Bytes kept per album, for the largest albums only (bounded series)',
      labelNames: ['album_id'],
      registers: [this.registry],
      async collect() {
        const read = await usage();
        this.reset();
        for (const album of read?.albums ?? []) this.set({ album_id: album.albumId }, album.bytes);
      },
    });
  }

  private readonly liveConnections = new Set<{ bytesRead: number }>();
  private closedBytes = 0;

  /** Called once the HTTP server exists: counts what its connections read (`http_received_bytes_total`). */
  watchHttpServer(server: { on(event: 'connection', listener: (socket: { bytesRead: number; once(event: 'close', listener: () => void): unknown }) => void): unknown }): void {
    server.on('connection', (socket) => {
      this.liveConnections.add(socket);
      socket.once('close', () => {
        this.liveConnections.delete(socket);
        this.closedBytes += socket.bytesRead;
      });
    });
  }

  private receivedBytes(): number {
    let total = this.closedBytes;
    for (const socket of this.liveConnections) total += socket.bytesRead;
    return total;
  }

  /** Called by the albums feature at start-up: what the storage gauges read. */
  watchStorage(usage: StorageUsageProvider): void {
    this.storageUsage = usage;
  }

  /** Called by both job queue implementations after each try of a job. */
  recordJob(queue: string, outcome: JobOutcome, seconds: number): void {
    this.jobDuration.observe({ queue, outcome }, seconds);
    if (outcome === 'failed') this.jobsFailed.inc({ queue });
  }

  /** Called once the job queue is open: what `jobs_queue_depth` reads. */
  watchJobs(stats: JobStatsProvider): void {
    this.jobStats = stats;
  }

  /** Called once the infrastructure is open: what `dependency_up` and the pool gauges read. */
  watch(options: { probes: Record<string, DependencyProbe>; pool?: { stats: () => PoolStats | undefined; max: number } }): void {
    this.probes = options.probes;
    this.pool = options.pool;
  }
}

async function answers(probe: DependencyProbe): Promise<boolean> {
  return (await withTimeout(probe().then(() => true))) ?? false;
}

/** The value, or undefined when it rejects or takes longer than a scrape may wait. */
async function withTimeout<T>(pending: Promise<T>): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(resolve, PROBE_TIMEOUT_MS, undefined);
  });
  try {
    return await Promise.race([pending.catch(() => undefined), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
