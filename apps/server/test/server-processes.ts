import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { ApiClient } from './api-client';

/**
 * Real server processes for the fault tests (kill -9, restarts): the built
 * apps/server/dist/main.js, each on a free loopback port, its last log lines kept for the
 * failure message. Every process a fleet started is SIGKILLed when the test process exits.
 */
export const REPO_ROOT = path.resolve(__dirname, '../../..');
const MAIN = path.join(REPO_ROOT, 'apps/server/dist/main.js');
const run = promisify(execFile);

/** The same environment every fault test starts from; each adds what it tests. */
export const FAULT_TEST_ENV = {
  NODE_ENV: 'test',
  LOG_LEVEL: 'warn',
  HOST: '127.0.0.1',
  JWT_SECRET: 'test-secret-of-at-least-thirty-two-characters',
  RATE_LIMIT_LOGIN_PER_IP: '1000',
  RATE_LIMIT_LOGIN_PER_ACCOUNT: '1000',
  RATE_LIMIT_REGISTER_PER_IP: '1000',
  RATE_LIMIT_API_PER_USER: '100000',
  PRESENCE_LEASE_SECONDS: '3',
  DATABASE_POOL_MAX: '4',
  SHUTDOWN_GRACE_MS: '3000',
  // A killed instance's jobs resume elsewhere within seconds instead of a minute.
  JOB_LOCK_SECONDS: '5',
};

export interface ServerProcess {
  name: string;
  child: ChildProcess;
  /** The last lines it logged (stdout and stderr). */
  output: string[];
  exited: Promise<void>;
  url: string;
  api: ApiClient;
}

/** One build for a test file: the processes run what production runs. */
export async function buildServer(): Promise<void> {
  await run('npm', ['run', 'build', '-w', '@discordgym/contracts'], { cwd: REPO_ROOT, timeout: 120_000 });
  await run('npm', ['run', 'build', '-w', '@discordgym/server'], { cwd: REPO_ROOT, timeout: 120_000 });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export function serverFleet(baseEnv: Record<string, string>, keepLines = 200) {
  const running = new Set<ServerProcess>();
  const killAll = (): void => {
    for (const p of running) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
  };
  process.once('exit', killAll);

  /** Starts one and resolves once /ready answers 200 (30 s at most). */
  async function start(name: string, env: Record<string, string>): Promise<ServerProcess> {
    const port = await freePort();
    const child = spawn(process.execPath, [MAIN], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...baseEnv, ...env, PORT: String(port), INSTANCE_ID: name },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output: string[] = [];
    const keep = (chunk: Buffer) => {
      output.push(...chunk.toString().split('\n').filter(Boolean));
      output.splice(0, Math.max(0, output.length - keepLines));
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const url = `http://127.0.0.1:${port}`;
    const started: ServerProcess = { name, child, output, exited, url, api: new ApiClient(url) };
    running.add(started);
    void exited.then(() => running.delete(started));
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${name} exited before ready:\n${output.join('\n')}`);
      const ready = await fetch(`${url}/ready`, { signal: AbortSignal.timeout(2_000) }).then((r) => r.status === 200, () => false);
      if (ready) return started;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`${name} not ready after 30 s:\n${output.join('\n')}`);
  }

  return { start, killAll, running };
}
