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
import {
  type Ack,
  JoinRoomEvent,
  LeaveRoomEvent,
  PresenceEvent,
  ReadEvent,
  SendMessageEvent,
  SyncEvent,
  TypingEvent,
} from '@discordgym/contracts';
import type { Socket } from 'socket.io';
import type { z } from 'zod';
import { AppError } from '../../common/app-error';
import { toErrorResponse } from '../../common/error-response';
import type { AuthContext } from '../../common/request-context';
import { zodIssues } from '../../common/zod-issues';
import { Metrics } from '../../infra/metrics/metrics';
import { SessionValidityService } from '../auth/session-validity.service';
import { TokenService } from '../auth/token.service';
import { ChatService } from './chat.service';
import { PresenceService } from './presence.service';
import { RealtimeEmitter, type RealtimeServer, roomChannel, userChannel } from './realtime-emitter';

/** How long a typing indicator lasts unless renewed; clients drop it by themselves after. */
const TYPING_TTL_MS = 6_000;

/**
 * `presenceKnown`: users whose status this socket already has (its room mates at connect);
 * later changes of theirs reach it through its user channel, so joins skip them.
 */
type AuthedSocket = Socket & { data: { auth: AuthContext; presenceKnown?: Set<string> } };

/**
 * The DevChat socket events. The handshake authenticates with the access token
 * (`auth: { token }`); every event re-checks the session and the membership it touches,
 * and is answered with an ack `{ ok, data } | { ok: false, error }`.
 */
@WebSocketGateway()
export class ChatGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {
  private readonly logger = new Logger(ChatGateway.name);

  constructor(
    private readonly chat: ChatService,
    private readonly presence: PresenceService,
    private readonly emitter: RealtimeEmitter,
    private readonly tokens: TokenService,
    private readonly validity: SessionValidityService,
    private readonly metrics: Metrics,
  ) {}

