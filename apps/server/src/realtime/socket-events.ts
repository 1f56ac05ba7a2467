import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Ack } from '@discordgym/contracts';
import type { Socket } from 'socket.io';
import type { z } from 'zod';
import { AppError } from '../common/app-error';
import { toErrorResponse } from '../common/error-response';
import type { AuthContext } from '../common/request-context';
import { zodIssues } from '../common/zod-issues';
import { CONFIG } from '../config/config.module';
import type { Config } from '../config/env';
import { Metrics } from '../infra/metrics/metrics';
import { SessionValidityService } from '../modules/auth/session-validity.service';
import { ScopedSockets, type SocketScope } from './scoped-sockets';

/** What the realtime layer keeps on each socket; features may add fields of their own. */
export interface SocketState {
  /** Absent on a scoped socket (a guest, a wall): `handle` refuses those. */
  auth: AuthContext;
  /** Set instead of `auth` on a socket without an account; only `handleScoped` events take it. */
  scope?: SocketScope;
  /** When the access token the socket authenticated with expires (ms since epoch). */
  expiresAt: number;
  /** Users whose status this socket already has; joins skip them. */
  presenceKnown?: Set<string>;
  /** Settles once the connect's statuses went out (and `presenceKnown` holds their users). */
  presenceReady?: Promise<void>;
  /** The socket's own event budget (a token bucket): no KV round trip per event. */
  budget?: { tokens: number; at: number };
}

export type AuthedSocket = Socket & { data: SocketState };

/** Who sent an event that scoped sockets may send too. */
export type SocketActor = { kind: 'user'; auth: AuthContext } | { kind: 'scoped'; scope: SocketScope };

/**
 * The one wrapper every gateway's events go through: session re-check (a revoked session
 * is refused and closed), the socket's event budget, parsing with the contract schema,
 * the feature's handler, and one ack shape for every outcome.
 */
@Injectable()
export class SocketEvents {
  private readonly logger = new Logger(SocketEvents.name);

  constructor(
    private readonly validity: SessionValidityService,
    private readonly metrics: Metrics,
    @Inject(CONFIG) private readonly config: Config,
    private readonly scoped: ScopedSockets,
  ) {}

  /**
   * Like `handle`, for the few events a scoped socket (guest, wall) may send too: the
   * account's session or the scope is re-checked, then the same budget, parse and ack.
   * The handler decides what the actor may reach (a scope reaches its one resource).
   */
  async handleScoped<S extends z.ZodType, T>(
    socket: AuthedSocket,
    event: string,
    schema: S,
    payload: unknown,
    run: (actor: SocketActor, body: z.infer<S>) => Promise<T>,
  ): Promise<Ack<T>> {
    const scope = socket.data.scope;
    if (!scope) return this.handle(socket, event, schema, payload, (auth, body) => run({ kind: 'user', auth }, body));
    return this.respond(socket, event, async () => {
      await this.scoped.assertActive(scope);
      return this.parseAndRun(socket, schema, payload, (body) => run({ kind: 'scoped', scope }, body));
    });
  }

  async handle<S extends z.ZodType, T>(
    socket: AuthedSocket,
    event: string,
    schema: S,
    payload: unknown,
    run: (auth: AuthContext, body: z.infer<S>) => Promise<T>,
  ): Promise<Ack<T>> {
    return this.respond(socket, event, async () => {
      const auth = socket.data.auth;
      if (!auth) throw new AppError('UNAUTHENTICATED', 'Connect with auth: { token }');
      const { role } = await this.validity.assertActive(auth.userId, auth.sessionId);
      auth.role = role;
      return this.parseAndRun(socket, schema, payload, (body) => run(auth, body));
    });
  }

  private async parseAndRun<S extends z.ZodType, T>(socket: AuthedSocket, schema: S, payload: unknown, run: (body: z.infer<S>) => Promise<T>): Promise<T> {
    this.spend(socket);
    const parsed = schema.safeParse(payload);
    if (!parsed.success) throw new AppError('VALIDATION_FAILED', 'The event is not valid', zodIssues(parsed.error));
    return run(parsed.data);
  }

  /** One ack shape for every outcome; a revoked session or scope closes the socket. */
  private async respond<T>(socket: AuthedSocket, event: string, work: () => Promise<T>): Promise<Ack<T>> {
    const stop = this.metrics.socketEventDuration.startTimer({ event });
    try {
      const data = await work();
      stop({ outcome: 'ok' });
      return { ok: true, data };
    } catch (error) {
      const response = toErrorResponse(error);
      if (response.unexpected) this.logger.error(`socket event ${event} failed: ${error instanceof Error ? error.stack : String(error)}`);
      stop({ outcome: response.body.error.code });
      if (response.body.error.code === 'SESSION_REVOKED') setImmediate(() => socket.disconnect(true));
      return { ok: false, error: response.body.error };
    }
  }

  /** Refills at RATE_LIMIT_SOCKET_EVENTS_PER_SECOND, holds a burst of three seconds' worth. */
  private spend(socket: AuthedSocket): void {
    const rate = this.config.RATE_LIMIT_SOCKET_EVENTS_PER_SECOND;
    const capacity = rate * 3;
    const now = Date.now();
    const budget = (socket.data.budget ??= { tokens: capacity, at: now });
    budget.tokens = Math.min(capacity, budget.tokens + ((now - budget.at) / 1000) * rate);
    budget.at = now;
    if (budget.tokens < 1) {
      throw AppError.rateLimited(((1 - budget.tokens) / rate) * 1000);
    }
    budget.tokens -= 1;
  }
}
