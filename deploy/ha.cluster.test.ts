import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { scratchCluster } from '../apps/server/test/harness';
import { agentFor, prepareChat, request, runLoad, startSocketClient, summarize, waitForDelivery } from '../scripts/lib/failover.mjs';

/**
 * The acceptance tests of the HA set-up, for real: scripts/hastart starts three API
 * processes and Debian's NGINX on free loopback ports against a fresh PostgreSQL database
 * and the machine's Redis; the tests go through NGINX, and Debian's Prometheus scrapes the
 * instances. Every process is stopped in afterAll (hastop, then kill -9 of whatever a pid
 * file still names).
 */
const root = path.resolve(import.meta.dirname, '..');
const scripts = path.join(root, 'scripts');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface ScriptResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], env: Record<string, string>, timeoutMs = 120_000): Promise<ScriptResult> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd: root, env: { ...process.env, ...env }, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof (error as { code?: unknown }).code === 'number' ? ((error as { code: number }).code) : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: count }, () => new Promise<import('node:net').Server>((resolve) => {
      const server = createServer();
      server.listen(0, '127.0.0.1', () => resolve(server));
    })),
  );
  const ports = servers.map((s) => (s.address() as { port: number }).port);
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  return ports;
}

function binary(name: string): string {
  for (const dir of (process.env.PATH ?? '').split(':').concat(['/usr/sbin', '/usr/bin'])) {
    if (dir && existsSync(path.join(dir, name))) return path.join(dir, name);
  }
  throw new Error(`${name} is not installed: apt-get install ${name === 'promtool' ? 'prometheus' : name} (.ci/run does)`);
}

