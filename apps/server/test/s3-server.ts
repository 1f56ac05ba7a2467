import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * A real S3-compatible server for the tests: `@20minutes/s3rver` 4.0.4 (5.x needs Node
 * 24) on 127.0.0.1, a free port, a temp folder and one bucket. It checks SigV4 on every
 * request with the one key pair made here (its built-in S3RVER/S3RVER pair is revoked),
 * so a wrong secret, another content type or another length get 403 as on AWS.
 *
 * What s3rver 4.0.4 lacks is added in front of its router, behind its own SigV4 check:
 * - anonymous requests are refused (s3rver lets unsigned requests through; a real bucket
 *   is private);
 * - ListParts and AbortMultipartUpload (s3rver answers them with 405), and a part PUT to
 *   an aborted or unknown upload is NoSuchUpload (s3rver would recreate the upload).
 */
export interface TestS3Server {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** The S3_* variables an app instance needs to use this server. */
  env: Record<string, string>;
  /** Lets browsers at `origins` PUT and GET directly (the e2e web app), exposing ETag. */
  allowBrowserOrigins(origins: string[]): Promise<void>;
  close(): Promise<void>;
}

interface KoaContext {
  method: string;
  path: string;
  query: Record<string, string | undefined>;
  headers: Record<string, string | string[] | undefined>;
  params: Record<string, string | undefined>;
  state: Record<string, unknown>;
  status: number;
  body: unknown;
  store: { getResourcePath(bucket: string, key: string | undefined, resource: string): string };
}
type Next = () => Promise<void>;
type Middleware = (ctx: KoaContext, next: Next) => Promise<void>;

interface S3rverInstance {
  middleware: Middleware[];
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
  store: {
    putSubresource(bucket: string, key: string | undefined, resource: unknown): Promise<void>;
  };
}


const load = createRequire(__filename);
const S3rver = load('@20minutes/s3rver') as new (options: Record<string, unknown>) => S3rverInstance;
const AWSAccount = load('@20minutes/s3rver/lib/models/account') as (new (id: number, name: string) => { createKeyPair(id: string, secret: string): void }) & {
  DUMMY_ACCOUNT: { revokeAccessKey(id: string): void };
};
const authentication = (load('@20minutes/s3rver/lib/middleware/authentication') as () => Middleware)();
const S3Error = load('@20minutes/s3rver/lib/models/error') as new (code: string, message: string, detail?: Record<string, unknown>) => Error;
const { getConfigModel } = load('@20minutes/s3rver/lib/models/config') as { getConfigModel(type: 'cors'): { validate(xml: string): unknown } };
const OBJECT_SUFFIX = '._S3rver_object';

