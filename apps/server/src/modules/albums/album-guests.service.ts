import { Inject, Injectable } from '@nestjs/common';
import type {
  AlbumGuest,
  AlbumGuestPage,
  AlbumInvite,
  AlbumInvitePage,
  AlbumPageQuery,
  AlbumWallLink,
  AlbumWallLinkState,
  CreateAlbumInviteBody,
  GuestInvitePreview,
  GuestJoinBody,
  GuestSelf,
} from '@discordgym/contracts';
import QRCode from 'qrcode';
import { v7 as uuidv7 } from 'uuid';
import { AppError } from '../../common/app-error';
import type { AlbumCaller, GuestAuthContext } from '../../common/request-context';
import { CONFIG } from '../../config/config.module';
import type { Config } from '../../config/env';
import { DomainEvents } from '../../events/domain-events.service';
import type { Executor } from '../../infra/db/database';
import { RateLimiter } from '../../infra/kv/rate-limiter';
import { decodeAlbumCursor, pageOf } from './album-cursor';
import { AlbumTokenSealer, hashAlbumToken, newAlbumToken } from './album-tokens';
import { AlbumsPolicy } from './albums.policy';
import { type AlbumGuestRow, type AlbumInviteRow, AlbumsRepository, type AlbumWallLinkRow } from './albums.repository';
import { toAlbum } from './albums.service';

/** A guest session lasts a month: long enough to come back for the photos after the party. */
export const GUEST_SESSION_DAYS = 30;

/** Where the web app's pages live; the token rides in the fragment, which browsers never send to a server or a Referer. */
export const joinUrl = (origin: string, token: string): string => `${origin}/join#${token}`;
export const wallUrl = (origin: string, albumId: string, token: string): string => `${origin}/albums/${albumId}/wall#${token}`;

const inviteActive = (invite: AlbumInviteRow, now = new Date()) => !invite.revokedAt && (!invite.expiresAt || invite.expiresAt > now);
const guestActive = (guest: AlbumGuestRow, now = new Date()) => !guest.revokedAt && guest.sessionExpiresAt > now;

export function toGuest(guest: AlbumGuestRow): AlbumGuest {
  return {
    id: guest.id,
    album_id: guest.albumId,
    display_name: guest.displayName,
    invite_id: guest.inviteId,
    created_at: guest.createdAt.toISOString(),
    active: guestActive(guest),
  };
}

export interface Joined {
  self: GuestSelf;
  /** For the httpOnly cookie only; never in a response body. */
  sessionToken: string;
  expiresAt: Date;
}

/**
 * Invite links (with their QR codes), guests and their sessions, and the wall link. Tokens
 * are 256 random bits; the database keeps their SHA-256 to find them and, for links a host
 * must be able to show again, the token sealed under a key from JWT_SECRET.
 */
