import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

const webDir = path.resolve(import.meta.dirname, '..');

/**
 * The browser tests run against the built app, as `npm start` serves it; a stale dist
 * would test yesterday's code. Built in a child process so Vite's build does not share
 * this process with Vitest's own Vite server.
 */
export default function buildWebApp(): void {
  // vite's exports map hides bin/, so go through its package.json.
  const vitePackage = createRequire(import.meta.url).resolve('vite/package.json');
  const viteBin = path.join(path.dirname(vitePackage), 'bin', 'vite.js');
  try {
    // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
    const env = { ...process.env, NODE_ENV: 'production' };
    execFileSync(process.execPath, [viteBin, 'build', '--logLevel', 'warn'], { cwd: webDir, env, stdio: 'pipe', timeout: 120_000 });
  } catch (error) {
    const output = error instanceof Error && 'stderr' in error ? String((error as { stderr: unknown }).stderr) : '';
    throw new Error(`building apps/web failed:\n${output}`, { cause: error });
  }
}
