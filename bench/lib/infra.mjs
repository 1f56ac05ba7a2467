// Databases, Redis keys and tools the bench creates for itself, and removes again.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import { runProgram } from './procs.mjs';

/** postgres://…/<db> for the same server as `adminUrl`. */
export function databaseUrl(adminUrl, name) {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function createDatabase(adminUrl, name) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`create database "${name}"`);
  } finally {
    await client.end();
  }
  return databaseUrl(adminUrl, name);
}

export async function dropDatabase(adminUrl, name) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`drop database if exists "${name}" with (force)`);
  } finally {
    await client.end();
  }
}

/** Applies the server's committed migrations (drizzle SQL files, in order) to `url`. */
export async function applyMigrations(url, migrationsDir) {
  const files = readdirSync(migrationsDir).filter((f) => /^\d+_.*\.sql$/.test(f)).sort();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const file of files) {
      const text = readFileSync(path.join(migrationsDir, file), 'utf8');
      for (const statement of text.split('--> statement-breakpoint')) {
        if (statement.trim()) await client.query(statement);
      }
    }
  } finally {
    await client.end();
  }
}

/**
 * For the embedded mode's B_pg: one user, one room, `count` messages of the bench's
 * size in native PostgreSQL, so the same keyset SQL has the same data shape to read.
 */
export async function seedHistory(url, { userId, roomId, count, content }) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`insert into users (id, username, discriminator, email, password_hash) values ($1, 'bench', '0001', 'bench@bench.test', 'x')`, [userId]);
    await client.query(`insert into chatrooms (id, name, is_group, created_by, last_seq) values ($1, 'history', true, $2, $3)`, [roomId, userId, count]);
    await client.query(`insert into chatroom_participants (chatroom_id, user_id, role) values ($1, $2, 'owner')`, [roomId, userId]);
    await client.query(
      `insert into messages (id, chatroom_id, seq, sender_id, client_id, content)
       select gen_random_uuid(), $1, g, $2, 'seed-' || g, $3 from generate_series(1, $4::int) g`,
      [roomId, userId, content, count],
    );
    await client.query('analyze');
  } finally {
    await client.end();
  }
}

/** Deletes every key under `prefix` (the bench's own REDIS_KEY_PREFIX). */
export async function deleteRedisPrefix(redisUrl, prefix) {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 2 });
  redis.on('error', () => undefined);
  await redis.connect();
  let deleted = 0;
  try {
    let cursor = '0';
    for (let i = 0; i < 100_000; i++) {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      if (keys.length) deleted += await redis.unlink(...keys);
      cursor = next;
      if (cursor === '0') break;
    }
  } finally {
    redis.disconnect();
  }
  return deleted;
}

export async function redisReachable(redisUrl) {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 2000, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

export async function postgresReachable(adminUrl) {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The path of a program on PATH, or undefined. */
function which(cmd) {
  try {
    return execFileSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * A program from Debian's package of the same name: found on PATH (or at `fallbackPath`), else
 * installed with apt-get when we are root; undefined when neither works.
 */
export async function ensureDebianProgram(name, log, fallbackPath) {
  const find = () => which(name) ?? (fallbackPath && existsSync(fallbackPath) ? fallbackPath : undefined);
  const found = find();
  if (found) return found;
  if (process.getuid?.() !== 0 || !which('apt-get')) return undefined;
  log(`${name} is missing: apt-get install -y ${name}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const first = await runProgram('apt-get', ['install', '-y', '-q', name], { env, timeoutMs: 300_000 });
  if (first.code !== 0) {
    // A fresh machine may not have the package lists yet.
    await runProgram('apt-get', ['update', '-q'], { env, timeoutMs: 300_000 });
    await runProgram('apt-get', ['install', '-y', '-q', name], { env, timeoutMs: 300_000 });
  }
  return find();
}

/** wrk from Debian's package. */
export function ensureWrk(log) {
  return ensureDebianProgram('wrk', log);
}

/** Runs wrk once and parses its summary (req/s, latency percentiles, errors). */
export async function runWrk(wrkPath, { url, connections, seconds, script, env }) {
  const args = ['-t1', `-c${connections}`, `-d${seconds}s`, '--latency', '--timeout', '5s', '-s', script, url];
  const result = await runProgram(wrkPath, args, { env: { ...process.env, ...env }, timeoutMs: (seconds + 30) * 1000 });
  const out = result.stdout;
  const num = (re) => {
    const m = re.exec(out);
    return m ? Number(m[1]) : NaN;
  };
  const latency = (pct) => {
    const m = new RegExp(`^\\s+${pct}%\\s+([\\d.]+)(us|ms|s)\\s*$`, 'm').exec(out);
    if (!m) return NaN;
    const value = Number(m[1]);
    return m[2] === 'us' ? value / 1000 : m[2] === 's' ? value * 1000 : value;
  };
  const socketErrors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const parsed = {
    rps: num(/Requests\/sec:\s+([\d.]+)/),
    requests: num(/(\d+) requests in/),
    p50: latency(50),
    p99: latency(99),
    non2xx: num(/Non-2xx or 3xx responses: (\d+)/) || 0,
    socketErrors: socketErrors ? socketErrors.slice(1).reduce((n, v) => n + Number(v), 0) : 0,
  };
  if (result.code !== 0 || !Number.isFinite(parsed.rps)) throw new Error(`wrk failed (${result.code}): ${result.stderr || out}`);
  return parsed;
}
