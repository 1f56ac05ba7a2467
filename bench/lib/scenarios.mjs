// The four scenarios. Each round measures the baseline, then the app, back to back
// (interleaved); the orchestrator reports the median of the rounds.
import path from 'node:path';
import { concat, median, percentile, sleep, wallNow } from './stats.mjs';
import { cpuMs, forceGc, rssBytes, Worker } from './procs.mjs';
import { runWrk } from './infra.mjs';

/** Splits `total` into `parts` near-equal integer shares. */
export function shares(total, parts) {
  return Array.from({ length: parts }, (_, i) => Math.floor(total / parts) + (i < total % parts ? 1 : 0));
}

const offsets = (counts) => counts.map((_, i) => counts.slice(0, i).reduce((a, b) => a + b, 0));
const sumRss = (pids) => pids.reduce((n, pid) => n + rssBytes(pid), 0);
/** CPU milliseconds used so far by every process of a target (the app's instances, or a baseline). */
const sumCpu = (pids) => pids.reduce((n, pid) => n + cpuMs(pid), 0);

/** RSS of the target's processes after a full GC in each (live memory, not GC timing). */
async function settledMemory(target) {
  const usages = await Promise.all(target.inspectPorts.map((port) => forceGc(port)));
  await sleep(200);
  const sum = (key) => usages.reduce((n, u) => n + (u[key] ?? 0), 0);
  return { rss: sumRss(target.pids), heapUsed: sum('heapUsed'), external: sum('external') };
}

// ---------------------------------------------------------------- S1 connect storm

/** One storm against `target`: N sockets, JWT handshake + join of every S1 room each. */
async function stormOnce(ctx, target, label) {
  const { gens, knobs } = ctx;
  const counts = shares(ctx.sizes.s1Sockets, gens.length);
  const starts = offsets(counts);
  const tokens = ctx.users.map((u) => u.token);
  const memBefore = await settledMemory(target);
  const rssBefore = memBefore.rss;
  const cpuBefore = sumCpu(target.pids);
  const parts = await Promise.all(
    gens.map((g, i) =>
      g.call('storm', {
        group: 's1',
        urls: target.urls,
        tokens,
        offset: starts[i],
        count: counts[i],
        rooms: ctx.rooms.s1,
        concurrency: knobs.s1Concurrency,
      }),
    ),
  );
  const cpuUsed = sumCpu(target.pids) - cpuBefore;
  // Memory of connected, idle sockets: let the storm's outgoing buffers drain first.
  await sleep(1000);
  const memAfter = await settledMemory(target);
  const rssAfter = memAfter.rss;
  await Promise.all(gens.map((g) => g.call('close', { group: 's1' })));
  const ok = parts.reduce((n, p) => n + p.ok, 0);
  const errors = parts.reduce((n, p) => n + p.errors, 0);
  const seconds = (Math.max(...parts.map((p) => p.endedAt)) - Math.min(...parts.map((p) => p.startedAt))) / 1000;
  const lat = concat(parts.map((p) => p.latencies));
  const result = {
    target: label,
    sockets: ok,
    errors,
    firstError: parts.find((p) => p.firstError)?.firstError,
    seconds,
    connectsPerSec: ok / seconds,
    p50: percentile(lat, 50),
    p99: percentile(lat, 99),
    rssPerSocket: ok ? (rssAfter - rssBefore) / ok : NaN,
    cpuMsPerSocket: ok ? cpuUsed / ok : NaN,
    heapPerSocket: ok ? (memAfter.heapUsed - memBefore.heapUsed) / ok : NaN,
    externalPerSocket: ok ? (memAfter.external - memBefore.external) / ok : NaN,
    rssBefore,
    rssAfter,
  };
  ctx.log(
    `  S1 ${label.padEnd(6)} ${ok} sockets in ${seconds.toFixed(2)} s = ${result.connectsPerSec.toFixed(0)}/s, p99 ${result.p99.toFixed(1)} ms, ` +
      `server CPU ${result.cpuMsPerSocket.toFixed(2)} ms/socket, RSS +${((rssAfter - rssBefore) / 1048576).toFixed(1)} MiB (${result.rssPerSocket.toFixed(0)} B/socket; JS heap ${result.heapPerSocket.toFixed(0)} B/socket)${errors ? `, ${errors} errors: ${result.firstError}` : ''}`,
  );
  // Let the server finish the disconnects (presence, rooms) before the next storm.
  await sleep(ctx.knobs.settleMs);
  return result;
}

