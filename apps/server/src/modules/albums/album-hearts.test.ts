import { PhotoHeartState } from '@discordgym/contracts';
import { describe, expect, it } from 'vitest';
import { addMember, createAlbum, createWallLink, joinAsGuest, removePhoto, seedPhoto } from '../../../test/album-live-fixtures';
import { chatUsers, startEmbeddedChat, useChatServer } from '../../../test/chat-fixtures';
import { expectError } from '../../../test/expect-error';

/** Hearts from members and guests: idempotent both ways, counted in the photo list, only on visible photos. */
describe('album hearts', () => {
  const chat = useChatServer(startEmbeddedChat);

  it('members and guests heart a photo once each; repeats change nothing; the list counts them', async () => {
    const [host, member, stranger] = await chatUsers(chat.api, 3);
    const albumId = await createAlbum(chat.api, host.token);
    await addMember(chat.api, host.token, albumId, member.id);
    const guest = await joinAsGuest(chat.api, host.token, albumId);
    const photo = await seedPhoto(chat.sut, albumId, { uploaderUserId: host.id });
    const path = `/api/albums/${albumId}/photos/${photo.id}/heart`;
    const heart = async (options: { token?: string; headers?: Record<string, string> }, method: 'put' | 'delete' = 'put') => {
      const response = method === 'put' ? await chat.api.put(path, undefined, options) : await chat.api.delete(path, options);
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      return PhotoHeartState.parse(response.body);
    };

    expect(await heart({ token: member.token })).toEqual({ photo_id: photo.id, hearted: true, heart_count: 1 });
    expect(await heart({ token: member.token })).toEqual({ photo_id: photo.id, hearted: true, heart_count: 1 });
    expect(await heart({ headers: guest.headers })).toEqual({ photo_id: photo.id, hearted: true, heart_count: 2 });
    expect(await heart({ token: host.token })).toMatchObject({ heart_count: 3 });
    expect(await heart({ token: host.token }, 'delete')).toEqual({ photo_id: photo.id, hearted: false, heart_count: 2 });
    expect(await heart({ token: host.token }, 'delete')).toEqual({ photo_id: photo.id, hearted: false, heart_count: 2 });

    const list = await chat.api.get(`/api/albums/${albumId}/photos`, { token: member.token });
    expect(list.status, JSON.stringify(list.body)).toBe(200);
    expect(list.body.items.find((p: { id: string }) => p.id === photo.id)?.heart_count).toBe(2);

    // Each caller's own heart comes with the list: the member's and the guest's are in, the host took theirs back.
    const other = await seedPhoto(chat.sut, albumId, { uploaderUserId: host.id });
    const heartedIn = async (options: { token?: string; headers?: Record<string, string> }) => {
      const page = await chat.api.get(`/api/albums/${albumId}/photos`, options);
      expect(page.status, JSON.stringify(page.body)).toBe(200);
      return Object.fromEntries((page.body.items as Array<{ id: string; hearted: boolean }>).map((p) => [p.id, p.hearted]));
    };
    expect(await heartedIn({ token: member.token })).toEqual({ [photo.id]: true, [other.id]: false });
    expect(await heartedIn({ headers: guest.headers })).toEqual({ [photo.id]: true, [other.id]: false });
    expect(await heartedIn({ token: host.token })).toEqual({ [photo.id]: false, [other.id]: false });

    // A stranger does not learn the album exists; a wall only watches.
    expectError(await chat.api.put(path, undefined, { token: stranger.token }), 404, 'NOT_FOUND');
    const wall = await createWallLink(chat.api, host.token, albumId);
    expect((await chat.api.put(path, undefined, { headers: { 'x-album-wall-token': wall.token } })).status).toBe(403);
  });

  it('refuses hearts on photos that are not visible: waiting, deleted, or of another album', async () => {
    const [host] = await chatUsers(chat.api, 1);
    const albumId = await createAlbum(chat.api, host.token);
    const otherAlbum = await createAlbum(chat.api, host.token);
    const waiting = await seedPhoto(chat.sut, albumId, { uploaderUserId: host.id, status: 'awaiting_approval' });
    const deleted = await seedPhoto(chat.sut, albumId, { uploaderUserId: host.id });
    await removePhoto(chat.sut, albumId, deleted.id);
    const elsewhere = await seedPhoto(chat.sut, otherAlbum, { uploaderUserId: host.id });
    for (const photoId of [waiting.id, deleted.id, elsewhere.id]) {
      expectError(await chat.api.put(`/api/albums/${albumId}/photos/${photoId}/heart`, undefined, { token: host.token }), 404, 'NOT_FOUND');
    }
    expectError(await chat.api.put(`/api/albums/${albumId}/photos/not-an-id/heart`, undefined, { token: host.token }), 400, 'VALIDATION_FAILED');
  });
});
