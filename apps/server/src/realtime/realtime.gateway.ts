import { Logger } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  type OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import { AuthEvent, PresenceEvent, UserOnlineEvent } from '@discordgym/contracts';
import type { Socket } from 'socket.io';
import { AppError } from '../common/app-error';
import { toErrorResponse } from '../common/error-response';
import { Metrics } from '../infra/metrics/metrics';
import { SessionValidityService } from '../modules/auth/session-validity.service';
import { TokenService } from '../modules/auth/token.service';
import { ChannelAccess } from './channel-access';
import { scopeChannel, scopedResourceChannel, sessionChannel, userChannel } from './channels';
import { parseCookies, ScopedSockets } from './scoped-sockets';
import { PresenceService } from './presence.service';
import { RealtimeEmitter, type RealtimeServer } from './realtime-emitter';
import { type AuthedSocket, SocketEvents, type SocketState } from './socket-events';
import { emitUnrecorded } from './unrecorded-emit';

/** setTimeout's ceiling (about 24.8 days); tokens never live that long, but a config might say so. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * The connection itself, for every feature: the handshake authenticates with the access
 * token, each socket joins its user's and its session's channel (so a sign-out or a ban
 * reaches it on any instance), presence follows connect and disconnect, and the socket
 * is closed when its token expires unless the client sends a fresh one with `auth`.
 */
@WebSocketGateway()
export class RealtimeGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {
  private readonly logger = new Logger(RealtimeGateway.name);
  private readonly expiryTimers = new WeakMap<Socket, NodeJS.Timeout>();

  constructor(
    private readonly presence: PresenceService,
    private readonly emitter: RealtimeEmitter,
    private readonly events: SocketEvents,
    private readonly channels: ChannelAccess,
    private readonly tokens: TokenService,
    private readonly validity: SessionValidityService,
    private readonly metrics: Metrics,
    private readonly scoped: ScopedSockets,
  ) {}

  afterInit(server: RealtimeServer): void {
    this.emitter.attach(server);
    this.guardRecovery(server);
    server.use((socket, next) => {
      this.authenticate(socket).then(
        (state) => {
          // A recovered session goes on only for the user who opened it (scoped sockets never recover).
          if (socket.recovered && (!state.auth || (socket.data as Partial<SocketState>).auth?.userId !== state.auth.userId)) {
            return next(Object.assign(new Error('This session belongs to someone else'), { data: { code: 'UNAUTHENTICATED' } }));
          }
          Object.assign(socket.data, state);
          next();
        },
        (error: unknown) => {
          const { body } = toErrorResponse(error);
          next(Object.assign(new Error(body.error.message), { data: body.error }));
        },
      );
    });
    this.presence.start(server);
  }

  async handleConnection(socket: AuthedSocket): Promise<void> {
    const scope = socket.data.scope;
    if (scope) {
      // No user channel, no presence: a guest or a wall is nobody's room mate.
      this.metrics.socketsConnected.inc();
      this.armExpiry(socket);
      await socket.join([scopeChannel(scope.kind, scope.subjectId), scopedResourceChannel(scope.resourceId)]);
      return;
    }
    if (!socket.data.auth) return void socket.disconnect(true);
    const { userId, sessionId } = socket.data.auth;
    this.metrics.socketsConnected.inc();
    socket.onAnyOutgoing((event: string) => {
      if (event === 'new-message') this.metrics.messagesDelivered.inc();
    });
    this.armExpiry(socket);
    // Set before the first await: the client may send its joins the moment it is connected,
    // and a join must not send the statuses this connect is about to send. Fresh, not kept
    // from a recovered session (whose data came back through the adapter's encoding).
    const known = new Set<string>();
    socket.data.presenceKnown = known;
    socket.data.presenceReady = this.connectPresence(socket, userId, sessionId, known);
    await socket.data.presenceReady;
  }

  private async connectPresence(socket: AuthedSocket, userId: string, sessionId: string, known: Set<string>): Promise<void> {
    await socket.join([userChannel(userId), sessionChannel(sessionId)]);
    try {
      const { mates, statuses } = await this.presence.connected(userId, socket.id);
      for (const id of mates) known.add(id);
      for (const state of statuses) emitUnrecorded(socket, 'user-status-changed', state);
    } catch (error) {
      this.logger.warn(`presence on connect failed: ${String(error)}`);
    }
  }

