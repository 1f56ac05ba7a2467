import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { inject } from 'vitest';
import { createServer, type RunningServer } from '../src/app.factory';
import { loadConfig } from '../src/config/env';
import { adminQuery, deleteKeys } from './cluster.global-setup';

export type TestEnv = Record<string, string | undefined>;

export interface TestServer {
  url: string;
  server: RunningServer;
  close(): Promise<void>;
}

/** Quiet, fast, and generous limits unless a test asks for tight ones. */
const BASE_ENV: TestEnv = {
  NODE_ENV: 'test',
  LOG_LEVEL: 'silent',
  HOST: '127.0.0.1',
  JWT_SECRET: 'test-secret-of-at-least-thirty-two-characters',
  RATE_LIMIT_LOGIN_PER_IP: '1000',
  RATE_LIMIT_LOGIN_PER_ACCOUNT: '1000',
  RATE_LIMIT_REGISTER_PER_IP: '1000',
  RATE_LIMIT_API_PER_USER: '100000',
  RATE_LIMIT_SOCKET_EVENTS_PER_SECOND: '100000',
};

/** A real server on a free loopback port; embedded (PGlite in memory) unless env says otherwise. */
export async function startTestServer(env: TestEnv = {}): Promise<TestServer> {
  const config = loadConfig({ DATA_DIR: 'memory://', ...BASE_ENV, ...env });
  const server = await createServer(config);
  await server.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = server.app.getHttpServer().address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, server, close: () => server.close() };
}

/** The cluster suite's PostgreSQL database, Redis prefix and S3 bucket (see cluster.global-setup.ts). */
export function clusterEnv(): TestEnv {
  return {
    DATABASE_URL: inject('databaseUrl'),
    REDIS_URL: inject('redisUrl'),
    REDIS_KEY_PREFIX: inject('redisPrefix'),
    DATABASE_POOL_MAX: '4',
    ...inject('s3Env'),
  };
}

/** An extra, empty database (and key prefix) for tests that need a cold start. */
export async function scratchCluster(): Promise<{ env: TestEnv; drop(): Promise<void> }> {
  const adminUrl = inject('adminDatabaseUrl');
  const id = randomBytes(4).toString('hex');
  const name = `discordgym_scratch_${id}`;
  await adminQuery(adminUrl, `create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const prefix = `${inject('redisPrefix')}scratch:${id}:`;
  return {
    // The run's bucket is shared: features key their objects by ids, so a fresh database meets no old object.
    env: { DATABASE_URL: url.toString(), REDIS_URL: inject('redisUrl'), REDIS_KEY_PREFIX: prefix, DATABASE_POOL_MAX: '4', ...inject('s3Env') },
    drop: async () => {
      await adminQuery(adminUrl, `drop database if exists ${name} with (force)`);
      await deleteKeys(inject('redisUrl'), prefix);
    },
  };
}
