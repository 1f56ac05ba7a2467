import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Message, UserStatusChanged } from '@discordgym/contracts';
import { Client } from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { ApiClient } from '../../../test/api-client';
import { ChatClient } from '../../../test/chat-client';
import { registerUser, type RegisteredUser } from '../../../test/factories';
import { eventually } from '../../../test/sockets';

/**
 * Issue 3, acceptance under faults, with real processes: `kill -9` of an API instance while
 * a client on it is sending, and a Redis restart mid-conversation. The server is built once
 * for this file and run as `node apps/server/dist/main.js`, as in production.
 */

const ROOT = path.resolve(__dirname, '../../../../..');
const MAIN = path.join(ROOT, 'apps/server/dist/main.js');
const LEASE_SECONDS = 3;
const run = promisify(execFile);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The harness's generous limits, for processes: nothing here is about rate limiting. */
const BASE_ENV = {
  NODE_ENV: 'test',
  LOG_LEVEL: 'warn',
  HOST: '127.0.0.1',
  JWT_SECRET: 'test-secret-of-at-least-thirty-two-characters',
  RATE_LIMIT_LOGIN_PER_IP: '1000',
  RATE_LIMIT_LOGIN_PER_ACCOUNT: '1000',
  RATE_LIMIT_REGISTER_PER_IP: '1000',
  RATE_LIMIT_API_PER_USER: '100000',
  RATE_LIMIT_MESSAGES_PER_USER: '100000',
  RATE_LIMIT_ROOM_JOINS_PER_USER: '10000',
  // The test sends as fast as acks come back; the raw send at the kill point ignores its
  // ack, so a rate-limit refusal there would never be retried.
  RATE_LIMIT_SOCKET_EVENTS_PER_SECOND: '10000',
  PRESENCE_LEASE_SECONDS: String(LEASE_SECONDS),
  DATABASE_POOL_MAX: '4',
  SHUTDOWN_GRACE_MS: '3000',
};

interface Proc {
  name: string;
  child: ChildProcess;
  /** The last lines it wrote, for the failure message. */
  output: string[];
  exited: Promise<void>;
}

/** Every child this file starts, so that none outlives it, whatever happens. */
const children = new Set<Proc>();
const killAll = () => {
  for (const proc of children) if (proc.child.exitCode === null && proc.child.signalCode === null) proc.child.kill('SIGKILL');
};
process.once('exit', killAll);

function start(name: string, command: string, args: string[], env: Record<string, string>): Proc {
  const child = spawn(command, args, { cwd: ROOT, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(...chunk.toString().split('\n').filter(Boolean));
    output.splice(0, Math.max(0, output.length - 100));
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const proc = { name, child, output, exited };
  children.add(proc);
  void exited.then(() => children.delete(proc));
  return proc;
}

async function stop(proc: Proc, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  if (proc.child.exitCode === null && proc.child.signalCode === null) proc.child.kill(signal);
  await Promise.race([proc.exited, sleep(5_000)]);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** Polls until `ready` is true; fails early with the process's output if it died. */
async function waitFor(proc: Proc, what: string, ready: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.child.exitCode !== null || proc.child.signalCode !== null) {
      throw new Error(`${proc.name} exited (${proc.child.exitCode ?? proc.child.signalCode}) before ${what}:\n${proc.output.join('\n')}`);
    }
    if (await ready().catch(() => false)) return;
    await sleep(50);
  }
  throw new Error(`${proc.name}: not ${what} after ${timeoutMs} ms:\n${proc.output.join('\n')}`);
}

interface Instance extends Proc {
  url: string;
  api: ApiClient;
}

async function startInstance(name: string, env: Record<string, string>): Promise<Instance> {
  const port = await freePort();
  const proc = start(name, process.execPath, [MAIN], { ...BASE_ENV, ...env, PORT: String(port), INSTANCE_ID: name });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(proc, 'ready', async () => (await fetch(`${url}/ready`, { signal: AbortSignal.timeout(2_000) })).status === 200);
  return Object.assign(proc, { url, api: new ApiClient(url) });
}

interface RedisServer extends Proc {
  port: number;
}

async function startRedis(port: number, dir: string): Promise<RedisServer> {
  const proc = start(`redis:${port}`, 'redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--dir', dir], {});
  await waitFor(proc, 'accepting connections', async () => proc.output.some((line) => line.includes('Ready to accept connections')), 10_000);
  return Object.assign(proc, { port });
}

