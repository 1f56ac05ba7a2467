import { Injectable } from '@nestjs/common';
import { and, asc, count, desc, eq, gt, inArray, isNull, lt, or, sql, sum, type SQL } from 'drizzle-orm';
import { Database, type Db, type Executor } from '../../infra/db/database';
import { albumGuests, albumPhotoHearts, albumPhotos, albums, users } from '../../infra/db/schema';

export type PhotoRow = typeof albumPhotos.$inferSelect;
export type NewPhotoRow = typeof albumPhotos.$inferInsert;
export type AlbumRow = typeof albums.$inferSelect;

/** Who uploaded (exactly one of the two ids). */
export type UploaderRef = { userId: string; guestId?: undefined } | { guestId: string; userId?: undefined };

export interface PhotoWithUploader {
  photo: PhotoRow;
  /** The member's display name (or username), or the guest's name; null once the account is gone. */
  uploaderName: string | null;
}

/** Keyset position in the `taken` order: photos with a time (ascending), then those without (by id). */
export interface TakenCursor {
  takenAt: Date | null;
  id: string;
}

/** Statuses that hold quota: everything but a failed file (a deleted one has `deleted_at`). */
const QUOTA_STATUSES = ['pending_upload', 'processing', 'awaiting_approval', 'approved', 'rejected'];

/** Every query of album photos, uploads and moderation. */
@Injectable()
export class PhotosRepository {
  constructor(private readonly database: Database) {}

  private get db(): Db {
    return this.database.db;
  }

  transaction<T>(work: (tx: Executor) => Promise<T>): Promise<T> {
    return this.db.transaction((tx) => work(tx as unknown as Executor));
  }

  /** A live album (not deleted). */
  async album(albumId: string, tx: Executor = this.db): Promise<AlbumRow | undefined> {
    const [row] = await tx.select().from(albums).where(and(eq(albums.id, albumId), isNull(albums.deletedAt))).limit(1);
    return row;
  }

  /**
   * Bumps the album's change counter and answers the new value. The row lock it takes also
   * serialises every upload request of the album until commit, which is what makes the quota
   * check below race-free (two requests of one guest at 99 of 100 cannot both pass).
   */
  /** Locks the album's row until the transaction ends (uploads of one album one at a time); false when it is gone. */
  async lockAlbumRow(tx: Executor, albumId: string): Promise<boolean> {
    const [row] = await tx.select({ id: albums.id }).from(albums).where(and(eq(albums.id, albumId), isNull(albums.deletedAt))).for('update').limit(1);
    return row !== undefined;
  }

  async nextSeq(tx: Executor, albumId: string, count = 1): Promise<number> {
    const [row] = await tx
      .update(albums)
      .set({ lastSeq: sql`${albums.lastSeq} + ${count}` })
      .where(and(eq(albums.id, albumId), isNull(albums.deletedAt)))
      .returning({ seq: albums.lastSeq });
    if (!row) throw new Error(`album ${albumId} is gone`);
    return row.seq;
  }

  async byClientIds(albumId: string, uploader: UploaderRef, clientIds: string[], tx: Executor = this.db): Promise<PhotoRow[]> {
    if (!clientIds.length) return [];
    return tx
      .select()
      .from(albumPhotos)
      .where(and(eq(albumPhotos.albumId, albumId), uploaderIs(uploader), inArray(albumPhotos.clientId, clientIds)));
  }

  async quotaUsed(tx: Executor, albumId: string, uploader: UploaderRef): Promise<{ photos: number; bytes: number }> {
    const [row] = await tx
      .select({ photos: count(), bytes: sum(albumPhotos.byteSize) })
      .from(albumPhotos)
      .where(and(eq(albumPhotos.albumId, albumId), uploaderIs(uploader), isNull(albumPhotos.deletedAt), inArray(albumPhotos.status, QUOTA_STATUSES)));
    return { photos: Number(row?.photos ?? 0), bytes: Number(row?.bytes ?? 0) };
  }

