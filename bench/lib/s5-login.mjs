// S5 login storm. Per round: B_argon2 (a bare argon2id verify loop with the app's
// parameters and threadpool size, in processes of its own) and then the app: N logins with
// C in flight against POST /api/auth/login, spread over the registered accounts and the
// app's instances, while a few DM pairs keep chatting at a modest rate. Figures: logins/s
// against verifies/s, the event-loop lag p99 of the instances during the storm (from the
// app's own /metrics), the chat delivery p99 meanwhile, and server CPU per login.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { openDm, pool } from './app.mjs';
import { cpuMs, Worker } from './procs.mjs';
import { fmt } from './report.mjs';
import { median, percentile, sleep } from './stats.mjs';

/** Chat steps of their own, far from the other scenarios' step numbers. */
let chatStep = 500_000;

const sumCpu = (pids) => pids.reduce((n, pid) => n + cpuMs(pid), 0);

/** UV_THREADPOOL_SIZE of a running process (libuv's default of 4 when it was started without it). */
function threadpoolOf(pid) {
  try {
    const entry = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').find((e) => e.startsWith('UV_THREADPOOL_SIZE='));
    const size = Number(entry?.split('=')[1]);
    return size > 0 ? size : 4;
  } catch {
    return 4;
  }
}

/** The app's own sampling interval of the event-loop histogram (the built server's metrics module). */
function eventLoopResolutionMs(benchDir) {
  const serverRequire = createRequire(path.join(benchDir, '..', 'apps/server/dist/main.js'));
  const value = serverRequire('./infra/metrics/metrics.js').EVENT_LOOP_RESOLUTION_MS;
  if (!(value > 0)) throw new Error('apps/server/dist/infra/metrics/metrics.js has no EVENT_LOOP_RESOLUTION_MS');
  return value;
}

/**
 * Reads the event-loop gauges of one instance. prom-client resets the histogram behind them
 * at every scrape, so a scrape before and one after a window give that window's figures.
 */
async function eventLoop(base, resolutionMs) {
  const text = await (await fetch(`${base}/metrics`, { signal: AbortSignal.timeout(10_000) })).text();
  const gauge = (name) => {
    const match = new RegExp(`^${name}(?:\\{[^}]*\\})?\\s+(\\S+)$`, 'm').exec(text);
    return match ? Number(match[1]) * 1000 : NaN;
  };
  const lag = (raw) => Math.max(0, raw - resolutionMs);
  const p99Raw = gauge('nodejs_eventloop_lag_p99_seconds');
  return { p99: lag(p99Raw), max: lag(gauge('nodejs_eventloop_lag_max_seconds')), p99Raw };
}

const lagOver = (samples) => ({ p99: Math.max(...samples.map((s) => s.p99)), max: Math.max(...samples.map((s) => s.max)), p99Raw: Math.max(...samples.map((s) => s.p99Raw)) });

