import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { cspDirectives } from '../../../test/csp';
import { clusterEnv, startTestServer, type TestServer } from '../../../test/harness';
import { startS3Server, type TestS3Server } from '../../../test/s3-server';
import { describeObjectStorageContract } from './object-storage.contract';
import { OBJECT_STORAGE, type ObjectStorage } from './object-storage';
import { S3ObjectStorage, type S3StorageOptions } from './s3-object-storage';

/** The run's s3rver (cluster.global-setup.ts) as S3ObjectStorage options. */
function optionsFromEnv(env: Record<string, string>): S3StorageOptions {
  return {
    endpoint: env.S3_ENDPOINT!,
    bucket: env.S3_BUCKET!,
    region: env.S3_REGION!,
    accessKeyId: env.S3_ACCESS_KEY_ID!,
    secretAccessKey: env.S3_SECRET_ACCESS_KEY!,
    forcePathStyle: true,
  };
}

describeObjectStorageContract('S3 (s3rver, SigV4 checked)', async () => {
  const options = optionsFromEnv(inject('s3Env'));
  const storage = await S3ObjectStorage.open(options);
  return {
    storage,
    resolve: (url) => url,
    variant: ({ wrongSecret, clockOffsetMs }) =>
      S3ObjectStorage.open({ ...options, ...(wrongSecret ? { secretAccessKey: 'not-the-secret-the-server-knows' } : {}), clockOffsetMs }),
    close: () => storage.close(),
  };
});

describe('S3 storage in a cluster-mode app', () => {
  let sut: TestServer;

  beforeAll(async () => {
    sut = await startTestServer(clusterEnv());
  });
  afterAll(() => sut?.close());

  it('is chosen by S3_ENDPOINT; the CSP adds exactly its origin to connect-src, img-src and media-src', async () => {
    const storage = sut.server.app.get<symbol, ObjectStorage>(OBJECT_STORAGE);
    expect(storage.kind).toBe('s3');
    const origin = new URL(inject('s3Env').S3_ENDPOINT!).origin;
    expect(storage.browserOrigin).toBe(origin);
    const csp = cspDirectives((await fetch(`${sut.url}/api/docs`)).headers.get('content-security-policy')!);
    expect(csp['connect-src']).toEqual(["'self'", 'ws:', 'wss:', origin]);
    expect(csp['img-src']).toEqual(["'self'", 'data:', 'blob:', origin]);
    expect(csp['media-src']).toEqual(["'self'", origin]);
    expect(csp['default-src']).toEqual(["'self'"]);
    expect(csp['script-src']).toEqual(["'self'"]);
  });

  it('answers the disk driver\'s routes with 404: with S3 the app never carries the bytes', async () => {
    const response = await fetch(`${sut.url}/api/storage/objects?key=a&exp=9999999999&sig=x`, { method: 'PUT', headers: { 'content-type': 'image/jpeg' }, body: 'abc' });
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
  });
});

describe('test S3 server', () => {
  let s3: TestS3Server;
  beforeAll(async () => {
    s3 = await startS3Server({ bucket: 'cors-check' });
  });
  afterAll(() => s3?.close());

  it('lets a configured browser origin PUT with the signed headers, and no other origin', async () => {
    await s3.allowBrowserOrigins(['http://127.0.0.1:4173']);
    const preflight = (origin: string) =>
      fetch(`${s3.endpoint}/${s3.bucket}/some/key`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'PUT', 'access-control-request-headers': 'content-type' },
      });
    const allowed = await preflight('http://127.0.0.1:4173');
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-methods')).toContain('PUT');
    expect((await preflight('http://evil.example')).status).toBe(403);
  });
});
