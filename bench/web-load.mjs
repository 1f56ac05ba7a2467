#!/usr/bin/env node
// `npm run bench:web` — how fast the built web app loads, against the DevChat targets
// (page load < 2 s, interactive < 3 s). Not a test: it prints figures and writes them to
// bench/results/web-load.{json,md}.
//
// It builds everything (as `npm start` does), starts the built server in the embedded
// mode on a free loopback port with a temporary data folder, and loads pages in headless
// Chromium (Debian's /usr/bin/chromium via playwright-core), each time in a new browser
// context, so the HTTP cache is cold. Per page and network profile it reports the median
// of the runs, from the Navigation Timing entry and from the moment the page is usable:
//
//   ttfb         responseStart of the document
//   dcl          domContentLoadedEventEnd
//   load         loadEventEnd                         target < 2000 ms
//   interactive  the page's UI is rendered and usable target < 3000 ms
//                (login: the form's fields and button; dashboard: greeting and room list)
//
// and the JavaScript each page load fetched (bytes on the wire as served, and gzip).
// It also prints the gzip size of the initial JS: the entry chunk plus what index.html
// preloads, i.e. what every first visit downloads before any page code.
//
//   node bench/web-load.mjs [--runs 5] [--no-build] [--profile all|local,4g,slow4g]
/* global window, document -- the page functions below run in the browser */
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { freePort, stop, waitHealthy } from './lib/procs.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.join(ROOT, 'apps/web/dist');
const RESULTS = path.join(ROOT, 'bench/results');
const TARGETS = { load: 2000, interactive: 3000 };
const PASSWORD = 'Lantern-Gravel-Otter-42';
const WEB_HEADERS = { 'content-type': 'application/json', 'x-discordgym-client': 'web' };

/** Network profiles. `slow4g` is Lighthouse's DevTools-throttling preset for mobile, with 4× CPU slowdown. */
const PROFILES = {
  local: { label: 'localhost, no throttling', network: null, cpu: 1 },
  '4g': {
    label: '4G (150 ms RTT, 9 Mbit/s down, 1.5 Mbit/s up), CPU not throttled',
    network: { latency: 150, downloadThroughput: (9000 * 1024) / 8, uploadThroughput: (1500 * 1024) / 8 },
    cpu: 1,
  },
  slow4g: {
    label: 'Slow 4G (562.5 ms RTT, 1.6 Mbit/s down, 750 kbit/s up) + 4× CPU',
    network: { latency: 562.5, downloadThroughput: (1474.56 * 1024) / 8, uploadThroughput: (675 * 1024) / 8 },
    cpu: 4,
  },
};

function parseArgs(argv) {
  const out = { runs: 5, build: true, profiles: ['local', '4g', 'slow4g'] };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = () => inline ?? argv[++i];
    if (flag === '--runs') out.runs = Math.max(1, Math.min(50, Number(value()) || 5));
    else if (flag === '--no-build') out.build = false;
    else if (flag === '--profile') {
      const p = value();
      out.profiles = p === 'all' ? ['local', '4g', 'slow4g'] : p.split(',');
      for (const name of out.profiles) if (!PROFILES[name]) throw new Error(`unknown profile ${name} (local, 4g, slow4g, all)`);
    } else if (flag === '--help' || flag === '-h') {
      console.log('node bench/web-load.mjs [--runs 5] [--no-build] [--profile all|local,4g,slow4g]');
      process.exit(0);
    } else throw new Error(`unknown argument ${argv[i]}`);
  }
  return out;
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const gzipOf = (file) => gzipSync(readFileSync(file), { level: 9 }).length;

// ---------------------------------------------------------------- the initial JS

