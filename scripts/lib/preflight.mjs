#!/usr/bin/env node
// Before the API processes start: the PostgreSQL database exists (created when missing)
// and Redis answers. Exits non-zero with one line saying what is wrong.
//   node scripts/lib/preflight.mjs            uses DATABASE_URL and REDIS_URL
import { Redis } from 'ioredis';
import pg from 'pg';

const databaseUrl = process.env.DATABASE_URL;
const redisUrl = process.env.REDIS_URL;

async function ensureDatabase(url) {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`database name "${name}" must be letters, digits and _`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString(), connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) {
      await client.query(`create database "${name}"`);
      console.log(`created database ${name}`);
    }
  } finally {
    await client.end();
  }
}

async function pingRedis(url) {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 5_000, retryStrategy: () => null });
  try {
    await redis.connect();
    await redis.ping();
  } finally {
    redis.disconnect();
  }
}

try {
  if (databaseUrl) await ensureDatabase(databaseUrl);
} catch (error) {
  console.error(`PostgreSQL at ${redact(databaseUrl)} is not usable: ${error.message}`);
  process.exit(1);
}
try {
  if (redisUrl) await pingRedis(redisUrl);
} catch (error) {
  console.error(`Redis at ${redact(redisUrl)} is not usable: ${error.message}`);
  process.exit(1);
}

function redact(url) {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}
