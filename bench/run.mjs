#!/usr/bin/env node
// `npm run bench` — the issue's scenarios S1–S4 against the built server, each beside a
// baseline measured in the same run (interleaved rounds, median reported), in the
// embedded mode (PGlite + memory) and the cluster mode (2 instances + PostgreSQL + Redis).
// Load stays on 127.0.0.1, every count and duration is bounded, and everything the bench
// starts or creates (processes, database, Redis keys, data folder) is removed at the end.
//
//   npm run bench -- --mode embedded|cluster|both --scenario S1,S2,S3,S4
//
// Knobs (environment) are listed in bench/README.md and printed at the start.
import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGroup, openDm, pool, registerUsers, seedMessages } from './lib/app.mjs';
import {
  applyMigrations,
  createDatabase,
  dropDatabase,
  ensureWrk,
  deleteRedisPrefix,
  postgresReachable,
  redisReachable,
  seedHistory,
} from './lib/infra.mjs';
import { freePort, killAll, spawnNode, stop, waitHealthy, Worker } from './lib/procs.mjs';
import { numberKnobs } from './lib/knobs.mjs';
import { markdownTable, rowsFor, textTable } from './lib/report.mjs';
import { closeFanout, s1, s2, s3, s4, shares } from './lib/scenarios.mjs';
import { s7, seedS7, seedS7Copy } from './lib/s7-workouts.mjs';
import { s8, s9 } from './lib/albums.mjs';
import { s5 } from './lib/s5-login.mjs';
import { capacity } from './lib/capacity.mjs';
import { ensureNginx, s6 } from './lib/s6-nginx.mjs';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(BENCH_DIR, '..');
const RESULTS_DIR = path.join(BENCH_DIR, 'results');
const LOG_DIR = path.join(RESULTS_DIR, 'logs');
const SEED_CONTENT = 'b|0|1795305919338.123|0|lorem-ipsum-dolor-sit-amet-consectetur-adipiscing';

// ---------------------------------------------------------------- arguments and knobs

function parseArgs(argv) {
  const out = { mode: 'both', scenarios: ['S1', 'S2', 'S3', 'S4', 'S5', 'S6', 'S7', 'S8', 'S9'] };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = () => inline ?? argv[++i];
    if (flag === '--mode') out.mode = value();
    else if (flag === '--scenario' || flag === '--scenarios') out.scenarios = value().split(',').map((s) => s.trim().toUpperCase()).filter(Boolean);
    else if (flag === '--help' || flag === '-h') out.help = true;
    else throw new Error(`unknown argument ${argv[i]} (use --mode embedded|cluster|both, --scenario S1,S2,S3,S4)`);
  }
  if (!['embedded', 'cluster', 'both'].includes(out.mode)) throw new Error(`--mode must be embedded, cluster or both, not ${out.mode}`);
  for (const s of out.scenarios) if (!['S1', 'S2', 'S3', 'S4', 'S5', 'S6', 'S7', 'S8', 'S9', 'CAP'].includes(s)) throw new Error(`unknown scenario ${s}`);
  return out;
}

