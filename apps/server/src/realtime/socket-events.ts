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

/** What the realtime layer keeps on each socket; features may add fields of their own. */
export interface SocketState {
  auth: AuthContext;
  /** When the access token the socket authenticated with expires (ms since epoch). */
  expiresAt: number;
  /** Users whose status this socket already has; joins skip them. */
  presenceKnown?: Set<string>;
  /** The socket's own event budget (a token bucket): no KV round trip per event. */
  budget?: { tokens: number; at: number };
}

export type AuthedSocket = Socket & { data: SocketState };

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
  ) {}

  async handle<S extends z.ZodType, T>(
    socket: AuthedSocket,
    event: string,
    schema: S,
    payload: unknown,
    run: (auth: AuthContext, body: z.infer<S>) => Promise<T>,
  ): Promise<Ack<T>> {
    const stop = this.metrics.socketEventDuration.startTimer({ event });
    try {
      const auth = socket.data.auth;
      if (!auth) throw new AppError('UNAUTHENTICATED', 'Connect with auth: { token }');
      const { role } = await this.validity.assertActive(auth.userId, auth.sessionId);
      auth.role = role;
      this.spend(socket);
      const parsed = schema.safeParse(payload);
      if (!parsed.success) throw new AppError('VALIDATION_FAILED', 'The event is not valid', zodIssues(parsed.error));
      const data = await run(auth, parsed.data);
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
