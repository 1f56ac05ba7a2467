import { Message, MessagePage, SyncResult } from '@discordgym/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  chatUsers,
  clientId,
  createGroup,
  expectAckError,
  expectNoChatWrites,
  expectOk,
  recordAll,
  startEmbeddedChat,
  useChatServer,
} from '../../../test/chat-fixtures';
import { expectError } from '../../../test/expect-error';
import { emitAck, eventually } from '../../../test/sockets';
import { AppError } from '../../common/app-error';
import { type CardShare, ChatCards } from './chat-cards';

/**
 * Cards on messages through the registry, with a kind of the test's own ("note": a
 * resource only its owner may share). The mode changes nothing here: embedded only.
 */
describe('chat cards (embedded)', () => {
  const chat = useChatServer(startEmbeddedChat);
  /** The test kind's resources: id → owner and what its card shows. */
  const notes = new Map<string, { ownerId: string; title: string; secret: string }>();
  const shares: CardShare[] = [];

  beforeAll(() => {
    chat.sut.server.app.get(ChatCards).register('note', {
      resolve: async (share, id) => {
        shares.push(share);
        const note = notes.get(id);
        if (!note) throw AppError.notFound('Note');
        if (note.ownerId !== share.userId) throw AppError.forbidden('Only its owner shares a note');
        // The secret stays with the resource: the card carries the title only.
        return { title: note.title };
      },
    });
  });

  const noteId = (n: number) => `01890000-0000-7000-8000-${String(n).padStart(12, '0')}`;
  const history = async (token: string, roomId: string) => MessagePage.parse((await chat.api.get(`/api/messages/${roomId}`, { token })).body);

  it('stores the snapshot with the message: every member sees it live, in history and in sync, and it stays as sent', async () => {
    const [a, b] = await chatUsers(chat.api, 2);
    const room = await createGroup(chat.api, a, [b]);
    notes.set(noteId(1), { ownerId: a.id, title: 'Leg day', secret: 'only mine' });
    const bEvents = recordAll(await chat.connect(b, [room.id]));

    const response = await chat.api.post('/api/messages', { chatroom_id: room.id, content: '', client_id: clientId(), card: { kind: 'note', id: noteId(1) } }, { token: a.token });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    const sent = Message.parse(response.body);
    expect(sent.card).toEqual({ kind: 'note', id: noteId(1), snapshot: { title: 'Leg day' } });
    expect(JSON.stringify(sent)).not.toContain('only mine');
    expect(shares.at(-1)).toEqual({ userId: a.id, chatroomId: room.id });
    await eventually(() => expect(bEvents.filter((e) => e.event === 'new-message').map((e) => e.payload)).toEqual([sent]));

    // The resource changes afterwards: the card keeps what was shared.
    notes.set(noteId(1), { ownerId: a.id, title: 'renamed later', secret: 'only mine' });
    // History and sync add is_read for the reader (b has not read it).
    expect((await history(b.token, room.id)).items).toEqual([{ ...sent, is_read: false }]);
    const socket = await chat.connect(b);
    const synced = SyncResult.parse(expectOk(await emitAck(socket, 'sync', { rooms: [{ chatroom_id: room.id, after_seq: 0 }] })));
    expect(synced.rooms[0]!.messages).toEqual([{ ...sent, is_read: false }]);
  });

  it('sends a card over the socket beside text; plain messages carry no card and never ask the registry', async () => {
    const [a, b] = await chatUsers(chat.api, 2);
    const room = await createGroup(chat.api, a, [b]);
    notes.set(noteId(2), { ownerId: a.id, title: 'Push', secret: 's' });
    const socket = await chat.connect(a, [room.id]);
    const asked = shares.length;
    const plain = Message.parse(expectOk(await emitAck(socket, 'send-message', { chatroom_id: room.id, content: 'no card', client_id: clientId() })));
    expect(plain.card).toBeUndefined();
    expect(shares.length).toBe(asked);
    const carded = Message.parse(
      expectOk(await emitAck(socket, 'send-message', { chatroom_id: room.id, content: 'look at this', client_id: clientId(), card: { kind: 'note', id: noteId(2) } })),
    );
    expect(carded).toMatchObject({ content: 'look at this', card: { kind: 'note', id: noteId(2), snapshot: { title: 'Push' } } });
  });

  it('refuses what the kind refuses, unknown kinds, empty text without a card and strangers: 4xx, nothing written', async () => {
    const [a, b, stranger] = await chatUsers(chat.api, 3);
    const room = await createGroup(chat.api, a, [b]);
    notes.set(noteId(3), { ownerId: a.id, title: 'Mine', secret: 's' });
    const socket = await chat.connect(b, [room.id]);
    const send = (token: string, body: Record<string, unknown>) => chat.api.post('/api/messages', { chatroom_id: room.id, client_id: clientId(), content: '', ...body }, { token });
    await expectNoChatWrites(chat.sut, async () => {
      expectError(await send(b.token, { card: { kind: 'note', id: noteId(3) } }), 403, 'FORBIDDEN');
      expectError(await send(a.token, { card: { kind: 'note', id: noteId(999) } }), 404, 'NOT_FOUND');
      expectError(await send(a.token, { card: { kind: 'nothing-like-it', id: noteId(3) } }), 400, 'VALIDATION_FAILED');
      expectError(await send(a.token, { card: { kind: 'Note!', id: noteId(3) } }), 400, 'VALIDATION_FAILED');
      expectError(await send(a.token, { card: { kind: 'note' } }), 400, 'VALIDATION_FAILED');
      expectError(await send(a.token, { card: { kind: 'note', id: noteId(3), snapshot: { title: 'forged' } } }), 400, 'VALIDATION_FAILED');
      expectError(await send(a.token, { content: '   ' }), 400, 'VALIDATION_FAILED');
      // Not a member: the room answers before the card kind is asked anything.
      const asked = shares.length;
      expectError(await send(stranger.token, { card: { kind: 'note', id: noteId(3) } }), 404, 'NOT_FOUND');
      expect(shares.length).toBe(asked);
      expectAckError(await emitAck(socket, 'send-message', { chatroom_id: room.id, content: '', client_id: clientId(), card: { kind: 'note', id: noteId(3) } }), 'FORBIDDEN');
    });
  });

  it('a retry answers the first message; the same client_id with another card is a conflict', async () => {
    const [a, b] = await chatUsers(chat.api, 2);
    const room = await createGroup(chat.api, a, [b]);
    notes.set(noteId(4), { ownerId: a.id, title: 'One', secret: 's' });
    notes.set(noteId(5), { ownerId: a.id, title: 'Two', secret: 's' });
    const body = { chatroom_id: room.id, content: '', client_id: clientId(), card: { kind: 'note', id: noteId(4) } };
    const first = await chat.api.post('/api/messages', body, { token: a.token });
    expect(first.status).toBe(201);
    await expectNoChatWrites(chat.sut, async () => {
      expect((await chat.api.post('/api/messages', body, { token: a.token })).body).toEqual(first.body);
      expectError(await chat.api.post('/api/messages', { ...body, card: { kind: 'note', id: noteId(5) } }, { token: a.token }), 409, 'CLIENT_ID_CONFLICT');
      const { card: _card, ...withoutCard } = body;
      expectError(await chat.api.post('/api/messages', { ...withoutCard, content: 'text' }, { token: a.token }), 409, 'CLIENT_ID_CONFLICT');
    });
  });

  it('deleting the message takes its card with it', async () => {
    const [a, b] = await chatUsers(chat.api, 2);
    const room = await createGroup(chat.api, a, [b]);
    notes.set(noteId(6), { ownerId: a.id, title: 'Regretted', secret: 's' });
    const sent = Message.parse(
      (await chat.api.post('/api/messages', { chatroom_id: room.id, content: 'x', client_id: clientId(), card: { kind: 'note', id: noteId(6) } }, { token: a.token })).body,
    );
    const deleted = Message.parse((await chat.api.delete(`/api/messages/${sent.id}`, { token: a.token })).body);
    expect(deleted.card).toBeUndefined();
    expect((await history(b.token, room.id)).items[0]!.card).toBeUndefined();
    expect(JSON.stringify((await history(b.token, room.id)).items)).not.toContain('Regretted');
  });
});