function readKnobs(env) {
  const num = numberKnobs(env);
  const scale = num('BENCH_SCALE', 1);
  return {
    scale,
    rounds: Math.max(1, Math.round(num('BENCH_ROUNDS', 3))),
    users: Math.max(100, Math.round(num('BENCH_USERS', 200))),
    generators: Math.max(1, Math.round(num('BENCH_GENERATORS', 2))),
    s1Concurrency: Math.round(num('BENCH_S1_CONCURRENCY', 50)),
    s1Rooms: Math.round(num('BENCH_S1_ROOMS', 10)),
    s1Sockets: num('BENCH_S1_SOCKETS', 500),
    s2BigRoom: num('BENCH_S2_BIG_ROOM', 1000),
    s3Pairs: num('BENCH_S3_PAIRS', 250),
    s3Rate: num('BENCH_S3_RATE', 1000),
    s2Adaptive: env.BENCH_S2_ADAPTIVE !== '0',
    s2Retry: env.BENCH_S2_RETRY !== '0',
    s2Ladder: (env.BENCH_S2_LADDER || '5000,10000,20000,35000,50000,75000,100000').split(',').map(Number).filter((n) => n > 0),
    s2StepSeconds: num('BENCH_S2_STEP_SECONDS', 1.5),
    s2DrainMs: Math.round(num('BENCH_S2_DRAIN_MS', 1500)),
    s2P99Ms: num('BENCH_S2_P99_MS', 100),
    s2Senders: Math.round(num('BENCH_S2_SENDERS', 4)),
    s3Seconds: num('BENCH_S3_SECONDS', 3),
    // Steps ≤ 1.25× apart (S2's are up to 2×), so a knee ratio near the 0.8× target can be told apart from 1×.
    s6Ladder: (env.BENCH_S6_LADDER || '2500,3000,3500,4000,5000,6000,7000,8500,10000,12500,15000,17500,20000,25000,30000,35000,42500,50000,60000,75000,100000').split(',').map(Number).filter((n) => n > 0),
    // 0: one loopback address per S6 socket through NGINX; 1: all from 127.0.0.1 (one client to the sticky hash).
    s6ClientIps: Math.max(0, Math.round(Number(env.BENCH_S6_CLIENT_IPS || 0)) || 0),
    s4Seconds: Math.round(num('BENCH_S4_SECONDS', 3)),
    s4Connections: Math.round(num('BENCH_S4_CONNECTIONS', 32)),
    s4PgPool: Math.round(num('BENCH_S4_PG_POOL', 10)),
    s4FallbackDeliveries: num('BENCH_S4_BG_DELIVERIES', 10_000),
    historyMessages: Math.round(num('BENCH_HISTORY_MESSAGES', 2000)),
    s5Logins: num('BENCH_S5_LOGINS', 400),
    s5Concurrency: Math.round(num('BENCH_S5_CONCURRENCY', 32)),
    s5ChatPairs: Math.round(num('BENCH_S5_CHAT_PAIRS', 4)),
    s5ChatRate: num('BENCH_S5_CHAT_RATE', 10),
    s7Workouts: num('BENCH_S7_WORKOUTS', 1000),
    s7Requests: Math.max(5, Math.round(num('BENCH_S7_REQUESTS', 40))),
    s8Photos: num('BENCH_S8_PHOTOS', 60),
    s8PhotoBytes: Math.round(num('BENCH_S8_PHOTO_BYTES', 3 * 1024 * 1024)),
    s8Concurrency: Math.round(num('BENCH_S8_CONCURRENCY', 200)),
    s9Photos: num('BENCH_S9_PHOTOS', 20),
    s9Concurrency: Math.round(num('BENCH_S9_CONCURRENCY', 2)),
    settleMs: Math.round(num('BENCH_SETTLE_MS', 1000)),
    logLevel: env.BENCH_LOG_LEVEL || 'warn',
    profile: env.BENCH_PROFILE === '1',
    pgAdminUrl: env.BENCH_PG_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
    redisUrl: env.BENCH_REDIS_URL || 'redis://127.0.0.1:6379',
    skipBuild: env.BENCH_SKIP_BUILD === '1',
  };
}

/** The counts of this run: each scenario's default times BENCH_SCALE. */
function sizesFor(knobs) {
  const big = Math.max(100, Math.round(knobs.s2BigRoom * knobs.scale));
  return {
    s1Sockets: Math.max(10, Math.round(knobs.s1Sockets * knobs.scale)),
    s2Rooms: big === 100 ? [100] : [100, big],
    s3Pairs: Math.max(10, Math.round(knobs.s3Pairs * knobs.scale)),
    s3Rate: Math.max(10, Math.round(knobs.s3Rate * knobs.scale)),
    s5Logins: Math.max(20, Math.round(knobs.s5Logins * knobs.scale)),
    s7Workouts: Math.max(20, Math.round(knobs.s7Workouts * knobs.scale)),
    s8Photos: Math.max(10, Math.round(knobs.s8Photos * knobs.scale)),
    s9Photos: Math.max(5, Math.round(knobs.s9Photos * knobs.scale)),
  };
}

/** "1,000 (0.20× the issue's 5,000)". */
function vsIssue(value, issue) {
  return `${value.toLocaleString('en-US')} (${(value / issue).toFixed(2)}× the issue's ${issue.toLocaleString('en-US')})`;
}

// ---------------------------------------------------------------- helpers

