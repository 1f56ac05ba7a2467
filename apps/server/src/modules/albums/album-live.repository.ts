import { Injectable } from '@nestjs/common';
import { and, asc, eq, gt, inArray, isNotNull, isNull, lt, notInArray, sql } from 'drizzle-orm';
import { Database, type Db, type Executor } from '../../infra/db/database';
import { albumGuests, albumMembers, albumPhotoHearts, albumPhotos, albums, albumWallLinks, users } from '../../infra/db/schema';

export type LivePhotoRow = typeof albumPhotos.$inferSelect;

/** A photo with the name its uploader goes by (null once the account is gone). */
export interface NamedPhoto {
  photo: LivePhotoRow;
  uploaderName: string | null;
}

/** Who hearts: exactly one of the two. */
export type HeartActor = { userId: string; guestId?: undefined } | { guestId: string; userId?: undefined };

/** Statuses whose objects are in storage: what counts as storage used. */
const STORED_STATUSES_EXCLUDED = ['pending_upload', 'rejected'];

/**
 * The queries of the live wall, hearts, downloads, cleanup and storage usage. Photo rows
 * are written by the uploads flow (PhotosRepository); here only heart counts change, and the
 * cleanup purges rows of albums and uploads that are gone.
 */
@Injectable()
export class AlbumLiveRepository {
  constructor(private readonly database: Database) {}

  private get db(): Db {
    return this.database.db;
  }

  transaction<T>(work: (tx: Executor) => Promise<T>): Promise<T> {
    return this.db.transaction((tx) => work(tx as unknown as Executor));
  }

  /** A live album's change counter, or undefined when it is gone. */
  async lastSeq(albumId: string): Promise<number | undefined> {
    const [row] = await this.db.select({ lastSeq: albums.lastSeq }).from(albums).where(and(eq(albums.id, albumId), isNull(albums.deletedAt))).limit(1);
    return row?.lastSeq;
  }

  /** Photos changed after `after`, in seq order (each row holds its latest change). */
  async changesAfter(albumId: string, after: number, limit: number): Promise<NamedPhoto[]> {
    const rows = await this.db
      .select()
      .from(albumPhotos)
      .where(and(eq(albumPhotos.albumId, albumId), gt(albumPhotos.seq, after)))
      .orderBy(asc(albumPhotos.seq))
      .limit(limit);
    return this.named(rows);
  }

  async photo(albumId: string, photoId: string): Promise<NamedPhoto | undefined> {
    const rows = await this.db.select().from(albumPhotos).where(and(eq(albumPhotos.albumId, albumId), eq(albumPhotos.id, photoId))).limit(1);
    return (await this.named(rows))[0];
  }

