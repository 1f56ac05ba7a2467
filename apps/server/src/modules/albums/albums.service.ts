import { Injectable } from '@nestjs/common';
import type {
  AddAlbumMemberBody,
  Album,
  AlbumMember,
  AlbumMemberPage,
  AlbumPage,
  AlbumPageQuery,
  AlbumRole,
  AlbumSettingsPatch,
  AlbumViewerRole,
  CreateAlbumBody,
  UpdateAlbumBody,
} from '@discordgym/contracts';
import { v7 as uuidv7 } from 'uuid';
import { AppError } from '../../common/app-error';
import type { AlbumCaller, AuthContext } from '../../common/request-context';
import { DomainEvents } from '../../events/domain-events.service';
import { toPublicUser } from '../users/users.service';
import { decodeAlbumCursor, pageOf } from './album-cursor';
import { AlbumsPolicy } from './albums.policy';
import { type AlbumInsert, type AlbumMemberRow, type AlbumRow, AlbumsRepository, type AlbumWithOwner, type UserRow } from './albums.repository';

/** Whether an album takes uploads at `now`: open, and inside its window when it has one. */
export function acceptingUploads(album: Pick<AlbumRow, 'uploadsOpen' | 'uploadWindowStart' | 'uploadWindowEnd'>, now = new Date()): boolean {
  if (!album.uploadsOpen) return false;
  if (album.uploadWindowStart && now < album.uploadWindowStart) return false;
  if (album.uploadWindowEnd && now > album.uploadWindowEnd) return false;
  return true;
}

export function toAlbum({ album, owner }: AlbumWithOwner, myRole: AlbumViewerRole): Album {
  return {
    id: album.id,
    title: album.title,
    event_date: album.eventDate,
    description: album.description,
    cover_photo_id: album.coverPhotoId,
    owner: toPublicUser(owner),
    settings: {
      uploads_open: album.uploadsOpen,
      upload_window_start: album.uploadWindowStart?.toISOString() ?? null,
      upload_window_end: album.uploadWindowEnd?.toISOString() ?? null,
      approval_required: album.approvalRequired,
      guest_quota_photos: album.guestQuotaPhotos,
      guest_quota_bytes: album.guestQuotaBytes,
      max_file_bytes: album.maxFileBytes,
      guests_may_download: album.guestsMayDownload,
    },
    my_role: myRole,
    accepting_uploads: acceptingUploads(album),
    created_at: album.createdAt.toISOString(),
    updated_at: album.updatedAt.toISOString(),
  };
}

function toMember(member: AlbumMemberRow, user: UserRow): AlbumMember {
  return { user: toPublicUser(user), role: member.role as AlbumRole, added_at: member.createdAt.toISOString() };
}

/** The columns a settings patch changes; absent keys stay as they are. */
function settingsColumns(patch: AlbumSettingsPatch | undefined): Partial<AlbumInsert> {
  if (!patch) return {};
  const columns: Partial<AlbumInsert> = {};
  if (patch.uploads_open !== undefined) columns.uploadsOpen = patch.uploads_open;
  if (patch.upload_window_start !== undefined) columns.uploadWindowStart = patch.upload_window_start ? new Date(patch.upload_window_start) : null;
  if (patch.upload_window_end !== undefined) columns.uploadWindowEnd = patch.upload_window_end ? new Date(patch.upload_window_end) : null;
  if (patch.approval_required !== undefined) columns.approvalRequired = patch.approval_required;
  if (patch.guest_quota_photos !== undefined) columns.guestQuotaPhotos = patch.guest_quota_photos;
  if (patch.guest_quota_bytes !== undefined) columns.guestQuotaBytes = patch.guest_quota_bytes;
  if (patch.max_file_bytes !== undefined) columns.maxFileBytes = patch.max_file_bytes;
  if (patch.guests_may_download !== undefined) columns.guestsMayDownload = patch.guests_may_download;
  return columns;
}

/** A patch may set one end of the window; together with the stored other end it must still be in order. */
function assertWindow(start: Date | null | undefined, end: Date | null | undefined): void {
  if (start && end && start >= end) {
    throw new AppError('VALIDATION_FAILED', 'The upload window must start before it ends', [
      { path: 'settings.upload_window_end', message: 'must be after upload_window_start' },
    ]);
  }
}

/**
 * Albums and their members with accounts. Every change runs in one transaction holding
 * the album row's lock; deleting records `album.deleted` there (the cleanup consumer
 * removes the objects).
 */
@Injectable()
export class AlbumsService {
  constructor(
    private readonly repository: AlbumsRepository,
    private readonly policy: AlbumsPolicy,
    private readonly events: DomainEvents,
  ) {}

  async create(auth: AuthContext, body: CreateAlbumBody): Promise<Album> {
    const settings = settingsColumns(body.settings);
    assertWindow(settings.uploadWindowStart, settings.uploadWindowEnd);
    const id = uuidv7();
    await this.repository.transaction(async (tx) => {
      await this.repository.insertAlbum(tx, {
        id,
        ownerId: auth.userId,
        title: body.title,
        eventDate: body.event_date ?? null,
        description: body.description ?? null,
        ...settings,
      });
      await this.repository.upsertMember(tx, { albumId: id, userId: auth.userId, role: 'host', addedBy: auth.userId });
    });
    return this.get({ kind: 'user', ...auth }, id);
  }

  async list(auth: AuthContext, query: AlbumPageQuery): Promise<AlbumPage> {
    const rows = await this.repository.albumsOfUser(auth.userId, decodeAlbumCursor(query.cursor), query.limit + 1);
    return pageOf(rows, query.limit, (r) => r.album.id, (r) => toAlbum(r, r.role as AlbumRole));
  }

