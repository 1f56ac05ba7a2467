import type { IncomingMessage } from 'node:http';
import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { Redis } from 'ioredis';
import type { Server, ServerOptions } from 'socket.io';
import type { Config } from '../../config/env';

/** Largest socket payload: a 4000-character message is far below, a 1 MB one is refused. */
export const SOCKET_MAX_PAYLOAD_BYTES = 64 * 1024;

/**
 * Socket.IO on the API's own HTTP server. In the cluster mode the Redis streams adapter
 * carries room broadcasts between instances and keeps sessions for connection-state
 * recovery; the embedded mode uses Socket.IO's in-memory adapter.
 */
export class RealtimeIoAdapter extends IoAdapter {
  private redis: Redis | undefined;

  constructor(
    app: INestApplicationContext,
    private readonly config: Config,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: Partial<ServerOptions>): Server {
    const server: Server = super.createIOServer(port, {
      ...(options as ServerOptions),
      path: '/socket.io',
      serveClient: false,
      maxHttpBufferSize: SOCKET_MAX_PAYLOAD_BYTES,
      pingInterval: 20_000,
      pingTimeout: 20_000,
      // The cors option only sets headers; allowRequest is what refuses a foreign origin.
      cors: { origin: this.config.CORS_ORIGINS, credentials: true },
      allowRequest: (request, callback) => callback(null, this.originAllowed(request)),
      connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: false },
    });
    if (this.config.REDIS_URL) {
      this.redis = new Redis(this.config.REDIS_URL, { maxRetriesPerRequest: null });
      this.redis.on('error', () => undefined);
      server.adapter(
        createAdapter(this.redis, {
          streamName: `${this.config.REDIS_KEY_PREFIX}socket.io`,
          sessionKeyPrefix: `${this.config.REDIS_KEY_PREFIX}socket.io:session:`,
          maxLen: 100_000,
        }),
      );
    }
    return server;
  }

  override async close(server: Server): Promise<void> {
    await super.close(server);
    this.redis?.disconnect();
  }

  /** Same origin (the app served by us) or an origin from CORS_ORIGINS; no Origin = not a browser. */
  private originAllowed(request: IncomingMessage): boolean {
    const origin = request.headers.origin;
    if (!origin) return true;
    if (this.config.CORS_ORIGINS.includes(origin)) return true;
    try {
      return new URL(origin).host === request.headers.host;
    } catch {
      return false;
    }
  }
}
