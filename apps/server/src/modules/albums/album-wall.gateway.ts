import { type OnModuleInit } from '@nestjs/common';
import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import { AlbumSyncEvent, JoinAlbumEvent, LeaveAlbumEvent } from '@discordgym/contracts';
import { ChannelAccess } from '../../realtime/channel-access';
import { albumChannel } from '../../realtime/channels';
import { type AuthedSocket, SocketEvents } from '../../realtime/socket-events';
import { AlbumLiveRepository } from './album-live.repository';
import { AlbumLiveService } from './album-live.service';

/** Albums a recovered socket may be put back into, per user; beyond that it starts afresh and syncs. */
const RECOVERY_ALBUMS_MAX = 1_000;

/**
 * The album's live events for members, its guests and its wall. Each event goes through
 * `SocketEvents.handleScoped` (session or scope re-check, budget, parse, ack); the live
 * events themselves come from the `album.photo.*` consumers through the emitter.
 */
@WebSocketGateway()
export class AlbumWallGateway implements OnModuleInit {
  constructor(
    private readonly live: AlbumLiveService,
    private readonly events: SocketEvents,
    private readonly channels: ChannelAccess,
    private readonly repository: AlbumLiveRepository,
  ) {}

  onModuleInit(): void {
    this.channels.register(albumChannel(''), async (userId) => (await this.repository.albumIdsOfUser(userId, RECOVERY_ALBUMS_MAX)).map(albumChannel));
  }

  @SubscribeMessage('join-album')
  joinAlbum(@ConnectedSocket() socket: AuthedSocket, @MessageBody() payload: unknown) {
    return this.events.handleScoped(socket, 'join-album', JoinAlbumEvent, payload, async (actor, { album_id }) => {
      await this.live.assertViewer(actor, album_id);
      await socket.join(albumChannel(album_id));
      return { album_id, last_seq: await this.live.lastSeq(album_id) };
    });
  }

  @SubscribeMessage('leave-album')
  leaveAlbum(@ConnectedSocket() socket: AuthedSocket, @MessageBody() payload: unknown) {
    return this.events.handleScoped(socket, 'leave-album', LeaveAlbumEvent, payload, async (_actor, { album_id }) => {
      await socket.leave(albumChannel(album_id));
      return { album_id };
    });
  }

  @SubscribeMessage('album-sync')
  sync(@ConnectedSocket() socket: AuthedSocket, @MessageBody() payload: unknown) {
    return this.events.handleScoped(socket, 'album-sync', AlbumSyncEvent, payload, async (actor, { album_id, after, limit }) => {
      await this.live.assertViewer(actor, album_id);
      return this.live.sync(album_id, after, limit);
    });
  }
}