  async get(caller: AlbumCaller, albumId: string): Promise<Album> {
    const { actor, album } = await this.policy.load(caller, albumId);
    return toAlbum(album, this.policy.viewerRole(actor));
  }

  async update(caller: AlbumCaller, albumId: string, body: UpdateAlbumBody): Promise<Album> {
    await this.repository.transaction(async (tx) => {
      const { actor } = await this.policy.load(caller, albumId, tx);
      const album = await this.repository.lockAlbum(tx, albumId);
      if (!album) throw AppError.notFound('Album');
      this.policy.assert(actor, 'edit', album);
      const settings = settingsColumns(body.settings);
      assertWindow(
        settings.uploadWindowStart !== undefined ? settings.uploadWindowStart : album.uploadWindowStart,
        settings.uploadWindowEnd !== undefined ? settings.uploadWindowEnd : album.uploadWindowEnd,
      );
      if (body.cover_photo_id && !(await this.repository.approvedPhotoInAlbum(tx, albumId, body.cover_photo_id))) {
        throw new AppError('VALIDATION_FAILED', 'The cover must be an approved photo of this album', [
          { path: 'cover_photo_id', message: 'not an approved photo of this album' },
        ]);
      }
      await this.repository.updateAlbum(tx, albumId, {
        ...settings,
        ...(body.title !== undefined && { title: body.title }),
        ...(body.event_date !== undefined && { eventDate: body.event_date }),
        ...(body.description !== undefined && { description: body.description }),
        ...(body.cover_photo_id !== undefined && { coverPhotoId: body.cover_photo_id }),
      });
    });
    return this.get(caller, albumId);
  }

  /** Marks the album deleted (404 everywhere at once); `album.deleted` makes the cleanup job remove its objects. */
  async delete(caller: AlbumCaller, albumId: string): Promise<void> {
    await this.repository.transaction(async (tx) => {
      const { actor } = await this.policy.load(caller, albumId, tx);
      const album = await this.repository.lockAlbum(tx, albumId);
      if (!album) throw AppError.notFound('Album');
      this.policy.assert(actor, 'delete', album);
      await this.repository.markDeleted(tx, albumId);
      await this.events.record(tx, 'album.deleted', { album_id: albumId, owner_id: album.ownerId, by_user_id: actor.kind === 'user' ? actor.userId : album.ownerId });
    });
    this.events.kick();
  }

  // ---- members ----

  async members(caller: AlbumCaller, albumId: string, query: AlbumPageQuery): Promise<AlbumMemberPage> {
    const { actor } = await this.policy.load(caller, albumId);
    // People with accounts see who else is in; guests and walls do not.
    if (actor.kind !== 'user') throw AppError.forbidden('Only members see the member list');
    const rows = await this.repository.membersPage(albumId, decodeAlbumCursor(query.cursor), query.limit + 1);
    return pageOf(rows, query.limit, (r) => r.user.id, (r) => toMember(r.member, r.user));
  }

  /** `created` tells the controller to answer 201 (a new member) or 200 (a role change, or nothing to change). */
  async addMember(caller: AlbumCaller, albumId: string, body: AddAlbumMemberBody): Promise<{ member: AlbumMember; created: boolean }> {
    return this.repository.transaction(async (tx) => {
      const { actor } = await this.policy.load(caller, albumId, tx);
      const album = await this.repository.lockAlbum(tx, albumId);
      if (!album) throw AppError.notFound('Album');
      this.policy.assert(actor, 'manageMembers', album);
      const user = await this.repository.findUser(body.user_id, tx);
      if (!user) throw AppError.notFound('User');
      const existing = await this.repository.membership(albumId, user.id, tx);
      if (existing?.role === 'host') throw AppError.forbidden('The album owner stays its host');
      if (!this.policy.mayManageRole(actor, body.role) || (existing && !this.policy.mayManageRole(actor, existing.role as AlbumRole))) {
        throw AppError.forbidden('Only the album owner adds or changes co-hosts');
      }
      const actorId = actor.kind === 'user' ? actor.userId : album.ownerId;
      const { member, created } = await this.repository.upsertMember(tx, { albumId, userId: user.id, role: body.role, addedBy: actorId });
      return { member: toMember(member, user), created };
    });
  }

  /** Hosts remove members (co-hosts: members only); anyone but the owner may leave. */
  async removeMember(caller: AlbumCaller, albumId: string, userId: string): Promise<void> {
    await this.repository.transaction(async (tx) => {
      const { actor } = await this.policy.load(caller, albumId, tx);
      const album = await this.repository.lockAlbum(tx, albumId);
      if (!album) throw AppError.notFound('Album');
      const leaving = actor.kind === 'user' && actor.userId === userId;
      if (!leaving) this.policy.assert(actor, 'manageMembers', album);
      const target = await this.repository.membership(albumId, userId, tx);
      if (!target) throw AppError.notFound('Member');
      if (target.role === 'host') throw AppError.forbidden('The album owner cannot leave or be removed; delete the album instead');
      if (!leaving && !this.policy.mayManageRole(actor, target.role as AlbumRole)) throw AppError.forbidden('Only the album owner removes co-hosts');
      await this.repository.deleteMember(tx, albumId, userId);
      await this.events.record(tx, 'album.member.removed', { album_id: albumId, user_id: userId, reason: leaving ? 'left' : 'removed', by_user_id: actor.kind === 'user' ? actor.userId : album.ownerId });
    });
    this.events.kick();
  }
}
