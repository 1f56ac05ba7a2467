import { describe, expect, it } from 'vitest';
import { type AlbumAction, type AlbumActor, type AlbumFacts, AlbumsPolicy } from './albums.policy';
import type { AlbumsRepository } from './albums.repository';

const ALBUM: AlbumFacts = { id: 'album-a', ownerId: 'owner', guestsMayDownload: false, deletedAt: null };
const actors: Record<string, AlbumActor> = {
  owner: { kind: 'user', userId: 'owner', role: 'host', isOwner: true },
  cohost: { kind: 'user', userId: 'co', role: 'cohost', isOwner: false },
  member: { kind: 'user', userId: 'mem', role: 'member', isOwner: false },
  stranger: { kind: 'user', userId: 'x', role: null, isOwner: false },
  guest: { kind: 'guest', guestId: 'g1', albumId: 'album-a' },
  otherGuest: { kind: 'guest', guestId: 'g2', albumId: 'album-b' },
  wall: { kind: 'wall', wallLinkId: 'w', albumId: 'album-a' },
};

/** The rules without a database: `can` never reads one. */
const sut = new AlbumsPolicy(undefined as unknown as AlbumsRepository);
const allowed = (action: AlbumAction, album: AlbumFacts = ALBUM, photo?: { uploaderUserId: string | null; uploaderGuestId: string | null }) =>
  Object.entries(actors)
    .filter(([, actor]) => sut.can(actor, action, album, photo))
    .map(([name]) => name);

describe('AlbumsPolicy', () => {
  it.each<[AlbumAction, string[]]>([
    ['view', ['owner', 'cohost', 'member', 'guest', 'wall']],
    ['edit', ['owner', 'cohost']],
    ['delete', ['owner']],
    ['manageMembers', ['owner', 'cohost']],
    ['manageInvites', ['owner', 'cohost']],
    ['upload', ['owner', 'cohost', 'member', 'guest']],
    ['moderate', ['owner', 'cohost']],
    ['heart', ['owner', 'cohost', 'member', 'guest']],
    ['download', ['owner', 'cohost', 'member']],
    ['downloadOriginal', ['owner', 'cohost']],
  ])('%s: %j', (action, who) => {
    expect(allowed(action)).toEqual(who);
  });

  it('lets guests download only when the album allows it, and never the original', () => {
    const open = { ...ALBUM, guestsMayDownload: true };
    expect(allowed('download', open)).toEqual(['owner', 'cohost', 'member', 'guest']);
    expect(allowed('downloadOriginal', open)).toEqual(['owner', 'cohost']);
  });

  it('deletes a photo: hosts any, uploaders their own, nobody else', () => {
    expect(allowed('deletePhoto', ALBUM, { uploaderUserId: 'mem', uploaderGuestId: null })).toEqual(['owner', 'cohost', 'member']);
    expect(allowed('deletePhoto', ALBUM, { uploaderUserId: null, uploaderGuestId: 'g1' })).toEqual(['owner', 'cohost', 'guest']);
    // A guest of another album with the same guest id shape never reaches album A's photos.
    expect(allowed('deletePhoto', ALBUM, { uploaderUserId: null, uploaderGuestId: 'g2' })).toEqual(['owner', 'cohost']);
    expect(allowed('deletePhoto')).toEqual(['owner', 'cohost']);
  });

  it('allows nothing on a deleted album', () => {
    const deleted = { ...ALBUM, deletedAt: new Date() };
    for (const action of ['view', 'edit', 'delete', 'upload', 'download'] as const) expect(allowed(action, deleted)).toEqual([]);
  });

  it('answers 404 to whoever may not see the album and 403 to whoever sees it', () => {
    expect(() => sut.assert(actors.stranger!, 'edit', ALBUM)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(() => sut.assert(actors.otherGuest!, 'view', ALBUM)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(() => sut.assert(actors.member!, 'edit', ALBUM)).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    expect(() => sut.assert(actors.wall!, 'upload', ALBUM)).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    expect(() => sut.assert(actors.cohost!, 'edit', ALBUM)).not.toThrow();
  });

  it('lets the owner manage co-hosts and members, co-hosts members only, nobody the host role', () => {
    expect([sut.mayManageRole(actors.owner!, 'cohost'), sut.mayManageRole(actors.owner!, 'member'), sut.mayManageRole(actors.owner!, 'host')]).toEqual([true, true, false]);
    expect([sut.mayManageRole(actors.cohost!, 'cohost'), sut.mayManageRole(actors.cohost!, 'member')]).toEqual([false, true]);
    expect(sut.mayManageRole(actors.guest!, 'member')).toBe(false);
  });
});