export async function s1(ctx) {
  const rounds = [];
  for (let r = 0; r < ctx.knobs.rounds; r++) {
    ctx.log(` round ${r + 1}/${ctx.knobs.rounds}`);
    const base = await stormOnce(ctx, ctx.bsio, 'B_sio');
    const ours = await stormOnce(ctx, ctx.ours, 'app');
    rounds.push({ base, ours });
  }
  const m = (side, key) => median(rounds.map((r) => r[side][key]));
  return {
    sockets: ctx.sizes.s1Sockets,
    roomsPerSocket: ctx.rooms.s1.length,
    rounds,
    median: {
      ours: { connectsPerSec: m('ours', 'connectsPerSec'), p99: m('ours', 'p99'), rssPerSocket: m('ours', 'rssPerSocket'), heapPerSocket: m('ours', 'heapPerSocket'), cpuMsPerSocket: m('ours', 'cpuMsPerSocket'), errors: m('ours', 'errors') },
      base: { connectsPerSec: m('base', 'connectsPerSec'), p99: m('base', 'p99'), rssPerSocket: m('base', 'rssPerSocket'), heapPerSocket: m('base', 'heapPerSocket'), cpuMsPerSocket: m('base', 'cpuMsPerSocket'), errors: m('base', 'errors') },
    },
  };
}

// ---------------------------------------------------------------- S2 room fan-out

let stepCounter = 1;

/**
 * Receivers (spread over the generators) and one sender group (on generator 0) for a room.
 * `addresses` ({ receivers, senders }: 127.x.y.z lists) gives each socket its own client address (S6 behind NGINX).
 */
export async function fanoutSetup(ctx, target, label, room, members, userPool, addresses = {}) {
  const { gens } = ctx;
  const counts = shares(members, gens.length);
  const starts = offsets(counts);
  const recv = `s2-${label}-${room}-recv`;
  const send = `s2-${label}-${room}-send`;
  const tokens = userPool.map((u) => u.token);
  await Promise.all(
    gens.map((g, i) => g.call('subscribe', { group: recv, urls: target.urls, tokens, offset: starts[i], count: counts[i], room, concurrency: 50, localAddresses: addresses.receivers })),
  );
  // Senders: a few users, alternating instances; they do not join the room (not counted as members).
  await gens[0].call('connect', { group: send, urls: target.urls, tokens: ctx.users.slice(0, ctx.knobs.s2Senders).map((u) => u.token), offset: 0, count: ctx.knobs.s2Senders, localAddresses: addresses.senders });
  return { recv, send, room, members, target, label };
}

export async function closeFanout(ctx, f) {
  await Promise.all(ctx.gens.map((g) => g.call('close', { group: f.recv })));
  await ctx.gens[0].call('close', { group: f.send });
}

/**
 * One ladder step. A step that failed on latency alone is run once more and counts as
 * passed if the retry passes: on a shared 2-core machine one stall of another process can
 * push a p99 over 100 ms. Loss or a server that cannot keep up is never retried.
 */
async function fanoutStep(ctx, f, deliveries) {
  const first = await fanoutStepOnce(ctx, f, deliveries);
  const latencyOnly = !first.pass && first.reasons.every((r) => r.startsWith('p99'));
  if (!latencyOnly || !ctx.knobs.s2Retry) return first;
  ctx.log(`    ${f.label.padEnd(6)} ${String(deliveries).padStart(6)} deliveries/s: p99 ${first.p99.toFixed(1)} ms, retrying once`);
  await sleep(300);
  const second = await fanoutStepOnce(ctx, f, deliveries);
  return { ...second, retried: true, firstTry: { p50: first.p50, p99: first.p99 } };
}