const idOf = (user: RegisteredUser) => user.auth.user.id;
const seqs = (messages: Message[]) => messages.map((m) => m.seq);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

async function createGroup(api: ApiClient, owner: RegisteredUser, members: RegisteredUser[]): Promise<string> {
  const room = await api.post('/api/chatrooms', { name: 'faults', participant_ids: members.map(idOf) }, { token: owner.auth.token });
  expect(room.status, JSON.stringify(room.body)).toBe(201);
  return room.body.id as string;
}

/** What PostgreSQL holds for the room: one row per message, in seq order. */
async function storedMessages(chatroomId: string): Promise<{ id: string; seq: number; client_id: string; content: string }[]> {
  const client = new Client({ connectionString: inject('databaseUrl') });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string; seq: string; client_id: string; content: string }>(
      'select id, seq, client_id, content from messages where chatroom_id = $1 order by seq',
      [chatroomId],
    );
    return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
  } finally {
    await client.end();
  }
}

/** Polls PostgreSQL until the sender's message with this client_id is committed. */
async function waitUntilStored(chatroomId: string, clientId: string, timeoutMs = 5_000): Promise<void> {
  const client = new Client({ connectionString: inject('databaseUrl') });
  await client.connect();
  try {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const { rowCount } = await client.query('select 1 from messages where chatroom_id = $1 and client_id = $2', [chatroomId, clientId]);
      if (rowCount) return;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    throw new Error(`${clientId} not committed within ${timeoutMs} ms`);
  } finally {
    await client.end();
  }
}

/** Each message exactly once, in seq order, the same as the database. */
function expectExactlyTheStored(client: ChatClient, chatroomId: string, stored: { id: string; seq: number }[], who: string): void {
  const list = client.list(chatroomId);
  expect(list.map((m) => m.id), who).toEqual(stored.map((m) => m.id));
  expect(seqs(list), who).toEqual(range(1, stored.length));
}