export async function startS3Server(options: { bucket?: string } = {}): Promise<TestS3Server> {
  const bucket = options.bucket ?? 'discordgym-test';
  const accessKeyId = `TEST${randomBytes(8).toString('hex').toUpperCase()}`;
  const secretAccessKey = randomBytes(24).toString('base64url');
  // The registry is process-wide: the well-known pair would let any test in without our secret.
  AWSAccount.DUMMY_ACCOUNT.revokeAccessKey('S3RVER');
  new AWSAccount(100000000001, 'discordgym-test').createKeyPair(accessKeyId, secretAccessKey);

  const directory = await mkdtemp(path.join(tmpdir(), 'discordgym-s3-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    vhostBuckets: false,
    configureBuckets: [{ name: bucket }],
  });
  // Just before s3rver's router, after its XML encoder: plain objects in ctx.body become XML.
  server.middleware.splice(server.middleware.length - 1, 0, missingFeatures);
  const address = await server.run();
  const endpoint = `http://127.0.0.1:${address.port}`;
  const region = 'us-east-1';

  return {
    endpoint,
    bucket,
    region,
    accessKeyId,
    secretAccessKey,
    env: {
      S3_ENDPOINT: endpoint,
      S3_BUCKET: bucket,
      S3_REGION: region,
      S3_ACCESS_KEY_ID: accessKeyId,
      S3_SECRET_ACCESS_KEY: secretAccessKey,
      S3_FORCE_PATH_STYLE: 'true',
    },
    allowBrowserOrigins: async (origins) => {
      const xml = corsConfiguration(origins);
      await server.store.putSubresource(bucket, undefined, getConfigModel('cors').validate(xml));
    },
    close: async () => {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

/** CORS for browsers PUTting to presigned URLs: the signed headers allowed, ETag readable (multipart needs it). */
export function corsConfiguration(origins: string[]): string {
  const rules = origins
    .map(
      (origin) => `  <CORSRule>
    <AllowedOrigin>${origin}</AllowedOrigin>
    <AllowedMethod>GET</AllowedMethod>
    <AllowedMethod>HEAD</AllowedMethod>
    <AllowedMethod>PUT</AllowedMethod>
    <AllowedHeader>*</AllowedHeader>
    <ExposeHeader>ETag</ExposeHeader>
    <MaxAgeSeconds>600</MaxAgeSeconds>
  </CORSRule>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<CORSConfiguration>\n${rules}\n</CORSConfiguration>`;
}

/** What AWS's SigV4 uses for query values too; s3rver 4.0.4 uses plain encodeURIComponent there. */
const encodeComponent = globalThis.encodeURIComponent;
const encodeRfc3986 = (value: string | number | boolean) =>
  encodeComponent(value).replace(/[!'()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * s3rver's own SigV4 check, with two of its canonicalisation slips mended: query values
 * encoded as RFC 3986 demands (an `'` in a signed response-content-disposition) and the
 * trailing `/` the SDK signs on bucket requests (`/bucket/?list-type=2`). Its check runs
 * synchronously up to `next`, so the encoder is swapped only for that span. A request
 * that passes has its signature removed and its account set, so s3rver's router sees an
 * already authenticated request.
 */
async function verifySignature(ctx: KoaContext, bucket: string, key: string | undefined): Promise<void> {
  ctx.params = { ...ctx.params, bucket: key === undefined && ctx.path.endsWith('/') ? `${bucket}/` : bucket, key };
  let passed = false;
  globalThis.encodeURIComponent = encodeRfc3986;
  let check: Promise<void>;
  try {
    check = authentication(ctx, async () => {
      passed = true;
    });
  } finally {
    globalThis.encodeURIComponent = encodeComponent;
  }
  await check;
  if (!passed) throw new S3Error('AccessDenied', 'Access Denied');
  ctx.params = { ...ctx.params, bucket, key };
  delete ctx.headers.authorization;
  const query = { ...ctx.query };
  for (const name of Object.keys(query)) if (/^X-Amz-(Algorithm|Credential|Date|Expires|SignedHeaders|Signature|Security-Token)$/i.test(name)) delete query[name];
  (ctx as unknown as { query: Record<string, string | undefined> }).query = query;
}

const missingFeatures: Middleware = async (ctx, next) => {
  if (ctx.method === 'OPTIONS') return next();
  const signed = 'authorization' in ctx.headers || 'X-Amz-Algorithm' in ctx.query || 'Signature' in ctx.query;
  if (!signed) throw new S3Error('AccessDenied', 'Access Denied');
  const match = /^\/([^/]+)(?:\/(.*))?$/.exec(ctx.path);
  if (!match) return next();
  const bucket = match[1]!;
  const key = match[2] ? decodeURIComponent(match[2]) : undefined;
  await verifySignature(ctx, bucket, key);

  if (key === undefined && ctx.method === 'GET' && ctx.query['list-type'] === '2') {
    ctx.body = await listObjectsV2(ctx, bucket);
    return;
  }
  const uploadId = ctx.query.uploadId;
  if (key === undefined || uploadId === undefined) return next();
  const uploadDir = path.join(ctx.store.getResourcePath(bucket, undefined, 'uploads'), path.basename(uploadId));
  const uploadKey = await readFile(path.join(uploadDir, 'key'), 'utf8').catch(() => null);
  // s3rver would recreate an aborted upload on its next part.
  if (uploadKey !== key) throw new S3Error('NoSuchUpload', 'The specified upload does not exist.', { UploadId: uploadId });
  const parts = await storedParts(uploadDir);

  if (ctx.method === 'DELETE') {
    await rm(uploadDir, { recursive: true, force: true });
    ctx.status = 204;
    ctx.body = '';
    return;
  }
  if (ctx.method === 'GET' && ctx.query.partNumber === undefined) {
    ctx.body = { ListPartsResult: { Bucket: bucket, Key: key, UploadId: uploadId, IsTruncated: false, Part: parts } };
    return;
  }
  if (ctx.method === 'POST') {
    // S3's rule, which s3rver skips: every part but the last is at least 5 MiB.
    if (parts.slice(0, -1).some((part) => part.Size < 5 * 1024 * 1024)) {
      throw new S3Error('EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed object size.');
    }
  }
  return next();
};

async function storedParts(uploadDir: string): Promise<Array<{ PartNumber: number; ETag: string; Size: number; LastModified: string }>> {
  const parts: Array<{ PartNumber: number; ETag: string; Size: number; LastModified: string }> = [];
  for (const name of await readdir(uploadDir)) {
    if (!/^\d+$/.test(name)) continue;
    // A part whose upload broke off has no .md5 yet: not stored.
    const md5 = await readFile(path.join(uploadDir, `${name}.md5`), 'utf8').catch(() => null);
    if (md5 === null) continue;
    const info = await stat(path.join(uploadDir, name));
    parts.push({ PartNumber: Number(name), ETag: JSON.stringify(md5), Size: info.size, LastModified: info.mtime.toISOString() });
  }
  return parts.sort((a, b) => a.PartNumber - b.PartNumber);
}

/**
 * ListObjectsV2 as S3 answers it: keys in byte order, prefix and start-after (or the
 * continuation token) applied to the whole key. s3rver 4.0.4 walks folders in file-system
 * order and makes continuation tokens with a cipher OpenSSL 3 no longer has. Test data is
 * small: every key of the bucket is read and sorted.
 */
async function listObjectsV2(ctx: KoaContext, bucket: string) {
  const prefix = ctx.query.prefix ?? '';
  const token = ctx.query['continuation-token'];
  const startAfter = token ? Buffer.from(token, 'base64url').toString() : (ctx.query['start-after'] ?? '');
  const maxKeys = Math.min(Number(ctx.query['max-keys'] ?? 1000), 1000);
  const root = path.dirname(ctx.store.getResourcePath(bucket, 'probe', 'object'));
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const all = entries
    .filter((entry) => entry.isFile() && entry.name.endsWith(OBJECT_SUFFIX))
    .map((entry) => ({ file: path.join(entry.parentPath, entry.name), key: path.relative(root, path.join(entry.parentPath, entry.name)).slice(0, -OBJECT_SUFFIX.length).split(path.sep).join('/') }))
    .filter(({ key }) => key.startsWith(prefix) && key > startAfter)
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const page = all.slice(0, maxKeys);
  const truncated = all.length > maxKeys;
  const contents = await Promise.all(
    page.map(async ({ file, key }) => {
      const info = await stat(file);
      return { Key: key, LastModified: info.mtime.toISOString(), Size: info.size, StorageClass: 'STANDARD' };
    }),
  );
  return {
    ListBucketResult: {
      '@': { xmlns: 'http://s3.amazonaws.com/doc/2006-03-01/' },
      Name: bucket,
      Prefix: prefix,
      ...(ctx.query['start-after'] ? { StartAfter: ctx.query['start-after'] } : {}),
      MaxKeys: maxKeys,
      KeyCount: contents.length,
      IsTruncated: truncated,
      ...(truncated ? { NextContinuationToken: Buffer.from(page[page.length - 1]!.key).toString('base64url') } : {}),
      Contents: contents,
    },
  };
}