  private async named(rows: LivePhotoRow[]): Promise<NamedPhoto[]> {
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

  // ---- hearts ----

  /** Adds or removes the actor's heart on a visible photo; the count moves only when the row did. */
  async setHeart(albumId: string, photoId: string, actor: HeartActor, hearted: boolean, id: string): Promise<{ count: number } | undefined> {
    return this.transaction(async (tx) => {
      const [photo] = await tx
        .select({ id: albumPhotos.id })
        .from(albumPhotos)
        .where(and(eq(albumPhotos.id, photoId), eq(albumPhotos.albumId, albumId), eq(albumPhotos.status, 'approved'), isNull(albumPhotos.deletedAt)))
        .for('update')
        .limit(1);
      if (!photo) return undefined;
      const mine = actor.userId ? eq(albumPhotoHearts.userId, actor.userId) : eq(albumPhotoHearts.guestId, actor.guestId!);
      let changed: number;
      if (hearted) {
        const inserted = await tx
          .insert(albumPhotoHearts)
          .values({ id, photoId, userId: actor.userId ?? null, guestId: actor.guestId ?? null })
          .onConflictDoNothing()
          .returning({ id: albumPhotoHearts.id });
        changed = inserted.length;
      } else {
        const deleted = await tx.delete(albumPhotoHearts).where(and(eq(albumPhotoHearts.photoId, photoId), mine)).returning({ id: albumPhotoHearts.id });
        changed = -deleted.length;
      }
      const [row] = await tx
        .update(albumPhotos)
        .set({ heartCount: sql`greatest(0, ${albumPhotos.heartCount} + ${changed})` })
        .where(eq(albumPhotos.id, photoId))
        .returning({ count: albumPhotos.heartCount });
      return { count: row?.count ?? 0 };
    });
  }

  // ---- downloads ----

  /** Approved photos of the album by id, a page at a time (the whole-album ZIP). */
  async approvedPage(albumId: string, afterId: string | undefined, limit: number): Promise<LivePhotoRow[]> {
    return this.db
      .select()
      .from(albumPhotos)
      .where(
        and(eq(albumPhotos.albumId, albumId), eq(albumPhotos.status, 'approved'), isNull(albumPhotos.deletedAt), afterId ? gt(albumPhotos.id, afterId) : undefined),
      )
      .orderBy(asc(albumPhotos.id))
      .limit(limit);
  }

  /** The named photos that are approved, in id order; unknown or hidden ids drop out. */
  async approvedByIds(albumId: string, ids: string[]): Promise<LivePhotoRow[]> {
    if (!ids.length) return [];
    return this.db
      .select()
      .from(albumPhotos)
      .where(and(eq(albumPhotos.albumId, albumId), inArray(albumPhotos.id, ids), eq(albumPhotos.status, 'approved'), isNull(albumPhotos.deletedAt)))
      .orderBy(asc(albumPhotos.id));
  }

  // ---- chat cards ----

  /** A live album with its approved photo count and its cover's placeholder. */
  async cardOfAlbum(albumId: string): Promise<{ title: string; eventDate: string | null; photos: number; coverPhotoId: string | null; coverPlaceholder: string | null } | undefined> {
    const [album] = await this.db.select().from(albums).where(and(eq(albums.id, albumId), isNull(albums.deletedAt))).limit(1);
    if (!album) return undefined;
    const [count] = await this.db
      .select({ n: sql<string>`count(*)` })
      .from(albumPhotos)
      .where(and(eq(albumPhotos.albumId, albumId), eq(albumPhotos.status, 'approved'), isNull(albumPhotos.deletedAt)));
    const [cover] = album.coverPhotoId
      ? await this.db
          .select({ placeholder: albumPhotos.placeholder })
          .from(albumPhotos)
          .where(and(eq(albumPhotos.id, album.coverPhotoId), eq(albumPhotos.status, 'approved'), isNull(albumPhotos.deletedAt)))
          .limit(1)
      : [];
    return { title: album.title, eventDate: album.eventDate, photos: Number(count?.n ?? 0), coverPhotoId: cover ? album.coverPhotoId : null, coverPlaceholder: cover?.placeholder ?? null };
  }

  /** Any photo by id (its album is found from it), for a photo card. */
  async photoById(photoId: string): Promise<LivePhotoRow | undefined> {
    const [row] = await this.db.select().from(albumPhotos).where(eq(albumPhotos.id, photoId)).limit(1);
    return row;
  }

  // ---- notifications ----

  /** Hosts and co-hosts: who moderates. */
  async hostIds(albumId: string): Promise<string[]> {
    const rows = await this.db
      .select({ userId: albumMembers.userId })
      .from(albumMembers)
      .where(and(eq(albumMembers.albumId, albumId), inArray(albumMembers.role, ['host', 'cohost'])));
    return rows.map((r) => r.userId);
  }

  async albumTitle(albumId: string): Promise<string | undefined> {
    const [row] = await this.db.select({ title: albums.title }).from(albums).where(and(eq(albums.id, albumId), isNull(albums.deletedAt))).limit(1);
    return row?.title;
  }

  async photoStatus(photoId: string): Promise<string | undefined> {
    const [row] = await this.db.select({ status: albumPhotos.status, deletedAt: albumPhotos.deletedAt }).from(albumPhotos).where(eq(albumPhotos.id, photoId)).limit(1);
    return row && !row.deletedAt ? row.status : undefined;
  }

  // ---- realtime recovery ----

  /** Albums this user belongs to (the channels a recovered socket may keep), newest first, bounded. */
  async albumIdsOfUser(userId: string, limit: number): Promise<string[]> {
    const rows = await this.db
      .select({ id: albumMembers.albumId })
      .from(albumMembers)
      .innerJoin(albums, eq(albums.id, albumMembers.albumId))
      .where(and(eq(albumMembers.userId, userId), isNull(albums.deletedAt)))
      .limit(limit);
    return rows.map((r) => r.id);
  }

  /** When the session of a guest ends, while it still works in a live album; undefined when it does not. */
  async guestSessionEnd(guestId: string, albumId: string, now: Date): Promise<Date | undefined> {
    const [row] = await this.db
      .select({ expiresAt: albumGuests.sessionExpiresAt })
      .from(albumGuests)
      .innerJoin(albums, eq(albums.id, albumGuests.albumId))
      .where(and(eq(albumGuests.id, guestId), eq(albumGuests.albumId, albumId), isNull(albumGuests.revokedAt), gt(albumGuests.sessionExpiresAt, now), isNull(albums.deletedAt)))
      .limit(1);
    return row?.expiresAt;
  }

  /** A wall link not revoked, of a live album. */
  async wallLinkActive(wallLinkId: string, albumId: string): Promise<boolean> {
    const [row] = await this.db
      .select({ id: albumWallLinks.id })
      .from(albumWallLinks)
      .innerJoin(albums, eq(albums.id, albumWallLinks.albumId))
      .where(and(eq(albumWallLinks.id, wallLinkId), eq(albumWallLinks.albumId, albumId), isNull(albumWallLinks.revokedAt), isNull(albums.deletedAt)))
      .limit(1);
    return row !== undefined;
  }

  // ---- cleanup ----

  /** An album marked deleted (the cleanup job only purges those). */
  async isDeleted(albumId: string): Promise<boolean | undefined> {
    const [row] = await this.db.select({ deletedAt: albums.deletedAt }).from(albums).where(eq(albums.id, albumId)).limit(1);
    return row ? row.deletedAt !== null : undefined;
  }

  /** Multipart uploads still open in the album (aborted before its prefix is emptied). */
  async openMultipart(albumId: string, limit: number): Promise<Array<{ id: string; key: string; uploadId: string }>> {
    const rows = await this.db
      .select({ id: albumPhotos.id, key: albumPhotos.originalKey, uploadId: albumPhotos.multipartUploadId })
      .from(albumPhotos)
      .where(and(eq(albumPhotos.albumId, albumId), isNotNull(albumPhotos.multipartUploadId)))
      .limit(limit);
    return rows.map((r) => ({ id: r.id, key: r.key, uploadId: r.uploadId! }));
  }

  async clearMultipart(photoIds: string[]): Promise<void> {
    if (photoIds.length) await this.db.update(albumPhotos).set({ multipartUploadId: null }).where(inArray(albumPhotos.id, photoIds));
  }

  /** The album's row and, by cascade, its members, invites, guests, wall links, photos and hearts. */
  async purgeAlbum(albumId: string): Promise<void> {
    await this.db.delete(albums).where(and(eq(albums.id, albumId), isNotNull(albums.deletedAt)));
  }

  /** Uploads whose URLs expired before `before` without being completed. */
  async expiredUploads(before: Date, limit: number): Promise<Array<{ id: string; albumId: string; key: string; uploadId: string | null }>> {
    const rows = await this.db
      .select({ id: albumPhotos.id, albumId: albumPhotos.albumId, key: albumPhotos.originalKey, uploadId: albumPhotos.multipartUploadId })
      .from(albumPhotos)
      .where(and(eq(albumPhotos.status, 'pending_upload'), lt(albumPhotos.uploadExpiresAt, before)))
      .orderBy(asc(albumPhotos.uploadExpiresAt))
      .limit(limit);
    return rows;
  }

  /** Deletes these rows if they are still uncompleted (a complete racing the sweep wins). */
  async deleteExpiredUploads(ids: string[], before: Date): Promise<number> {
    if (!ids.length) return 0;
    const rows = await this.db
      .delete(albumPhotos)
      .where(and(inArray(albumPhotos.id, ids), eq(albumPhotos.status, 'pending_upload'), lt(albumPhotos.uploadExpiresAt, before)))
      .returning({ id: albumPhotos.id });
    return rows.length;
  }

  // ---- storage usage ----

  /** Bytes in storage per live album (originals and derivatives), largest first, bounded. */
  async storageByAlbum(limit: number): Promise<Array<{ albumId: string; title: string; bytes: number; photos: number }>> {
    const bytes = sql<string>`coalesce(sum(${albumPhotos.byteSize} + ${albumPhotos.derivedBytes}), 0)`;
    const rows = await this.db
      .select({ albumId: albums.id, title: albums.title, bytes, photos: sql<string>`count(${albumPhotos.id})` })
      .from(albums)
      .innerJoin(albumPhotos, eq(albumPhotos.albumId, albums.id))
      .where(and(isNull(albums.deletedAt), isNull(albumPhotos.deletedAt), notInArray(albumPhotos.status, STORED_STATUSES_EXCLUDED)))
      .groupBy(albums.id, albums.title)
      .orderBy(sql`${bytes} desc`)
      .limit(limit);
    return rows.map((r) => ({ albumId: r.albumId, title: r.title, bytes: Number(r.bytes), photos: Number(r.photos) }));
  }

  /** Bytes in storage over every album, deleted ones still being cleaned up included. */
  async storageTotal(): Promise<{ bytes: number; photos: number; albums: number }> {
    const [row] = await this.db
      .select({
        bytes: sql<string>`coalesce(sum(${albumPhotos.byteSize} + ${albumPhotos.derivedBytes}), 0)`,
        photos: sql<string>`count(*)`,
        albums: sql<string>`count(distinct ${albumPhotos.albumId})`,
      })
      .from(albumPhotos)
      .where(and(isNull(albumPhotos.deletedAt), notInArray(albumPhotos.status, STORED_STATUSES_EXCLUDED)));
    return { bytes: Number(row?.bytes ?? 0), photos: Number(row?.photos ?? 0), albums: Number(row?.albums ?? 0) };
  }
}
