import { Message } from '@discordgym/contracts';
import { describe, expect, it } from 'vitest';
import { createAlbum, removePhoto, seedPhoto } from '../../../test/album-live-fixtures';
import { chatUsers, clientId, createGroup, startEmbeddedChat, useChatServer } from '../../../test/chat-fixtures';
import { expectError } from '../../../test/expect-error';

/** Albums and photos as chat cards: shared by who sees them, told to the room without opening the album. */
describe('album cards in chat', () => {
  const chat = useChatServer(startEmbeddedChat);
  const send = (token: string, chatroomId: string, card: { kind: string; id: string }) =>
    chat.api.post('/api/messages', { chatroom_id: chatroomId, content: '', client_id: clientId(), card }, { token });

  it('a member shares the album and an approved photo; the snapshot carries no image URL', async () => {
    const [host, friend] = await chatUsers(chat.api, 2);
    const room = await createGroup(chat.api, host, [friend]);
    const albumId = await createAlbum(chat.api, host.token, {}, 'Silvester');
    const photo = await seedPhoto(chat.sut, albumId, { uploaderUserId: host.id });
    await seedPhoto(chat.sut, albumId, { uploaderUserId: host.id, status: 'awaiting_approval' });

    const albumCard = await send(host.token, room.id, { kind: 'album', id: albumId });
    expect(albumCard.status, JSON.stringify(albumCard.body)).toBe(201);
    expect(Message.parse(albumCard.body).card).toEqual({
      kind: 'album',
      id: albumId,
      snapshot: { title: 'Silvester', event_date: null, photo_count: 1, cover_photo_id: null, cover_placeholder: null },
    });
    const photoCard = await send(host.token, room.id, { kind: 'album-photo', id: photo.id });
    expect(photoCard.status, JSON.stringify(photoCard.body)).toBe(201);
    expect(Message.parse(photoCard.body).card?.snapshot).toEqual({ album_id: albumId, album_title: 'Silvester', width: 800, height: 600, placeholder: null });
    expect(JSON.stringify([albumCard.body, photoCard.body])).not.toMatch(/https?:|\/api\/storage|original/);
  });

  it('someone who does not see the album cannot share it or its photos; hidden photos are not shared', async () => {
    const [host, friend] = await chatUsers(chat.api, 2);
    const room = await createGroup(chat.api, friend, [host]);
    const albumId = await createAlbum(chat.api, host.token);
    const photo = await seedPhoto(chat.sut, albumId, { uploaderUserId: host.id });
    const waiting = await seedPhoto(chat.sut, albumId, { uploaderUserId: host.id, status: 'awaiting_approval' });
    expectError(await send(friend.token, room.id, { kind: 'album', id: albumId }), 404, 'NOT_FOUND');
    expectError(await send(friend.token, room.id, { kind: 'album-photo', id: photo.id }), 404, 'NOT_FOUND');
    expectError(await send(host.token, room.id, { kind: 'album-photo', id: waiting.id }), 404, 'NOT_FOUND');
    await removePhoto(chat.sut, albumId, photo.id);
    expectError(await send(host.token, room.id, { kind: 'album-photo', id: photo.id }), 404, 'NOT_FOUND');
  });
});
