import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';

/** Who holds a data folder: written into the lock file, read by whoever finds it taken. */
export interface LockHolder {
  pid: number;
  /** `server` or `admin-cli`: decides whether the one who waits should try the admin socket. */
  role: string;
  at: string;
}

export class DataDirBusyError extends Error {
  constructor(
    readonly dir: string,
    readonly holder: LockHolder,
  ) {
    super(`The data folder ${dir} is in use by process ${holder.pid} (${holder.role}) since ${holder.at}`);
    this.name = 'DataDirBusyError';
  }
}

export interface DataDirLock {
  release(): void;
}

export const LOCK_FILE = 'discordgym.lock';

/**
 * PGlite must never be opened twice on one folder (two writers corrupt it), and it does not
 * guard against that itself. Whoever opens it (server or admin CLI) first creates this
 * file exclusively; a lock whose process is gone (a crash, kill -9) is taken over.
 */
export function acquireDataDirLock(dir: string, role: string): DataDirLock {
  const file = path.join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt++) {
    let fd: number;
    try {
      fd = openSync(file, 'wx', 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readHolder(file);
      if (holder && isAlive(holder.pid)) throw new DataDirBusyError(dir, holder);
      // Stale (or half-written by a process that died at once): take it over.
      rmSync(file, { force: true });
      continue;
    }
    const me: LockHolder = { pid: process.pid, role, at: new Date().toISOString() };
    writeSync(fd, JSON.stringify(me));
    closeSync(fd);
    let released = false;
    return {
      release() {
        if (released) return;
        released = true;
        // Only our own lock: never a successor's that took over after we were thought dead.
        if (readHolder(file)?.pid === process.pid) rmSync(file, { force: true });
      },
    };
  }
  throw new Error(`Could not take the lock ${file}`);
}

function readHolder(file: string): LockHolder | undefined {
  try {
    const value = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockHolder>;
    return typeof value.pid === 'number' ? { pid: value.pid, role: String(value.role ?? 'unknown'), at: String(value.at ?? '') } : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, it is just someone else's.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