/** One ladder step: `deliveries`/s for the step's seconds, then a bounded drain. */
async function fanoutStepOnce(ctx, f, deliveries) {
  const { gens, knobs } = ctx;
  const step = stepCounter++;
  const rate = deliveries / f.members;
  await Promise.all(gens.map((g) => g.call('setStep', { group: f.recv, step })));
  const send = await gens[0].call('sendRate', {
    group: f.send,
    room: f.room,
    rate,
    seconds: knobs.s2StepSeconds,
    step,
    tag: ctx.tag,
    maxInflight: Math.max(50, Math.ceil(rate)),
  });
  const expected = send.acked * f.members;
  const drainUntil = Date.now() + knobs.s2DrainMs;
  while (Date.now() < drainUntil) {
    const counts = await Promise.all(gens.map((g) => g.call('count', { group: f.recv })));
    if (counts.reduce((n, c) => n + c.count, 0) >= expected) break;
    await sleep(50);
  }
  const parts = await Promise.all(gens.map((g) => g.call('collect', { group: f.recv })));
  await Promise.all(gens.map((g) => g.call('setStep', { group: f.recv, step: -1 })));
  const lat = concat(parts.map((p) => p.lat));
  const received = lat.length;
  const lost = Math.max(0, send.sent * f.members - received);
  const p99 = percentile(lat, 99);
  const reasons = [];
  if (send.failed) reasons.push(`${send.failed} sends failed (${send.firstError})`);
  if (send.skipped) reasons.push(`${send.skipped} sends skipped: acks fell behind`);
  if (send.pending) reasons.push(`${send.pending} acks still pending`);
  if (lost) reasons.push(`${lost} deliveries missing`);
  if (!(p99 <= knobs.s2P99Ms)) reasons.push(`p99 ${Number.isFinite(p99) ? p99.toFixed(1) : '–'} ms > ${knobs.s2P99Ms} ms`);
  if (send.sendSeconds > knobs.s2StepSeconds * 1.25) reasons.push(`sender fell behind (${send.sendSeconds.toFixed(2)} s)`);
  return {
    deliveries,
    msgsPerSec: rate,
    sent: send.sent,
    acked: send.acked,
    received,
    lost,
    p50: percentile(lat, 50),
    p99,
    ackP99: percentile(send.ackLat, 99),
    pass: reasons.length === 0,
    reasons,
  };
}

const logStep = (ctx, f, s) =>
  ctx.log(
    `    ${f.label.padEnd(6)} ${String(s.deliveries).padStart(6)} deliveries/s (${s.msgsPerSec.toFixed(1)} msg/s): p50 ${s.p50.toFixed(1)} ms, p99 ${s.p99.toFixed(1)} ms, ` +
      `${s.received}/${s.sent * f.members} delivered ${s.pass ? 'ok' : `FAIL: ${s.reasons.join('; ')}`}`,
  );

/**
 * Steps up the ladder from `startIndex` until a step fails; the knee is the last step
 * that passed with the next one failing (or the top of the ladder). Later rounds start
 * one step below the first round's knee to save time; if that start fails, the ladder
 * steps down until a step passes.
 */
export async function ladder(ctx, f, startIndex) {
  const L = ctx.knobs.s2Ladder;
  const steps = [];
  let knee;
  let i = Math.min(startIndex, L.length - 1);
  for (; i < L.length; i++) {
    const s = await fanoutStep(ctx, f, L[i]);
    steps.push(s);
    logStep(ctx, f, s);
    if (!s.pass) break;
    knee = i;
    await sleep(200);
  }
  if (knee === undefined) {
    for (let j = Math.min(startIndex, L.length - 1) - 1; j >= 0; j--) {
      await sleep(500);
      const s = await fanoutStep(ctx, f, L[j]);
      steps.push(s);
      logStep(ctx, f, s);
      if (s.pass) {
        knee = j;
        break;
      }
    }
  }
  const highest = steps.reduce((a, b) => (b.deliveries > a.deliveries ? b : a));
  const at50k = steps.find((s) => s.deliveries === 50_000);
  await sleep(ctx.knobs.settleMs);
  return {
    knee: knee === undefined ? 0 : L[knee],
    kneeIndex: knee,
    kneeMsgsPerSec: knee === undefined ? 0 : L[knee] / f.members,
    /** true when the top step passed: the real knee is at or above the top of the ladder. */
    censored: knee === L.length - 1,
    highest: highest.deliveries,
    p99AtHighest: highest.p99,
    p99At50k: at50k ? at50k.p99 : NaN,
    steps,
  };
}

