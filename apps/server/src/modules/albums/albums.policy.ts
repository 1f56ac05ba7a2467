import { Injectable } from '@nestjs/common';
import type { AlbumRole, AlbumViewerRole } from '@discordgym/contracts';
import { AppError } from '../../common/app-error';
import type { AlbumCaller } from '../../common/request-context';
import type { Executor } from '../../infra/db/database';
import { type AlbumRow, AlbumsRepository, type AlbumWithOwner } from './albums.repository';

/**
 * Who acts on an album: a user with their role in it (null: not a member), a guest of one
 * album, or a wall opened with a wall link. REST and socket handlers both turn their caller
 * into one of these with `AlbumsPolicy.load` and ask `can` / `assert`.
 */
export type AlbumActor =
  | { kind: 'user'; userId: string; role: AlbumRole | null; isOwner: boolean }
  | { kind: 'guest'; guestId: string; albumId: string }
  | { kind: 'wall'; wallLinkId: string; albumId: string };

export type AlbumAction =
  /** See the album, its approved photos and the wall. */
  | 'view'
  /** Title, date, description, cover, settings. */
  | 'edit'
  | 'delete'
  /** Add and remove people with accounts (co-hosts: only members; see `mayManageRole`). */
  | 'manageMembers'
  /** Invite links and their QR codes, guests (remove), the wall link. */
  | 'manageInvites'
  | 'upload'
  /** The approval queue; seeing photos that are not approved yet. */
  | 'moderate'
  /** Delete one photo: hosts any, everyone else only their own. */
  | 'deletePhoto'
  /** Download derivatives and ZIPs: people with accounts; guests when the album allows it. */
  | 'download'
  /** The original file, with its EXIF: hosts only. */
  | 'downloadOriginal'
  | 'heart';

/** The photo facts a decision needs. */
export interface PhotoFacts {
  uploaderUserId: string | null;
  uploaderGuestId: string | null;
}

export type AlbumFacts = Pick<AlbumRow, 'id' | 'ownerId' | 'guestsMayDownload' | 'deletedAt'>;

const HOSTS: ReadonlySet<AlbumRole> = new Set(['host', 'cohost']);

/**
 * The one place that answers "may this actor do this to this album or photo". Pure rules in
 * `can`; `load` reads the membership; `assert` throws the error REST and sockets answer with:
 * 404 to whoever may not even see the album (other people's albums are not revealed), 403 otherwise.
 */
@Injectable()
export class AlbumsPolicy {
  constructor(private readonly repository: AlbumsRepository) {}

  can(actor: AlbumActor, action: AlbumAction, album: AlbumFacts, photo?: PhotoFacts): boolean {
    if (album.deletedAt) return false;
    if (actor.kind !== 'user' && actor.albumId !== album.id) return false;
    const host = actor.kind === 'user' && actor.role !== null && HOSTS.has(actor.role);
    switch (action) {
      case 'view':
        return actor.kind !== 'user' || actor.role !== null;
      case 'edit':
      case 'manageMembers':
      case 'manageInvites':
      case 'moderate':
      case 'downloadOriginal':
        return host;
      case 'delete':
        return actor.kind === 'user' && actor.isOwner;
      case 'upload':
      case 'heart':
        return actor.kind === 'guest' || (actor.kind === 'user' && actor.role !== null);
      case 'download':
        return (actor.kind === 'user' && actor.role !== null) || (actor.kind === 'guest' && album.guestsMayDownload);
      case 'deletePhoto':
        if (host) return true;
        if (!photo) return false;
        if (actor.kind === 'user') return actor.role !== null && photo.uploaderUserId === actor.userId;
        return actor.kind === 'guest' && photo.uploaderGuestId === actor.guestId;
    }
  }

  /** Throws NOT_FOUND when the actor may not see the album, FORBIDDEN when they see it but may not do this. */
  assert(actor: AlbumActor, action: AlbumAction, album: AlbumFacts, photo?: PhotoFacts): void {
    if (!this.can(actor, 'view', album)) throw AppError.notFound('Album');
    if (!this.can(actor, action, album, photo)) throw AppError.forbidden(refusal(action));
  }

  /** A host manages everyone but the owner; a co-host manages members only (never other co-hosts). */
  mayManageRole(actor: AlbumActor, targetRole: AlbumRole): boolean {
    if (actor.kind !== 'user' || actor.role === null || targetRole === 'host') return false;
    if (actor.role === 'host') return true;
    return actor.role === 'cohost' && targetRole === 'member';
  }

  /** The live album and what the caller is to it; NOT_FOUND when it is gone or the caller may not see it. */
  async load(caller: AlbumCaller, albumId: string, tx?: Executor): Promise<{ actor: AlbumActor; album: AlbumWithOwner }> {
    const album = await this.repository.findAlbum(albumId, tx);
    if (!album) throw AppError.notFound('Album');
    const actor = await this.actorOf(caller, album.album, tx);
    if (!this.can(actor, 'view', album.album)) throw AppError.notFound('Album');
    return { actor, album };
  }

  async actorOf(caller: AlbumCaller, album: Pick<AlbumRow, 'id' | 'ownerId'>, tx?: Executor): Promise<AlbumActor> {
    switch (caller.kind) {
      case 'guest':
        return { kind: 'guest', guestId: caller.guestId, albumId: caller.albumId };
      case 'wall':
        return { kind: 'wall', wallLinkId: caller.wallLinkId, albumId: caller.albumId };
      case 'user': {
        const member = await this.repository.membership(album.id, caller.userId, tx);
        return { kind: 'user', userId: caller.userId, role: (member?.role as AlbumRole | undefined) ?? null, isOwner: album.ownerId === caller.userId };
      }
    }
  }

  viewerRole(actor: AlbumActor): AlbumViewerRole {
    if (actor.kind === 'guest') return 'guest';
    if (actor.kind === 'wall') return 'wall';
    return actor.role ?? 'member';
  }
}

function refusal(action: AlbumAction): string {
  switch (action) {
    case 'delete':
      return 'Only the album owner deletes the album';
    case 'deletePhoto':
      return 'You may delete only your own photos';
    case 'download':
      return 'Downloads are not allowed for guests of this album';
    case 'upload':
    case 'heart':
      return 'A wall link only shows the wall';
    default:
      return 'Only the album hosts may do that';
  }
}
