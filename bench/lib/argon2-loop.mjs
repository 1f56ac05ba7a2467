// B_argon2 for S5: a bare argon2id verify loop in its own process, driven over IPC like the
// generators. The hashes come from the built server's own PasswordService, so they carry
// exactly the app's parameters (m, t, p are read back from the encoded hash by verify), and
// verify is the same @node-rs/argon2 the server resolves. Started with the app's
// UV_THREADPOOL_SIZE, since verify runs on the libuv threadpool.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const serverRequire = createRequire(path.join(ROOT, 'apps/server/dist/main.js'));
const { verify } = serverRequire('@node-rs/argon2');
const { PasswordService } = serverRequire('./modules/auth/password.service.js');

/** One hash per lane, of different passwords, like logins of different people. */
let prepared;

async function prepare(lanes) {
  if (prepared && prepared.length >= lanes) return prepared;
  const passwords = new PasswordService();
  prepared = [];
  for (let i = 0; i < lanes; i++) {
    const password = `lifting heavy things baseline ${i}`;
    prepared.push({ password, hash: await passwords.hash(password) });
  }
  return prepared;
}

const handlers = {
  /** The parameters the app hashes with, read from one of its hashes. */
  async info() {
    const [{ hash }] = await prepare(1);
    const match = /^\$(argon2\w+)\$v=(\d+)\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(hash);
    return {
      algorithm: match?.[1],
      version: Number(match?.[2]),
      memoryKiB: Number(match?.[3]),
      timeCost: Number(match?.[4]),
      parallelism: Number(match?.[5]),
      threadpool: Number(process.env.UV_THREADPOOL_SIZE) || 4,
    };
  },

  /** `count` verifies with `concurrency` in flight; wall and CPU time of this process. */
  async run({ count, concurrency }) {
    const pairs = await prepare(concurrency);
    let next = 0;
    let errors = 0;
    const cpu0 = process.cpuUsage();
    const started = performance.timeOrigin + performance.now();
    await Promise.all(
      Array.from({ length: Math.max(1, Math.min(concurrency, count)) }, async (_, lane) => {
        while (next < count) {
          next += 1;
          const { hash, password } = pairs[lane];
          if (!(await verify(hash, password))) errors += 1;
        }
      }),
    );
    const ended = performance.timeOrigin + performance.now();
    const cpu = process.cpuUsage(cpu0);
    return { count, errors, startedAt: started, endedAt: ended, cpuMs: (cpu.user + cpu.system) / 1000 };
  },

  exit() {
    setTimeout(() => process.exit(0), 20);
    return null;
  },
};

process.on('message', async ({ id, cmd, args }) => {
  try {
    const handler = handlers[cmd];
    if (!handler) throw new Error(`unknown command ${cmd}`);
    process.send({ id, ok: true, result: await handler(args ?? {}) });
  } catch (error) {
    process.send({ id, ok: false, error: String(error?.stack ?? error) });
  }
});
process.on('disconnect', () => process.exit(0));