/** A short unmeasured burst at the lowest step, so the first measured step is not the JIT's. */
export async function warmUp(ctx, f) {
  const rate = ctx.knobs.s2Ladder[0] / f.members;
  await Promise.all(ctx.gens.map((g) => g.call('setStep', { group: f.recv, step: -3 })));
  await ctx.gens[0].call('sendRate', { group: f.send, room: f.room, rate, seconds: 1, step: -3, tag: `${ctx.tag}w${stepCounter++}`, maxInflight: Math.max(50, Math.ceil(rate)) });
  await sleep(500);
}

export async function s2(ctx, { keepForS4 }) {
  const out = {};
  for (const members of ctx.sizes.s2Rooms) {
    const room = members === 100 ? ctx.rooms.s2Small : ctx.rooms.s2Big;
    const userPool = members === 100 ? ctx.users.slice(0, 100) : ctx.users;
    ctx.log(` room of ${members} members (${userPool.length} users, ${(members / userPool.length).toFixed(1)} sockets each)`);
    const base = await fanoutSetup(ctx, ctx.bsio, 'B_sio', room, members, userPool);
    const ours = await fanoutSetup(ctx, ctx.ours, 'app', room, members, userPool);
    await warmUp(ctx, base);
    await warmUp(ctx, ours);
    const rounds = [];
    const start = { base: 0, ours: 0 };
    for (let r = 0; r < ctx.knobs.rounds; r++) {
      ctx.log(`  round ${r + 1}/${ctx.knobs.rounds}`);
      const round = { base: await ladder(ctx, base, start.base), ours: await ladder(ctx, ours, start.ours) };
      rounds.push(round);
      if (r === 0 && ctx.knobs.s2Adaptive) {
        start.base = Math.max(0, (round.base.kneeIndex ?? 0) - 1);
        start.ours = Math.max(0, (round.ours.kneeIndex ?? 0) - 1);
      }
    }
    await closeFanout(ctx, base);
    if (keepForS4 && members === 100) ctx.s4Fanout = ours;
    else await closeFanout(ctx, ours);
    const m = (side, key) => median(rounds.map((r) => r[side][key]));
    const pick = (side) => ({
      knee: m(side, 'knee'),
      kneeMsgsPerSec: m(side, 'kneeMsgsPerSec'),
      censored: rounds.filter((r) => r[side].censored).length > ctx.knobs.rounds / 2,
      highest: m(side, 'highest'),
      p99AtHighest: m(side, 'p99AtHighest'),
      p99At50k: m(side, 'p99At50k'),
    });
    out[members] = { members, users: userPool.length, rounds, median: { ours: pick('ours'), base: pick('base') } };
  }
  return out;
}

// ---------------------------------------------------------------- S3 DM round trip

