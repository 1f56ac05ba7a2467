import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { eventually } from '../test/eventually';
import { buildRegistration } from '../test/factories';
import { startTestServer, type TestServer } from '../test/harness';
import type { RunningServer } from './app.factory';
import { EXIT_CONFIG, type HostProcess, start } from './start';

/** A stand-in for `process`: records what start() writes, exits with and listens for. */
function fakeHost(env: Record<string, string | undefined>) {
  let stderr = '';
  const signals = new Map<string, () => void>();
  const host = {
    env,
    stderr: { write: (text: string) => (stderr += text) },
    exit: vi.fn<(code: number) => void>(),
    on: vi.fn((event: 'SIGTERM' | 'SIGINT', listener: () => void) => signals.set(event, listener)),
  } satisfies HostProcess;
  return { host, stderr: () => stderr, signal: (name: string) => signals.get(name)?.() };
}

const GOOD_ENV = {
  NODE_ENV: 'test',
  HOST: '127.0.0.1',
  PORT: '0',
  DATA_DIR: 'memory://',
  LOG_LEVEL: 'silent',
  JWT_SECRET: 'a-test-secret-that-is-long-enough-to-use',
};

const baseUrl = (server: RunningServer) => `http://127.0.0.1:${(server.app.getHttpServer().address() as AddressInfo).port}`;

/**
 * A POST whose body arrives in two parts: resolves `received` once the server has the
 * request (headers and half the body) in hand; `finish()` sends the rest.
 */
function slowPost(url: string, path: string, body: unknown) {
  const payload = Buffer.from(JSON.stringify(body));
  const target = new URL(path, url);
  let resolveAnswer: (value: { status: number; body: string }) => void;
  let rejectAnswer: (error: Error) => void;
  const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
    resolveAnswer = resolve;
    rejectAnswer = reject;
  });
  const req = httpRequest(
    {
      host: target.hostname,
      port: target.port,
      path: target.pathname,
      method: 'POST',
      agent: false,
      headers: { 'content-type': 'application/json', 'content-length': String(payload.length) },
    },
    (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolveAnswer({ status: res.statusCode ?? 0, body: text }));
      res.on('error', rejectAnswer);
    },
  );
  req.on('error', (error) => rejectAnswer(error));
  const half = Math.floor(payload.length / 2);
  req.write(payload.subarray(0, half));
  return { answer, finish: () => req.end(payload.subarray(half)) };
}

/** Resolves once the server has begun handling one request (its headers are parsed). */
function nextRequestSeen(server: RunningServer): Promise<void> {
  return new Promise((resolve) => server.app.getHttpServer().once('request', () => resolve()));
}

/** Resolves once nothing listens on `url` any more. */
const stoppedListening = (url: string) =>
  eventually('the server to stop accepting connections', () =>
    fetch(`${url}/health`, { headers: { connection: 'close' } }).then(
      () => undefined,
      () => true,
    ),
  );

describe('start', () => {
  let running: RunningServer | undefined;
  afterEach(async () => {
    await running?.close().catch(() => undefined);
    running = undefined;
  });

  it('refuses NODE_ENV=production without JWT_SECRET: exit 78 and the problem on stderr', async () => {
    const { host, stderr } = fakeHost({ NODE_ENV: 'production', DATA_DIR: 'memory://' });
    running = await start(host);
    expect(running).toBeUndefined();
    expect(host.exit).toHaveBeenCalledExactlyOnceWith(EXIT_CONFIG);
    expect(EXIT_CONFIG).toBe(78);
    expect(stderr()).toMatch(/^Invalid configuration:\n {2}- JWT_SECRET: is required when NODE_ENV=production\n$/);
    expect(host.on).not.toHaveBeenCalled();
  });

  it('lists every problem on stderr before exiting', async () => {
    const { host, stderr } = fakeHost({ NODE_ENV: 'production', JWT_SECRET: 'change-me', PORT: 'eighty', REDIS_URL: 'http://cache' });
    running = await start(host);
    expect(running).toBeUndefined();
    expect(host.exit).toHaveBeenCalledExactlyOnceWith(78);
    for (const name of ['JWT_SECRET', 'PORT', 'REDIS_URL']) expect(stderr()).toContain(`- ${name}: `);
  });

  it('serves on PORT, and on SIGTERM finishes in-flight requests, closes and exits 0', async () => {
    const { host, signal, stderr } = fakeHost(GOOD_ENV);
    running = await start(host);
    expect(running).toBeDefined();
    const server = running!;
    const url = baseUrl(server);
    expect((await fetch(`${url}/health`)).status).toBe(200);
    expect(host.on).toHaveBeenCalledWith('SIGTERM', expect.any(Function));
    expect(host.on).toHaveBeenCalledWith('SIGINT', expect.any(Function));

    const seen = nextRequestSeen(server);
    const inFlight = slowPost(url, '/api/auth/register', buildRegistration());
    await seen;
    signal('SIGTERM');
    signal('SIGTERM'); // a second signal does not start a second shutdown
    await stoppedListening(url);
    expect(host.exit).not.toHaveBeenCalled();

    inFlight.finish();
    const answer = await inFlight.answer;
    expect(answer.status, answer.body).toBe(201);
    await eventually('exit', async () => (host.exit.mock.calls.length ? true : undefined));
    expect(host.exit).toHaveBeenCalledExactlyOnceWith(0);
    expect(stderr()).toBe('');
    running = undefined;
  });
});

describe('RunningServer.close', () => {
  let sut: TestServer | undefined;
  afterEach(async () => {
    await sut?.close().catch(() => undefined);
    sut = undefined;
  });

  it('stops accepting connections but lets an in-flight request finish, database and all', async () => {
    sut = await startTestServer();
    expect((await fetch(`${sut.url}/health`, { headers: { connection: 'close' } })).status).toBe(200);
    const seen = nextRequestSeen(sut.server);
    const registration = buildRegistration();
    const inFlight = slowPost(sut.url, '/api/auth/register', registration);
    await seen;

    let closed = false;
    const closing = sut.close().then(() => {
      closed = true;
    });
    await stoppedListening(sut.url);
    expect(closed).toBe(false);

    inFlight.finish();
    const answer = await inFlight.answer;
    // 201 means the handler ran to the end: hashed, inserted and committed while closing.
    expect(answer.status, answer.body).toBe(201);
    expect(JSON.parse(answer.body).user.email).toBe(registration.email);
    await closing;
    expect(closed).toBe(true);
    sut = undefined;
  });
});
