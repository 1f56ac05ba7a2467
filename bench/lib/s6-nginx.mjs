// S6: the S2 fan-out (room of 100 receivers, same ladder and knee) through NGINX in front of
// the cluster's two instances, interleaved with the same fan-out straight to the instances.
// NGINX runs the production site file (deploy/nginx/ha.conf.template inside
// nginx.conf.template, as scripts/hastart renders them) from a temporary prefix on free
// loopback ports, so the proxy, websocket and sticky (hash $remote_addr consistent)
// settings are the ones production uses.
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { renderTemplate } from '../../scripts/lib/render-template.mjs';
import { ensureDebianProgram } from './infra.mjs';
import { cpuMs, freePort, runProgram, spawnLogged, stop, waitHealthy } from './procs.mjs';
import { fmt } from './report.mjs';
import { closeFanout, fanoutSetup, ladder, warmUp } from './scenarios.mjs';
import { median, sleep } from './stats.mjs';

const MEMBERS = 100;

/** NGINX from Debian's package (installed with apt-get when missing and we are root), or undefined after saying why. */
export async function ensureNginx(log) {
  const found = await ensureDebianProgram('nginx', log, '/usr/sbin/nginx');
  if (!found) log('nginx is not installed and could not be installed here (needs root and apt-get): S6 will be skipped');
  return found;
}

/**
 * Renders nginx.conf.template + ha.conf.template for `upstreams` (the bench's two instances)
 * into a temporary prefix and starts NGINX in the foreground. The template has three API
 * slots; the third is rendered as the first instance marked `down`, so REST has no backup
 * and the socket hash ring falls through to the two live instances, about half each.
 */