export async function s3(ctx) {
  const { gens, knobs } = ctx;
  const pairs = ctx.rooms.dms;
  const counts = shares(pairs.length, gens.length);
  const starts = offsets(counts);
  const setup = async (target, label) => {
    const group = `s3-${label}`;
    await Promise.all(
      gens.map((g, i) =>
        g.call('dmSetup', {
          group,
          concurrency: 50,
          pairs: pairs.slice(starts[i], starts[i] + counts[i]).map((p, j) => {
            const k = starts[i] + j;
            // Behind a load balancer about half of the pairs land on different instances.
            const ua = target.urls[k % target.urls.length];
            const ub = target.urls[Math.floor(k / 2) % target.urls.length];
            return { urlA: ua, tokenA: p.a.token, urlB: ub, tokenB: p.b.token, room: p.room };
          }),
        }),
      ),
    );
    return group;
  };
  const run = async (group, label, target) => {
    const rates = shares(ctx.sizes.s3Rate, gens.length);
    const step = stepCounter++;
    const cpuBefore = sumCpu(target.pids);
    // A user is in two neighbouring pairs, which may sit in different generators: each generator
    // numbers its sends from 0, so its own tag keeps their client_ids apart.
    const parts = await Promise.all(
      gens.map((g, i) => g.call('dmRun', { group, rate: rates[i], seconds: knobs.s3Seconds, step, tag: `${ctx.tag}g${i}`, maxInflight: Math.max(100, rates[i]) })),
    );
    const ackLat = concat(parts.map((p) => p.ackLat));
    const delLat = concat(parts.map((p) => p.delLat));
    const sent = parts.reduce((n, p) => n + p.sent, 0);
    const acked = parts.reduce((n, p) => n + p.acked, 0);
    const failed = parts.reduce((n, p) => n + p.failed + p.skipped + p.pending, 0);
    const seconds = Math.max(...parts.map((p) => p.sendSeconds));
    const cpuUsed = sumCpu(target.pids) - cpuBefore;
    const result = {
      target: label,
      sent,
      acked,
      failed,
      firstError: parts.find((p) => p.firstError)?.firstError ?? (failed ? 'not sent: too many acks outstanding (server fell behind)' : undefined),
      delivered: delLat.length,
      lost: Math.max(0, acked - delLat.length),
      rate: sent / seconds,
      ackP50: percentile(ackLat, 50),
      ackP99: percentile(ackLat, 99),
      delP50: percentile(delLat, 50),
      delP99: percentile(delLat, 99),
      cpuMsPerDm: acked ? cpuUsed / acked : NaN,
    };
    ctx.log(
      `  S3 ${label.padEnd(6)} ${sent} DMs at ${result.rate.toFixed(0)}/s: ack p50 ${result.ackP50.toFixed(2)} / p99 ${result.ackP99.toFixed(2)} ms, ` +
        `delivery p50 ${result.delP50.toFixed(2)} / p99 ${result.delP99.toFixed(2)} ms, ${result.delivered}/${acked} delivered, server CPU ${result.cpuMsPerDm.toFixed(2)} ms/DM` +
        (failed ? `, ${failed} failed: ${result.firstError}` : ''),
    );
    await sleep(ctx.knobs.settleMs);
    return result;
  };
  const baseGroup = await setup(ctx.bsio, 'B_sio');
  const oursGroup = await setup(ctx.ours, 'app');
  const rounds = [];
  try {
    for (let r = 0; r < knobs.rounds; r++) {
      ctx.log(` round ${r + 1}/${knobs.rounds}`);
      rounds.push({ base: await run(baseGroup, 'B_sio', ctx.bsio), ours: await run(oursGroup, 'app', ctx.ours) });
    }
  } finally {
    await Promise.all(gens.flatMap((g) => [g.call('close', { group: baseGroup }), g.call('close', { group: oursGroup })]));
  }
  const m = (side, key) => median(rounds.map((r) => r[side][key]));
  const pick = (side) => ({
    rate: m(side, 'rate'),
    ackP50: m(side, 'ackP50'),
    ackP99: m(side, 'ackP99'),
    delP50: m(side, 'delP50'),
    delP99: m(side, 'delP99'),
    lost: m(side, 'lost'),
    failed: m(side, 'failed'),
    cpuMsPerDm: m(side, 'cpuMsPerDm'),
  });
  return { online: pairs.length * 2, pairs: pairs.length, targetRate: ctx.sizes.s3Rate, rounds, median: { ours: pick('ours'), base: pick('base') } };
}

// ---------------------------------------------------------------- S4 history under load