  afterInit(server: RealtimeServer): void {
    this.emitter.attach(server);
    this.guardRecovery(server);
    server.use((socket, next) => {
      this.authenticate(socket).then(
        (auth) => {
          // A recovered session goes on only for the user who opened it.
          if (socket.recovered && (socket.data as Partial<AuthedSocket['data']>).auth?.userId !== auth.userId) {
            return next(Object.assign(new Error('This session belongs to someone else'), { data: { code: 'UNAUTHENTICATED' } }));
          }
          socket.data.auth = auth;
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
    if (!socket.data.auth) return void socket.disconnect(true);
    const { userId } = socket.data.auth;
    this.metrics.socketsConnected.inc();
    socket.onAnyOutgoing((event: string) => {
      if (event === 'new-message') this.metrics.messagesDelivered.inc();
    });
    await socket.join(userChannel(userId));
    try {
      const { mates, statuses } = await this.presence.connected(userId, socket.id);
      socket.data.presenceKnown = new Set(mates);
      for (const state of statuses) socket.emit('user-status-changed', state);
    } catch (error) {
      this.logger.warn(`presence on connect failed: ${String(error)}`);
    }
  }

  async handleDisconnect(socket: AuthedSocket): Promise<void> {
    if (!socket.data.auth) return;
    this.metrics.socketsConnected.dec();
    await this.presence.disconnected(socket.data.auth.userId, socket.id).catch((error: unknown) => {
      this.logger.warn(`presence on disconnect failed: ${String(error)}`);
    });
  }

  @SubscribeMessage('join-room')
  joinRoom(@ConnectedSocket() socket: AuthedSocket, @MessageBody() payload: unknown) {
    return this.handle(socket, 'join-room', JoinRoomEvent, payload, async (auth, { chatroom_id }) => {
      await this.chat.checkJoinRate(auth.userId);
      const room = await this.chat.assertMember(auth.userId, chatroom_id);
      await socket.join(roomChannel(chatroom_id));
      await this.sendPresenceOfMembers(socket, auth.userId, chatroom_id);
      return { chatroom_id, last_seq: room.lastSeq };
    });
  }

  @SubscribeMessage('leave-room')
  leaveRoom(@ConnectedSocket() socket: AuthedSocket, @MessageBody() payload: unknown) {
    return this.handle(socket, 'leave-room', LeaveRoomEvent, payload, async (_auth, { chatroom_id }) => {
      await socket.leave(roomChannel(chatroom_id));
      return { chatroom_id };
    });
  }

  @SubscribeMessage('send-message')
  sendMessage(@ConnectedSocket() socket: AuthedSocket, @MessageBody() payload: unknown) {
    return this.handle(socket, 'send-message', SendMessageEvent, payload, async (auth, body) => {
      const message = await this.chat.send(auth.userId, body);
      this.metrics.messagesSent.inc();
      return message;
    });
  }

  @SubscribeMessage('typing')
  typing(@ConnectedSocket() socket: AuthedSocket, @MessageBody() payload: unknown) {
    return this.handle(socket, 'typing', TypingEvent, payload, async (auth, { chatroom_id, is_typing }) => {
      await this.chat.assertMember(auth.userId, chatroom_id);
      socket.to(roomChannel(chatroom_id)).emit('typing', { chatroom_id, user_id: auth.userId, is_typing, expires_in_ms: TYPING_TTL_MS });
      return null;
    });
  }

  @SubscribeMessage('read')
  read(@ConnectedSocket() socket: AuthedSocket, @MessageBody() payload: unknown) {
    return this.handle(socket, 'read', ReadEvent, payload, async (auth, { chatroom_id, seq }) => {
      const state = await this.chat.markRead(auth.userId, chatroom_id, seq);
      return { chatroom_id, seq: state.seq };
    });
  }

  @SubscribeMessage('sync')
  sync(@ConnectedSocket() socket: AuthedSocket, @MessageBody() payload: unknown) {
    return this.handle(socket, 'sync', SyncEvent, payload, (auth, { rooms, limit }) => this.chat.sync(auth.userId, rooms, limit));
  }

  @SubscribeMessage('presence')
  setPresence(@ConnectedSocket() socket: AuthedSocket, @MessageBody() payload: unknown) {
    return this.handle(socket, 'presence', PresenceEvent, payload, async (auth, { status }) => {
      await this.presence.setStatus(auth.userId, status);
      return null;
    });
  }

  /**
   * Who in the room is online, for the socket that just joined it. The statuses sent on
   * connect cover the room mates of that moment; someone who shares a room with me only
   * since (a new DM, being added to a group) would otherwise stay "offline" until their
   * status next changes.
   */
  private async sendPresenceOfMembers(socket: AuthedSocket, userId: string, chatroomId: string): Promise<void> {
    try {
      const known = (socket.data.presenceKnown ??= new Set());
      // Only people who became room mates after this socket connected: the others' statuses
      // were sent at connect, and every change since reached it through its user channel.
      const others = (await this.chat.participantIds(chatroomId)).filter((id) => id !== userId && !known.has(id));
      if (!others.length) return;
      for (const id of others) known.add(id);
      for (const state of await this.presence.statusesOf(others)) socket.emit('user-status-changed', state);
    } catch (error) {
      this.logger.warn(`presence on join failed: ${String(error)}`);
    }
  }

  /** Parse, re-check the session, run, and turn any outcome into an ack. */
  private async handle<S extends z.ZodType, T>(
    socket: AuthedSocket,
    event: string,
    schema: S,
    payload: unknown,
    run: (auth: AuthContext, body: z.infer<S>) => Promise<T>,
  ): Promise<Ack<T>> {
    const stop = this.metrics.socketEventDuration.startTimer({ event });
    try {
      const auth = socket.data.auth;
      await this.validity.assertActive(auth.userId, auth.sessionId);
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

  /**
   * Connection-state recovery puts a reconnecting socket back in its old rooms and writes
   * the events it missed before any middleware runs. So a session is restored only while
   * it is still active and its user still belongs to every room in it; otherwise the socket
   * starts afresh (`recovered: false`) and the client syncs, which checks membership.
   */
  private guardRecovery(server: RealtimeServer): void {
    const adapter = server.of('/').adapter;
    const restore = adapter.restoreSession.bind(adapter);
    adapter.restoreSession = async (pid, offset) => {
      const session = await restore(pid, offset);
      const auth = (session?.data as Partial<AuthedSocket['data']> | undefined)?.auth;
      if (!session || !auth) throw new Error('no session to recover');
      await this.validity.assertActive(auth.userId, auth.sessionId);
      const mine = new Set((await this.chat.roomIdsOf(auth.userId)).map(roomChannel));
      if (session.rooms.some((room) => room.startsWith(roomChannel('')) && !mine.has(room))) throw new Error('left a room since');
      return session;
    };
  }

  private async authenticate(socket: Socket): Promise<AuthContext> {
    const token: unknown = socket.handshake.auth?.token;
    if (typeof token !== 'string' || !token) throw new AppError('UNAUTHENTICATED', 'Connect with auth: { token }');
    const claims = await this.tokens.verifyAccess(token);
    await this.validity.assertActive(claims.userId, claims.sessionId);
    return claims;
  }
}