const t0 = Date.now();
const log = (line) => process.stdout.write(`[${((Date.now() - t0) / 1000).toFixed(1).padStart(6)}s] ${line}\n`);
const randomTag = () => randomBytes(4).toString('hex');

/** Share of the machine's CPU time that was busy over `ms` (from /proc/stat): others' load when nothing of ours runs. */
async function machineBusy(ms = 2000) {
  const read = () => {
    const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
    const values = fields.map(Number);
    const idle = values[3] + (values[4] ?? 0);
    return { idle, total: values.reduce((a, b) => a + b, 0) };
  };
  try {
    const a = read();
    await new Promise((r) => setTimeout(r, ms));
    const b = read();
    return 1 - (b.idle - a.idle) / Math.max(1, b.total - a.total);
  } catch {
    return NaN;
  }
}

/** Cleanups registered by the running mode, run last-first on exit or interrupt. */
const cleanups = [];
async function runCleanups() {
  while (cleanups.length) {
    const { name, fn } = cleanups.pop();
    try {
      await fn();
    } catch (error) {
      log(`cleanup ${name} failed: ${error.message}`);
    }
  }
  await killAll();
}

let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    log(`${signal}: cleaning up`);
    runCleanups().finally(() => process.exit(130));
  });
}

function childEnv(extra) {
  const env = {};
  for (const key of ['PATH', 'HOME', 'LANG', 'TMPDIR', 'TZ']) if (process.env[key]) env[key] = process.env[key];
  return { ...env, ...extra };
}