describe('chat under faults (real processes)', () => {
  const clients: ChatClient[] = [];
  const connect = async (urls: string[], user: RegisteredUser, failover = false) => {
    const client = await new ChatClient(urls, user.auth.token, { failover }).connect();
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    // One build for the file: the processes run what production runs.
    await run('npm', ['run', 'build', '-w', '@discordgym/contracts'], { cwd: ROOT, timeout: 120_000 });
    await run('npm', ['run', 'build', '-w', '@discordgym/server'], { cwd: ROOT, timeout: 120_000 });
  }, 240_000);
  afterEach(async () => {
    for (const client of clients.splice(0)) client.close();
    await Promise.all([...children].map((proc) => stop(proc)));
  });
  afterAll(async () => {
    killAll();
    await Promise.all([...children].map((proc) => stop(proc)));
  });

  it('kill -9 of the instance a client sends 200 messages through: each stored once, seq 1..200, every member gets each once', async () => {
    const env = {
      DATABASE_URL: inject('databaseUrl'),
      REDIS_URL: inject('redisUrl'),
      REDIS_KEY_PREFIX: `${inject('redisPrefix')}kill9:${randomBytes(4).toString('hex')}:`,
    };
    const [one, two] = await Promise.all([startInstance('kill9-1', env), startInstance('kill9-2', env)]);
    // A sends; B stays on instance 2; C is on instance 1 and fails over; D is on instance 1 only.
    const [a, b, c, d] = await Promise.all([1, 2, 3, 4].map(() => registerUser(two.api)));
    const room = await createGroup(one.api, a!, [b!, c!, d!]);
    const ca = await connect([one.url, two.url], a!, true);
    const cc = await connect([one.url, two.url], c!, true);
    const cb = await connect([two.url], b!);
    const cd = await connect([one.url], d!);
    for (const client of [ca, cb, cc, cd]) await client.join(room);
    expect([ca.url, cc.url, cd.url, cb.url]).toEqual([one.url, one.url, one.url, two.url]);
    await eventually(() => expect(cb.statusesOf(idOf(d!)).at(-1)).toMatchObject({ status: 'online' }), 10_000);

    const total = 200;
    const killAt = 100;
    const tag = randomBytes(4).toString('hex');
    const clientIdOf = (i: number) => `kill9-${tag}-${i}`;
    const sent: { message: Message; attempts: number; url: string; ackedAt: number }[] = [];
    let killedAt = 0;
    for (let i = 1; i <= total; i++) {
      if (i === killAt) {
        // The worst moment: instance 1 has committed message 100, and the client has not got
        // the ack (it ignores it). kill -9 now; the client retries it like any unacked send.
        ca.socket!.emit('send-message', { chatroom_id: room, content: `message ${i}`, client_id: clientIdOf(i) }, () => undefined);
        await waitUntilStored(room, clientIdOf(i));
        one.child.kill('SIGKILL');
        killedAt = Date.now();
      }
      const result = await ca.send(room, `message ${i}`, clientIdOf(i), { attemptTimeoutMs: 2_000, deadlineMs: 20_000 });
      sent.push({ ...result, ackedAt: Date.now() });
    }
    await one.exited;

    // Instance 1 acked 1..99, instance 2 the rest; the retry of 100 got the message instance 1 had committed.
    const firstOnTwo = sent.findIndex((s) => s.url === two.url);
    expect(firstOnTwo).toBe(killAt - 1);
    expect(sent.slice(firstOnTwo).every((s) => s.url === two.url)).toBe(true);
    expect(Date.parse(sent[killAt - 1]!.message.created_at)).toBeLessThan(killedAt);
    const retried = sent.filter((s) => s.attempts > 1);

    // The database: each client_id once, seq 1..200 without a gap, in the order sent.
    const stored = await storedMessages(room);
    expect(stored.map((m) => m.client_id)).toEqual(range(1, total).map((i) => `kill9-${tag}-${i}`));
    expect(stored.map((m) => m.seq)).toEqual(range(1, total));
    expect(stored.map((m) => m.content)).toEqual(range(1, total).map((i) => `message ${i}`));
    // Every ack carried the stored id and seq.
    expect(sent.map((s) => [s.message.id, s.message.seq])).toEqual(stored.map((m) => [m.id, m.seq]));

    // Every member ends with each message once, in seq order: B (never moved), C (failed over
    // and synced from its last seq) and A (the sender, also failed over).
    for (const [who, client] of [
      ['B', cb],
      ['C', cc],
      ['A', ca],
    ] as const) {
      await eventually(() => expect(client.list(room), who).toHaveLength(total), 15_000);
      expectExactlyTheStored(client, room, stored, who);
    }
    expect(cc.connections.map((x) => x.url)).toEqual([one.url, two.url]);
    expect(ca.connections.map((x) => x.url)).toEqual([one.url, two.url]);
    expect([ca.failoverErrors, cc.failoverErrors]).toEqual([[], []]);
    // B, live on instance 2 throughout, got every message live, in seq order, without a sync:
    // message 100 from instance 1 before it died, or from the retry's announcement.
    const firstArrivals: Message[] = [];
    const seen = new Set<string>();
    for (const { message, via } of cb.deliveries) {
      if (seen.has(message.id)) continue;
      seen.add(message.id);
      firstArrivals.push(message);
      expect(via).toBe('live');
    }
    expect(seqs(firstArrivals)).toEqual(range(1, total));
    expect(cb.gapSyncCount).toBe(0);
    const hundredAtB = cb.deliveries.filter((x) => x.message.seq === killAt).map((x) => x.at - killedAt);

    // Presence: D, whose only socket died with instance 1, goes offline once its lease runs out.
    const offline = () => cb.statusesOf(idOf(d!)).find((s: UserStatusChanged) => s.status === 'offline');
    await eventually(() => expect(offline()).toBeDefined(), (LEASE_SECONDS + 10) * 1000);
    const offlineSeenAt = Date.now();
    const lastSeen = Date.parse(offline()!.last_seen!);
    expect(lastSeen).toBeGreaterThanOrEqual(killedAt);
    expect(lastSeen - killedAt).toBeLessThanOrEqual((LEASE_SECONDS + 3) * 1000);
    // A and C, who moved to instance 2, are online there in the end.
    for (const user of [a!, c!]) {
      const last = cb.statusesOf(idOf(user)).at(-1);
      expect(last === undefined || last.status !== 'offline', `${user.username}: ${JSON.stringify(cb.statusesOf(idOf(user)))}`).toBe(true);
    }

    const resumedAt = sent[firstOnTwo]!.ackedAt;
    console.info(
      `[kill -9] killed at message ${killAt}; first ack from instance 2 after ${resumedAt - killedAt} ms; ` +
        `${retried.length} send(s) retried (${retried.map((s) => `#${s.message.seq}: ${s.attempts} attempts, first ${Date.parse(s.message.created_at) < killedAt ? 'committed by instance 1' : 'committed by instance 2'}`).join('; ')}); ` +
        `raw repeats A/B/C: ${ca.repeats(room)}/${cb.repeats(room)}/${cc.repeats(room)} (live repeats ${ca.repeats(room, 'live')}/${cb.repeats(room, 'live')}/${cc.repeats(room, 'live')}), ` +
        `gap syncs A/B/C: ${ca.gapSyncCount}/${cb.gapSyncCount}/${cc.gapSyncCount}; ` +
        `message ${killAt} reached B at ${hundredAtB.map((ms) => `${ms} ms`).join(' and ')} from the kill; ` +
        `D offline ${lastSeen - killedAt} ms after the kill (last_seen), seen by B after ${offlineSeenAt - killedAt} ms; ` +
        `A's status as B saw it: ${cb.transitions(idOf(a!)).join(' → ') || 'none'}`,
    );
  }, 60_000);

  it('a Redis restart mid-conversation: no acked message lost, delivery resumes, a sync after the gap gets everything', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dg-redis-'));
    try {
      const redisPort = await freePort();
      let redis = await startRedis(redisPort, dir);
      const env = { DATABASE_URL: inject('databaseUrl'), REDIS_URL: `redis://127.0.0.1:${redisPort}`, REDIS_KEY_PREFIX: 'dg:' };
      const [one, two] = await Promise.all([startInstance('redis-1', env), startInstance('redis-2', env)]);
      const [a, b, c] = await Promise.all([1, 2, 3].map(() => registerUser(one.api)));
      const room = await createGroup(two.api, a!, [b!, c!]);
      const ca = await connect([one.url], a!);
      const cb = await connect([two.url], b!);
      const cc = await connect([one.url], c!);
      for (const client of [ca, cb, cc]) await client.join(room);

      const tag = randomBytes(4).toString('hex');
      const acked: { message: Message; ackedAt: number }[] = [];
      let n = 0;
      const say = async (client: ChatClient, who: string) => {
        const i = ++n;
        const { message } = await client.send(room, `${who} ${i}`, `redis-${tag}-${i}`, { attemptTimeoutMs: 2_000, deadlineMs: 25_000 });
        acked.push({ message, ackedAt: Date.now() });
        return message;
      };

      // Before: a normal conversation, each side live.
      for (let i = 0; i < 5; i++) {
        await say(ca, 'A');
        await say(cb, 'B');
      }
      await eventually(() => expect([ca, cb, cc].map((x) => x.list(room).length)).toEqual([10, 10, 10]));
      // C goes away before the outage and comes back after it.
      cc.close();

      // Both keep talking while Redis is killed and, a moment later, started again (empty).
      let restartedAt = 0;
      const talk = async (client: ChatClient, who: string, until: () => boolean) => {
        for (let i = 0; i < 200 && !until(); i++) await say(client, who);
      };
      const afterRestart = (who: string) => () => restartedAt > 0 && acked.filter((x) => x.ackedAt > restartedAt && x.message.content.startsWith(who)).length >= 5;
      const conversation = Promise.all([talk(ca, 'A', afterRestart('A')), talk(cb, 'B', afterRestart('B'))]);
      await sleep(200);
      const killedAt = Date.now();
      await stop(redis, 'SIGKILL');
      await sleep(1_500);
      redis = await startRedis(redisPort, dir);
      restartedAt = Date.now();
      await conversation;
      const doneAt = Date.now();

      // Nothing acked is missing from the database, nothing is there twice, seq has no gap.
      const stored = await storedMessages(room);
      const storedIds = new Map(stored.map((m) => [m.id, m.seq]));
      for (const { message } of acked) expect(storedIds.get(message.id), message.client_id).toBe(message.seq);
      expect(new Set(stored.map((m) => m.client_id)).size).toBe(stored.length);
      expect(stored.map((m) => m.seq)).toEqual(range(1, stored.length));
      expect(stored.length).toBe(acked.length);
      // While Redis was away the sends were refused as "try again" (or timed out), never as a bug.
      for (const error of [...ca.sendErrors, ...cb.sendErrors]) expect(error).not.toBe('INTERNAL');

      // Delivery resumed: what each side sent after the restart reached the other live, on
      // the same sockets, through the new Redis.
      const sentAfter = (who: string) => acked.filter((x) => x.ackedAt > restartedAt && x.message.content.startsWith(who)).map((x) => x.message.id);
      const liveTo = (client: ChatClient) => new Set(client.deliveries.filter((x) => x.via === 'live').map((x) => x.message.id));
      await eventually(() => {
        expect(sentAfter('A').filter((id) => !liveTo(cb).has(id))).toEqual([]);
        expect(sentAfter('B').filter((id) => !liveTo(ca).has(id))).toEqual([]);
      }, 10_000);
      expect(sentAfter('A').length).toBeGreaterThanOrEqual(5);
      expect(sentAfter('B').length).toBeGreaterThanOrEqual(5);
      expect(ca.connections).toHaveLength(1);
      expect(cb.connections).toHaveLength(1);
      const firstLiveAfter = Math.min(
        ...cb.deliveries.filter((x) => x.via === 'live' && sentAfter('A').includes(x.message.id)).map((x) => x.at),
      );

      // A sync after the gap gets everything: for A and B (still connected) and for C, who was away.
      await ca.sync(room);
      await cb.sync(room);
      const back = await connect([two.url], c!);
      expect(back.contiguousSeq(room)).toBe(0);
      for (const message of cc.list(room)) back.messages.set(message.id, message); // C's client keeps what it had
      expect(back.contiguousSeq(room)).toBe(10);
      await back.join(room);
      const caughtUp = await back.sync(room);
      expect(seqs(caughtUp)).toEqual(range(11, stored.length));
      // Presence came through too: A and B, connected all along, are online to C, who arrived after.
      await eventually(() => {
        const latest = new Map(back.statuses.map((x) => [x.user_id, x.status]));
        expect([latest.get(idOf(a!)), latest.get(idOf(b!))]).toEqual(['online', 'online']);
      }, LEASE_SECONDS * 2 * 1000);
      for (const [who, client] of [
        ['A', ca],
        ['B', cb],
        ['C', back],
      ] as const) {
        await eventually(() => expect(client.list(room), who).toHaveLength(stored.length));
        expectExactlyTheStored(client, room, stored, who);
      }

      console.info(
        `[redis restart] ${acked.length} messages acked, ${acked.filter((x) => x.ackedAt > killedAt && x.ackedAt < restartedAt).length} of them while Redis was down; ` +
          `Redis down ${restartedAt - killedAt} ms; first live delivery across instances ${firstLiveAfter - restartedAt} ms after Redis was back; ` +
          `failed send attempts A/B: ${JSON.stringify(ca.sendErrors)}/${JSON.stringify(cb.sendErrors)}; conversation ended ${doneAt - restartedAt} ms after the restart; ` +
          `raw repeats A/B/C: ${ca.repeats(room)}/${cb.repeats(room)}/${back.repeats(room)}; gap syncs A/B: ${ca.gapSyncCount}/${cb.gapSyncCount}`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