/** The entry script and the modules index.html preloads: downloaded by every first visit. */
function initialJs() {
  const html = readFileSync(path.join(DIST, 'index.html'), 'utf8');
  const files = new Set();
  for (const match of html.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"/g)) files.add(match[1]);
  for (const match of html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)) files.add(match[1]);
  const rows = [...files].map((url) => {
    const file = path.join(DIST, url.replace(/^\//, ''));
    return { url, raw: readFileSync(file).length, gzip: gzipOf(file) };
  });
  return { files: rows, raw: rows.reduce((s, r) => s + r.raw, 0), gzip: rows.reduce((s, r) => s + r.gzip, 0) };
}

// ---------------------------------------------------------------- server

async function startServer() {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'dg-webload-'));
  mkdirSync(path.join(RESULTS, 'logs'), { recursive: true });
  const logFile = path.join(RESULTS, 'logs', 'web-load-server.log');
  writeFileSync(logFile, '');
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    JWT_SECRET: randomBytes(48).toString('base64'),
    HOST: '127.0.0.1',
    PORT: String(port),
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    COOKIE_SECURE: 'false',
    RATE_LIMIT_REGISTER_PER_IP: '100000',
    RATE_LIMIT_LOGIN_PER_IP: '100000',
    RATE_LIMIT_API_PER_USER: '100000',
  };
  const out = (await import('node:fs')).openSync(logFile, 'a');
  const child = spawn(process.execPath, [path.join(ROOT, 'apps/server/dist/main.js')], { cwd: ROOT, env, stdio: ['ignore', out, out] });
  const url = `http://127.0.0.1:${port}`;
  await waitHealthy(`${url}/health`, child, 60_000, logFile);
  return { url, child, dataDir };
}

// ---------------------------------------------------------------- one page load