  /** Rows whose (album, uploader, client_id) exists already are skipped: the first insert wins. */
  async insertIgnoringDuplicates(tx: Executor, rows: NewPhotoRow[]): Promise<void> {
    if (rows.length) await tx.insert(albumPhotos).values(rows).onConflictDoNothing();
  }

  async setUploadExpiry(photoId: string, expiresAt: Date): Promise<void> {
    await this.db
      .update(albumPhotos)
      .set({ uploadExpiresAt: expiresAt })
      .where(and(eq(albumPhotos.id, photoId), eq(albumPhotos.status, 'pending_upload')));
  }

  /** Stores the storage's multipart id unless another request stored one first; true when this one won. */
  async claimMultipart(photoId: string, multipartUploadId: string): Promise<boolean> {
    const rows = await this.db
      .update(albumPhotos)
      .set({ multipartUploadId })
      .where(and(eq(albumPhotos.id, photoId), eq(albumPhotos.status, 'pending_upload'), isNull(albumPhotos.multipartUploadId)))
      .returning({ id: albumPhotos.id });
    return rows.length === 1;
  }

  async photo(albumId: string, photoId: string, tx: Executor = this.db): Promise<PhotoRow | undefined> {
    const [row] = await tx
      .select()
      .from(albumPhotos)
      .where(and(eq(albumPhotos.id, photoId), eq(albumPhotos.albumId, albumId), isNull(albumPhotos.deletedAt)))
      .limit(1);
    return row;
  }

  async photoById(photoId: string, tx: Executor = this.db): Promise<PhotoRow | undefined> {
    const [row] = await tx.select().from(albumPhotos).where(eq(albumPhotos.id, photoId)).limit(1);
    return row;
  }

  /** Locks the photo row until commit: complete, processing, moderation and delete of one photo run one at a time. */
  async lockPhoto(tx: Executor, photoId: string): Promise<PhotoRow | undefined> {
    const [row] = await tx.select().from(albumPhotos).where(eq(albumPhotos.id, photoId)).for('update').limit(1);
    return row;
  }

  async update(tx: Executor, photoId: string, values: Partial<NewPhotoRow>): Promise<void> {
    await tx.update(albumPhotos).set(values).where(eq(albumPhotos.id, photoId));
  }

  /** Which of these photos `viewer` (a member or a guest) has hearted; nobody for a wall. */
  async heartedBy(viewer: UploaderRef | null, photoIds: string[]): Promise<Set<string>> {
    if (!viewer || !photoIds.length) return new Set();
    const who = viewer.userId !== undefined ? eq(albumPhotoHearts.userId, viewer.userId) : eq(albumPhotoHearts.guestId, viewer.guestId);
    const rows = await this.db
      .select({ photoId: albumPhotoHearts.photoId })
      .from(albumPhotoHearts)
      .where(and(who, inArray(albumPhotoHearts.photoId, photoIds)));
    return new Set(rows.map((r) => r.photoId));
  }

  async withUploaders(rows: PhotoRow[]): Promise<PhotoWithUploader[]> {
    const userIds = [...new Set(rows.flatMap((r) => (r.uploaderUserId ? [r.uploaderUserId] : [])))];
    const guestIds = [...new Set(rows.flatMap((r) => (r.uploaderGuestId ? [r.uploaderGuestId] : [])))];
    const [userRows, guestRows] = await Promise.all([
      userIds.length
        ? this.db.select({ id: users.id, name: sql<string>`coalesce(${users.displayName}, ${users.username})` }).from(users).where(inArray(users.id, userIds))
        : [],
      guestIds.length ? this.db.select({ id: albumGuests.id, name: albumGuests.displayName }).from(albumGuests).where(inArray(albumGuests.id, guestIds)) : [],
    ]);
    const names = new Map<string, string>([...userRows, ...guestRows].map((r) => [r.id, r.name]));
    return rows.map((photo) => ({ photo, uploaderName: names.get(photo.uploaderUserId ?? photo.uploaderGuestId ?? '') ?? null }));
  }

