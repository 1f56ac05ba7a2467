import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { hostname } from 'node:os';
import fastifyCookie from '@fastify/cookie';
import fastifyCors from '@fastify/cors';
import fastifyHelmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { AppModule } from './app.module';
import { AppError } from './common/app-error';
import { sendError } from './common/http-error.filter';
import { createLogger, NestPinoLogger } from './common/logger';
import type { Config } from './config/env';
import { Database } from './infra/db/database';
import type { Infrastructure } from './infra/infra.module';
import type { KvStore } from './infra/kv/kv-store';
import { MemoryKvStore } from './infra/kv/memory-kv-store';
import { RedisKvStore } from './infra/kv/redis-kv-store';
import { Metrics } from './infra/metrics/metrics';

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
  const database = Database.open({
    url: config.DATABASE_URL,
    dataDir: config.DATA_DIR.startsWith('memory://') ? config.DATA_DIR : path.resolve(config.DATA_DIR, 'pglite'),
    poolMax: config.DATABASE_POOL_MAX,
  });
  const kv: KvStore = config.REDIS_URL ? RedisKvStore.connect(config.REDIS_URL, config.REDIS_KEY_PREFIX) : new MemoryKvStore();
  try {
    await database.migrate();
  } catch (error) {
    await Promise.allSettled([database.close(), kv.close()]);
    throw error;
  }
  logger.info({ database: database.kind, kv: kv.kind }, 'infrastructure ready');
  return { config, database, kv, metrics: new Metrics({ instance }) };
}

export async function createServer(config: Config, options: { infra?: Infrastructure; logger?: Logger } = {}): Promise<RunningServer> {
  const logger = options.logger ?? createLogger(config.LOG_LEVEL, config.INSTANCE_ID ?? hostname());
  const infra = options.infra ?? (await openInfrastructure(config, logger));

  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: config.TRUST_PROXY,
    routerOptions: { maxParamLength: 200 },
    requestIdHeader: false,
    genReqId: (request: { headers: Record<string, string | string[] | undefined> }) => {
      const incoming = request.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
  });
  const fastify = adapter.getInstance();
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
  });

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'", 'ws:', 'wss:'],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
      },
    },
  });
  await app.register(fastifyCors, {
    origin: (origin, callback) => callback(null, !origin || config.CORS_ORIGINS.includes(origin)),
    credentials: true,
    exposedHeaders: ['retry-after', 'x-request-id'],
  });
  await app.register(fastifyCookie);
  await serveWebApp(app, webDistDir(config));

  await app.init();
  return {
    app,
    infra,
    logger,
    close: async () => {
      await app.close();
      await Promise.allSettled([infra.database.close(), infra.kv.close()]);
    },
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
