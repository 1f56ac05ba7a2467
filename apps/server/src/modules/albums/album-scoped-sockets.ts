import { Injectable, type OnModuleInit } from '@nestjs/common';
import { GUEST_COOKIE, WALL_SOCKET_AUTH_FIELD } from '@discordgym/contracts';
import { AppError } from '../../common/app-error';
import { ScopedSockets, type ScopedHandshake, type SocketScope } from '../../realtime/scoped-sockets';
import { AlbumVisitors } from '../auth/album-visitors';
import { AlbumLiveRepository } from './album-live.repository';
import { GUEST_SOCKET_KIND, WALL_SOCKET_KIND } from './album-live.service';

/** Wall links have no expiry; the socket is re-checked on every event instead. */
const NO_EXPIRY = Number.MAX_SAFE_INTEGER;

/**
 * Sockets without an account: a wall page connects with its wall token in `auth`, a guest's
 * browser with the guest cookie. Both reach their one
 * album through `join-album` and `album-sync`, nothing else; a revoked link or an ended
 * guest session fails the next event and is closed by the `album.*` consumers at once.
 */
@Injectable()
export class AlbumScopedSockets implements OnModuleInit {
  constructor(
    private readonly scoped: ScopedSockets,
    private readonly visitors: AlbumVisitors,
    private readonly repository: AlbumLiveRepository,
  ) {}

  onModuleInit(): void {
    this.scoped.register(WALL_SOCKET_KIND, {
      fromHandshake: (handshake) => this.wall(handshake),
      assertActive: async (scope) => {
        if (!(await this.repository.wallLinkActive(scope.subjectId, scope.resourceId))) throw new AppError('SESSION_REVOKED', 'This wall link no longer works');
      },
    });
    this.scoped.register(GUEST_SOCKET_KIND, {
      fromHandshake: (handshake) => this.guest(handshake),
      assertActive: async (scope) => {
        if (!(await this.repository.guestSessionEnd(scope.subjectId, scope.resourceId, new Date()))) {
          throw new AppError('SESSION_REVOKED', 'Your guest session has ended; open the invite link again');
        }
      },
    });
  }

  private async wall(handshake: ScopedHandshake): Promise<{ scope: SocketScope; expiresAt: number } | null> {
    const token = handshake.auth[WALL_SOCKET_AUTH_FIELD];
    if (token === undefined) return null;
    const visitor = typeof token === 'string' && token.length <= 256 ? await this.visitors.verifyWallToken(token) : null;
    if (!visitor) throw new AppError('INVITE_INVALID', 'This wall link no longer works');
    return { scope: { kind: WALL_SOCKET_KIND, resourceId: visitor.albumId, subjectId: visitor.wallLinkId }, expiresAt: NO_EXPIRY };
  }

  private async guest(handshake: ScopedHandshake): Promise<{ scope: SocketScope; expiresAt: number } | null> {
    const cookie = handshake.cookies[GUEST_COOKIE];
    if (!cookie) return null;
    const visitor = await this.visitors.verifyGuestSession(cookie);
    const ends = visitor && (await this.repository.guestSessionEnd(visitor.guestId, visitor.albumId, new Date()));
    if (!visitor || !ends) throw new AppError('GUEST_SESSION_ENDED', 'Your guest session has ended; open the invite link again');
    return { scope: { kind: GUEST_SOCKET_KIND, resourceId: visitor.albumId, subjectId: visitor.guestId }, expiresAt: ends.getTime() };
  }
}
