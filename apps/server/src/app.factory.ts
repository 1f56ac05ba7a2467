import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { hostname } from 'node:os';
import fastifyCookie from '@fastify/cookie';
import fastifyCors from '@fastify/cors';
import fastifyHelmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import { NestFactory } from '@nestjs/core';
import { type RouteContract, routes } from '@discordgym/contracts';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { AppModule } from './app.module';
import { AppError } from './common/app-error';
import { answerClientError } from './common/client-error';
import { sendError } from './common/http-error.filter';
import { createLogger, NestPinoLogger } from './common/logger';
import type { Config } from './config/env';
import { Database } from './infra/db/database';
import type { Infrastructure } from './infra/infra.module';
import { BullMqJobQueue } from './infra/jobs/bullmq-job-queue';
import type { JobQueue } from './infra/jobs/job-queue';
import { MemoryJobQueue } from './infra/jobs/memory-job-queue';
import type { KvStore } from './infra/kv/kv-store';
import { MemoryKvStore } from './infra/kv/memory-kv-store';
import { RedisKvStore } from './infra/kv/redis-kv-store';
import { Metrics } from './infra/metrics/metrics';
import { MemoryPresenceStore } from './infra/realtime/memory-presence-store';
import type { PresenceStore } from './infra/realtime/presence-store';
import { RealtimeIoAdapter } from './infra/realtime/realtime.io-adapter';
import { RedisPresenceStore } from './infra/realtime/redis-presence-store';
import { OBJECT_STORAGE, type ObjectStorage } from './infra/storage/object-storage';
import { acceptRawUploads } from './infra/storage/storage.controller';

export interface RunningServer {
  app: NestFastifyApplication;
  infra: Infrastructure;
  logger: Logger;
  /** Stops accepting, lets in-flight requests finish, then closes database and Redis. */
  close(): Promise<void>;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** Where the built web app lives: WEB_DIST_DIR, else apps/web/dist beside this package. */
function webDistDir(config: Config): string {
  return path.resolve(config.WEB_DIST_DIR ?? path.join(__dirname, '../../web/dist'));
}

export async function openInfrastructure(config: Config, logger: Logger): Promise<Infrastructure> {
  const instance = config.INSTANCE_ID ?? hostname();
  // The admin CLI may hold an embedded data folder for a moment: wait for it, then refuse.
  const database = await Database.openWhenFree(
    {
      url: config.DATABASE_URL,
      dataDir: config.DATA_DIR.startsWith('memory://') ? config.DATA_DIR : path.resolve(config.DATA_DIR, 'pglite'),
      poolMax: config.DATABASE_POOL_MAX,
    },
    { onWait: (busy) => logger.warn({ holder: busy.holder }, 'waiting for the data folder to be released') },
  );
  const kv: KvStore = config.REDIS_URL ? RedisKvStore.connect(config.REDIS_URL, config.REDIS_KEY_PREFIX) : new MemoryKvStore();
  const presence: PresenceStore = kv instanceof RedisKvStore ? new RedisPresenceStore(kv.redis) : new MemoryPresenceStore();
  try {
    await database.migrate();
  } catch (error) {
    await Promise.allSettled([database.close(), kv.close()]);
    throw error;
  }
  logger.info({ database: database.kind, kv: kv.kind }, 'infrastructure ready');
  const metrics = new Metrics({ instance });
  metrics.watch({
    probes: { database: () => database.ping(), [kv.kind]: () => kv.ping() },
    ...(database.pool ? { pool: { stats: () => database.pool, max: config.DATABASE_POOL_MAX } } : {}),
  });
  // Opened last, so a failed migration leaves no Redis connections behind; its queues are
  // defined by the features during Nest's module init and started by createServer.
  const jobs: JobQueue = config.REDIS_URL
    ? BullMqJobQueue.connect(config.REDIS_URL, config.REDIS_KEY_PREFIX, {
        metrics,
        logger,
        lockDurationMs: config.JOB_LOCK_SECONDS * 1_000,
        stalledIntervalMs: config.JOB_LOCK_SECONDS * 1_000,
      })
    : new MemoryJobQueue({ metrics, logger });
  metrics.watchJobs(() => jobs.stats());
  return { config, database, jobs, kv, presence, metrics };
}

export async function createServer(config: Config, options: { infra?: Infrastructure; logger?: Logger } = {}): Promise<RunningServer> {
  const logger = options.logger ?? createLogger(config.LOG_LEVEL, config.INSTANCE_ID ?? hostname());
  const infra = options.infra ?? (await openInfrastructure(config, logger));

  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: config.TRUST_PROXY,
    // Node's 16 KiB header limit already bounds the URL (and we have no regex routes): an
    // over-long id reaches its zod schema and is a 400 like any other bad id, rather than
    // falling through to the web app's catch-all route as a 404.
    routerOptions: { maxParamLength: 16 * 1024 },
    requestIdHeader: false,
    genReqId: (request: { headers: Record<string, string | string[] | undefined> }) => {
      const incoming = request.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
    // Raised by the router before any hook runs (a bad URL encoding): the one error shape too.
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      reply.header('x-request-id', request.id);
      sendError(error, request, reply);
    },
    clientErrorHandler: answerClientError,
  });
  const fastify = adapter.getInstance();
  // A route whose contract allows a bigger body (a CSV import) gets its own limit; all others keep BODY_LIMIT_BYTES.
  const bodyLimits = new Map<string, number>();
  for (const contract of Object.values(routes) as RouteContract[]) if (contract.bodyLimit) bodyLimits.set(`${contract.method} ${contract.path}`, contract.bodyLimit);
  fastify.addHook('onRoute', (options) => {
    for (const method of [options.method].flat()) {
      const limit = bodyLimits.get(`${method} ${options.url}`);
      if (limit) options.bodyLimit = limit;
    }
  });
  // Bodies are JSON or nothing: Fastify's text/plain parser would hand a string to the
  // handlers, and Nest's (disabled below) would add form bodies. Anything else is a 415.
  fastify.removeContentTypeParser('text/plain');
  acceptRawUploads(fastify);
  fastify.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  fastify.addHook('onResponse', async (request, reply) => {
    infra.metrics.httpDuration.observe(
      { method: request.method, route: request.routeOptions.url ?? 'unmatched', status_code: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });

  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(infra), adapter, {
    logger: new NestPinoLogger(logger),
    abortOnError: false,
    bodyParser: false,
  });

  await app.register(fastifyHelmet, {
    // No framing at all, for browsers that predate CSP's frame-ancestors too.
    frameguard: { action: 'deny' },
    contentSecurityPolicy: { directives: cspDirectives(app.get<symbol, ObjectStorage>(OBJECT_STORAGE).browserOrigin) },
  });
  await app.register(fastifyCors, {
    origin: (origin, callback) => callback(null, !origin || config.CORS_ORIGINS.includes(origin)),
    credentials: true,
    exposedHeaders: ['retry-after', 'x-request-id'],
  });
  await app.register(fastifyCookie);
  await serveWebApp(app, webDistDir(config));
  app.useWebSocketAdapter(new RealtimeIoAdapter(app, config));

  infra.metrics.watchHttpServer(app.getHttpServer());
  await app.init();
  await infra.jobs.start();
  return {
    app,
    infra,
    logger,
    close: async () => {
      await app.close();
      // Running jobs may still write to the database: they finish before it closes.
      await infra.jobs.close().catch(() => undefined);
      await Promise.allSettled([infra.presence.close(), infra.database.close(), infra.kv.close()]);
    },
  };
}