export async function startNginx({ nginx, upstreams, root, logDir, mode }) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dgbench-nginx-'));
  // Workers run as nobody when the bench is root: they must be able to enter the prefix.
  chmodSync(dir, 0o755);
  mkdirSync(path.join(dir, 'tmp'));
  const [port, tlsPort] = [await freePort(), await freePort()];
  execFileSync(path.join(root, 'scripts/gen-self-signed-cert.sh'), [dir], { stdio: 'ignore' });
  const mimeTypes = existsSync('/etc/nginx/mime.types') ? '/etc/nginx/mime.types' : path.join(dir, 'mime.types');
  if (!existsSync(mimeTypes)) writeFileSync(mimeTypes, 'types {}\n');
  const vars = {
    NGINX_PREFIX: dir,
    MIME_TYPES: mimeTypes,
    SITE_CONF: path.join(dir, 'site.conf'),
    LISTEN_ADDR: '127.0.0.1',
    LISTEN_PORT: String(port),
    TLS_PORT: String(tlsPort),
    CERT_DIR: dir,
    WEB_ROOT: dir,
    ACCESS_LOG: path.join(dir, 'access.log'),
    API_1: upstreams[0],
    API_2: upstreams[1],
    API_3: `${upstreams[0]} down`,
    // scripts/lib/stack.sh's defaults; S6 sends no /api/ request through NGINX.
    API_RATE: '10',
    API_BURST: '20',
  };
  writeFileSync(path.join(dir, 'nginx.conf'), renderTemplate(readFileSync(path.join(root, 'deploy/nginx/nginx.conf.template'), 'utf8'), vars));
  writeFileSync(path.join(dir, 'site.conf'), renderTemplate(readFileSync(path.join(root, 'deploy/nginx/ha.conf.template'), 'utf8'), vars));
  const base = ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-e', path.join(dir, 'error.log')];
  const test = await runProgram(nginx, ['-t', '-q', ...base], { timeoutMs: 30_000 });
  if (test.code !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`nginx -t failed: ${test.stderr.trim()}`);
  }
  const logFile = path.join(logDir, `${mode}-nginx.log`);
  writeFileSync(logFile, '');
  const child = spawnLogged(nginx, [...base, '-g', 'daemon off;'], { env: { PATH: process.env.PATH ?? '/usr/sbin:/usr/bin' }, logFile });
  let stopped = false;
  const proxy = {
    url: `http://127.0.0.1:${port}`,
    dir,
    child,
    accessLog: vars.ACCESS_LOG,
    /** CPU of the master and its workers so far (workers are the master's children). */
    cpuMs: () => nginxPids(child.pid).reduce((n, pid) => n + cpuMs(pid), 0),
    async stop() {
      if (stopped) return;
      stopped = true;
      await stop(child, 5000);
      try {
        copyFileSync(path.join(dir, 'error.log'), path.join(logDir, `${mode}-nginx-error.log`));
      } catch {
        // never started far enough to write one
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    await waitHealthy(`${proxy.url}/health`, child, 15_000, path.join(dir, 'error.log'));
  } catch (error) {
    await proxy.stop();
    throw error;
  }
  return proxy;
}

function nginxPids(masterPid) {
  try {
    const children = readFileSync(`/proc/${masterPid}/task/${masterPid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
    return [masterPid, ...children];
  } catch {
    return [masterPid];
  }
}

/** Sockets per upstream, from the access log (NGINX writes a websocket's line when it closes). */
function socketSplit(accessLog) {
  const counts = {};
  let text;
  try {
    text = readFileSync(accessLog, 'utf8');
  } catch {
    return counts;
  }
  for (const line of text.split('\n')) {
    if (!line.includes('"uri":"/socket.io/')) continue;
    try {
      const entry = JSON.parse(line);
      counts[entry.upstream] = (counts[entry.upstream] ?? 0) + 1;
    } catch {
      // a line cut short
    }
  }
  return counts;
}

/** `n` distinct loopback client addresses from 127.<net>.0.1 on (Linux routes all of 127/8 to lo). */
const loopbackAddresses = (net, n) => Array.from({ length: n }, (_, k) => `127.${net}.${Math.floor(k / 250)}.${(k % 250) + 1}`);

/** The p99 of the step at the knee (the last passing step of that rate), NaN without a knee. */
function p99AtKnee(result) {
  if (!(result.knee > 0)) return NaN;
  const step = result.steps.filter((s) => s.deliveries === result.knee && s.pass).at(-1);
  return step ? step.p99 : NaN;
}

/** One ladder with the CPU of the app's instances and of NGINX over it. */
async function measuredLadder(ctx, f, start, proxy) {
  const began = Date.now();
  const appBefore = ctx.ours.pids.reduce((n, pid) => n + cpuMs(pid), 0);
  const nginxBefore = proxy.cpuMs();
  const result = await ladder(ctx, f, start);
  const seconds = (Date.now() - began) / 1000;
  const delivered = result.steps.reduce((n, s) => n + s.received, 0);
  const appCpu = ctx.ours.pids.reduce((n, pid) => n + cpuMs(pid), 0) - appBefore;
  const nginxCpu = proxy.cpuMs() - nginxBefore;
  return {
    ...result,
    p99AtKnee: p99AtKnee(result),
    seconds,
    delivered,
    appCpuMsPer1k: delivered ? (appCpu * 1000) / delivered : NaN,
    nginxCpuMsPer1k: delivered ? (nginxCpu * 1000) / delivered : NaN,
    nginxCoreShare: nginxCpu / 1000 / seconds,
  };
}

/**
 * S6 (cluster mode): per round, the S2 ladder logic (on BENCH_S6_LADDER) for a room of 100 straight to the two
 * instances (sockets alternate between them, as in S2), then through NGINX's port.
 * Through NGINX every socket binds its own 127.x.y.z (BENCH_S6_CLIENT_IPS=1: all from
 * 127.0.0.1), so the sticky hash on the client address spreads them the way it spreads
 * real clients; the split it made is read back from NGINX's access log.
 */
export async function s6(outer, { nginx, root, logDir, cleanups }) {
  // S2's ladder and knee logic on S6's finer ladder.
  const ctx = { ...outer, knobs: { ...outer.knobs, s2Ladder: outer.knobs.s6Ladder } };
  const { knobs } = ctx;
  const proxy = await startNginx({ nginx, upstreams: ctx.ours.urls.map((u) => new URL(u).host), root, logDir, mode: ctx.mode });
  cleanups.push({ name: 'stop nginx', fn: () => proxy.stop() });
  ctx.log(`  nginx (${nginx}) on ${proxy.url} → ${ctx.ours.urls.join(', ')}, prefix ${proxy.dir}`);
  const clientIps = knobs.s6ClientIps;
  const addresses =
    clientIps === 1
      ? {}
      : {
          receivers: loopbackAddresses(10, clientIps > 0 ? clientIps : MEMBERS),
          senders: clientIps > 0 ? loopbackAddresses(10, clientIps) : loopbackAddresses(11, knobs.s2Senders),
        };
  const target = { urls: [proxy.url], pids: ctx.ours.pids };
  const userPool = ctx.users.slice(0, MEMBERS);
  try {
    const direct = await fanoutSetup(ctx, ctx.ours, 'direct', ctx.rooms.s6, MEMBERS, userPool);
    const proxied = await fanoutSetup(ctx, target, 'nginx', ctx.rooms.s6, MEMBERS, userPool, addresses);
    await warmUp(ctx, direct);
    await warmUp(ctx, proxied);
    const rounds = [];
    const start = { direct: 0, nginx: 0 };
    for (let r = 0; r < knobs.rounds; r++) {
      ctx.log(`  round ${r + 1}/${knobs.rounds}`);
      const round = { direct: await measuredLadder(ctx, direct, start.direct, proxy), nginx: await measuredLadder(ctx, proxied, start.nginx, proxy) };
      round.ratio = round.nginx.knee / round.direct.knee;
      rounds.push(round);
      ctx.log(`  S6 knee direct ${round.direct.knee}/s, through nginx ${round.nginx.knee}/s (${round.ratio.toFixed(2)}×)`);
      if (r === 0 && knobs.s2Adaptive) {
        start.direct = Math.max(0, (round.direct.kneeIndex ?? 0) - 1);
        start.nginx = Math.max(0, (round.nginx.kneeIndex ?? 0) - 1);
      }
    }
    await closeFanout(ctx, direct);
    await closeFanout(ctx, proxied);
    // NGINX logs a websocket when it closes: give the closes a moment to reach it.
    await sleep(500);
    const byUpstream = socketSplit(proxy.accessLog);
    const split = ctx.ours.urls.map((u) => byUpstream[new URL(u).host] ?? 0);
    const m = (side, key) => median(rounds.map((r) => r[side][key]));
    const pick = (side) => ({
      knee: m(side, 'knee'),
      kneeMsgsPerSec: m(side, 'kneeMsgsPerSec'),
      censored: rounds.filter((r) => r[side].censored).length > knobs.rounds / 2,
      p99AtKnee: m(side, 'p99AtKnee'),
      highest: m(side, 'highest'),
      p99AtHighest: m(side, 'p99AtHighest'),
      appCpuMsPer1k: m(side, 'appCpuMsPer1k'),
      nginxCpuMsPer1k: m(side, 'nginxCpuMsPer1k'),
      nginxCoreShare: m(side, 'nginxCoreShare'),
    });
    const ratios = rounds.map((r) => r.ratio);
    return {
      members: MEMBERS,
      senders: knobs.s2Senders,
      clientIps: clientIps === 1 ? 1 : clientIps > 0 ? clientIps : MEMBERS + knobs.s2Senders,
      split,
      rounds,
      ratioRange: [Math.min(...ratios), Math.max(...ratios)],
      ratioMedian: median(ratios),
      median: { nginx: pick('nginx'), direct: pick('direct') },
    };
  } finally {
    await proxy.stop();
  }
}

/** Report rows of S6. */
export function s6Rows(S6, knobs) {
  const o = S6.median.nginx;
  const b = S6.median.direct;
  const ratio = o.knee / b.knee;
  const kneeText = (x) => (x.knee > 0 ? `${x.censored ? '≥ ' : ''}${fmt.int(x.knee)}/s (${x.kneeMsgsPerSec.toFixed(1)} msg/s)` : `< ${fmt.int(knobs.s6Ladder[0])}/s`);
  const bound = b.censored && !o.censored ? ' (≤: direct never failed)' : '';
  const range = `per round ${S6.ratioRange.map((v) => v.toFixed(2)).join('–')}×, median ${S6.ratioMedian.toFixed(2)}×`;
  return [
    { scenario: 'S6', figure: `knee through NGINX (ha.conf.template, 2 instances), room of ${fmt.int(S6.members)}: deliveries/s with p99 ≤ ${knobs.s2P99Ms} ms, no loss; ${range}`, ours: kneeText(o), base: `${kneeText(b)} direct`, ratio, target: `≥ 0.80× direct${bound}`, status: ratio >= 0.8 ? 'met' : 'not met' },
    { scenario: 'S6', figure: 'p99 at the knee', ours: fmt.ms(o.p99AtKnee), base: `${fmt.ms(b.p99AtKnee)} direct`, ratio: o.p99AtKnee / b.p99AtKnee },
    { scenario: 'S6', figure: `sockets per instance (${S6.members} receivers + ${S6.senders} senders; through NGINX from ${fmt.int(S6.clientIps)} client address${S6.clientIps === 1 ? '' : 'es'})`, ours: S6.split.join(' / '), base: `${directSplit(S6)} direct`, ratio: NaN },
    { scenario: 'S6', figure: 'CPU per 1,000 deliveries over the ladders: app instances; NGINX', ours: `${fmt.ms(o.appCpuMsPer1k)}; NGINX ${fmt.ms(o.nginxCpuMsPer1k)} (${(o.nginxCoreShare * 100).toFixed(0)} % of a core)`, base: `${fmt.ms(b.appCpuMsPer1k)} direct`, ratio: NaN },
  ];
}

/** The direct side's split: sockets alternate between the instances (receivers and senders each from index 0). */
function directSplit(S6) {
  const n = S6.split.length;
  const share = (total) => Array.from({ length: n }, (_, i) => Math.floor(total / n) + (i < total % n ? 1 : 0));
  const r = share(S6.members);
  const s = share(S6.senders);
  return r.map((v, i) => v + s[i]).join(' / ');
}