  async handleDisconnect(socket: AuthedSocket): Promise<void> {
    clearTimeout(this.expiryTimers.get(socket));
    if (socket.data.scope) return void this.metrics.socketsConnected.dec();
    if (!socket.data.auth) return;
    this.metrics.socketsConnected.dec();
    await this.presence.disconnected(socket.data.auth.userId, socket.id).catch((error: unknown) => {
      this.logger.warn(`presence on disconnect failed: ${String(error)}`);
    });
  }

  /** A fresh access token of the same session keeps the socket open past the old one's expiry. */
  @SubscribeMessage('auth')
  reauthenticate(@ConnectedSocket() socket: AuthedSocket, @MessageBody() payload: unknown) {
    return this.events.handle(socket, 'auth', AuthEvent, payload, async (auth, { token }) => {
      const claims = await this.tokens.verifyAccess(token);
      if (claims.userId !== auth.userId || claims.sessionId !== auth.sessionId) {
        throw AppError.forbidden('A socket keeps the session it was opened with; reconnect to change it');
      }
      socket.data.expiresAt = claims.expiresAt;
      this.armExpiry(socket);
      return { expires_at: new Date(claims.expiresAt).toISOString() };
    });
  }

  @SubscribeMessage('presence')
  setPresence(@ConnectedSocket() socket: AuthedSocket, @MessageBody() payload: unknown) {
    return this.events.handle(socket, 'presence', PresenceEvent, payload, async (auth, { status }) => {
      await this.presence.setStatus(auth.userId, status);
      return null;
    });
  }

  /** Seed 003's `user-online {user_id}`: `presence {status: 'online'}` for the signed-in user only. */
  @SubscribeMessage('user-online')
  userOnline(@ConnectedSocket() socket: AuthedSocket, @MessageBody() payload: unknown) {
    return this.events.handle(socket, 'user-online', UserOnlineEvent, payload, async (auth, { user_id }) => {
      if (user_id !== auth.userId) throw AppError.forbidden('user_id must be the signed-in user');
      await this.presence.setStatus(auth.userId, 'online');
      return null;
    });
  }

  private armExpiry(socket: AuthedSocket): void {
    clearTimeout(this.expiryTimers.get(socket));
    const timer = setTimeout(
      () => this.emitter.endSocket(socket.id, { reason: 'token_expired', message: 'The access token expired; reconnect with a fresh one' }),
      Math.min(MAX_TIMER_MS, Math.max(0, socket.data.expiresAt - Date.now())),
    );
    timer.unref();
    this.expiryTimers.set(socket, timer);
  }

  /**
   * Connection-state recovery puts a reconnecting socket back in its old channels and
   * writes the events it missed before any middleware runs. So a session is restored only
   * while it is still active and its user may still be in every channel of it; otherwise
   * the socket starts afresh (`recovered: false`) and the client syncs.
   */
  private guardRecovery(server: RealtimeServer): void {
    const adapter = server.of('/').adapter;
    const restore = adapter.restoreSession.bind(adapter);
    adapter.restoreSession = async (pid, offset) => {
      const session = await restore(pid, offset);
      const auth = (session?.data as Partial<SocketState> | undefined)?.auth;
      if (!session || !auth) throw new Error('no session to recover');
      await this.validity.assertActive(auth.userId, auth.sessionId);
      if (!(await this.channels.mayRejoin(auth.userId, session.rooms))) throw new Error('left a channel since');
      return session;
    };
  }

  /**
   * The access token first; without one, a feature's scoped credential (a wall token in
   * `auth`, a guest cookie). A scoped socket has no `auth`.
   */
  private async authenticate(socket: Socket): Promise<Partial<Pick<SocketState, 'auth' | 'scope'>> & Pick<SocketState, 'expiresAt'>> {
    const token: unknown = socket.handshake.auth?.token;
    if (typeof token !== 'string' || !token) {
      const found = await this.scoped.authenticate({
        auth: (socket.handshake.auth ?? {}) as Record<string, unknown>,
        // Pages of foreign origins never get here (the adapter's allowRequest refuses them), so a cookie counts.
        cookies: parseCookies(socket.handshake.headers.cookie),
      });
      if (!found) throw new AppError('UNAUTHENTICATED', 'Connect with auth: { token }');
      return { scope: found.scope, expiresAt: found.expiresAt };
    }
    const claims = await this.tokens.verifyAccess(token);
    const { role } = await this.validity.assertActive(claims.userId, claims.sessionId);
    return { auth: { userId: claims.userId, sessionId: claims.sessionId, role }, expiresAt: claims.expiresAt };
  }
}
