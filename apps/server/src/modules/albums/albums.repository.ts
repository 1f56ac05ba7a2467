import { Injectable } from '@nestjs/common';
import { and, count, desc, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import { Database, type Db, type Executor } from '../../infra/db/database';
import { albumGuests, albumInvites, albumMembers, albumPhotos, albums, albumWallLinks, users } from '../../infra/db/schema';

export type AlbumRow = typeof albums.$inferSelect;
export type AlbumInsert = typeof albums.$inferInsert;
export type AlbumMemberRow = typeof albumMembers.$inferSelect;
export type AlbumInviteRow = typeof albumInvites.$inferSelect;
export type AlbumGuestRow = typeof albumGuests.$inferSelect;
export type AlbumWallLinkRow = typeof albumWallLinks.$inferSelect;
export type UserRow = typeof users.$inferSelect;

export interface AlbumWithOwner {
  album: AlbumRow;
  owner: UserRow;
}

/** Every query of albums, their members, invites, guests and wall links (photos are the uploads helper's). */
@Injectable()
export class AlbumsRepository {
  constructor(private readonly database: Database) {}

  private get db(): Db {
    return this.database.db;
  }

  transaction<T>(work: (tx: Executor) => Promise<T>): Promise<T> {
    return this.db.transaction((tx) => work(tx as unknown as Executor));
  }

  /**
   * The album's next change number for the wall (`album_photos.seq`). The row lock it takes
   * serialises changes per album until the transaction ends, so seqs commit in order.
   */
  async nextSeq(tx: Executor, albumId: string): Promise<number> {
    const [row] = await tx
      .update(albums)
      .set({ lastSeq: sql`${albums.lastSeq} + 1` })
      .where(eq(albums.id, albumId))
      .returning({ seq: albums.lastSeq });
    if (!row) throw new Error(`album ${albumId} vanished inside its own transaction`);
    return row.seq;
  }

  // ---- albums ----

  async insertAlbum(tx: Executor, row: AlbumInsert): Promise<AlbumRow> {
    const [album] = await tx.insert(albums).values(row).returning();
    return album!;
  }

  /** A live (not deleted) album with its owner. */
  async findAlbum(id: string, tx: Executor = this.db): Promise<AlbumWithOwner | undefined> {
    const [row] = await tx
      .select({ album: albums, owner: users })
      .from(albums)
      .innerJoin(users, eq(users.id, albums.ownerId))
      .where(and(eq(albums.id, id), isNull(albums.deletedAt)))
      .limit(1);
    return row;
  }

  /** Locks the live album row for a change of its settings or membership. */
  async lockAlbum(tx: Executor, id: string): Promise<AlbumRow | undefined> {
    const [row] = await tx
      .select()
      .from(albums)
      .where(and(eq(albums.id, id), isNull(albums.deletedAt)))
      .for('update')
      .limit(1);
    return row;
  }

  async updateAlbum(tx: Executor, id: string, patch: Partial<AlbumInsert>): Promise<void> {
    await tx
      .update(albums)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(albums.id, id));
  }

  async markDeleted(tx: Executor, id: string): Promise<void> {
    const now = new Date();
    await tx.update(albums).set({ deletedAt: now, updatedAt: now }).where(eq(albums.id, id));
  }

  /** Albums the user belongs to, newest first (by album id, keyset). */
  async albumsOfUser(userId: string, beforeAlbumId: string | undefined, limit: number): Promise<(AlbumWithOwner & { role: string })[]> {
    return this.db
      .select({ album: albums, owner: users, role: albumMembers.role })
      .from(albumMembers)
      .innerJoin(albums, eq(albums.id, albumMembers.albumId))
      .innerJoin(users, eq(users.id, albums.ownerId))
      .where(and(eq(albumMembers.userId, userId), isNull(albums.deletedAt), beforeAlbumId ? lt(albumMembers.albumId, beforeAlbumId) : undefined))
      .orderBy(desc(albumMembers.albumId))
      .limit(limit);
  }

  async approvedPhotoInAlbum(tx: Executor, albumId: string, photoId: string): Promise<boolean> {
    const [row] = await tx
      .select({ id: albumPhotos.id })
      .from(albumPhotos)
      .where(and(eq(albumPhotos.id, photoId), eq(albumPhotos.albumId, albumId), eq(albumPhotos.status, 'approved'), isNull(albumPhotos.deletedAt)))
      .limit(1);
    return row !== undefined;
  }

  // ---- members ----

  async membership(albumId: string, userId: string, tx: Executor = this.db): Promise<AlbumMemberRow | undefined> {
    const [row] = await tx
      .select()
      .from(albumMembers)
      .where(and(eq(albumMembers.albumId, albumId), eq(albumMembers.userId, userId)))
      .limit(1);
    return row;
  }

  /** Inserts, or changes the role of an existing member; `created` tells which. */
  async upsertMember(tx: Executor, row: { albumId: string; userId: string; role: string; addedBy: string }): Promise<{ member: AlbumMemberRow; created: boolean }> {
    const existing = await this.membership(row.albumId, row.userId, tx);
    if (existing) {
      if (existing.role === row.role) return { member: existing, created: false };
      const [member] = await tx
        .update(albumMembers)
        .set({ role: row.role })
        .where(and(eq(albumMembers.albumId, row.albumId), eq(albumMembers.userId, row.userId)))
        .returning();
      return { member: member!, created: false };
    }
    const [member] = await tx.insert(albumMembers).values(row).returning();
    return { member: member!, created: true };
  }

  async deleteMember(tx: Executor, albumId: string, userId: string): Promise<boolean> {
    const rows = await tx
      .delete(albumMembers)
      .where(and(eq(albumMembers.albumId, albumId), eq(albumMembers.userId, userId)))
      .returning({ userId: albumMembers.userId });
    return rows.length > 0;
  }

  /** Members by user id (keyset), with their accounts. */
  async membersPage(albumId: string, afterUserId: string | undefined, limit: number): Promise<{ member: AlbumMemberRow; user: UserRow }[]> {
    return this.db
      .select({ member: albumMembers, user: users })
      .from(albumMembers)
      .innerJoin(users, eq(users.id, albumMembers.userId))
      .where(and(eq(albumMembers.albumId, albumId), afterUserId ? gt(albumMembers.userId, afterUserId) : undefined))
      .orderBy(albumMembers.userId)
      .limit(limit);
  }

  async findUser(id: string, tx: Executor = this.db): Promise<UserRow | undefined> {
    const [row] = await tx.select().from(users).where(eq(users.id, id)).limit(1);
    return row;
  }

  // ---- invites ----

  async insertInvite(tx: Executor, row: typeof albumInvites.$inferInsert): Promise<AlbumInviteRow> {
    const [invite] = await tx.insert(albumInvites).values(row).returning();
    return invite!;
  }

  async findInvite(albumId: string, inviteId: string, tx: Executor = this.db): Promise<AlbumInviteRow | undefined> {
    const [row] = await tx
      .select()
      .from(albumInvites)
      .where(and(eq(albumInvites.id, inviteId), eq(albumInvites.albumId, albumId)))
      .limit(1);
    return row;
  }

  /** An invite by its token's hash, with its album when that album is live. */
  async inviteByHash(tokenHash: string, tx: Executor = this.db): Promise<{ invite: AlbumInviteRow; album: AlbumRow } | undefined> {
    const [row] = await tx
      .select({ invite: albumInvites, album: albums })
      .from(albumInvites)
      .innerJoin(albums, eq(albums.id, albumInvites.albumId))
      .where(and(eq(albumInvites.tokenHash, tokenHash), isNull(albums.deletedAt)))
      .limit(1);
    return row;
  }

  async revokeInvite(tx: Executor, albumId: string, inviteId: string): Promise<void> {
    await tx
      .update(albumInvites)
      .set({ revokedAt: new Date() })
      .where(and(eq(albumInvites.id, inviteId), eq(albumInvites.albumId, albumId), isNull(albumInvites.revokedAt)));
  }

  /** Invites newest first (keyset by id), each with how many guests joined through it. */
  async invitesPage(albumId: string, beforeId: string | undefined, limit: number): Promise<{ invite: AlbumInviteRow; guests: number }[]> {
    const joined = this.db
      .select({ inviteId: albumGuests.inviteId, n: count().as('n') })
      .from(albumGuests)
      .where(eq(albumGuests.albumId, albumId))
      .groupBy(albumGuests.inviteId)
      .as('joined');
    const rows = await this.db
      .select({ invite: albumInvites, guests: joined.n })
      .from(albumInvites)
      .leftJoin(joined, eq(joined.inviteId, albumInvites.id))
      .where(and(eq(albumInvites.albumId, albumId), beforeId ? lt(albumInvites.id, beforeId) : undefined))
      .orderBy(desc(albumInvites.id))
      .limit(limit);
    return rows.map((r) => ({ invite: r.invite, guests: Number(r.guests ?? 0) }));
  }

  async guestsOfInvite(inviteId: string, tx: Executor = this.db): Promise<number> {
    const [row] = await tx.select({ n: count() }).from(albumGuests).where(eq(albumGuests.inviteId, inviteId));
    return row?.n ?? 0;
  }

  // ---- guests ----

  async insertGuest(tx: Executor, row: typeof albumGuests.$inferInsert): Promise<AlbumGuestRow> {
    const [guest] = await tx.insert(albumGuests).values(row).returning();
    return guest!;
  }

  /** The guest holding this session token, with the album, whatever the session's state (the caller judges it). */
  async guestBySessionHash(tokenHash: string): Promise<{ guest: AlbumGuestRow; album: AlbumRow } | undefined> {
    const [row] = await this.db
      .select({ guest: albumGuests, album: albums })
      .from(albumGuests)
      .innerJoin(albums, eq(albums.id, albumGuests.albumId))
      .where(eq(albumGuests.sessionTokenHash, tokenHash))
      .limit(1);
    return row;
  }

  async findGuest(albumId: string, guestId: string, tx: Executor = this.db): Promise<AlbumGuestRow | undefined> {
    const [row] = await tx
      .select()
      .from(albumGuests)
      .where(and(eq(albumGuests.id, guestId), eq(albumGuests.albumId, albumId)))
      .limit(1);
    return row;
  }

  /** true when a live session was ended. */
  async endGuestSession(tx: Executor, guestId: string, reason: 'left' | 'removed'): Promise<boolean> {
    const rows = await tx
      .update(albumGuests)
      .set({ revokedAt: new Date(), revokedReason: reason })
      .where(and(eq(albumGuests.id, guestId), isNull(albumGuests.revokedAt)))
      .returning({ id: albumGuests.id });
    return rows.length > 0;
  }

  async guestsPage(albumId: string, beforeId: string | undefined, limit: number): Promise<AlbumGuestRow[]> {
    return this.db
      .select()
      .from(albumGuests)
      .where(and(eq(albumGuests.albumId, albumId), beforeId ? lt(albumGuests.id, beforeId) : undefined))
      .orderBy(desc(albumGuests.id))
      .limit(limit);
  }

  // ---- wall links ----

  async liveWallLink(albumId: string, tx: Executor = this.db): Promise<AlbumWallLinkRow | undefined> {
    const [row] = await tx
      .select()
      .from(albumWallLinks)
      .where(and(eq(albumWallLinks.albumId, albumId), isNull(albumWallLinks.revokedAt)))
      .limit(1);
    return row;
  }

  /** Revokes the album's live wall link, if any; answers its id. */
  async revokeWallLink(tx: Executor, albumId: string): Promise<string | undefined> {
    const [row] = await tx
      .update(albumWallLinks)
      .set({ revokedAt: new Date() })
      .where(and(eq(albumWallLinks.albumId, albumId), isNull(albumWallLinks.revokedAt)))
      .returning({ id: albumWallLinks.id });
    return row?.id;
  }

  async insertWallLink(tx: Executor, row: typeof albumWallLinks.$inferInsert): Promise<AlbumWallLinkRow> {
    const [link] = await tx.insert(albumWallLinks).values(row).returning();
    return link!;
  }

  async wallLinkByHash(tokenHash: string): Promise<{ link: AlbumWallLinkRow; album: AlbumRow } | undefined> {
    const [row] = await this.db
      .select({ link: albumWallLinks, album: albums })
      .from(albumWallLinks)
      .innerJoin(albums, eq(albums.id, albumWallLinks.albumId))
      .where(eq(albumWallLinks.tokenHash, tokenHash))
      .limit(1);
    return row;
  }
}