export async function s4(ctx, { kneeDeliveries }) {
  const { gens, knobs } = ctx;
  const f = ctx.s4Fanout;
  const bgDeliveries = kneeDeliveries > 0 ? kneeDeliveries / 2 : knobs.s2Ladder[0] / 2;
  const bgRate = bgDeliveries / f.members;
  const script = path.join(ctx.benchDir, 'lib', 'history.lua');
  const wrkEnv = { BENCH_TOKEN: ctx.history.token, BENCH_ROOM: ctx.history.roomId, BENCH_MAX_SEQ: String(ctx.history.maxSeq), BENCH_LIMIT: '50' };
  const T = knobs.s4Seconds;
  const pgWorker = new Worker(path.join(ctx.benchDir, 'lib', 'pg-load.mjs'), 'pg-load');
  const rounds = [];
  try {
    for (let r = 0; r < knobs.rounds; r++) {
      ctx.log(` round ${r + 1}/${knobs.rounds}: background S2 at ${bgDeliveries.toFixed(0)} deliveries/s (${bgRate.toFixed(1)} msg/s to ${f.members} members)`);
      await Promise.all(gens.map((g) => g.call('setStep', { group: f.recv, step: -7 })));
      const started = wallNow();
      const background = gens[0].call('sendRate', {
        group: f.send,
        room: f.room,
        rate: bgRate,
        seconds: 6 * T + 20, // bounded even if stopSend never came
        step: -9,
        tag: `${ctx.tag}bg${r}`,
        maxInflight: Math.max(100, Math.ceil(bgRate * 2)),
      });
      await sleep(1000);
      const pgArgs = { url: ctx.bpg.url, roomId: ctx.bpg.roomId, userId: ctx.bpg.userId, maxSeq: ctx.bpg.maxSeq, limit: 50, seconds: T, concurrency: knobs.s4Connections, poolMax: knobs.s4PgPool };
      const bpg = await pgWorker.call('run', { ...pgArgs, variant: 'keyset' });
      const cpuBefore = sumCpu(ctx.ours.pids);
      const oursParts = await Promise.all(
        ctx.ours.bases.map((base) => runWrk(ctx.wrk, { url: base, connections: Math.max(1, Math.round(knobs.s4Connections / ctx.ours.bases.length)), seconds: T, script, env: wrkEnv })),
      );
      const oursCpu = sumCpu(ctx.ours.pids) - cpuBefore;
      const fastify = await runWrk(ctx.wrk, { url: ctx.bfastify.base, connections: knobs.s4Connections, seconds: T, script, env: wrkEnv });
      const bpgFull = await pgWorker.call('run', { ...pgArgs, variant: 'full' });
      await gens[0].call('stopSend', { group: f.send });
      const bg = await background;
      const bgSeconds = (wallNow() - started) / 1000;
      const ours = {
        rps: oursParts.reduce((n, p) => n + p.rps, 0),
        p50: Math.max(...oursParts.map((p) => p.p50)),
        p99: Math.max(...oursParts.map((p) => p.p99)),
        errors: oursParts.reduce((n, p) => n + p.non2xx + p.socketErrors, 0),
        // Includes the background S2 load's share: an upper bound per request.
        cpuMsPerRequest: oursCpu / Math.max(1, oursParts.reduce((n, p) => n + p.requests, 0)),
      };
      const round = {
        ours,
        bpg: { rps: bpg.rps, p50: percentile(bpg.lat, 50), p99: percentile(bpg.lat, 99), errors: bpg.errors },
        bpgFull: { rps: bpgFull.rps, p50: percentile(bpgFull.lat, 50), p99: percentile(bpgFull.lat, 99), errors: bpgFull.errors },
        fastify: { rps: fastify.rps, p50: fastify.p50, p99: fastify.p99, errors: fastify.non2xx + fastify.socketErrors },
        background: { targetRate: bgRate, achievedRate: bg.sent / Math.max(0.001, bg.sendSeconds), acked: bg.acked, failed: bg.failed + bg.skipped, seconds: bgSeconds },
      };
      ctx.log(
        `  S4 B_pg ${round.bpg.rps.toFixed(0)} q/s p99 ${round.bpg.p99.toFixed(2)} ms | app ${ours.rps.toFixed(0)} req/s p99 ${ours.p99.toFixed(2)} ms${ours.errors ? ` (${ours.errors} errors)` : ''} | ` +
          `B_fastify ${fastify.rps.toFixed(0)} req/s | B_pg(all 5 statements) ${round.bpgFull.rps.toFixed(0)}/s | background ${round.background.achievedRate.toFixed(1)} msg/s, ${round.background.failed} failed`,
      );
      rounds.push(round);
      await sleep(ctx.knobs.settleMs);
    }
  } finally {
    await pgWorker.close();
  }
  const m = (side, key) => median(rounds.map((r) => r[side][key]));
  const pick = (side) => ({ rps: m(side, 'rps'), p50: m(side, 'p50'), p99: m(side, 'p99'), errors: m(side, 'errors'), cpuMsPerRequest: m(side, 'cpuMsPerRequest') });
  return {
    backgroundDeliveries: bgDeliveries,
    backgroundMsgsPerSec: bgRate,
    connections: knobs.s4Connections,
    rounds,
    median: { ours: pick('ours'), bpg: pick('bpg'), bpgFull: pick('bpgFull'), fastify: pick('fastify') },
  };
}