function build() {
  log('building @discordgym/contracts and @discordgym/server');
  for (const ws of ['@discordgym/contracts', '@discordgym/server']) {
    execFileSync('npm', ['run', 'build', '-w', ws], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  }
}

// ---------------------------------------------------------------- one mode

async function runMode(mode, knobs, sizes, scenarios, wrkPath, nginxPath) {
  const tag = randomTag();
  const cluster = mode === 'cluster';
  // Before anything of this mode runs: how busy the machine is with other work.
  const busyBefore = await machineBusy();
  log(`machine busy before the ${mode} mode starts: ${(busyBefore * 100).toFixed(0)} % of ${os.cpus().length} cores (other processes)`);
  const result = { mode, tag, scenarios: {}, errors: {}, setup: {}, busyBefore, loadAverage: { start: os.loadavg()[0] } };
  const jwtSecret = randomBytes(36).toString('base64url');
  mkdirSync(LOG_DIR, { recursive: true });
  const ctx = { mode, knobs, sizes, tag, log, benchDir: BENCH_DIR, wrk: wrkPath };
  const started = Date.now();

  // Databases and keys of this run.
  let databaseUrl;
  const prefix = `dgbench:${tag}:`;
  if (cluster) {
    const name = `dgbench_${tag}`;
    databaseUrl = await createDatabase(knobs.pgAdminUrl, name);
    cleanups.push({ name: `drop database ${name}`, fn: () => dropDatabase(knobs.pgAdminUrl, name) });
    cleanups.push({ name: `delete Redis keys ${prefix}*`, fn: async () => log(`  deleted ${await deleteRedisPrefix(knobs.redisUrl, prefix)} Redis keys under ${prefix}`) });
    log(`database dgbench_${tag}, Redis prefix ${prefix}`);
  }
  let dataDir;
  if (!cluster) {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'dgbench-'));
    cleanups.push({ name: `remove ${dataDir}`, fn: () => rmSync(dataDir, { recursive: true, force: true }) });
  }

  // S8/S9 in the cluster mode: photos go to a loopback S3-compatible server (SigV4-checking s3rver).
  let s3Env = {};
  if (cluster && scenarios.some((s) => s === 'S8' || s === 'S9')) {
    const port = await freePort();
    const logFile = path.join(LOG_DIR, `${mode}-s3rver.log`);
    writeFileSync(logFile, '');
    const child = spawnNode([path.join(BENCH_DIR, 'lib', 's3-server.mjs')], { env: childEnv({ PORT: String(port), S3_BUCKET: 'dgbench' }), logFile, cwd: ROOT });
    cleanups.push({ name: 'stop s3rver', fn: () => stop(child, 5000) });
    await waitHealthy(`http://127.0.0.1:${port}/health`, child, 30_000, logFile);
    s3Env = { S3_ENDPOINT: `http://127.0.0.1:${port}`, S3_BUCKET: 'dgbench', S3_REGION: 'us-east-1', S3_ACCESS_KEY_ID: 'S3RVER', S3_SECRET_ACCESS_KEY: 'S3RVER', S3_FORCE_PATH_STYLE: 'true' };
    log(`s3rver on 127.0.0.1:${port} (bucket dgbench)`);
  }

  // The app: 1 instance embedded, 2 in the cluster mode.
  const instances = cluster ? 2 : 1;
  const servers = [];
  const profileDir = path.join(RESULTS_DIR, 'profiles', mode);
  if (knobs.profile) mkdirSync(profileDir, { recursive: true });
  const big = '1000000000';
  for (let i = 0; i < instances; i++) {
    const port = await freePort();
    const logFile = path.join(LOG_DIR, `${mode}-app-${i + 1}.log`);
    writeFileSync(logFile, '');
    const env = childEnv({
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      INSTANCE_ID: `bench-${i + 1}`,
      LOG_LEVEL: knobs.logLevel,
      JWT_SECRET: jwtSecret,
      ACCESS_TOKEN_TTL_SECONDS: '7200',
      RATE_LIMIT_LOGIN_PER_IP: big,
      RATE_LIMIT_LOGIN_PER_ACCOUNT: big,
      RATE_LIMIT_REGISTER_PER_IP: big,
      RATE_LIMIT_API_PER_USER: big,
      RATE_LIMIT_MESSAGES_PER_USER: big,
      RATE_LIMIT_ROOM_JOINS_PER_USER: big,
      RATE_LIMIT_SOCKET_EVENTS_PER_SECOND: big,
      RATE_LIMIT_ALBUM_UPLOADS_PER_GUEST: big,
      ...s3Env,
      ...(cluster ? { DATABASE_URL: databaseUrl, REDIS_URL: knobs.redisUrl, REDIS_KEY_PREFIX: prefix } : { DATA_DIR: dataDir }),
    });
    // The inspector (loopback) lets S1 force a GC before reading RSS; idle otherwise.
    const inspectPort = await freePort();
    const args = [`--inspect=127.0.0.1:${inspectPort}`, ...(knobs.profile ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []), path.join(ROOT, 'apps/server/dist/main.js')];
    const child = spawnNode(args, { env, logFile, cwd: ROOT });
    servers.push({ child, port, inspectPort, logFile, name: `app-${i + 1}` });
    cleanups.push({ name: `stop app-${i + 1}`, fn: () => stop(child, 15_000) });
  }
  // Started together (the cluster's instances race for the migration lock, as in production).
  await Promise.all(servers.map((s) => waitHealthy(`http://127.0.0.1:${s.port}/health`, s.child, 90_000, s.logFile)));
  ctx.ours = { urls: servers.map((s) => `http://127.0.0.1:${s.port}`), bases: servers.map((s) => `http://127.0.0.1:${s.port}`), pids: servers.map((s) => s.child.pid), inspectPorts: servers.map((s) => s.inspectPort) };
  log(`app up: ${ctx.ours.urls.join(', ')} (${cluster ? 'PostgreSQL + Redis' : 'PGlite + memory'}) after ${((Date.now() - started) / 1000).toFixed(1)} s`);

  // Baseline servers.
  const startBaseline = async (script, name) => {
    const port = await freePort();
    const inspectPort = await freePort();
    const logFile = path.join(LOG_DIR, `${mode}-${name}.log`);
    writeFileSync(logFile, '');
    const child = spawnNode([`--inspect=127.0.0.1:${inspectPort}`, path.join(BENCH_DIR, 'lib', script)], { env: childEnv({ PORT: String(port), JWT_SECRET: jwtSecret }), logFile, cwd: ROOT });
    cleanups.push({ name: `stop ${name}`, fn: () => stop(child, 5000) });
    await waitHealthy(`http://127.0.0.1:${port}/health`, child, 30_000, logFile);
    return { urls: [`http://127.0.0.1:${port}`], base: `http://127.0.0.1:${port}`, pids: [child.pid], inspectPorts: [inspectPort] };
  };
  if (scenarios.some((s) => ['S1', 'S2', 'S3'].includes(s))) ctx.bsio = await startBaseline('baseline-sio.mjs', 'b_sio');
  if (scenarios.includes('S4')) ctx.bfastify = await startBaseline('baseline-fastify.mjs', 'b_fastify');

  // Load generators, each its own process.
  ctx.gens = Array.from({ length: knobs.generators }, (_, i) => new Worker(path.join(BENCH_DIR, 'lib', 'generator.mjs'), `gen${i}`));
  cleanups.push({ name: 'stop generators', fn: () => Promise.all(ctx.gens.map((g) => g.close())) });

  // Accounts and rooms, through the API.
  let phase = Date.now();
  ctx.users = await registerUsers(ctx.ours.bases, tag, knobs.users);
  const owner = ctx.users[0];
  const base0 = ctx.ours.bases[0];
  result.setup.registerSeconds = (Date.now() - phase) / 1000;
  log(`registered ${ctx.users.length} users in ${result.setup.registerSeconds.toFixed(1)} s`);
  phase = Date.now();
  ctx.rooms = { s1: [], dms: [] };
  if (scenarios.includes('S1')) {
    for (let i = 0; i < knobs.s1Rooms; i++) ctx.rooms.s1.push(await createGroup(base0, owner, `s1-${i}`, ctx.users));
  }
  if (scenarios.includes('S2') || scenarios.includes('S4')) {
    ctx.rooms.s2Small = await createGroup(base0, owner, 's2-100', ctx.users.slice(0, 100));
    ctx.rooms.s2Big = await createGroup(base0, owner, 's2-big', ctx.users);
  }
  if (scenarios.includes('S6') && cluster) ctx.rooms.s6 = await createGroup(base0, owner, 's6-100', ctx.users.slice(0, 100));
  if (scenarios.includes('S3')) {
    const U = ctx.users.length;
    const pairs = Array.from({ length: sizes.s3Pairs }, (_, k) => ({ a: ctx.users[k % U], b: ctx.users[(k + 1 + Math.floor(k / U)) % U] }));
    const rooms = await pool(pairs.length, 4, (k) => openDm(ctx.ours.bases[k % ctx.ours.bases.length], pairs[k].a, pairs[k].b));
    ctx.rooms.dms = pairs.map((p, k) => ({ ...p, room: rooms[k] }));
  }
  result.setup.roomsSeconds = (Date.now() - phase) / 1000;
  log(`rooms ready in ${result.setup.roomsSeconds.toFixed(1)} s (${ctx.rooms.s1.length} S1 rooms, ${ctx.rooms.dms.length} DMs)`);

  if (scenarios.includes('S4')) {
    phase = Date.now();
    const historyRoom = await createGroup(base0, owner, 'history', ctx.users.slice(0, 2));
    await seedMessages(ctx.ours.urls[0], owner, historyRoom, knobs.historyMessages, SEED_CONTENT, tag);
    ctx.history = { roomId: historyRoom, token: owner.token, maxSeq: knobs.historyMessages };
    if (cluster) {
      ctx.bpg = { url: databaseUrl, roomId: historyRoom, userId: owner.id, maxSeq: knobs.historyMessages };
    } else {
      // B_pg needs PostgreSQL: a database of its own with the same schema and history.
      const name = `dgbench_pg_${tag}`;
      const url = await createDatabase(knobs.pgAdminUrl, name);
      cleanups.push({ name: `drop database ${name}`, fn: () => dropDatabase(knobs.pgAdminUrl, name) });
      await applyMigrations(url, path.join(ROOT, 'apps/server/drizzle'));
      const ids = { userId: randomUUID(), roomId: randomUUID() };
      await seedHistory(url, { ...ids, count: knobs.historyMessages, content: SEED_CONTENT });
      ctx.bpg = { url, ...ids, maxSeq: knobs.historyMessages };
    }
    result.setup.historySeconds = (Date.now() - phase) / 1000;
    log(`history room seeded with ${knobs.historyMessages} messages in ${result.setup.historySeconds.toFixed(1)} s`);
  }

  if (scenarios.includes('S7')) {
    phase = Date.now();
    // B_pg's user has the same shape of history, written straight into PostgreSQL: in the cluster mode beside the
    // app's user in the app's database (so B_pg's finishes never touch the app's records), embedded in a database of its own.
    let url = databaseUrl;
    if (!cluster) {
      const name = `dgbench_s7_${tag}`;
      url = await createDatabase(knobs.pgAdminUrl, name);
      cleanups.push({ name: `drop database ${name}`, fn: () => dropDatabase(knobs.pgAdminUrl, name) });
      await applyMigrations(url, path.join(ROOT, 'apps/server/drizzle'));
    }
    const copy = { url, ...(await seedS7Copy(url, { workouts: sizes.s7Workouts })) };
    ctx.s7 = await seedS7(ctx, { workouts: sizes.s7Workouts });
    ctx.s7.bpg = copy;
    result.setup.s7Seconds = (Date.now() - phase) / 1000;
    log(`S7 history of ${sizes.s7Workouts} workouts (${sizes.s7Workouts * 25} sets) seeded in ${result.setup.s7Seconds.toFixed(1)} s`);
  }

  const runScenario = async (name, fn) => {
    if (!scenarios.includes(name) || interrupted) return;
    const began = Date.now();
    const load = os.loadavg()[0];
    result.loadAverage[name] = load;
    log(`${name} (${mode}) — load average ${load.toFixed(2)} on ${os.cpus().length} cores`);
    try {
      result.scenarios[name] = await fn();
    } catch (error) {
      result.errors[name] = String(error?.stack ?? error);
      log(`${name} failed: ${error?.stack ?? error}`);
    }
    log(`${name} done in ${((Date.now() - began) / 1000).toFixed(0)} s`);
  };

  await runScenario('S1', () => s1(ctx));
  await runScenario('S3', () => s3(ctx));
  await runScenario('S2', () => s2(ctx, { keepForS4: scenarios.includes('S4') }));
  await runScenario('S4', async () => {
    if (!wrkPath) throw new Error('wrk is not installed (apt-get install -y wrk) — S4 skipped');
    if (!ctx.s4Fanout) {
      // S2 did not run: a room of 100 receivers for the background load.
      ctx.s4Fanout = await setupBackground(ctx);
    }
    const knee = result.scenarios.S2?.[100]?.median.ours.knee;
    if (!(knee > 0)) log(`  no S2 knee from this run: background at half of ${knobs.s4FallbackDeliveries} deliveries/s (BENCH_S4_BG_DELIVERIES)`);
    return s4(ctx, { kneeDeliveries: knee > 0 ? knee : knobs.s4FallbackDeliveries });
  });

  if (scenarios.includes('S6') && !cluster) log('S6 is cluster-only (NGINX in front of the 2 instances): skipped in the embedded mode');
  else await runScenario('S6', async () => {
    if (!nginxPath) throw new Error('nginx is not installed (apt-get install -y nginx) — S6 skipped');
    // S4 leaves its receivers connected; S6 compares two ladders with nothing else on the instances.
    if (ctx.s4Fanout) {
      await closeFanout(ctx, ctx.s4Fanout);
      ctx.s4Fanout = undefined;
    }
    return s6(ctx, { nginx: nginxPath, root: ROOT, logDir: LOG_DIR, cleanups });
  });
  await runScenario('S5', () => s5(ctx));
  await runScenario('S7', () => s7(ctx, { user: ctx.s7.user, bpg: ctx.s7.bpg }));
  await runScenario('S8', () => s8(ctx));
  await runScenario('S9', () => s9(ctx));
  // Not in the default list: it takes minutes per mode (bench/lib/capacity.mjs).
  await runScenario('CAP', () => capacity(ctx));

  result.seconds = (Date.now() - started) / 1000;
  return result;
}

