#!/usr/bin/env node
// `npm test`: every suite this machine can run, then one summary line from Vitest's JSON
// report. Extra arguments go to Vitest (e.g. `npm test -- auth`).
//   embedded  always (PGlite + in-process twins)
//   cluster   when TEST_DATABASE_URL and TEST_REDIS_URL are set (real PostgreSQL + Redis)
//   e2e       when Chromium is installed (CHROMIUM_PATH, default /usr/bin/chromium)
// Under CI=true a suite that cannot run is a failure, not a note.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const report = path.join(root, 'test-results', 'vitest.json');
const ci = process.env.CI === 'true';
const projects = ['embedded'];
const missing = [];

if (process.env.TEST_DATABASE_URL && process.env.TEST_REDIS_URL) projects.push('cluster');
else missing.push('cluster suite not run: set TEST_DATABASE_URL and TEST_REDIS_URL to run it against real PostgreSQL and Redis');

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (existsSync(chromium)) projects.push('e2e');
else missing.push(`e2e suite not run: no Chromium at ${chromium} (apt-get install chromium, or set CHROMIUM_PATH)`);

for (const line of missing) console.log(line);
if (ci && missing.length) {
  console.log('CI=true: every suite must run.');
  process.exit(1);
}

mkdirSync(path.dirname(report), { recursive: true });
rmSync(report, { force: true });
const args = [
  'vitest', 'run',
  ...projects.flatMap((p) => ['--project', p]),
  // Vitest would use one worker on a 2-core machine; the embedded files are independent (each
  // its own PGlite and ports), and two at once halve that suite. Cluster and e2e stay one by one.
  '--maxWorkers=2',
  '--reporter=default', '--reporter=json', `--outputFile.json=${report}`,
  ...process.argv.slice(2),
];
const run = spawnSync('npx', args, { cwd: root, stdio: 'inherit', env: process.env });

if (!existsSync(report)) {
  console.log('0 passed, 1 failed (Vitest wrote no report)');
  process.exit(run.status || 1);
}
const result = JSON.parse(readFileSync(report, 'utf8'));
const skipped = (result.numPendingTests ?? 0) + (result.numTodoTests ?? 0);
// Files that failed to load count as failures even though no test inside them ran.
const brokenFiles = (result.testResults ?? []).filter((f) => f.status === 'failed' && (f.assertionResults ?? []).length === 0).length;
const failed = result.numFailedTests + brokenFiles;
console.log(`${result.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || run.status !== 0 ? 1 : 0);