/**
 * The app's CSP. Browsers upload to and load photos from the object storage directly, so
 * its origin (S3's, never a wildcard) joins 'self' for fetch/XHR, images and media; the
 * disk storage is the app's own origin and adds nothing.
 */
export function cspDirectives(storageOrigin: string | null): Record<string, string[]> {
  const storage = storageOrigin ? [storageOrigin] : [];
  return {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:', 'blob:', ...storage],
    mediaSrc: ["'self'", ...storage],
    connectSrc: ["'self'", 'ws:', 'wss:', ...storage],
    frameAncestors: ["'none'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
  };
}

/**
 * The built SPA: hashed assets cached for a year, index.html never cached, and every
 * other GET outside /api answered with index.html so client-side routes survive a reload.
 */
async function serveWebApp(app: NestFastifyApplication, distDir: string): Promise<void> {
  const indexHtml = path.join(distDir, 'index.html');
  const hasWeb = existsSync(indexHtml);
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: distDir,
      wildcard: false,
      index: false,
      // The web build writes .br and .gz beside each asset; served when the browser accepts them.
      preCompressed: true,
      setHeaders: (res, filePath) => {
        const hashed = filePath.includes(`${path.sep}assets${path.sep}`);
        res.header('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  if (!hasWeb) return;
  // Other methods and unknown /api paths fall through to Nest's 404 (ROUTE_NOT_FOUND).
  app.getHttpAdapter().getInstance().get('/*', async (request: FastifyRequest, reply: FastifyReply) => {
    if (/^\/(api|socket\.io)(\/|$)/.test(request.url)) {
      sendError(new AppError('ROUTE_NOT_FOUND', 'No such route'), request, reply);
      return reply;
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}
