import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireDataDirLock, DataDirBusyError, LOCK_FILE } from './data-dir-lock';
import { Database } from './database';

/** Issue 8 D: PGlite is never opened twice on one folder (server and admin CLI alike). */
describe('data folder lock', () => {
  const dirs: string[] = [];
  const dir = () => {
    const made = mkdtempSync(path.join(tmpdir(), 'dg-lock-'));
    dirs.push(made);
    return made;
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('refuses a second holder and says who holds it; released, it can be taken again', () => {
    const folder = dir();
    const lock = acquireDataDirLock(folder, 'server');
    expect(() => acquireDataDirLock(folder, 'admin-cli')).toThrow(DataDirBusyError);
    try {
      acquireDataDirLock(folder, 'admin-cli');
    } catch (error) {
      expect((error as DataDirBusyError).holder).toMatchObject({ pid: process.pid, role: 'server' });
    }
    lock.release();
    expect(existsSync(path.join(folder, LOCK_FILE))).toBe(false);
    acquireDataDirLock(folder, 'admin-cli').release();
  });

  it('takes over the lock of a process that died without releasing it (kill -9)', () => {
    const folder = dir();
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    writeFileSync(path.join(folder, LOCK_FILE), JSON.stringify({ pid: Number(dead.stdout), role: 'server', at: new Date().toISOString() }));
    const lock = acquireDataDirLock(folder, 'admin-cli');
    lock.release();
  });

  it('opening PGlite holds the lock until close; openWhenFree waits for it', async () => {
    const folder = dir();
    const first = Database.open({ dataDir: folder, poolMax: 1, role: 'admin-cli' });
    expect(() => Database.open({ dataDir: folder, poolMax: 1 })).toThrow(DataDirBusyError);
    const waits: string[] = [];
    const second = Database.openWhenFree({ dataDir: folder, poolMax: 1 }, { timeoutMs: 20_000, onWait: (busy) => waits.push(busy.holder.role) });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await first.close();
    const opened = await second;
    expect(waits).toEqual(['admin-cli']);
    await opened.ping();
    await opened.close();
    await expect(Database.openWhenFree({ dataDir: folder, poolMax: 1 }, { timeoutMs: 0 }).then((db) => db.close())).resolves.toBeUndefined();
  }, 60_000);

  it('gives up after the wait with who holds the folder', async () => {
    const folder = dir();
    const lock = acquireDataDirLock(folder, 'admin-cli');
    await expect(Database.openWhenFree({ dataDir: folder, poolMax: 1 }, { timeoutMs: 300 })).rejects.toThrow(/in use by process \d+ \(admin-cli\)/);
    lock.release();
  });
});
