import type { IncomingMessage } from 'node:http';
import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { MessageMappingProperties } from '@nestjs/websockets';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { Redis } from 'ioredis';
import { isObservable, type Observable } from 'rxjs';
import type { Server, ServerOptions, Socket } from 'socket.io';
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

  /**
   * What Nest's IoAdapter does for each handler of each gateway on each socket, without the
   * RxJS pipeline it builds per handler and socket (fromEvent, mergeMap, takeUntil and a
   * subscription each: most of a socket's memory and a good part of its connect). Every
   * gateway handler here is async and answers with its ack, so a plain listener does.
   */
  override bindMessageHandlers(socket: Socket, handlers: MessageMappingProperties[], transform: (data: unknown) => Observable<unknown>): void {
    const fail = (error: unknown) => this.logger.error(error);
    for (const { message, callback, isAckHandledManually } of handlers) {
      socket.on(message as string, (...args: unknown[]) => {
        // Like rxjs fromEvent: one argument as itself, several as an array.
        const { data, ack } = this.mapPayload(args.length > 1 ? args : args[0]);
        const reply = (response: unknown) => {
          if (response === undefined || response === null) return;
          const event = (response as { event?: string; data?: unknown }).event;
          if (event) return void socket.emit(event, (response as { data?: unknown }).data);
          if (!isAckHandledManually && typeof ack === 'function') (ack as (value: unknown) => void)(response);
        };
        let result: unknown;
        try {
          result = callback(data, ack);
        } catch (error) {
          return fail(error);
        }
        Promise.resolve(result).then((value) => {
          if (isObservable(value)) transform(value).subscribe({ next: reply, error: fail });
          else reply(value);
        }, fail);
      });
    }
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