/** Kills (-9) every process a pid file under dir still names: the last line of cleanup. */
function killLeftovers(dir: string): void {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    if (!entry.endsWith('.pid')) continue;
    const pid = Number(readFileSync(path.join(dir, entry), 'utf8'));
    if (!pid) continue;
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

/** For each client address, the instance its latest /socket.io/ request went to (NGINX's JSON access log). */
function socketUpstreams(accessLog: string): Map<string, string> {
  const byAddress = new Map<string, string>();
  for (const line of readFileSync(accessLog, 'utf8').split('\n')) {
    if (!line.includes('/socket.io/')) continue;
    const entry = JSON.parse(line) as { remote_addr: string; upstream: string };
    // "a, b" when NGINX moved on to the next instance: the last one answered.
    if (entry.upstream) byAddress.set(entry.remote_addr, entry.upstream.split(', ').at(-1)!);
  }
  return byAddress;
}

describe('HA set-up on loopback: three API instances behind NGINX', () => {
  const runDir = mkdtempSync(path.join(tmpdir(), 'dg-ha-'));
  const haDir = path.join(runDir, 'ha');
  let scratch: Awaited<ReturnType<typeof scratchCluster>>;
  let env: Record<string, string>;
  let apiPorts: number[];
  let lbUrl: string;
  let tlsUrl: string;
  let prometheus: ChildProcess | undefined;
  let prometheusUrl: string | undefined;

  beforeAll(async () => {
    binary('nginx');
    const build = await run('sh', ['-c', 'npm run build --silent -w @discordgym/contracts && npm run build --silent -w @discordgym/server'], {});
    expect(build.code, build.stderr).toBe(0);
    scratch = await scratchCluster();
    const [lb, tls, a, b, c] = await freePorts(5);
    apiPorts = [a!, b!, c!];
    lbUrl = `http://127.0.0.1:${lb}`;
    tlsUrl = `https://127.0.0.1:${tls}`;
    env = {
      RUN_DIR: runDir,
      HA_PORT: String(lb),
      HA_TLS_PORT: String(tls),
      HA_API_PORTS: apiPorts.join(' '),
      DATABASE_URL: scratch.env.DATABASE_URL!,
      REDIS_URL: scratch.env.REDIS_URL!,
      REDIS_KEY_PREFIX: scratch.env.REDIS_KEY_PREFIX!,
      DATABASE_POOL_MAX: '8',
      DG_SKIP_BUILD: '1',
      DG_STOP_TIMEOUT: '10',
      // Loopback clients come from a handful of addresses: the limits of a real deployment
      // would throttle the test's own load. The 429 test uses an address of its own.
      NGINX_API_RATE: '300',
      NGINX_API_BURST: '100',
      RATE_LIMIT_REGISTER_PER_IP: '1000',
      RATE_LIMIT_LOGIN_PER_IP: '1000',
      RATE_LIMIT_API_PER_USER: '100000',
      RATE_LIMIT_MESSAGES_PER_USER: '100000',
      LOG_LEVEL: 'info',
    };
    const started = await run(path.join(scripts, 'hastart'), [], env, 100_000);
    expect(started.code, `${started.stdout}\n${started.stderr}`).toBe(0);
  }, 180_000);

  afterAll(async () => {
    prometheus?.kill('SIGKILL');
    if (env) await run(path.join(scripts, 'hastop'), [], env, 60_000);
    killLeftovers(runDir);
    await scratch?.drop();
    rmSync(runDir, { recursive: true, force: true });
  }, 120_000);

  it('hastatus shows three ready instances and NGINX', async () => {
    const status = await run(path.join(scripts, 'hastatus'), [], env);
    expect(status.code, status.stdout).toBe(0);
    for (const name of ['api-1', 'api-2', 'api-3']) expect(status.stdout).toMatch(new RegExp(`^${name}\\s+\\d+\\s+running\\s+ready`, 'm'));
    expect(status.stdout).toMatch(/^nginx\s+\d+\s+running\s+ok/m);
    const health = await request(lbUrl, 'GET', '/health');
    expect(health.status).toBe(200);
    const overTls = await request(tlsUrl, 'GET', '/ready', { agent: agentFor(undefined, true) });
    expect(overTls.status).toBe(200);
    expect((await request(lbUrl, 'GET', '/metrics')).status).toBe(404);
  });

  it('Socket.IO works through the balancer over websocket and polling, each polling session on one instance', async () => {
    const chat = await prepareChat(lbUrl);
    const clients = ['websocket', 'polling', 'websocket', 'polling', 'polling', 'websocket'].map((transport, i) =>
      startSocketClient(lbUrl, { token: chat.token, roomId: chat.roomId, transport, localAddress: `127.0.3.${i + 1}`, label: `${transport}-${i}` }),
    );
    try {
      await Promise.all(clients.map((c) => c.ready));
      const sent = [];
      for (const client of clients) {
        const ack = await client.socket.timeout(5_000).emitWithAck('send-message', {
          chatroom_id: chat.roomId,
          content: `over ${client.transport} from ${client.localAddress}`,
          client_id: `transport-${client.label}-${Date.now()}`,
        });
        expect(ack.ok, JSON.stringify(ack)).toBe(true);
        sent.push(ack.data);
        // The sending socket has its message from the ack: the server leaves it out of the echo.
        client.seen.add(ack.data.seq);
      }
      const delivery = await waitForDelivery(clients, sent, 5_000);
      expect(delivery.filter((d) => d.missing > 0)).toEqual([]);

      // Stickiness: every request of one polling session reached the same instance.
      const bySession = new Map<string, Set<string>>();
      for (const line of readFileSync(path.join(haDir, 'nginx/access.log'), 'utf8').split('\n')) {
        const sid = /[?&]sid=([^&"]+)/.exec(line)?.[1];
        if (!sid || !line.includes('transport=polling')) continue;
        const entry = JSON.parse(line) as { upstream: string; status: number };
        bySession.set(sid, (bySession.get(sid) ?? new Set()).add(entry.upstream));
      }
      expect(bySession.size).toBeGreaterThanOrEqual(3);
      for (const [sid, upstreams] of bySession) expect([...upstreams], sid).toHaveLength(1);
      // And sockets are spread over more than one instance (ip_hash would put every 127.0.0.x
      // client on one). Two dozen handshakes from their own addresses: enough that the spread
      // shows even while NGINX has one instance marked down after a slow answer under load.
      const probes = Array.from({ length: 24 }, (_, i) => `127.0.4.${i + 1}`);
      await Promise.all(probes.map((address) => request(lbUrl, 'GET', '/socket.io/?EIO=4&transport=polling', { agent: agentFor(address) })));
      const upstreams = socketUpstreams(path.join(haDir, 'nginx/access.log'));
      const probed = probes.map((address) => upstreams.get(address));
      expect(new Set(probed).size, `handshakes by address → instance: ${JSON.stringify(probed)}`).toBeGreaterThan(1);
    } finally {
      for (const client of clients) client.close();
    }
  });

  it('NGINX answers 429 with the API error shape past the burst', async () => {
    const agent = agentFor('127.0.4.1');
    agent.maxSockets = 300;
    try {
      const answers = await Promise.all(Array.from({ length: 260 }, () => request(lbUrl, 'GET', '/api/auth/me', { agent })));
      const limited = answers.filter((a) => a.status === 429);
      const passed = answers.filter((a) => a.status === 401);
      console.log(`rate limit: ${passed.length} passed to the API, ${limited.length} answered 429 by NGINX (burst 100, 300 r/s)`);
      expect(limited.length).toBeGreaterThan(0);
      expect(passed.length).toBeGreaterThanOrEqual(100);
      expect(passed.length + limited.length).toBe(answers.length);
      expect(limited[0]!.body).toEqual({ error: { code: 'RATE_LIMITED', message: expect.any(String) } });
      expect(limited[0]!.headers['retry-after']).toBe('1');
      // Another address is not affected.
      expect((await request(lbUrl, 'GET', '/api/auth/me', { agent: agentFor('127.0.4.2') })).status).toBe(401);
    } finally {
      agent.destroy();
    }
  });

  it("Debian's Prometheus scrapes all three instances; promtool accepts the config and the rules", async () => {
    const promtool = binary('promtool');
    const monitoring = path.join(root, 'deploy/monitoring/prometheus');
    for (const args of [['check', 'config', path.join(monitoring, 'prometheus.yml')], ['check', 'rules', path.join(monitoring, 'alerts.yml')], ['test', 'rules', path.join(monitoring, 'alerts.test.yml')]]) {
      const result = await run(promtool, args, {});
      expect(result.code, `promtool ${args.join(' ')}\n${result.stdout}${result.stderr}`).toBe(0);
    }

    // The shipped config, with the loopback instances instead of the compose DNS name.
    const [promPort] = await freePorts(1);
    prometheusUrl = `http://127.0.0.1:${promPort}`;
    const config = parse(readFileSync(path.join(monitoring, 'prometheus.yml'), 'utf8'));
    config.global.scrape_interval = '1s';
    config.global.evaluation_interval = '1s';
    config.global.scrape_timeout = '1s';
    config.rule_files = [path.join(monitoring, 'alerts.yml')];
    const job = config.scrape_configs.find((j: { job_name: string }) => j.job_name === 'discordgym-api');
    delete job.dns_sd_configs;
    job.static_configs = [{ targets: apiPorts.map((p) => `127.0.0.1:${p}`) }];
    config.scrape_configs = [job];
    const promDir = path.join(runDir, 'prometheus');
    mkdirSync(promDir);
    const configFile = path.join(promDir, 'prometheus.yml');
    writeFileSync(configFile, stringify(config));
    const check = await run(promtool, ['check', 'config', configFile], {});
    expect(check.code, check.stdout + check.stderr).toBe(0);

    const log = openSync(path.join(promDir, 'prometheus.log'), 'a');
    prometheus = spawn(binary('prometheus'), [
      `--config.file=${configFile}`,
      `--storage.tsdb.path=${path.join(promDir, 'data')}`,
      `--web.listen-address=127.0.0.1:${promPort}`,
    ], { stdio: ['ignore', log, log] });

    let targets: { health: string; scrapeUrl: string; lastError: string }[] = [];
    for (let i = 0; i < 150; i++) {
      try {
        const answer = await request(prometheusUrl, 'GET', '/api/v1/targets?state=active');
        targets = answer.body.data.activeTargets;
        if (targets.length === 3 && targets.every((t) => t.health === 'up')) break;
      } catch {
        // not listening yet
      }
      await sleep(200);
    }
    const byUrl = (a: string[], b: string[]) => a[0]!.localeCompare(b[0]!);
    expect(targets.map((t) => [t.scrapeUrl, t.health, t.lastError]).sort(byUrl)).toEqual(apiPorts.map((p) => [`http://127.0.0.1:${p}/metrics`, 'up', '']).sort(byUrl));
    const deps = await request(prometheusUrl, 'GET', `/api/v1/query?query=${encodeURIComponent('sum(dependency_up{dependency=~"database|redis"})')}`);
    expect(deps.body.data.result[0].value[1]).toBe('6');
  }, 60_000);

  it('kill -9 of instance 1 under load: no failed read, every send stored once, every socket back and synced within 5 s', async () => {
    const chat = await prepareChat(lbUrl);
    const accessLog = path.join(haDir, 'nginx/access.log');
    const victim = `127.0.0.1:${apiPorts[0]}`;
    // Sockets from their own addresses; NGINX hashes them over the three instances. Add
    // addresses until at least two sockets sit on instance 1, the one that dies. A polling
    // handshake from each address shows in the access log at once which instance the
    // address hashes to (a WebSocket is logged only when it closes).
    const sockets: ReturnType<typeof startSocketClient>[] = [];
    for (let i = 1; i <= 40; i++) {
      const transport = i % 2 ? 'websocket' : 'polling';
      const localAddress = `127.0.5.${i}`;
      sockets.push(startSocketClient(lbUrl, { token: chat.token, roomId: chat.roomId, transport, localAddress, label: `${transport}@${localAddress}` }));
      const probe = agentFor(localAddress);
      await request(lbUrl, 'GET', '/socket.io/?EIO=4&transport=polling', { agent: probe });
      probe.destroy();
      if (sockets.length < 6) continue;
      await Promise.all(sockets.map((s) => s.ready));
      const upstreams = socketUpstreams(accessLog);
      if (sockets.filter((s) => upstreams.get(s.localAddress) === victim).length >= 2) break;
    }
    await Promise.all(sockets.map((s) => s.ready));
    const onVictim = new Set(sockets.filter((s) => socketUpstreams(accessLog).get(s.localAddress) === victim).map((s) => s.label));
    expect(onVictim.size).toBeGreaterThanOrEqual(2);

    const pid = Number(readFileSync(path.join(haDir, 'api-1.pid'), 'utf8'));
    const report = await runLoad(lbUrl, {
      token: chat.token,
      roomId: chat.roomId,
      durationMs: 12_000,
      killAtMs: 4_000,
      readers: 4,
      senders: 2,
      readPauseMs: 10,
      sendPauseMs: 50,
      addresses: Array.from({ length: 6 }, (_, i) => `127.0.6.${i + 1}`),
      runId: `t${Date.now().toString(36)}`,
      kill: () => process.kill(pid, 'SIGKILL'),
    });
    const delivery = await waitForDelivery(sockets, report.sends.messages, 5_000);

    // Stored exactly once: count every client_id of the run in PostgreSQL itself.
    const db = new Client({ connectionString: scratch.env.DATABASE_URL });
    await db.connect();
    const rows = await db.query<{ client_id: string; n: string }>(
      'select client_id, count(*) as n from messages where chatroom_id = $1 group by client_id',
      [chat.roomId],
    );
    await db.end();
    const stored = new Map(rows.rows.map((r) => [r.client_id, Number(r.n)]));
    const duplicated = [...stored.values()].filter((n) => n > 1).length;
    const missing = report.sends.messages.filter((m: { clientId: string }) => stored.get(m.clientId) !== 1).length;

    const reconnects = sockets.flatMap((s) => s.reconnectMs);
    const disconnected = sockets.filter((s) => s.disconnects > 0);
    const notResynced = sockets.filter((s) => s.disconnectedAt !== undefined);
    const undelivered = delivery.filter((d) => d.missing > 0);
    for (const s of sockets) s.close();

    console.log(
      [
        `failover: instance 1 (pid ${pid}) killed at t=${((report.killedAtMs ?? 0) / 1000).toFixed(1)} s of 12 s`,
        `  reads:   ${report.reads.ok} ok, ${report.reads.failed} failed (${summarize(report.reads.failures)})`,
        `  sends:   ${report.sends.acked} acknowledged, ${report.sends.unacked} never acknowledged, ${report.sends.retried} retries (${summarize(report.sends.failures)})`,
        `  stored:  ${stored.size} rows by client_id, ${duplicated} duplicated, ${missing} acknowledged but not stored exactly once`,
        `  sockets: ${sockets.length} clients, ${onVictim.size} on instance 1, ${disconnected.length} disconnected, ${reconnects.length} reconnects, ` +
          `slowest ${reconnects.length ? Math.max(...reconnects) : 0} ms (${reconnects.sort((x, y) => x - y).join(', ')} ms), ${notResynced.length} not re-synced, ${undelivered.length} missing messages`,
      ].join('\n'),
    );

    expect(report.killedAtMs).toBeDefined();
    expect(report.reads.ok).toBeGreaterThan(100);
    expect(report.reads.failed, summarize(report.reads.failures)).toBe(0);
    expect(report.sends.acked).toBeGreaterThan(20);
    expect(report.sends.unacked).toBe(0);
    expect(duplicated).toBe(0);
    expect(missing).toBe(0);
    expect(stored.size).toBe(report.sends.acked);
    // Only instance 1's sockets move: the consistent hash keeps every other client where it was.
    expect(disconnected.map((s) => s.label).sort()).toEqual([...onVictim].sort());
    expect(notResynced.map((s) => s.label)).toEqual([]);
    expect(Math.max(...reconnects)).toBeLessThanOrEqual(5_000);
    expect(undelivered).toEqual([]);

    // Prometheus sees it too (when the Prometheus test ran before this one, as in a full run).
    let down = prometheusUrl ? '' : '0';
    for (let i = 0; i < 50 && down !== '0'; i++) {
      const up = await request(prometheusUrl, 'GET', `/api/v1/query?query=${encodeURIComponent(`up{instance="${victim}"}`)}`);
      down = up.body.data.result[0]?.value[1] ?? '';
      if (down !== '0') await sleep(200);
    }
    expect(down).toBe('0');

    const status = await run(path.join(scripts, 'hastatus'), [], env);
    expect(status.code).toBe(1);
    expect(status.stdout).toMatch(/^api-1\s+-\s+stopped/m);
    expect(status.stdout).toMatch(/^api-2\s+\d+\s+running\s+ready/m);
  }, 90_000);

  it('halogs prints an instance’s JSON log', async () => {
    const logs = await run(path.join(scripts, 'halogs'), ['api-2', '--no-follow', '-n', '5'], env);
    expect(logs.code, logs.stderr).toBe(0);
    const lines = logs.stdout.trim().split('\n');
    expect(lines.length).toBeGreaterThan(0);
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ instance: 'api-2', level: expect.any(Number) });
  });

  it('hastart brings the killed instance back; hastop stops every process', async () => {
    const again = await run(path.join(scripts, 'hastart'), [], env, 100_000);
    expect(again.code, again.stdout + again.stderr).toBe(0);
    expect(again.stdout).toMatch(/api-2 already running/);
    expect((await run(path.join(scripts, 'hastatus'), [], env)).code).toBe(0);

    const pids = ['api-1.pid', 'api-2.pid', 'api-3.pid', 'nginx/nginx.pid'].map((f) => Number(readFileSync(path.join(haDir, f), 'utf8')));
    const stopped = await run(path.join(scripts, 'hastop'), [], env, 60_000);
    expect(stopped.code, stopped.stderr).toBe(0);
    for (const pid of pids) expect(() => process.kill(pid, 0), `pid ${pid}`).toThrow();
    expect((await run(path.join(scripts, 'hastatus'), [], env)).code).toBe(1);
  }, 120_000);
});

describe('single-instance set-up (dstart … dstop)', () => {
  const runDir = mkdtempSync(path.join(tmpdir(), 'dg-dev-'));
  let env: Record<string, string>;

  beforeAll(async () => {
    const [api, web] = await freePorts(2);
    env = {
      RUN_DIR: runDir,
      DG_API_PORT: String(api),
      DG_WEB_PORT: String(web),
      DATABASE_URL: inject('databaseUrl'),
      REDIS_URL: inject('redisUrl'),
      REDIS_KEY_PREFIX: `${inject('redisPrefix')}dstart:`,
      DG_SKIP_BUILD: '1',
    };
  });
  afterAll(async () => {
    if (env) await run(path.join(scripts, 'dstop'), [], env, 60_000);
    killLeftovers(runDir);
    rmSync(runDir, { recursive: true, force: true });
  }, 90_000);

  it('starts one instance with NGINX in front, reports it, shows its log and stops it', async () => {
    const started = await run(path.join(scripts, 'dstart'), [], env, 100_000);
    expect(started.code, started.stdout + started.stderr).toBe(0);
    const status = await run(path.join(scripts, 'dstatus'), [], env);
    expect(status.code, status.stdout).toBe(0);
    expect(status.stdout).toMatch(/^api\s+\d+\s+running\s+ready/m);
    const web = `http://127.0.0.1:${env.DG_WEB_PORT}`;
    expect((await request(web, 'GET', '/ready')).status).toBe(200);
    expect((await request(web, 'GET', '/api/auth/me')).status).toBe(401);
    expect((await request(web, 'GET', '/socket.io/?EIO=4&transport=polling')).status).toBe(200);
    const logs = await run(path.join(scripts, 'dlogs'), ['api', '--no-follow', '-n', '3'], env);
    expect(logs.stdout).toContain('"instance":"api"');
    const stopped = await run(path.join(scripts, 'dstop'), [], env, 60_000);
    expect(stopped.code).toBe(0);
    expect((await run(path.join(scripts, 'dstatus'), [], env)).code).toBe(1);
  }, 120_000);
});
