import { Logger, type OnModuleInit } from '@nestjs/common';
import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import { JoinRoomEvent, LeaveRoomEvent, ReadEvent, SendMessageEvent, SyncEvent, TypingEvent } from '@discordgym/contracts';
import { AppError } from '../../common/app-error';
import { Metrics } from '../../infra/metrics/metrics';
import { ChannelAccess } from '../../realtime/channel-access';
import { roomChannel } from '../../realtime/channels';
import { PresenceService } from '../../realtime/presence.service';
import { PresenceRules } from '../../realtime/presence-rules';
import { RealtimeEmitter } from '../../realtime/realtime-emitter';
import { type AuthedSocket, SocketEvents } from '../../realtime/socket-events';
import { emitUnrecorded } from '../../realtime/unrecorded-emit';
import { ChatService } from './chat.service';
import { RoomJoinLoader } from './room-join-loader';

/** How long a typing indicator lasts unless renewed; clients drop it by themselves after. */
const TYPING_TTL_MS = 6_000;

/**
 * The DevChat socket events. The connection (handshake, session, presence) is the realtime
 * layer's; each event goes through its wrapper and delegates to the chat service, which
 * checks membership.
 */
@WebSocketGateway()
export class ChatGateway implements OnModuleInit {
  private readonly logger = new Logger(ChatGateway.name);

  constructor(
    private readonly chat: ChatService,
    private readonly events: SocketEvents,
    private readonly presence: PresenceService,
    private readonly presenceRules: PresenceRules,
    private readonly channels: ChannelAccess,
    private readonly emitter: RealtimeEmitter,
    private readonly metrics: Metrics,
    private readonly joins: RoomJoinLoader,
  ) {}

  onModuleInit(): void {
    // Room mates see each other's presence; a socket may be restored only into rooms its user is still in.
    this.presenceRules.addSource((userId) => this.chat.roomMateIds(userId));
    this.channels.register(roomChannel(''), async (userId) => (await this.chat.roomIdsOf(userId)).map(roomChannel));
  }

  @SubscribeMessage('join-room')
  joinRoom(@ConnectedSocket() socket: AuthedSocket, @MessageBody() payload: unknown) {
    return this.events.handle(socket, 'join-room', JoinRoomEvent, payload, async (auth, { chatroom_id, user_id }) => {
      // Seed 003 clients name themselves; naming anyone else is refused before anything happens.
      if (user_id !== undefined && user_id !== auth.userId) throw AppError.forbidden('user_id must be the signed-in user');
      await this.chat.checkJoinRate(auth.userId);
      // The same check as ChatPolicy.member, batched with the other joins of this moment.
      const found = await this.joins.membership(auth.userId, chatroom_id);
      if (!found) throw AppError.notFound('Chatroom');
      await socket.join(roomChannel(chatroom_id));
      await this.sendPresenceOfMembers(socket, auth.userId, chatroom_id);
      return { chatroom_id, last_seq: found.room.lastSeq };
    });
  }

  @SubscribeMessage('leave-room')
  leaveRoom(@ConnectedSocket() socket: AuthedSocket, @MessageBody() payload: unknown) {
    return this.events.handle(socket, 'leave-room', LeaveRoomEvent, payload, async (_auth, { chatroom_id }) => {
      await socket.leave(roomChannel(chatroom_id));
      return { chatroom_id };
    });
  }

  @SubscribeMessage('send-message')
  sendMessage(@ConnectedSocket() socket: AuthedSocket, @MessageBody() payload: unknown) {
    return this.events.handle(socket, 'send-message', SendMessageEvent, payload, async (auth, body) => {
      const message = await this.chat.send(auth.userId, body, { socketId: socket.id });
      this.metrics.messagesSent.inc();
      return message;
    });
  }

  @SubscribeMessage('typing')
  typing(@ConnectedSocket() socket: AuthedSocket, @MessageBody() payload: unknown) {
    return this.events.handle(socket, 'typing', TypingEvent, payload, async (auth, { chatroom_id, is_typing }) => {
      if (!(await this.joins.membership(auth.userId, chatroom_id))) throw AppError.notFound('Chatroom');
      this.emitter.toRoomExcept(chatroom_id, socket.id, 'typing', { chatroom_id, user_id: auth.userId, is_typing, expires_in_ms: TYPING_TTL_MS });
      return null;
    });
  }

  @SubscribeMessage('read')
  read(@ConnectedSocket() socket: AuthedSocket, @MessageBody() payload: unknown) {
    return this.events.handle(socket, 'read', ReadEvent, payload, async (auth, { chatroom_id, seq }) => {
      const state = await this.chat.markRead(auth.userId, chatroom_id, seq);
      return { chatroom_id, seq: state.seq };
    });
  }

  @SubscribeMessage('sync')
  sync(@ConnectedSocket() socket: AuthedSocket, @MessageBody() payload: unknown) {
    return this.events.handle(socket, 'sync', SyncEvent, payload, (auth, { rooms, limit }) => this.chat.sync(auth.userId, rooms, limit));
  }

  /**
   * Who in the room is online, for the socket that just joined it. The statuses sent on
   * connect cover the audience of that moment; someone who shares a room with me only
   * since (a new DM, being added to a group) would otherwise stay "offline" until their
   * status next changes.
   */
  private async sendPresenceOfMembers(socket: AuthedSocket, userId: string, chatroomId: string): Promise<void> {
    try {
      // The connect's statuses first: a join sent right after connecting would otherwise
      // find nobody known yet and send them all a second time.
      await socket.data.presenceReady;
      const known = (socket.data.presenceKnown ??= new Set());
      // Only people who became room mates after this socket connected: the others' statuses
      // were sent at connect, and every change since reached it through its user channel.
      const others = (await this.joins.participantIds(chatroomId)).filter((id) => id !== userId && !known.has(id));
      if (!others.length) return;
      for (const id of others) known.add(id);
      for (const state of await this.presence.statusesVisibleTo(userId, others)) emitUnrecorded(socket, 'user-status-changed', state);
    } catch (error) {
      this.logger.warn(`presence on join failed: ${String(error)}`);
    }
  }
}