/** S4 without S2 in this run: 100 receivers in the 100-member room and the senders. */
async function setupBackground(ctx) {
  const counts = shares(100, ctx.gens.length);
  const recv = 's4-bg-recv';
  const send = 's4-bg-send';
  const tokens = ctx.users.slice(0, 100).map((u) => u.token);
  let offset = 0;
  await Promise.all(
    ctx.gens.map((g, i) => {
      const args = { group: recv, urls: ctx.ours.urls, tokens, offset, count: counts[i], room: ctx.rooms.s2Small };
      offset += counts[i];
      return g.call('subscribe', args);
    }),
  );
  await ctx.gens[0].call('connect', { group: send, urls: ctx.ours.urls, tokens: ctx.users.slice(0, ctx.knobs.s2Senders).map((u) => u.token), offset: 0, count: ctx.knobs.s2Senders });
  return { recv, send, room: ctx.rooms.s2Small, members: 100, target: ctx.ours, label: 'app' };
}

// ---------------------------------------------------------------- main

async function main() {
  if (interrupted) return 130;
  const args = parseArgs(process.argv.slice(2));
  if (args.help) {
    process.stdout.write('npm run bench -- [--mode embedded|cluster|both] [--scenario S1,S2,S3,S4]\nKnobs: see bench/README.md\n');
    return 0;
  }
  const knobs = readKnobs(process.env);
  const sizes = sizesFor(knobs);
  const modes = args.mode === 'both' ? ['embedded', 'cluster'] : [args.mode];
  const cpus = os.cpus();
  const machine = { cpus: cpus.length, cpuModel: cpus[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.type()} ${os.release()}` };
  log(`DiscordGym bench — modes ${modes.join(', ')}; scenarios ${args.scenarios.join(', ')}`);
  log(`machine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node}`);
  const scaleLines = [
    `S1 sockets ${vsIssue(sizes.s1Sockets, 5000)}, each joining ${knobs.s1Rooms} rooms`,
    `S2 rooms of ${sizes.s2Rooms.map((n) => n.toLocaleString('en-US')).join(' and ')} members (issue: 100 and 1,000), ladder ${knobs.s2Ladder.map((n) => `${n / 1000}k`).join(', ')} deliveries/s, ${knobs.s2StepSeconds} s a step`,
    `S3 online ${vsIssue(sizes.s3Pairs * 2, 1000)}, pairs ${sizes.s3Pairs}, rate ${vsIssue(sizes.s3Rate, 1000)} DMs/s for ${knobs.s3Seconds} s`,
    `S4 ${knobs.s4Connections} connections × ${knobs.s4Seconds} s per measurement, history of ${knobs.historyMessages} messages`,
    `S6 (cluster) the S2 ladder logic (steps ${knobs.s6Ladder.map((n) => `${n / 1000}k`).join(', ')}) for a room of 100 through NGINX (deploy/nginx/ha.conf.template) vs straight to the 2 instances, ${knobs.s6ClientIps === 1 ? 'all from 127.0.0.1' : knobs.s6ClientIps > 0 ? `${knobs.s6ClientIps} client addresses` : 'one client address per socket'}`,
    `S5 ${sizes.s5Logins} logins per round, ${knobs.s5Concurrency} in flight, chat ${knobs.s5ChatPairs} DM pairs at ${knobs.s5ChatRate} DMs/s`,
  ];
  log(`BENCH_SCALE=${knobs.scale}; ${knobs.rounds} rounds; ${knobs.users} users; ${knobs.generators} generator processes; server LOG_LEVEL=${knobs.logLevel}`);
  for (const line of scaleLines) log(`  ${line}`);
  if (knobs.rounds < 3) log(`note: BENCH_ROUNDS=${knobs.rounds} is below the issue's minimum of 3 rounds`);

  if (!knobs.skipBuild) build();
  const wrkPath = args.scenarios.includes('S4') ? await ensureWrk(log) : undefined;
  if (args.scenarios.includes('S4') && !wrkPath) log('wrk not found and could not be installed: S4 will be skipped');
  const nginxPath = args.scenarios.includes('S6') && modes.includes('cluster') ? await ensureNginx(log) : undefined;

  const pgOk = await postgresReachable(knobs.pgAdminUrl);
  const redisOk = await redisReachable(knobs.redisUrl);
  const report = { startedAt: new Date(t0).toISOString(), machine, args, knobs: { ...knobs }, sizes, modes: {} };
  for (const mode of modes) {
    if (interrupted) break;
    const needsPg = mode === 'cluster' || args.scenarios.includes('S4');
    if ((needsPg && !pgOk) || (mode === 'cluster' && !redisOk)) {
      const why = `${needsPg && !pgOk ? `PostgreSQL at ${knobs.pgAdminUrl} ` : ''}${mode === 'cluster' && !redisOk ? `Redis at ${knobs.redisUrl} ` : ''}not reachable`;
      log(`${mode}: skipped — ${why}`);
      report.modes[mode] = { mode, skipped: why, scenarios: {}, errors: {} };
      continue;
    }
    log(`======== ${mode} mode ========`);
    try {
      report.modes[mode] = await runMode(mode, knobs, sizes, args.scenarios, wrkPath, nginxPath);
    } catch (error) {
      log(`${mode} mode failed: ${error?.stack ?? error}`);
      report.modes[mode] = { mode, failed: String(error?.stack ?? error), scenarios: {}, errors: {} };
    } finally {
      await runCleanups();
    }
  }
  if (interrupted) return 130;
  report.finishedAt = new Date().toISOString();
  report.seconds = (Date.now() - t0) / 1000;

  // Tables.
  const md = [
    '# DiscordGym benchmarks — latest run',
    '',
    `Run ${report.startedAt} · ${machine.cpus} × ${machine.cpuModel} · ${machine.memoryGiB} GiB · Node ${machine.node} · ${report.seconds.toFixed(0)} s in all.`,
    `\`BENCH_SCALE=${knobs.scale}\`, ${knobs.rounds} interleaved rounds (baseline, then app), medians shown. Server \`LOG_LEVEL=${knobs.logLevel}\`, rate limits raised out of the way.`,
    '',
    ...scaleLines.map((l) => `- ${l}`),
    '',
  ];
  for (const mode of modes) {
    const r = report.modes[mode];
    const title = `${mode} mode${mode === 'cluster' ? ' (2 instances + PostgreSQL + Redis)' : ' (PGlite + in-memory)'}`;
    process.stdout.write(`\n=== ${title} ===\n`);
    md.push(`## ${title}`, '');
    if (!r || r.skipped || r.failed) {
      const why = r?.skipped ? `skipped: ${r.skipped}` : `failed: ${r?.failed?.split('\n')[0]}`;
      process.stdout.write(`${why}\n`);
      md.push(why, '');
      continue;
    }
    const rows = rowsFor(r, knobs);
    r.rows = rows;
    const loadNote =
      `Other processes kept ${(r.busyBefore * 100).toFixed(0)} % of the ${machine.cpus} cores busy just before this mode started; ` +
      `1-minute load average (the bench's own processes included) when each scenario started: ${Object.entries(r.loadAverage).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ')}`;
    const busy = r.busyBefore > 0.25 ? ' — the machine was shared with other work: absolute figures are low, the interleaved ratios less affected' : '';
    process.stdout.write(`${textTable(rows)}\n${loadNote}${busy}\n`);
    md.push(markdownTable(rows), '', `${loadNote}${busy}.`, '');
    for (const [name, error] of Object.entries(r.errors)) {
      const first = error.split('\n')[0];
      process.stdout.write(`${name} did not complete: ${first}\n`);
      md.push(`- ${name} did not complete: \`${first}\``);
    }
    if (Object.keys(r.errors).length) md.push('');
  }
  md.push(
    'Baselines: **B_sio** a minimal Socket.IO server (websocket only, no perMessageDeflate, in-memory rooms, same events, payloads and acks, same JWT check); ' +
      '**B_pg** the history keyset query through plain `pg` (pool of 10, 32 in flight) against PostgreSQL (in the embedded mode a native PostgreSQL database seeded with the same rows); ' +
      '**B_fastify** a bare Fastify JSON route. See bench/README.md.',
    '',
  );
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(path.join(RESULTS_DIR, 'latest.json'), `${JSON.stringify(report, (_k, v) => (v instanceof Float64Array ? undefined : v), 2)}\n`);
  writeFileSync(path.join(RESULTS_DIR, 'latest.md'), `${md.join('\n')}\n`);
  log(`wrote bench/results/latest.json and bench/results/latest.md (${report.seconds.toFixed(0)} s)`);
  return Object.values(report.modes).some((m) => m.failed) ? 1 : 0;
}

main()
  .then(async (code) => {
    await runCleanups();
    process.exit(code);
  })
  .catch(async (error) => {
    log(`bench failed: ${error?.stack ?? error}`);
    await runCleanups();
    process.exit(1);
  });
