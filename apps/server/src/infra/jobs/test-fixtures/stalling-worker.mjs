// An instance that dies mid-job, for the kill -9 test in job-queue.bullmq.cluster.test.ts.
// Plain JavaScript on BullMQ itself, so it starts without a TypeScript loader: it takes
// one job of QUEUE, prints a line for it on stdout, then holds it until it is killed.
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';

const { REDIS_URL, BULL_PREFIX, QUEUE, LOCK_MS, STALLED_MS } = process.env;
const print = (line) => process.stdout.write(`${JSON.stringify(line)}\n`);

const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
connection.on('error', () => undefined);
const worker = new Worker(
  QUEUE,
  async (job) => {
    print({ started: job.id, attempt: job.attemptsMade + 1 });
    // Never settles: the job stays active, its lock renewed, until the process is killed.
    await new Promise(() => undefined);
  },
  // The stalled check is shared by every worker of a queue (whoever runs it holds it off for
  // the others for its interval), so this one must check as often as the test's does.
  { connection, prefix: BULL_PREFIX, concurrency: 1, lockDuration: Number(LOCK_MS), stalledInterval: Number(STALLED_MS) },
);
worker.on('error', () => undefined);
await worker.waitUntilReady();
print({ ready: true });
