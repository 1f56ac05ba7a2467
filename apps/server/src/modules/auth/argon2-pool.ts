import { createRequire } from 'node:module';
import os from 'node:os';
import { Worker } from 'node:worker_threads';

/**
 * Where argon2id runs: a few worker threads of their own, one per core, at a lower CPU
 * priority than the event loop. On the libuv threadpool (where `@node-rs/argon2`'s async
 * calls run) a login storm fills every pool thread with ~15 ms jobs, and everything else
 * that needs the pool waits behind them: the WebCrypto HMAC of every JWT sign and verify
 * (login, socket handshake, each authenticated request) waited seconds. And at the same
 * priority, four hashing threads on two cores leave the event loop a fair share at best,
 * so chat stalls while people sign in.
 */
const NICE = 10;

/** CommonJS source of one worker: the package path comes in workerData, so no resolution depends on its cwd. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
// setpriority(PRIO_PROCESS, 0) is per thread on Linux only; elsewhere it would renice the whole process.
if (process.platform === 'linux') {
  try { require('node:os').setPriority(0, workerData.nice); } catch {}
}
const argon2 = require(workerData.argon2);
parentPort.on('message', ({ id, op, args }) => {
  try {
    const value = op === 'hash' ? argon2.hashSync(args[0], args[1]) : argon2.verifySync(args[0], args[1]);
    parentPort.postMessage({ id, value });
  } catch (error) {
    parentPort.postMessage({ id, error: String((error && error.message) || error) });
  }
});
`;

type Job = { id: number; op: 'hash' | 'verify'; args: unknown[]; resolve: (value: never) => void; reject: (error: Error) => void };
type Slot = { worker: Worker; job: Job | undefined };

class Argon2Pool {
  private readonly argon2Path = createRequire(__filename).resolve('@node-rs/argon2');
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;

  constructor(private readonly size: number) {}

  run<T>(op: Job['op'], args: unknown[]): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, op, args, resolve: resolve as (value: never) => void, reject });
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.queue.length) {
      let slot = this.slots.find((s) => !s.job);
      if (!slot && this.slots.length < this.size) slot = this.spawn();
      if (!slot) return;
      const job = this.queue.shift()!;
      slot.job = job;
      // Referenced only while it works: an idle pool must not keep the process alive,
      // a pending hash (the admin CLI's create-admin) must.
      slot.worker.ref();
      slot.worker.postMessage({ id: job.id, op: job.op, args: job.args });
    }
  }

  private spawn(): Slot {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { argon2: this.argon2Path, nice: NICE } });
    const slot: Slot = { worker, job: undefined };
    worker.unref();
    worker.on('message', (message: { id: number; value?: unknown; error?: string }) => {
      const job = slot.job;
      if (!job || job.id !== message.id) return;
      slot.job = undefined;
      worker.unref();
      if (message.error !== undefined) job.reject(new Error(message.error));
      else job.resolve(message.value as never);
      this.dispatch();
    });
    const lost = (error: Error) => {
      const index = this.slots.indexOf(slot);
      if (index < 0) return;
      this.slots.splice(index, 1);
      slot.job?.reject(error);
      slot.job = undefined;
      this.dispatch();
    };
    worker.on('error', lost);
    worker.on('exit', (code) => lost(new Error(`argon2 worker exited with code ${code}`)));
    this.slots.push(slot);
    return slot;
  }
}

let shared: Argon2Pool | undefined;

/** The process's one pool (every PasswordService shares it, so test apps do not each start threads). */
export function argon2Pool(): Argon2Pool {
  return (shared ??= new Argon2Pool(Math.max(1, os.availableParallelism())));
}
