import { connect } from 'node:net';
import { ErrorBody } from '@discordgym/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, type ApiResponse } from '../test/api-client';
import { expectError } from '../test/expect-error';
import { registerUser } from '../test/factories';
import { startTestServer, type TestServer } from '../test/harness';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ALLOWED = 'http://allowed.example';

/** Sends bytes as they are, for requests no HTTP client would produce; resolves with the raw answer. */
function rawRequest(url: string, bytes: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port) }, () => socket.write(bytes));
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('end', () => resolve(answer));
    socket.on('close', () => resolve(answer));
    socket.on('error', (error) => (answer ? resolve(answer) : reject(error)));
  });
}

function parseRaw(answer: string): { status: number; headers: string; body: unknown } {
  const [head, body] = answer.split('\r\n\r\n', 2) as [string, string];
  return { status: Number(head.split(' ')[1]), headers: head.toLowerCase(), body: JSON.parse(body) };
}

describe('HTTP edge: request ids, security headers, CORS, refused requests', () => {
  let sut: TestServer;
  let api: ApiClient;
  let token: string;

  beforeAll(async () => {
    sut = await startTestServer({ CORS_ORIGINS: `${ALLOWED},https://app.example` });
    api = new ApiClient(sut.url);
    token = (await registerUser(api)).auth.token;
  });
  afterAll(() => sut?.close());

  /** A response of every kind: success, each error class, and outside /api. */
  const variety = (): Array<[string, () => Promise<ApiResponse>]> => [
    ['200 /health', () => api.get('/health')],
    ['200 /api/auth/me', () => api.get('/api/auth/me', { token })],
    ['401', () => api.get('/api/auth/me')],
    ['400 invalid JSON', () => api.post('/api/auth/login', undefined, { raw: '{' })],
    ['400 bad URL', () => api.get('/api/users/%E0%A4%A', { token })],
    ['404 unknown route', () => api.get('/api/nothing-here')],
    ['413 body', () => api.post('/api/auth/login', { email: 'a@b.cd', password: 'x'.repeat(300_000) })],
    ['415', () => api.post('/api/auth/login', undefined, { raw: 'email=a', headers: { 'content-type': 'application/x-www-form-urlencoded' } })],
  ];

  describe('x-request-id', () => {
    it('is on every response, a fresh UUID for each request', async () => {
      const ids: string[] = [];
      for (const [label, send] of variety()) {
        const id = (await send()).headers.get('x-request-id');
        expect(id, label).toMatch(UUID);
        ids.push(id!);
      }
      expect(new Set(ids).size).toBe(ids.length);
    });

    it('echoes a sane incoming id', async () => {
      for (const id of ['abc-123', 'trace.span:42_x', 'a'.repeat(64), '550e8400-e29b-41d4-a716-446655440000']) {
        expect((await api.get('/health', { headers: { 'x-request-id': id } })).headers.get('x-request-id')).toBe(id);
        expect((await api.get('/api/auth/me', { headers: { 'x-request-id': id } })).headers.get('x-request-id')).toBe(id);
      }
    });

    it('replaces an incoming id that is too long or carries odd characters', async () => {
      for (const id of ['a'.repeat(65), 'with space', '<script>', 'line\tbreak', 'quote"d', '']) {
        const echoed = (await api.get('/health', { headers: { 'x-request-id': id } })).headers.get('x-request-id');
        expect(echoed, JSON.stringify(id)).toMatch(UUID);
      }
    });
  });

  describe('security headers', () => {
    it('are on every response, errors included', async () => {
      for (const [label, send] of variety().filter(([l]) => l !== '400 bad URL')) {
        const headers = (await send()).headers;
        const csp = headers.get('content-security-policy') ?? '';
        expect(csp, label).toContain("frame-ancestors 'none'");
        expect(csp, label).toContain("default-src 'self'");
        expect(csp, label).toContain("object-src 'none'");
        expect(csp, label).toMatch(/script-src 'self'(;|$)/);
        expect(csp, label).not.toContain('unsafe-eval');
        expect(headers.get('x-content-type-options'), label).toBe('nosniff');
        expect(headers.get('x-frame-options'), label).toBe('DENY');
        expect(headers.get('referrer-policy'), label).toBe('no-referrer');
        expect(headers.get('strict-transport-security'), label).toMatch(/max-age=\d{7,}/);
        expect(headers.get('cross-origin-opener-policy'), label).toBe('same-origin');
        expect(headers.get('x-powered-by'), label).toBeNull();
      }
    });
  });

  describe('CORS', () => {
    it('lets an allowed origin read answers, with credentials', async () => {
      for (const origin of [ALLOWED, 'https://app.example']) {
        const response = await api.get('/api/auth/me', { token, headers: { origin } });
        expect(response.status).toBe(200);
        expect(response.headers.get('access-control-allow-origin')).toBe(origin);
        expect(response.headers.get('access-control-allow-credentials')).toBe('true');
        expect(response.headers.get('access-control-expose-headers')).toContain('x-request-id');
        expect(response.headers.get('vary')).toMatch(/origin/i);
      }
    });

    it('answers an allowed preflight', async () => {
      const response = await api.request('OPTIONS', '/api/auth/login', undefined, {
        headers: { origin: ALLOWED, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' },
      });
      expect(response.status).toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBe(ALLOWED);
      expect(response.headers.get('access-control-allow-methods')).toContain('POST');
      expect(response.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
    });

    it('gives a foreign origin nothing to read', async () => {
      for (const origin of ['http://evil.example', `${ALLOWED}.evil.example`, 'http://allowed.example:8080', 'null', ALLOWED.replace('http:', 'https:')]) {
        const simple = await api.get('/api/auth/me', { token, headers: { origin } });
        expect(simple.headers.get('access-control-allow-origin'), origin).toBeNull();
        expect(simple.headers.get('access-control-allow-credentials'), origin).toBeNull();
        const preflight = await api.request('OPTIONS', '/api/auth/login', undefined, {
          headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
        });
        expect(preflight.headers.get('access-control-allow-origin'), origin).toBeNull();
        expect(preflight.headers.get('access-control-allow-methods'), origin).toBeNull();
      }
    });
  });

  describe('requests refused before they reach a handler', () => {
    it('answers a bad URL encoding with 400 in the error shape', async () => {
      expectError(await api.get('/api/users/%E0%A4%A', { token }), 400, 'VALIDATION_FAILED');
      expectError(await api.delete('/api/auth/sessions/%', { token }), 400, 'VALIDATION_FAILED');
    });

    it('answers headers past the limit with 413 in the error shape', async () => {
      const response = await api.get('/api/auth/me', { token, headers: { cookie: `c=${'x'.repeat(20_000)}` } });
      expectError(response, 413, 'PAYLOAD_TOO_LARGE');
    });

    it('answers malformed HTTP with 400 in the error shape', async () => {
      for (const bytes of ['NOT A REQUEST\r\n\r\n', 'GET /health HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n', 'G\u0000T / HTTP/1.1\r\n\r\n']) {
        const answer = parseRaw(await rawRequest(sut.url, bytes));
        expect(answer.status, JSON.stringify(bytes)).toBe(400);
        expect(answer.headers).toContain('content-type: application/json');
        expect(ErrorBody.parse(answer.body).error.code).toBe('VALIDATION_FAILED');
      }
    });

    it('keeps serving after all of these', async () => {
      expect((await api.get('/api/auth/me', { token })).status).toBe(200);
    });
  });
});
