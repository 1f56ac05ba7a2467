// A loopback S3-compatible server for the album scenarios in the cluster mode:
// `@20minutes/s3rver` 4.0.4 (SigV4-checking; 5.x needs Node 24) with one bucket and its
// built-in S3RVER/S3RVER key pair. It answers GET /health for waitHealthy.
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

const require = createRequire(import.meta.url);
const S3rver = require('@20minutes/s3rver');
const port = Number(process.env.PORT);
const bucket = process.env.S3_BUCKET ?? 'dgbench';
const directory = mkdtempSync(path.join(os.tmpdir(), 'dgbench-s3-'));
const server = new S3rver({
  address: '127.0.0.1',
  port,
  silent: true,
  directory,
  configureBuckets: [{ name: bucket, configs: [] }],
  allowMismatchedSignatures: false,
});
// s3rver answers `/health` as a bucket name; the orchestrator only needs an HTTP answer.
server.middleware.unshift(async (ctx, next) => {
  if (ctx.path === '/health') {
    ctx.status = 200;
    ctx.body = 'ok';
    return;
  }
  await next();
});
await server.run();
const stop = async () => {
  await server.close().catch(() => undefined);
  rmSync(directory, { recursive: true, force: true });
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
