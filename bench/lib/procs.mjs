// Child processes of the bench: servers and load generators. Every one is tracked and
// ended (by its own pid) when the bench stops, however it stops.
import { fork, spawn } from 'node:child_process';
import { openSync, closeSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { sleep } from './stats.mjs';

const children = new Set();

function track(child) {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** Ends every child still running: SIGTERM, then SIGKILL after `graceMs`. */
export async function killAll(graceMs = 5000) {
  const alive = [...children].filter((c) => c.exitCode === null && c.signalCode === null);
  await Promise.all(alive.map((c) => stop(c, graceMs)));
}

/** Stops one child: SIGTERM, then SIGKILL if it has not exited after `graceMs`. */
export async function stop(child, graceMs = 10_000) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** A free TCP port on 127.0.0.1 (the OS picks; released right away). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Spawns `node <args>` with its output appended to `logFile`. */
export function spawnNode(args, { env, logFile, cwd }) {
  const fd = openSync(logFile, 'a');
  const child = spawn(process.execPath, args, { env, cwd, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  return track(child);
}

/** Spawns a long-running program (not node) with its output appended to `logFile`. */
export function spawnLogged(cmd, args, { env, logFile, cwd }) {
  const fd = openSync(logFile, 'a');
  const child = spawn(cmd, args, { env, cwd, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  return track(child);
}

/** Spawns any program, collecting its stdout and stderr; resolves when it exits. */
export function runProgram(cmd, args, { env, timeoutMs = 120_000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = track(spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] }));
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** Polls GET `url` until it answers 2xx, the child exits, or `timeoutMs` passes. */
export async function waitHealthy(url, child, timeoutMs = 60_000, logFile) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) break;
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
    } catch {
      // not yet listening
    }
    await sleep(100);
  }
  let tail = '';
  try {
    tail = readFileSync(logFile, 'utf8').split('\n').slice(-20).join('\n');
  } catch {
    // no log
  }
  throw new Error(`${url} did not become healthy (exit ${child.exitCode ?? child.signalCode ?? 'none'})\n${tail}`);
}

/** Resident set size of a process in bytes, from /proc (0 when it is gone). */
export function rssBytes(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** CPU time (user + system) a process has used so far, in milliseconds (0 when it is gone). */
export function cpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return (ticks * 1000) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}
const CLOCK_TICKS = 100; // USER_HZ on Linux

/**
 * A load generator child process (bench/lib/generator.mjs or pg-load.mjs) driven by
 * request/response messages over IPC.
 */
export class Worker {
  constructor(script, name, { env } = {}) {
    this.name = name;
    this.child = track(fork(script, [], { serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'], ...(env ? { env } : {}) }));
    this.nextId = 1;
    this.pending = new Map();
    this.child.on('message', (msg) => {
      const waiter = this.pending.get(msg.id);
      if (!waiter) return;
      this.pending.delete(msg.id);
      if (msg.ok) waiter.resolve(msg.result);
      else waiter.reject(new Error(`${name}: ${msg.error}`));
    });
    this.child.on('exit', (code, signal) => {
      for (const waiter of this.pending.values()) waiter.reject(new Error(`${name} exited (${code ?? signal})`));
      this.pending.clear();
    });
  }

  call(cmd, args = {}) {
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      this.pending.set(id, { resolve, reject });
      this.child.send({ id, cmd, args });
    });
  }

  async close() {
    try {
      await Promise.race([this.call('exit'), sleep(3000)]);
    } catch {
      // already gone
    }
    await stop(this.child, 3000);
  }
}

/**
 * Forces a full garbage collection in a process started with `--inspect=127.0.0.1:<port>`
 * (through the inspector protocol), so that memory readings before and after a storm
 * compare live memory rather than the collector's timing. Returns the process's
 * `process.memoryUsage()` after the collection.
 */
export async function forceGc(inspectPort) {
  const { default: WebSocket } = await import('ws');
  const list = await (await fetch(`http://127.0.0.1:${inspectPort}/json/list`, { signal: AbortSignal.timeout(5000) })).json();
  const ws = new WebSocket(list[0].webSocketDebuggerUrl);
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  const pending = new Map();
  ws.on('message', (data) => {
    const msg = JSON.parse(String(data));
    pending.get(msg.id)?.(msg);
  });
  let nextId = 1;
  const send = (method, params = {}) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      const timer = setTimeout(() => reject(new Error(`${method} timed out`)), 15_000);
      pending.set(id, (msg) => {
        clearTimeout(timer);
        resolve(msg.result);
      });
      ws.send(JSON.stringify({ id, method, params }));
    });
  try {
    await send('HeapProfiler.collectGarbage');
    const usage = await send('Runtime.evaluate', { expression: 'JSON.stringify(process.memoryUsage())', returnByValue: true });
    return JSON.parse(usage?.result?.value ?? '{}');
  } finally {
    ws.close();
  }
}