export async function s5(ctx) {
  const { knobs, sizes, gens } = ctx;
  const N = sizes.s5Logins;
  const C = knobs.s5Concurrency;
  const instances = ctx.ours.bases.length;
  const resolutionMs = eventLoopResolutionMs(ctx.benchDir);
  const threadpools = ctx.ours.pids.map(threadpoolOf);
  const accounts = ctx.users.map((u) => ({ email: u.email, password: u.password }));

  // B_argon2: one loop per instance, each with that instance's threadpool size and its share in flight.
  const loops = threadpools.map(
    (size, i) => new Worker(path.join(ctx.benchDir, 'lib', 'argon2-loop.mjs'), `argon2-loop-${i + 1}`, { env: { PATH: process.env.PATH, UV_THREADPOOL_SIZE: String(size) } }),
  );
  const storm = new Worker(path.join(ctx.benchDir, 'lib', 'login-load.mjs'), 'login-load');
  const chatGroup = 's5-chat';
  const split = (total) => Array.from({ length: instances }, (_, i) => Math.floor(total / instances) + (i < total % instances ? 1 : 0));
  try {
    const params = await loops[0].call('info');
    ctx.log(
      `  app: ${params.algorithm} m=${params.memoryKiB} KiB t=${params.timeCost} p=${params.parallelism} (from its PasswordService), ` +
        `threadpool ${threadpools.join(' + ')}; ${N} logins, ${C} in flight, ${accounts.length} accounts, ${instances} instance(s)`,
    );

    // The steady chat: DM pairs from the end of the user list, crossing instances in the cluster mode.
    const U = ctx.users.length;
    const pairUsers = Array.from({ length: knobs.s5ChatPairs }, (_, k) => ({ a: ctx.users[U - 1 - 2 * k], b: ctx.users[U - 2 - 2 * k] }));
    const rooms = await pool(pairUsers.length, 4, (k) => openDm(ctx.ours.bases[k % instances], pairUsers[k].a, pairUsers[k].b));
    await gens[0].call('dmSetup', {
      group: chatGroup,
      pairs: pairUsers.map((p, k) => ({ urlA: ctx.ours.urls[k % instances], tokenA: p.a.token, urlB: ctx.ours.urls[(k + 1) % instances], tokenB: p.b.token, room: rooms[k] })),
    });
    const chat = (seconds, label) =>
      gens[0].call('dmRun', { group: chatGroup, rate: knobs.s5ChatRate, seconds, step: chatStep++, tag: `${ctx.tag}s5${label}${chatStep}`, maxInflight: 200 });

    const baseline = async () => {
      const counts = split(N);
      const inflight = split(C);
      const parts = await Promise.all(loops.map((loop, i) => loop.call('run', { count: counts[i], concurrency: Math.max(1, inflight[i]) })));
      const seconds = (Math.max(...parts.map((p) => p.endedAt)) - Math.min(...parts.map((p) => p.startedAt))) / 1000;
      const cpu = parts.reduce((n, p) => n + p.cpuMs, 0);
      const errors = parts.reduce((n, p) => n + p.errors, 0);
      return { verifies: N, seconds, perSec: N / seconds, cpuMsPerVerify: cpu / N, errors };
    };

    const app = async (plannedSeconds) => {
      // Quiet reference: the same chat flow without the storm.
      await Promise.all(ctx.ours.bases.map((b) => eventLoop(b, resolutionMs)));
      const quietCpu0 = sumCpu(ctx.ours.pids);
      const quietStart = performance.now();
      const quietChat = await chat(2, 'q');
      const chatCpuPerSec = (sumCpu(ctx.ours.pids) - quietCpu0) / ((performance.now() - quietStart) / 1000);
      const quietLag = lagOver(await Promise.all(ctx.ours.bases.map((b) => eventLoop(b, resolutionMs))));
      await sleep(300);

      // The storm, with the chat flowing for about as long as the storm lasts.
      await Promise.all(ctx.ours.bases.map((b) => eventLoop(b, resolutionMs)));
      const cpuBefore = sumCpu(ctx.ours.pids);
      const chatDuring = chat(plannedSeconds, 's');
      const result = await storm.call('storm', { urls: ctx.ours.bases, accounts, count: N, concurrency: C });
      const lag = lagOver(await Promise.all(ctx.ours.bases.map((b) => eventLoop(b, resolutionMs))));
      const cpuUsed = sumCpu(ctx.ours.pids) - cpuBefore;
      const during = await chatDuring;
      const seconds = (result.endedAt - result.startedAt) / 1000;
      return {
        logins: result.ok,
        errors: result.errors,
        firstError: result.firstError,
        seconds,
        perSec: result.ok / seconds,
        loginP50: percentile(result.latencies, 50),
        loginP99: percentile(result.latencies, 99),
        cpuMsPerLogin: result.ok ? cpuUsed / result.ok : NaN,
        // What the chat flow alone used per second (quiet window), taken out of the storm's CPU.
        chatCpuPerSec,
        cpuMsPerLoginNet: result.ok ? Math.max(0, cpuUsed - chatCpuPerSec * seconds) / result.ok : NaN,
        lagP99: lag.p99,
        lagMax: lag.max,
        lagP99Raw: lag.p99Raw,
        chatSent: during.sent,
        chatDelivered: during.delivered,
        chatLost: Math.max(0, during.acked - during.delivered),
        chatFailed: during.failed + during.skipped + during.pending,
        chatRate: during.sent / Math.max(0.001, during.sendSeconds),
        chatP50: percentile(during.delLat, 50),
        chatP99: percentile(during.delLat, 99),
        quietLagP99: quietLag.p99,
        quietChatP99: percentile(quietChat.delLat, 99),
      };
    };

    // Warm-up (not measured): the login path and the verify loop once each.
    const warm = Math.min(N, 4 * C);
    await Promise.all(loops.map((loop) => loop.call('run', { count: Math.ceil(warm / instances), concurrency: Math.max(1, Math.ceil(C / instances)) })));
    await storm.call('storm', { urls: ctx.ours.bases, accounts, count: warm, concurrency: C, offset: N });
    await sleep(ctx.knobs.settleMs);

    const rounds = [];
    for (let r = 0; r < knobs.rounds; r++) {
      ctx.log(` round ${r + 1}/${knobs.rounds}`);
      const base = await baseline();
      ctx.log(`  S5 B_argon2 ${base.verifies} verifies in ${base.seconds.toFixed(2)} s = ${base.perSec.toFixed(1)}/s, ${base.cpuMsPerVerify.toFixed(2)} ms CPU per verify${base.errors ? `, ${base.errors} failed` : ''}`);
      await sleep(ctx.knobs.settleMs);
      const planned = Math.min(30, Math.max(1, N / base.perSec));
      const ours = await app(planned);
      ctx.log(
        `  S5 app    ${ours.logins} logins in ${ours.seconds.toFixed(2)} s = ${ours.perSec.toFixed(1)}/s (${(ours.perSec / base.perSec).toFixed(2)}× B_argon2), ` +
          `login p50 ${ours.loginP50.toFixed(0)} / p99 ${ours.loginP99.toFixed(0)} ms, event-loop lag p99 ${ours.lagP99.toFixed(1)} ms (max ${ours.lagMax.toFixed(1)}; quiet ${ours.quietLagP99.toFixed(1)}), ` +
          `chat ${ours.chatRate.toFixed(0)} DMs/s delivery p99 ${ours.chatP99.toFixed(1)} ms (quiet ${ours.quietChatP99.toFixed(1)}), ` +
          `server CPU ${ours.cpuMsPerLogin.toFixed(2)} ms/login (${ours.cpuMsPerLoginNet.toFixed(2)} without the chat's ${ours.chatCpuPerSec.toFixed(0)} ms/s)` +
          (ours.errors ? `, ${ours.errors} failed: ${ours.firstError}` : '') +
          (ours.chatLost || ours.chatFailed ? `, chat lost ${ours.chatLost} / failed ${ours.chatFailed}` : ''),
      );
      rounds.push({ base, ours, ratio: ours.perSec / base.perSec });
      await sleep(ctx.knobs.settleMs);
    }
    const m = (side, key) => median(rounds.map((r) => r[side][key]));
    const range = (side, key) => [Math.min(...rounds.map((r) => r[side][key])), Math.max(...rounds.map((r) => r[side][key]))];
    const keys = {
      ours: ['perSec', 'errors', 'loginP50', 'loginP99', 'cpuMsPerLogin', 'cpuMsPerLoginNet', 'chatCpuPerSec', 'lagP99', 'lagMax', 'lagP99Raw', 'chatRate', 'chatP50', 'chatP99', 'chatLost', 'chatFailed', 'quietLagP99', 'quietChatP99'],
      base: ['perSec', 'cpuMsPerVerify', 'errors'],
    };
    const pick = (side) => Object.fromEntries(keys[side].map((k) => [k, m(side, k)]));
    const ranges = (side) => Object.fromEntries(keys[side].map((k) => [k, range(side, k)]));
    return {
      logins: N,
      concurrency: C,
      accounts: accounts.length,
      instances,
      threadpools,
      params,
      resolutionMs,
      chat: { pairs: knobs.s5ChatPairs, rate: knobs.s5ChatRate },
      rounds,
      median: { ours: pick('ours'), base: pick('base'), ratio: median(rounds.map((r) => r.ratio)) },
      range: { ours: ranges('ours'), base: ranges('base'), ratio: [Math.min(...rounds.map((r) => r.ratio)), Math.max(...rounds.map((r) => r.ratio))] },
    };
  } finally {
    await gens[0].call('close', { group: chatGroup }).catch(() => {});
    await Promise.all([storm.close(), ...loops.map((loop) => loop.close())]);
  }
}

