import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import type { TestProject } from 'vitest/node';
import { Database } from '../src/infra/db/database';
import { startS3Server } from './s3-server';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    adminDatabaseUrl: string;
    redisUrl: string;
    redisPrefix: string;
    /** S3_* of the run's S3-compatible server (s3rver, SigV4 checked), for app instances. */
    s3Env: Record<string, string>;
  }
}

/**
 * The cluster suite's real PostgreSQL, Redis and S3: one database, one key prefix and one
 * S3-compatible server (s3rver on loopback, in a temp folder) per run, made here and
 * dropped at the end, whatever the tests did.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  const redisUrl = process.env.TEST_REDIS_URL;
  if (!adminUrl || !redisUrl) {
    throw new Error('The cluster suite needs TEST_DATABASE_URL and TEST_REDIS_URL (see README, "Running the tests").');
  }
  const runId = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const dbName = `discordgym_test_${runId}`;
  await adminQuery(adminUrl, `create database ${dbName}`);
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  const database = Database.open({ url: url.toString(), dataDir: '', poolMax: 2 });
  await database.migrate();
  await database.close();

  const redisPrefix = `dgtest:${runId}:`;
  project.provide('databaseUrl', url.toString());
  project.provide('adminDatabaseUrl', adminUrl);
  project.provide('redisUrl', redisUrl);
  project.provide('redisPrefix', redisPrefix);
  const s3 = await startS3Server();
  project.provide('s3Env', s3.env);

  return async () => {
    await adminQuery(adminUrl, `drop database if exists ${dbName} with (force)`);
    await deleteKeys(redisUrl, redisPrefix);
    await s3.close();
  };
}

export async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function deleteKeys(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      if (keys.length) await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
