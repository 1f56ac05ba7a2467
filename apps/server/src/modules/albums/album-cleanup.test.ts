import { randomBytes } from 'node:crypto';
import { AdminStats, NotificationPage } from '@discordgym/contracts';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { addMember, createAlbum, joinAsGuest, seedPhoto } from '../../../test/album-live-fixtures';
import { chatUsers, startEmbeddedChat, useChatServer } from '../../../test/chat-fixtures';
import { grantRole } from '../../../test/factories';
import { eventually } from '../../../test/sockets';
import { DomainEvents } from '../../events/domain-events.service';
import { albumPhotos } from '../../infra/db/schema';
import { AlbumStorageUsage } from './album-storage-usage';

/**
 * Hosts hear of photos waiting for approval (once, batched per album), and the storage used
 * shows on the admin stats and /metrics. The storage side of cleanup (album deletion, the
 * upload sweep, ZIPs) is album-storage.suite.ts, run on disk and on S3.
 */
describe('album upload notifications and storage usage', () => {
  const chat = useChatServer(startEmbeddedChat);

  it('tells hosts and co-hosts once of photos waiting for approval, one unread notification per album', async () => {
    const [host, cohost, member] = await chatUsers(chat.api, 3);
    const albumId = await createAlbum(chat.api, host.token, { approval_required: true }, 'Sommerfest');
    await addMember(chat.api, host.token, albumId, cohost.id, 'cohost');
    await addMember(chat.api, host.token, albumId, member.id);
    const guest = await joinAsGuest(chat.api, host.token, albumId);
    const inbox = async (token: string) => NotificationPage.parse((await chat.api.get('/api/notifications', { token })).body).items.filter((n) => n.kind === 'album_upload');

    await seedPhoto(chat.sut, albumId, { uploaderGuestId: guest.guestId, status: 'awaiting_approval' });
    await chat.sut.server.app.get(DomainEvents).drain();
    await eventually(async () => expect(await inbox(host.token)).toHaveLength(1));
    await eventually(async () => expect(await inbox(cohost.token)).toHaveLength(1));
    const [note] = await inbox(host.token);
    expect(note).toMatchObject({ kind: 'album_upload', album: { id: albumId, title: 'Sommerfest' }, actor: null, read_at: null });

    // More uploads while the first is unread: no second notification.
    await seedPhoto(chat.sut, albumId, { uploaderGuestId: guest.guestId, status: 'awaiting_approval' });
    await seedPhoto(chat.sut, albumId, { uploaderUserId: member.id, status: 'awaiting_approval' });
    await chat.sut.server.app.get(DomainEvents).drain();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await inbox(host.token)).toHaveLength(1);
    expect(await inbox(member.token)).toEqual([]);

    // Once read, the next upload tells again.
    expect((await chat.api.put(`/api/notifications/${note!.id}/read`, undefined, { token: host.token })).status).toBe(200);
    await seedPhoto(chat.sut, albumId, { uploaderGuestId: guest.guestId, status: 'awaiting_approval' });
    await eventually(async () => expect(await inbox(host.token)).toHaveLength(2));
  });

  it('shows the storage used in total and per album on the admin stats and /metrics', async () => {
    const [host, admin] = await chatUsers(chat.api, 2);
    await grantRole(chat.sut, admin.id, 'admin');
    const albumId = await createAlbum(chat.api, host.token, {}, `Storage ${randomBytes(2).toString('hex')}`);
    const db = chat.sut.server.infra.database.db;
    const [before] = await db.select({ bytes: sql<string>`coalesce(sum(${albumPhotos.byteSize} + ${albumPhotos.derivedBytes}), 0)` }).from(albumPhotos).where(sql`${albumPhotos.deletedAt} is null and ${albumPhotos.status} not in ('pending_upload', 'rejected')`);
    for (let i = 0; i < 3; i++) await seedPhoto(chat.sut, albumId, { uploaderUserId: host.id, bytes: randomBytes(10_000 + i) });
    await seedPhoto(chat.sut, albumId, { uploaderUserId: host.id, status: 'pending_upload' });
    chat.sut.server.app.get(AlbumStorageUsage).invalidate();
    const expected = 10_000 + 10_001 + 10_002 + 3 * 100;

    const stats = AdminStats.parse((await chat.api.get('/api/admin/stats', { token: admin.token })).body);
    expect(stats.storage.total_bytes).toBe(Number(before!.bytes) + expected);
    expect(stats.storage.top_albums.find((a) => a.album_id === albumId)).toMatchObject({ bytes: expected, photos: 3 });

    const metrics = (await chat.api.get('/metrics')).body as string;
    expect(metrics).toMatch(new RegExp(`^storage_used_bytes(\\{[^}]*\\})? ${Number(before!.bytes) + expected}$`, 'm'));
    expect(metrics).toMatch(new RegExp(`^album_storage_used_bytes\\{[^}]*album_id="${albumId}"[^}]*\\} ${expected}$`, 'm'));
  });
});
