#!/usr/bin/env node
// Prints the top self-time and inclusive-time functions of a V8 .cpuprofile
// (from `node --cpu-prof`, e.g. BENCH_PROFILE=1 npm run bench):
//   node bench/lib/profile-top.mjs bench/results/profiles/embedded/<file>.cpuprofile [N]
import { readFileSync } from 'node:fs';

const [file, topArg] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: node bench/lib/profile-top.mjs <file.cpuprofile> [N]\n');
  process.exit(2);
}
const top = Number(topArg ?? 30);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

// Self time per node from the samples and their time deltas.
const selfUs = new Map();
profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const total = [...selfUs.values()].reduce((a, b) => a + b, 0);

const label = (n) => {
  const f = n.callFrame;
  const where = f.url ? `${f.url.replace(/^.*node_modules\//, '~/').replace(/^file:\/\/.*\/apps\//, 'apps/')}:${f.lineNumber + 1}` : '';
  return `${f.functionName || '(anonymous)'} ${where}`.trim();
};

const self = new Map();
const inclusive = new Map();
for (const [id, us] of selfUs) {
  const key = label(byId.get(id));
  self.set(key, (self.get(key) ?? 0) + us);
  // Inclusive: every distinct function on the stack gets the sample once.
  const seen = new Set();
  for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
    const k = label(byId.get(cur));
    if (seen.has(k)) continue;
    seen.add(k);
    inclusive.set(k, (inclusive.get(k) ?? 0) + us);
  }
}

// Self time grouped by package (or app file).
const bucket = (key) => {
  const m = /~\/((?:@[^/]+\/)?[^/]+)/.exec(key);
  if (m) return m[1];
  if (key.includes('apps/server')) return 'apps/server';
  if (/\(garbage collector\)|\(program\)|\(idle\)/.test(key)) return key.split(' ')[0];
  return /node:|internal/.test(key) ? 'node internals' : 'other';
};
const packages = new Map();
for (const [k, us] of self) packages.set(bucket(k), (packages.get(bucket(k)) ?? 0) + us);

const print = (title, map, n) => {
  process.stdout.write(`\n${title}\n`);
  for (const [k, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, n)) {
    process.stdout.write(`${((us / total) * 100).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(7)} ms  ${k}\n`);
  }
};
process.stdout.write(`${file}: ${(total / 1e6).toFixed(1)} s sampled\n`);
print('self time by package', packages, 15);
print('self time by function', self, top);
print('inclusive time by function', inclusive, top);

// The app's own functions, inclusive: which code paths lead to the time spent below them.
const app = new Map([...inclusive].filter(([k]) => k.includes('apps/server')));
print('inclusive time, apps/server functions', app, top);
