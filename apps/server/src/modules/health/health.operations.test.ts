import pino from 'pino';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from '../../app.factory';
import { loadConfig } from '../../config/env';
import { ApiClient } from '../../../test/api-client';
import { expectError } from '../../../test/expect-error';
import { registerUser } from '../../../test/factories';
import { startTestServer, type TestServer } from '../../../test/harness';

/** One Prometheus sample line: name, labels, value. */
interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (-?[0-9.eE+-]+|NaN|[+-]Inf)$/;

function parsePrometheus(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('# HELP ') || line.startsWith('# TYPE ')) continue;
    const match = SAMPLE.exec(line);
    expect(match, `not a Prometheus sample line: ${line}`).not.toBeNull();
    const labels = Object.fromEntries([...(match![2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1]!, m[2]!]));
    samples.push({ name: match![1]!, labels, value: Number(match![3]) });
  }
  return samples;
}

describe('operations: health, readiness and metrics', () => {
  let sut: TestServer;
  let api: ApiClient;

  beforeAll(async () => {
    sut = await startTestServer();
    api = new ApiClient(sut.url);
  });
  afterAll(() => sut?.close());

  it('answers /health with 200 and no sign-in', async () => {
    const response = await api.get('/health');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok' });
  });

  it('answers /ready with 200 and the state of each dependency', async () => {
    const response = await api.get('/ready');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ready', checks: { database: 'ok', memory: 'ok' } });
  });

  it('exports Prometheus text: request durations by route template and status, process and event-loop metrics', async () => {
    const user = await registerUser(api);
    const unknownId = uuidv7();
    const strayPath = `/api/no-such-thing-${uuidv7()}`;
    expect((await api.get(`/api/users/${user.auth.user.id}`, { token: user.auth.token })).status).toBe(200);
    expect((await api.get(`/api/users/${user.auth.user.id}`, { token: user.auth.token })).status).toBe(200);
    expect((await api.get(`/api/users/${unknownId}`, { token: user.auth.token })).status).toBe(404);
    expect((await api.get(strayPath)).status).toBe(404);

    const response = await api.get('/metrics');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = response.body as string;
    expect(text).toContain('# TYPE http_request_duration_seconds histogram');
    const samples = parsePrometheus(text);

    const counts = samples.filter((s) => s.name === 'http_request_duration_seconds_count');
    const count = (route: string, status: string) =>
      counts.find((s) => s.labels.method === 'GET' && s.labels.route === route && s.labels.status_code === status)?.value;
    expect(count('/api/users/:id', '200')).toBe(2);
    expect(count('/api/users/:id', '404')).toBe(1);
    expect(counts.find((s) => s.labels.route === '/api/auth/register' && s.labels.status_code === '201')).toBeDefined();
    const buckets = samples.filter((s) => s.name === 'http_request_duration_seconds_bucket' && s.labels.route === '/api/users/:id' && s.labels.status_code === '200');
    expect(buckets.find((s) => s.labels.le === '+Inf')?.value).toBe(2);
    // Route templates only: concrete ids and unmatched paths would explode the label set.
    expect(text).not.toContain(user.auth.user.id);
    expect(text).not.toContain(unknownId);
    expect(text).not.toContain(strayPath);
    for (const sample of counts) expect(sample.labels.route).toMatch(/^(\/[a-z0-9/:*._-]*|unmatched)$/);

    const names = new Set(samples.map((s) => s.name));
    for (const name of [
      'process_cpu_user_seconds_total',
      'process_resident_memory_bytes',
      'process_start_time_seconds',
      'nodejs_eventloop_lag_seconds',
      'nodejs_eventloop_lag_p99_seconds',
      'nodejs_heap_size_used_bytes',
    ]) {
      expect(names, name).toContain(name);
    }
  });
});

describe('operations: an unexpected failure', () => {
  let sut: TestServer;
  let api: ApiClient;

  beforeAll(async () => {
    sut = await startTestServer();
    api = new ApiClient(sut.url);
  });
  afterAll(() => sut?.close());

  it('answers INTERNAL without internals when the database is gone, and /ready says so', async () => {
    const user = await registerUser(api);
    expect((await api.get('/ready')).status).toBe(200);
    await sut.server.infra.database.close();

    const attempts = [
      () => api.post('/api/auth/login', { email: user.email, password: user.password }, { headers: { 'x-request-id': 'failing-login-1' } }),
      () => api.get(`/api/users/${user.auth.user.id}`, { token: user.auth.token, headers: { 'x-request-id': 'failing-read-2' } }),
      () => api.post('/api/auth/register', { username: 'late_comer', email: 'late@example.test', password: 'a perfectly fine password' }),
    ];
    for (const attempt of attempts) {
      const response = await attempt();
      expectError(response, 500, 'INTERNAL');
      expect(response.body).toEqual({ error: { code: 'INTERNAL', message: 'Something went wrong on our side' } });
      expect(JSON.stringify(response.body)).not.toMatch(/pglite|sql|select|insert|closed|stack|\.ts:|node_modules/i);
      expect(response.headers.get('x-request-id')).toBeTruthy();
    }
    const echoed = await attempts[0]!();
    expect(echoed.headers.get('x-request-id')).toBe('failing-login-1');

    const ready = await api.get('/ready');
    expect(ready.status).toBe(503);
    expect(ready.body).toEqual({ status: 'not_ready', checks: { database: 'down', memory: 'ok' } });
    // Liveness does not depend on the database: a restart would not bring it back.
    expect((await api.get('/health')).status).toBe(200);
  });
});

describe('operations: the log of an unexpected failure', () => {
  it('logs the error with the request id and answers without its message', async () => {
    const lines: Array<Record<string, any>> = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
    const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: 'memory://', JWT_SECRET: 'test-secret-of-at-least-thirty-two-characters' });
    const server = await createServer(config, { logger });
    try {
      await server.infra.database.close();
      const response = await server.app.getHttpAdapter().getInstance().inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'x-request-id': 'trace-this-500' },
        payload: { email: 'someone@example.test', password: 'whatever it is' },
      });
      expect(response.statusCode).toBe(500);
      const logged = lines.find((line) => line.reqId === 'trace-this-500' && line.level === 50);
      expect(logged, JSON.stringify(lines)).toMatchObject({ msg: 'unhandled error', err: { message: expect.any(String) } });
      // What went wrong is in the log; the answer says none of it.
      const internal = logged!.err.message.split('\n')[0].slice(0, 24);
      expect(internal.length).toBeGreaterThan(5);
      expect(response.body).not.toContain(internal);
      expect(JSON.parse(response.body)).toEqual({ error: { code: 'INTERNAL', message: 'Something went wrong on our side' } });
    } finally {
      await server.close();
    }
  });
});