@Injectable()
export class AlbumGuestsService {
  constructor(
    private readonly repository: AlbumsRepository,
    private readonly policy: AlbumsPolicy,
    private readonly sealer: AlbumTokenSealer,
    private readonly events: DomainEvents,
    private readonly limiter: RateLimiter,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  // ---- invites ----

  async createInvite(caller: AlbumCaller, albumId: string, body: CreateAlbumInviteBody, origin: string): Promise<AlbumInvite> {
    const invite = await this.repository.transaction(async (tx) => {
      const actorId = await this.assertHost(caller, albumId, tx);
      const token = newAlbumToken();
      return this.repository.insertInvite(tx, {
        id: uuidv7(),
        albumId,
        tokenHash: hashAlbumToken(token),
        tokenEnc: this.sealer.seal(token),
        createdBy: actorId,
        expiresAt: body.expires_at ? new Date(body.expires_at) : null,
      });
    });
    return this.toInvite(invite, 0, origin);
  }

  async invites(caller: AlbumCaller, albumId: string, query: AlbumPageQuery, origin: string): Promise<AlbumInvitePage> {
    await this.assertHost(caller, albumId);
    const rows = await this.repository.invitesPage(albumId, decodeAlbumCursor(query.cursor), query.limit + 1);
    return pageOf(rows, query.limit, (r) => r.invite.id, (r) => this.toInvite(r.invite, r.guests, origin));
  }

  /** Idempotent. Guests who joined with the link keep their sessions: removing them is a separate, deliberate act. */
  async revokeInvite(caller: AlbumCaller, albumId: string, inviteId: string): Promise<void> {
    await this.repository.transaction(async (tx) => {
      await this.assertHost(caller, albumId, tx);
      if (!(await this.repository.findInvite(albumId, inviteId, tx))) throw AppError.notFound('Invite');
      await this.repository.revokeInvite(tx, albumId, inviteId);
    });
  }

  async inviteQr(caller: AlbumCaller, albumId: string, inviteId: string, format: 'svg' | 'png', origin: string): Promise<Buffer | string> {
    await this.assertHost(caller, albumId);
    const invite = await this.repository.findInvite(albumId, inviteId);
    if (!invite) throw AppError.notFound('Invite');
    // A table card with a dead link helps nobody.
    if (!inviteActive(invite)) throw new AppError('INVITE_INVALID', 'This invite link is revoked or expired; make a new one');
    const url = joinUrl(origin, this.tokenOf(invite));
    const options = { errorCorrectionLevel: 'M' as const, margin: 2 };
    return format === 'svg' ? QRCode.toString(url, { ...options, type: 'svg' }) : QRCode.toBuffer(url, { ...options, type: 'png', width: 512 });
  }

  // ---- guests ----

  async preview(token: string): Promise<GuestInvitePreview> {
    const { invite, album } = await this.liveInvite(token);
    return { album_id: album.id, title: album.title, event_date: album.eventDate, expires_at: invite.expiresAt?.toISOString() ?? null };
  }

  async join(body: GuestJoinBody, ip: string | null): Promise<Joined> {
    await this.limiter.consume('guest-join', ip ?? 'unknown', {
      max: this.config.RATE_LIMIT_GUEST_JOINS_PER_IP,
      windowSeconds: this.config.RATE_LIMIT_GUEST_JOINS_WINDOW_SECONDS,
    });
    const { invite } = await this.liveInvite(body.token);
    const sessionToken = newAlbumToken();
    const expiresAt = new Date(Date.now() + GUEST_SESSION_DAYS * 86_400_000);
    const guest = await this.repository.transaction(async (tx) => {
      // Re-read under the album's lock: a revoke or delete racing the join wins.
      const album = await this.repository.lockAlbum(tx, invite.albumId);
      const fresh = album && (await this.repository.findInvite(invite.albumId, invite.id, tx));
      if (!fresh || !inviteActive(fresh)) throw invalidInvite();
      return this.repository.insertGuest(tx, {
        id: uuidv7(),
        albumId: invite.albumId,
        displayName: body.display_name,
        inviteId: invite.id,
        sessionTokenHash: hashAlbumToken(sessionToken),
        sessionExpiresAt: expiresAt,
      });
    });
    return { self: await this.selfOf(guest), sessionToken, expiresAt };
  }

  async me(caller: AlbumCaller): Promise<GuestSelf> {
    const guest = await this.guestOf(caller);
    return this.selfOf(guest);
  }

  /** Ends the caller's guest session; their photos stay. */
  async leave(caller: AlbumCaller): Promise<void> {
    const guest = await this.guestOf(caller);
    await this.endGuest(guest.albumId, guest.id, 'left', null);
  }

  async guests(caller: AlbumCaller, albumId: string, query: AlbumPageQuery): Promise<AlbumGuestPage> {
    await this.assertHost(caller, albumId);
    const rows = await this.repository.guestsPage(albumId, decodeAlbumCursor(query.cursor), query.limit + 1);
    return pageOf(rows, query.limit, (r) => r.id, toGuest);
  }

  /** Idempotent; the guest's session ends at once (their next request is refused, on any instance). */
  async removeGuest(caller: AlbumCaller, albumId: string, guestId: string): Promise<void> {
    const actorId = await this.assertHost(caller, albumId);
    if (!(await this.repository.findGuest(albumId, guestId))) throw AppError.notFound('Guest');
    await this.endGuest(albumId, guestId, 'removed', actorId);
  }

  // ---- wall link ----

  async wallLink(caller: AlbumCaller, albumId: string, origin: string): Promise<AlbumWallLinkState> {
    await this.assertHost(caller, albumId);
    const link = await this.repository.liveWallLink(albumId);
    return { link: link ? this.toWallLink(link, origin) : null };
  }

  /** A new link; the previous one stops working in the same transaction. */
  async createWallLink(caller: AlbumCaller, albumId: string, origin: string): Promise<AlbumWallLink> {
    const token = newAlbumToken();
    const link = await this.repository.transaction(async (tx) => {
      const actorId = await this.assertHost(caller, albumId, tx);
      await this.repository.lockAlbum(tx, albumId);
      await this.revokeWallIn(tx, albumId);
      return this.repository.insertWallLink(tx, { id: uuidv7(), albumId, tokenHash: hashAlbumToken(token), tokenEnc: this.sealer.seal(token), createdBy: actorId });
    });
    this.events.kick();
    return { ...this.toWallLink(link, origin), token, wall_url: wallUrl(origin, albumId, token) };
  }

  async revokeWallLink(caller: AlbumCaller, albumId: string): Promise<void> {
    await this.repository.transaction(async (tx) => {
      await this.assertHost(caller, albumId, tx);
      await this.revokeWallIn(tx, albumId);
    });
    this.events.kick();
  }

  // ---- helpers ----

  /** Loads the album for a host (or co-host) and answers their user id; 404 / 403 otherwise. */
  private async assertHost(caller: AlbumCaller, albumId: string, tx?: Executor): Promise<string> {
    const { actor, album } = await this.policy.load(caller, albumId, tx);
    this.policy.assert(actor, 'manageInvites', album.album);
    return actor.kind === 'user' ? actor.userId : album.album.ownerId;
  }

  private async revokeWallIn(tx: Executor, albumId: string): Promise<void> {
    const revoked = await this.repository.revokeWallLink(tx, albumId);
    if (revoked) await this.events.record(tx, 'album.wall-link.revoked', { album_id: albumId, wall_link_id: revoked });
  }

  private async endGuest(albumId: string, guestId: string, reason: 'left' | 'removed', byUserId: string | null): Promise<void> {
    const ended = await this.repository.transaction(async (tx) => {
      const ended = await this.repository.endGuestSession(tx, guestId, reason);
      if (ended) await this.events.record(tx, 'album.guest.ended', { album_id: albumId, guest_id: guestId, reason, by_user_id: byUserId });
      return ended;
    });
    if (ended) this.events.kick();
  }

  private async guestOf(caller: AlbumCaller): Promise<AlbumGuestRow> {
    if (caller.kind !== 'guest') throw AppError.forbidden('Only guests have a guest session');
    const guest = await this.repository.findGuest(caller.albumId, caller.guestId);
    if (!guest || !guestActive(guest)) throw new AppError('GUEST_SESSION_ENDED', 'Your guest session has ended; open the invite link again');
    return guest;
  }

  private async selfOf(guest: AlbumGuestRow): Promise<GuestSelf> {
    const album = await this.repository.findAlbum(guest.albumId);
    if (!album) throw AppError.notFound('Album');
    return { guest: toGuest(guest), album: toAlbum(album, 'guest'), expires_at: guest.sessionExpiresAt.toISOString() };
  }

  /** One answer for unknown, revoked, expired and deleted-album tokens: which it was is not said. */
  private async liveInvite(token: string) {
    const found = await this.repository.inviteByHash(hashAlbumToken(token));
    if (!found || !inviteActive(found.invite)) throw invalidInvite();
    return found;
  }

  private tokenOf(row: { tokenEnc: string; tokenHash: string }): string {
    const token = this.sealer.open(row.tokenEnc, row.tokenHash);
    if (!token) throw new AppError('INVITE_INVALID', 'This link was made under another server secret and cannot be shown; make a new one');
    return token;
  }

  private toInvite(invite: AlbumInviteRow, guests: number, origin: string): AlbumInvite {
    const token = this.sealer.open(invite.tokenEnc, invite.tokenHash) ?? '';
    return {
      id: invite.id,
      album_id: invite.albumId,
      token,
      join_url: token ? joinUrl(origin, token) : '',
      created_at: invite.createdAt.toISOString(),
      expires_at: invite.expiresAt?.toISOString() ?? null,
      revoked_at: invite.revokedAt?.toISOString() ?? null,
      active: inviteActive(invite) && token !== '',
      guests_joined: guests,
    };
  }

  private toWallLink(link: AlbumWallLinkRow, origin: string): AlbumWallLink {
    const token = this.sealer.open(link.tokenEnc, link.tokenHash) ?? '';
    return { id: link.id, album_id: link.albumId, token, wall_url: token ? wallUrl(origin, link.albumId, token) : '', created_at: link.createdAt.toISOString() };
  }
}

function invalidInvite(): AppError {
  return new AppError('INVITE_INVALID', 'This invite link no longer works; ask the host for a new one');
}

/**
 * What the AccessGuard (through AlbumVisitors) and the album sockets ask to let in a caller
 * without an account. Looks the token up by hash in the database on every call, so a guest
 * removed or a wall link revoked on one instance is refused on every other at once.
 */
@Injectable()
export class AlbumAccess {
  constructor(private readonly repository: AlbumsRepository) {}

  async verifyGuestSession(cookieValue: string): Promise<GuestAuthContext | null> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(cookieValue)) return null;
    const found = await this.repository.guestBySessionHash(hashAlbumToken(cookieValue));
    if (!found || found.album.deletedAt || !guestActive(found.guest)) return null;
    return { kind: 'guest', guestId: found.guest.id, albumId: found.guest.albumId, displayName: found.guest.displayName };
  }

  async verifyWallToken(token: string): Promise<{ kind: 'wall'; wallLinkId: string; albumId: string } | null> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
    const found = await this.repository.wallLinkByHash(hashAlbumToken(token));
    if (!found || found.album.deletedAt || found.link.revokedAt) return null;
    return { kind: 'wall', wallLinkId: found.link.id, albumId: found.link.albumId };
  }
}