async function measure(browser, profile, url, { prepare, ready }) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
  try {
    if (prepare) await prepare(context);
    const page = await context.newPage();
    // A first (blank) navigation gives the page its renderer, so the throttling below also covers the document request.
    await page.goto('about:blank');
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
    if (profile.network) await cdp.send('Network.emulateNetworkConditions', { offline: false, ...profile.network });
    if (profile.cpu > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.cpu });

    const scripts = [];
    page.on('requestfinished', async (request) => {
      if (request.resourceType() !== 'script') return;
      const sizes = await request.sizes().catch(() => null);
      scripts.push({ url: new URL(request.url()).pathname, wire: sizes ? sizes.responseBodySize + sizes.responseHeadersSize : 0 });
    });

    // Checked on every frame from the first one, so "interactive" is when it happened, not when we looked.
    await page.addInitScript(
      `(() => { const ready = ${ready.toString()}; const tick = () => { const at = ready(); if (at) window.__readyAt = at; else requestAnimationFrame(tick); }; requestAnimationFrame(tick); })();`,
    );
    await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
    const interactive = await (await page.waitForFunction(() => window.__readyAt, null, { timeout: 60_000 })).jsonValue();
    const nav = await page.evaluate(() => {
      const [entry] = performance.getEntriesByType('navigation');
      return { ttfb: entry.responseStart, dcl: entry.domContentLoadedEventEnd, load: entry.loadEventEnd };
    });
    await page.waitForTimeout(200); // late requestfinished events
    const js = scripts.filter((s) => s.url.startsWith('/assets/'));
    const jsGzip = js.reduce((sum, s) => sum + gzipOf(path.join(DIST, s.url.replace(/^\//, ''))), 0);
    return { ...nav, interactive, jsFiles: js.length, jsWire: js.reduce((sum, s) => sum + s.wire, 0), jsGzip };
  } finally {
    await context.close();
  }
}

/** A signed-in visitor: registered through the API in this context (the refresh cookie), with a DM to show. */
function signedIn(serverUrl, friendId) {
  return async (context) => {
    const name = `bench${randomBytes(5).toString('hex')}`;
    const response = await context.request.post(`${serverUrl}/api/auth/register`, {
      headers: WEB_HEADERS,
      data: { username: name, email: `${name}@bench.test`, password: PASSWORD },
    });
    if (!response.ok()) throw new Error(`register failed: ${response.status()} ${await response.text()}`);
    const { token } = await response.json();
    const room = await context.request.post(`${serverUrl}/api/chatrooms`, {
      headers: { ...WEB_HEADERS, authorization: `Bearer ${token}` },
      data: { participant_ids: [friendId] },
    });
    if (!room.ok()) throw new Error(`open DM failed: ${room.status()}`);
  };
}

// ---------------------------------------------------------------- main

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.build) {
    console.log('building contracts, server and web app (npm run build)…');
    execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const initial = initialJs();
  const require = createRequire(path.join(ROOT, 'apps/web/package.json'));
  const { chromium } = require('playwright-core');

  const server = await startServer();
  let browser;
  try {
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'],
    });
    const friend = await (
      await fetch(`${server.url}/api/auth/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: `benchfriend${randomBytes(3).toString('hex')}`, email: `friend${randomBytes(4).toString('hex')}@bench.test`, password: PASSWORD }),
      })
    ).json();

    const pages = [
      {
        name: 'login (signed out, first visit)',
        path: '/login',
        ready: () => {
          const button = [...document.querySelectorAll('button[type="submit"]')].find((b) => !b.disabled);
          return button && document.querySelector('input[autocomplete="username"]') ? performance.now() : false;
        },
      },
      {
        name: 'dashboard (signed in, session restored)',
        path: '/',
        prepare: signedIn(server.url, friend.user.id),
        ready: () => (document.querySelector('h1')?.textContent?.startsWith('Hi, ') && document.querySelector('[data-testid="dashboard-rooms"]') ? performance.now() : false),
      },
    ];

    const results = [];
    for (const profileName of args.profiles) {
      const profile = PROFILES[profileName];
      for (const spec of pages) {
        const runs = [];
        // One warm-up load (the server's first requests, Chromium's first process), not counted.
        await measure(browser, profile, `${server.url}${spec.path}`, spec);
        for (let i = 0; i < args.runs; i++) runs.push(await measure(browser, profile, `${server.url}${spec.path}`, spec));
        const row = {
          profile: profileName,
          page: spec.name,
          runs,
          ttfb: median(runs.map((r) => r.ttfb)),
          dcl: median(runs.map((r) => r.dcl)),
          load: median(runs.map((r) => r.load)),
          interactive: median(runs.map((r) => r.interactive)),
          jsFiles: runs[0].jsFiles,
          jsWire: median(runs.map((r) => r.jsWire)),
          jsGzip: median(runs.map((r) => r.jsGzip)),
        };
        results.push(row);
        console.log(
          `  ${profileName.padEnd(7)} ${spec.name.padEnd(42)} load ${row.load.toFixed(0).padStart(5)} ms  interactive ${row.interactive.toFixed(0).padStart(5)} ms`,
        );
      }
    }
    report(args, initial, results);
  } finally {
    await browser?.close().catch(() => undefined);
    await stop(server.child);
    rmSync(server.dataDir, { recursive: true, force: true });
  }
}

function report(args, initial, results) {
  const verdict = (value, target) => (value < target ? 'met' : 'NOT met');
  const lines = [];
  lines.push('# Web app page load', '');
  lines.push(`Built app served by the built server (embedded mode), headless Chromium, cold cache (a new context per load), median of ${args.runs} runs after one warm-up.`, '');
  lines.push(`Initial JS (entry + modulepreloads from index.html): **${kb(initial.gzip)} gzip** (${kb(initial.raw)} raw, ${initial.files.length} file${initial.files.length === 1 ? '' : 's'}).`, '');
  for (const profileName of args.profiles) {
    lines.push(`## ${PROFILES[profileName].label}`, '');
    lines.push('| page | TTFB | DOMContentLoaded | load (< 2 s) | interactive (< 3 s) | JS files | JS on the wire | JS gzip |');
    lines.push('|---|---:|---:|---:|---:|---:|---:|---:|');
    for (const r of results.filter((x) => x.profile === profileName)) {
      lines.push(
        `| ${r.page} | ${r.ttfb.toFixed(0)} ms | ${r.dcl.toFixed(0)} ms | ${r.load.toFixed(0)} ms (${verdict(r.load, TARGETS.load)}) | ${r.interactive.toFixed(0)} ms (${verdict(r.interactive, TARGETS.interactive)}) | ${r.jsFiles} | ${kb(r.jsWire)} | ${kb(r.jsGzip)} |`,
      );
    }
    lines.push('');
  }
  const markdown = lines.join('\n');
  console.log(`\n${markdown}`);
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(path.join(RESULTS, 'web-load.md'), `${markdown}\n`);
  writeFileSync(path.join(RESULTS, 'web-load.json'), `${JSON.stringify({ at: new Date().toISOString(), targets: TARGETS, initialJs: initial, results }, null, 2)}\n`);
  console.log(`written: bench/results/web-load.md, bench/results/web-load.json`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