  /**
   * One page of the album as `viewer` sees it: approved photos, plus the viewer's own
   * uploads on their way (processing, waiting, failed) so a guest sees what they sent.
   */
  async page(
    albumId: string,
    viewer: UploaderRef | null,
    sort: 'taken' | 'uploaded',
    cursor: { id: string; takenAt?: Date | null } | undefined,
    limit: number,
  ): Promise<PhotoRow[]> {
    const visible = viewer
      ? or(eq(albumPhotos.status, 'approved'), and(uploaderIs(viewer), inArray(albumPhotos.status, ['processing', 'awaiting_approval', 'failed'])))
      : eq(albumPhotos.status, 'approved');
    const base = and(eq(albumPhotos.albumId, albumId), isNull(albumPhotos.deletedAt), visible);
    if (sort === 'uploaded') {
      return this.db
        .select()
        .from(albumPhotos)
        .where(and(base, cursor ? lt(albumPhotos.id, cursor.id) : undefined))
        .orderBy(desc(albumPhotos.id))
        .limit(limit);
    }
    let after: SQL | undefined;
    if (cursor && cursor.takenAt) {
      after = or(
        gt(albumPhotos.takenAt, cursor.takenAt),
        and(eq(albumPhotos.takenAt, cursor.takenAt), gt(albumPhotos.id, cursor.id)),
        isNull(albumPhotos.takenAt),
      );
    } else if (cursor) {
      after = and(isNull(albumPhotos.takenAt), gt(albumPhotos.id, cursor.id));
    }
    return this.db
      .select()
      .from(albumPhotos)
      .where(and(base, after))
      .orderBy(sql`${albumPhotos.takenAt} asc nulls last`, asc(albumPhotos.id))
      .limit(limit);
  }

  /** The host queue, oldest first. */
  async awaitingApproval(albumId: string, afterId: string | undefined, limit: number): Promise<PhotoRow[]> {
    return this.db
      .select()
      .from(albumPhotos)
      .where(
        and(
          eq(albumPhotos.albumId, albumId),
          eq(albumPhotos.status, 'awaiting_approval'),
          isNull(albumPhotos.deletedAt),
          afterId ? gt(albumPhotos.id, afterId) : undefined,
        ),
      )
      .orderBy(asc(albumPhotos.id))
      .limit(limit);
  }

  /** Locks the album's photos among `ids` that wait for approval, in id order (no deadlock between two hosts). */
  async lockAwaiting(tx: Executor, albumId: string, ids: string[]): Promise<PhotoRow[]> {
    return tx
      .select()
      .from(albumPhotos)
      .where(and(eq(albumPhotos.albumId, albumId), inArray(albumPhotos.id, ids), eq(albumPhotos.status, 'awaiting_approval'), isNull(albumPhotos.deletedAt)))
      .orderBy(asc(albumPhotos.id))
      .for('update');
  }

  async clearCover(tx: Executor, albumId: string, photoIds: string[]): Promise<void> {
    if (!photoIds.length) return;
    await tx.update(albums).set({ coverPhotoId: null }).where(and(eq(albums.id, albumId), inArray(albums.coverPhotoId, photoIds)));
  }

  /** Photos left in `processing` (embedded: by a process that died; its in-memory job died with it). */
  async stuckProcessing(limit: number): Promise<Array<{ id: string; albumId: string }>> {
    return this.db
      .select({ id: albumPhotos.id, albumId: albumPhotos.albumId })
      .from(albumPhotos)
      .where(and(eq(albumPhotos.status, 'processing'), isNull(albumPhotos.deletedAt)))
      .orderBy(asc(albumPhotos.id))
      .limit(limit);
  }
}

function uploaderIs(uploader: UploaderRef): SQL {
  return uploader.userId !== undefined ? eq(albumPhotos.uploaderUserId, uploader.userId) : eq(albumPhotos.uploaderGuestId, uploader.guestId);
}