/** The table rows of S5 (report.mjs). */
export function s5Rows(S5) {
  const o = S5.median.ours;
  const b = S5.median.base;
  const ro = S5.range.ours;
  const span = (key, format, side = ro) => `${format(side[key][0])}–${format(side[key][1])}`;
  const p = S5.params;
  const setup = `${fmt.int(S5.logins)} logins, ${S5.concurrency} in flight, ${fmt.int(S5.accounts)} accounts; ${p.algorithm} m=${fmt.int(p.memoryKiB)} KiB t=${p.timeCost} p=${p.parallelism}, threadpool ${S5.threadpools.join(' + ')}`;
  const perSec = (v) => (Number.isFinite(v) ? v.toFixed(1) : '–');
  const ratioOk = S5.median.ratio >= 0.8 && !o.errors;
  const lagOk = o.lagP99 < 20;
  return [
    { scenario: 'S5', figure: `login storm logins/s (${setup})`, ours: `${perSec(o.perSec)} (${span('perSec', perSec)})`, base: `${perSec(b.perSec)} (${span('perSec', perSec, S5.range.base)}) B_argon2 verifies/s`, ratio: S5.median.ratio, target: '≥ 0.80× B_argon2', status: ratioOk ? 'met' : 'not met' },
    { scenario: 'S5', figure: `event-loop lag p99 during the storm (app's /metrics, less its ${S5.resolutionMs} ms sampling; worst instance)`, ours: `${fmt.ms(o.lagP99)} (${span('lagP99', fmt.ms)})`, base: `${fmt.ms(o.quietLagP99)} chat alone`, ratio: NaN, target: 'p99 < 20 ms', status: lagOk ? 'met' : 'not met' },
    { scenario: 'S5', figure: `chat delivery p99 during the storm (${S5.chat.pairs} DM pairs, ${S5.chat.rate} DMs/s)`, ours: `${fmt.ms(o.chatP99)} (${span('chatP99', fmt.ms)})`, base: `${fmt.ms(o.quietChatP99)} chat alone`, ratio: o.chatP99 / o.quietChatP99, target: '', status: 'info' },
    { scenario: 'S5', figure: 'login latency p50 / p99', ours: `${fmt.ms(o.loginP50)} / ${fmt.ms(o.loginP99)}`, base: '', ratio: NaN },
    { scenario: 'S5', figure: "server CPU per login (all instances; the chat flow's own CPU, measured alone, taken out)", ours: `${fmt.ms(o.cpuMsPerLoginNet)} (${fmt.ms(o.cpuMsPerLogin)} with the chat)`, base: `${fmt.ms(b.cpuMsPerVerify)} B_argon2 per verify`, ratio: o.cpuMsPerLoginNet / b.cpuMsPerVerify, target: '', status: 'info' },
    ...(o.errors || o.chatLost || o.chatFailed ? [{ scenario: 'S5', figure: 'failed logins / chat lost / failed (median)', ours: `${fmt.int(o.errors)} / ${fmt.int(o.chatLost)} / ${fmt.int(o.chatFailed)}`, base: '', ratio: NaN }] : []),
  ];
}
