import { Message, MessagePage, SearchResults } from '@discordgym/contracts';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  type ChatUser,
  chatUsers,
  clientId,
  createGroup,
  expectAckError,
  expectNoChatWrites,
  expectOk,
  openDm,
  postMessage,
  recordAll,
  type StartChatServer,
  useChatServer,
} from '../../../test/chat-fixtures';
import { expectError } from '../../../test/expect-error';
import { emitAck, eventually } from '../../../test/sockets';
import { messageReactions, messages } from '../../infra/db/schema';

/**
 * Messages over REST and Socket.IO: sending (idempotent by client_id), replies, edits,
 * deletes, reactions, mentions and search. Run embedded and on PostgreSQL + Redis.
 */
export function describeChatMessages(mode: string, start: StartChatServer): void {
  describe(`chat messages (${mode})`, () => {
    const chat = useChatServer(start);
    const { connect } = chat;
    const rowsWithClientId = async (sender: ChatUser, id: string) =>
      chat.sut.server.infra.database.db
        .select()
        .from(messages)
        .where(and(eq(messages.senderId, sender.id), eq(messages.clientId, id)));
    const history = async (user: ChatUser, roomId: string, query = '') => {
      const response = await chat.api.get(`/api/messages/${roomId}${query}`, { token: user.token });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      return MessagePage.parse(response.body);
    };
    const react = (user: ChatUser, messageId: string, emoji: string, add = true) =>
      chat.api.request(add ? 'PUT' : 'DELETE', `/api/messages/${messageId}/reactions/${encodeURIComponent(emoji)}`, undefined, { token: user.token });

    describe('sending', () => {
      it('sends over REST: 201 with id and seq, and every joined member receives it', async () => {
        const [a, b] = await chatUsers(chat.api, 2);
        const room = await createGroup(chat.api, a, [b]);
        const bEvents = recordAll(await connect(b, [room.id]));
        const sent: Message[] = [];
        for (const content of ['first', 'second\nline two\ttabbed', 'third 💪']) {
          const response = await chat.api.post('/api/messages', { chatroom_id: room.id, content, client_id: clientId() }, { token: a.token });
          expect(response.status, JSON.stringify(response.body)).toBe(201);
          sent.push(Message.parse(response.body));
        }
        expect(sent.map((m) => m.seq)).toEqual([1, 2, 3]);
        expect(sent[1]).toMatchObject({ chatroom_id: room.id, sender_id: a.id, content: 'second\nline two\ttabbed', reply_to_id: null, edited_at: null, deleted_at: null });
        await eventually(() => expect(bEvents.filter((e) => e.event === 'new-message').map((e) => e.payload)).toEqual(sent));
        // History adds is_read for the reader: b has read none of a's messages.
        expect((await history(b, room.id)).items).toEqual([...sent].reverse().map((m) => ({ ...m, is_read: false })));
      });

      it('sends over the socket: the ack carries the committed message with id and seq', async () => {
        const [a, b] = await chatUsers(chat.api, 2);
        const dm = await openDm(chat.api, a, b);
        await postMessage(chat.api, b, dm.id, 'hello');
        const aSocket = await connect(a, [dm.id]);
        const bEvents = recordAll(await connect(b, [dm.id]));
        const id = clientId();
        const message = Message.parse(expectOk(await emitAck(aSocket, 'send-message', { chatroom_id: dm.id, content: 'over the socket', client_id: id })));
        expect(message).toMatchObject({ seq: 2, client_id: id, sender_id: a.id, content: 'over the socket' });
        // Acked means committed: it is in the database already.
        expect(await rowsWithClientId(a, id)).toHaveLength(1);
        await eventually(() => expect(bEvents).toContainEqual({ event: 'new-message', payload: message }));
      });

      it('leaves the sending socket out of the echo: it has the ack; my other devices and the room get new-message', async () => {
        const [a, b] = await chatUsers(chat.api, 2);
        const dm = await openDm(chat.api, a, b);
        const sending = await connect(a, [dm.id]);
        const sendingEvents = recordAll(sending);
        const otherDeviceEvents = recordAll(await connect(a, [dm.id]));
        const bEvents = recordAll(await connect(b, [dm.id]));
        const body = { chatroom_id: dm.id, content: 'only once to me', client_id: clientId() };
        const message = Message.parse(expectOk(await emitAck(sending, 'send-message', body)));
        await eventually(() => expect(bEvents).toContainEqual({ event: 'new-message', payload: message }));
        await eventually(() => expect(otherDeviceEvents).toContainEqual({ event: 'new-message', payload: message }));
        // A retry from the same socket is answered by its ack too; the others hear it again (they drop it by id).
        expect(expectOk(await emitAck(sending, 'send-message', body))).toEqual(message);
        await eventually(() => expect(bEvents.filter((e) => e.event === 'new-message')).toHaveLength(2));
        // Over REST there is no socket to leave out: every socket of the sender hears it.
        const overRest = await postMessage(chat.api, a, dm.id, 'from the browser tab without a socket');
        await eventually(() => expect(sendingEvents).toContainEqual({ event: 'new-message', payload: overRest }));
        expect(sendingEvents.filter((e) => e.event === 'new-message').map((e) => e.payload.id)).toEqual([overRest.id]);
      });

      it('is idempotent by client_id: retries over REST and socket answer the first message, one row', async () => {
        const [a, b] = await chatUsers(chat.api, 2);
        const room = await createGroup(chat.api, a, [b]);
        const socket = await connect(a, [room.id]);
        const id = clientId();
        const body = { chatroom_id: room.id, content: 'exactly once', client_id: id };
        const first = await chat.api.post('/api/messages', body, { token: a.token });
        expect(first.status).toBe(201);
        const restRetry = await chat.api.post('/api/messages', body, { token: a.token });
        expect([200, 201]).toContain(restRetry.status);
        expect(restRetry.body).toEqual(first.body);
        expect(expectOk(await emitAck(socket, 'send-message', body))).toEqual(first.body);
        expect(await rowsWithClientId(a, id)).toHaveLength(1);

        // The socket first, then REST.
        const id2 = clientId();
        const body2 = { chatroom_id: room.id, content: 'socket first', client_id: id2 };
        const acked = expectOk(await emitAck(socket, 'send-message', body2));
        expect((await chat.api.post('/api/messages', body2, { token: a.token })).body).toEqual(acked);
        expect(await rowsWithClientId(a, id2)).toHaveLength(1);

        // Another sender may use the same client_id: it is theirs, a separate message.
        const bs = await postMessage(chat.api, b, room.id, 'exactly once', { client_id: id });
        expect(bs.id).not.toBe(first.body.id);
        expect((await history(a, room.id)).items.map((m) => m.seq)).toEqual([3, 2, 1]);
      });

      it('answers a retry with the message even after it was edited or deleted meanwhile', async () => {
        const [a, b] = await chatUsers(chat.api, 2);
        const room = await createGroup(chat.api, a, [b]);
        const socket = await connect(a, [room.id]);
        const edited = await postMessage(chat.api, a, room.id, 'first words');
        expect((await chat.api.patch(`/api/messages/${edited.id}`, { content: 'better words' }, { token: a.token })).status).toBe(200);
        const deleted = await postMessage(chat.api, a, room.id, 'regretted');
        expect((await chat.api.delete(`/api/messages/${deleted.id}`, { token: b.token })).status).toBe(403);
        expect((await chat.api.delete(`/api/messages/${deleted.id}`, { token: a.token })).status).toBe(200);

        await expectNoChatWrites(chat.sut, async () => {
          const retryEdited = await chat.api.post('/api/messages', { chatroom_id: room.id, content: 'first words', client_id: edited.client_id }, { token: a.token });
          expect(retryEdited.body).toMatchObject({ id: edited.id, seq: edited.seq, content: 'better words' });
          const retryDeleted = expectOk(await emitAck(socket, 'send-message', { chatroom_id: room.id, content: 'regretted', client_id: deleted.client_id }));
          expect(retryDeleted).toMatchObject({ id: deleted.id, seq: deleted.seq, content: '', deleted_at: expect.any(String) });
          // Still a conflict when the room or the reply differ.
          expectError(await chat.api.post('/api/messages', { chatroom_id: room.id, content: 'first words', client_id: edited.client_id, reply_to_id: deleted.id }, { token: a.token }), 409, 'CLIENT_ID_CONFLICT');
        });
      });

      it('stores one message when the same send arrives many times at once', async () => {
        const [a, b] = await chatUsers(chat.api, 2);
        const room = await createGroup(chat.api, a, [b]);
        const socket = await connect(a, [room.id]);
        const body = { chatroom_id: room.id, content: 'racing retries', client_id: clientId() };
        const answers = await Promise.all([
          chat.api.post('/api/messages', body, { token: a.token }).then((r) => r.body),
          emitAck(socket, 'send-message', body).then(expectOk),
          chat.api.post('/api/messages', body, { token: a.token }).then((r) => r.body),
          emitAck(socket, 'send-message', body).then(expectOk),
          chat.api.post('/api/messages', body, { token: a.token }).then((r) => r.body),
        ]);
        for (const answer of answers) expect(answer).toEqual(answers[0]);
        expect(await rowsWithClientId(a, body.client_id)).toHaveLength(1);
        const next = await postMessage(chat.api, a, room.id, 'after the race');
        expect(next.seq).toBe(2);
      });

      it('refuses a client_id reused for other content or another room: 409, nothing written', async () => {
        const [a, b] = await chatUsers(chat.api, 2);
        const room = await createGroup(chat.api, a, [b]);
        const other = await createGroup(chat.api, a, [b]);
        const first = await postMessage(chat.api, a, room.id, 'original');
        const socket = await connect(a, [room.id]);
        await expectNoChatWrites(chat.sut, async () => {
          const id = first.client_id;
          expectError(await chat.api.post('/api/messages', { chatroom_id: room.id, content: 'different', client_id: id }, { token: a.token }), 409, 'CLIENT_ID_CONFLICT');
          expectError(await chat.api.post('/api/messages', { chatroom_id: other.id, content: 'original', client_id: id }, { token: a.token }), 409, 'CLIENT_ID_CONFLICT');
          expectError(
            await chat.api.post('/api/messages', { chatroom_id: room.id, content: 'original', client_id: id, reply_to_id: first.id }, { token: a.token }),
            409,
            'CLIENT_ID_CONFLICT',
          );
          expectAckError(await emitAck(socket, 'send-message', { chatroom_id: room.id, content: 'different', client_id: id }), 'CLIENT_ID_CONFLICT');
        });
        expect((await history(a, room.id)).items).toEqual([{ ...first, is_read: true }]);
      });
    });

    describe('replies', () => {
      it('replies to a message of the same room only', async () => {
        const [a, b] = await chatUsers(chat.api, 2);
        const room = await createGroup(chat.api, a, [b]);
        const elsewhere = await createGroup(chat.api, a, [b]);
        const parent = await postMessage(chat.api, a, room.id, 'question?');
        const foreign = await postMessage(chat.api, a, elsewhere.id, 'other room');
        const reply = await postMessage(chat.api, b, room.id, 'answer!', { reply_to_id: parent.id });
        expect(reply.reply_to_id).toBe(parent.id);
        const socket = await connect(b, [room.id]);
        const viaSocket = expectOk(await emitAck(socket, 'send-message', { chatroom_id: room.id, content: 'me too', client_id: clientId(), reply_to_id: parent.id }));
        expect(viaSocket.reply_to_id).toBe(parent.id);

        await expectNoChatWrites(chat.sut, async () => {
          const cross = await chat.api.post('/api/messages', { chatroom_id: room.id, content: 'sneaky', client_id: clientId(), reply_to_id: foreign.id }, { token: b.token });
          expectError(cross, 404, 'NOT_FOUND');
          const ghost = await chat.api.post(
            '/api/messages',
            { chatroom_id: room.id, content: 'to nothing', client_id: clientId(), reply_to_id: '01890000-0000-7000-8000-000000000002' },
            { token: b.token },
          );
          expectError(ghost, 404, 'NOT_FOUND');
          expectAckError(
            await emitAck(socket, 'send-message', { chatroom_id: room.id, content: 'sneaky', client_id: clientId(), reply_to_id: foreign.id }),
            'NOT_FOUND',
          );
        });
        expect((await history(a, room.id)).items.map((m) => m.seq)).toEqual([3, 2, 1]);
      });
    });

    describe('editing and deleting', () => {
      it('lets the author edit; everyone in the room gets message-updated; others get 403', async () => {
        const [owner, author, other] = await chatUsers(chat.api, 3);
        const room = await createGroup(chat.api, owner, [author, other]);
        const message = await postMessage(chat.api, author, room.id, 'typo heer');
        const ownerEvents = recordAll(await connect(owner, [room.id]));

        const edited = await chat.api.patch(`/api/messages/${message.id}`, { content: 'typo here' }, { token: author.token });
        expect(edited.status, JSON.stringify(edited.body)).toBe(200);
        const updated = Message.parse(edited.body);
        expect(updated).toMatchObject({ id: message.id, seq: message.seq, content: 'typo here', created_at: message.created_at });
        expect(updated.edited_at).not.toBeNull();
        await eventually(() => expect(ownerEvents).toContainEqual({ event: 'message-updated', payload: updated }));

        for (const user of [owner, other]) {
          expectError(await chat.api.patch(`/api/messages/${message.id}`, { content: 'not yours' }, { token: user.token }), 403, 'FORBIDDEN');
        }
        expect((await history(other, room.id)).items[0]).toEqual({ ...updated, is_read: false });
      });

      it('lets the author or the room owner delete; the seq stays, the text goes', async () => {
        const [owner, author, other] = await chatUsers(chat.api, 3);
        const room = await createGroup(chat.api, owner, [author, other]);
        const mine = await postMessage(chat.api, author, room.id, 'delete me');
        const moderated = await postMessage(chat.api, author, room.id, 'the owner deletes this');
        const kept = await postMessage(chat.api, author, room.id, 'a keeper');
        expect((await react(other, mine.id, '👍')).status).toBe(200);
        const otherEvents = recordAll(await connect(other, [room.id]));

        expectError(await chat.api.delete(`/api/messages/${kept.id}`, { token: other.token }), 403, 'FORBIDDEN');
        const byAuthor = await chat.api.delete(`/api/messages/${mine.id}`, { token: author.token });
        expect(byAuthor.status, JSON.stringify(byAuthor.body)).toBe(200);
        const deleted = Message.parse(byAuthor.body);
        expect(deleted).toMatchObject({ id: mine.id, seq: mine.seq, content: '', reactions: [], mentions: [] });
        expect(deleted.deleted_at).not.toBeNull();
        await eventually(() => expect(otherEvents).toContainEqual({ event: 'message-deleted', payload: deleted }));
        const byOwner = await chat.api.delete(`/api/messages/${moderated.id}`, { token: owner.token });
        expect(byOwner.status).toBe(200);
        expect(byOwner.body.deleted_at).not.toBeNull();

        const page = await history(other, room.id);
        expect(page.items.map((m) => [m.seq, m.content])).toEqual([
          [3, 'a keeper'],
          [2, ''],
          [1, ''],
        ]);
        // Deleting again is harmless; a deleted message cannot be edited or reacted to.
        expect((await chat.api.delete(`/api/messages/${mine.id}`, { token: author.token })).body).toEqual(deleted);
        await expectNoChatWrites(chat.sut, async () => {
          expectError(await chat.api.patch(`/api/messages/${mine.id}`, { content: 'back from the dead' }, { token: author.token }), 404, 'NOT_FOUND');
          expectError(await react(other, mine.id, '👍'), 404, 'NOT_FOUND');
        });
        const db = chat.sut.server.infra.database.db;
        expect((await db.select().from(messages).where(eq(messages.id, mine.id)))[0]!.content).toBe('');
        expect(await db.select().from(messageReactions).where(eq(messageReactions.messageId, mine.id))).toEqual([]);
      });
    });

    describe('reactions', () => {
      const valid = ['👍', '👩‍👩‍👧', '🇩🇪', '❤️', '👍🏽', '1️⃣', '#️⃣', '🧑🏽‍💻', '🏳️‍🌈', '🏴󠁧󠁢󠁳󠁣󠁴󠁿'];
      const invalid = ['a', 'ab', '1', '#', '👍👍', '🇩', '🇩🇪🇫🇷', '❤️a', 'a❤️', '\u200D', '🏴󠁧󠁢', 'x'.repeat(40), '👍'.repeat(12), '👩‍👩‍👧'.repeat(5), ' ', '%', '<script>'];

      it('adds and removes single emoji, one per user and emoji, and tells the room', async () => {
        const [a, b] = await chatUsers(chat.api, 2);
        const room = await createGroup(chat.api, a, [b]);
        const message = await postMessage(chat.api, a, room.id, 'react to me');
        const aEvents = recordAll(await connect(a, [room.id]));

        for (const emoji of valid) {
          const response = await react(b, message.id, emoji);
          expect(response.status, `${emoji}: ${JSON.stringify(response.body)}`).toBe(200);
        }
        const again = await react(b, message.id, '👍');
        expect(again.status).toBe(200);
        const both = await react(a, message.id, '👍');
        const reactions = Message.parse(both.body).reactions;
        expect(reactions.map((r) => r.emoji).sort()).toEqual([...valid].sort());
        expect(reactions.find((r) => r.emoji === '👍')).toEqual({ emoji: '👍', count: 2, user_ids: [b.id, a.id] });
        await eventually(() => {
          const added = aEvents.filter((e) => e.event === 'reaction');
          expect(added).toHaveLength(valid.length + 1);
          expect(added.at(-1)!.payload).toMatchObject({ chatroom_id: room.id, message_id: message.id, user_id: a.id, emoji: '👍', added: true });
        });

        const removed = await react(b, message.id, '👍', false);
        expect(removed.status).toBe(200);
        expect(Message.parse(removed.body).reactions.find((r) => r.emoji === '👍')).toEqual({ emoji: '👍', count: 1, user_ids: [a.id] });
        await eventually(() => expect(aEvents.at(-1)).toMatchObject({ event: 'reaction', payload: { emoji: '👍', added: false, user_id: b.id } }));
        // Taking back a reaction I do not have changes nothing.
        expect((await react(b, message.id, '👍', false)).status).toBe(200);
        expect((await history(a, room.id)).items[0]!.reactions.find((r) => r.emoji === '👍')!.count).toBe(1);
      });

      it('refuses anything that is not exactly one emoji: 400, nothing written', async () => {
        const [a, b] = await chatUsers(chat.api, 2);
        const room = await createGroup(chat.api, a, [b]);
        const message = await postMessage(chat.api, a, room.id, 'react to me');
        await expectNoChatWrites(chat.sut, async () => {
          for (const emoji of invalid) {
            for (const add of [true, false]) {
              const response = await react(b, message.id, emoji, add);
              expect(response.status, `${JSON.stringify(emoji)} → ${response.status} ${JSON.stringify(response.body)}`).toBe(400);
              expectError(response, 400, 'VALIDATION_FAILED');
            }
          }
        });
      });
    });

    describe('mentions', () => {
      it('resolves @name#1234 to participants only, case-insensitively, and again on edit', async () => {
        const [a, b, c, outsider] = await chatUsers(chat.api, 4);
        const room = await createGroup(chat.api, a, [b, c]);
        const message = await postMessage(chat.api, a, room.id, `hey @${b.handle}, and @${c.handle.toUpperCase()}! not @${outsider.handle} nor @nobody#0000`);
        expect([...message.mentions].sort()).toEqual([b.id, c.id].sort());
        const socket = await connect(a, [room.id]);
        const viaSocket = expectOk(await emitAck(socket, 'send-message', { chatroom_id: room.id, content: `@${c.handle} look`, client_id: clientId() }));
        expect(viaSocket.mentions).toEqual([c.id]);

        const edited = await chat.api.patch(`/api/messages/${message.id}`, { content: `only @${b.handle} now` }, { token: a.token });
        expect(edited.body.mentions).toEqual([b.id]);
        expect((await history(c, room.id)).items.find((m) => m.id === message.id)!.mentions).toEqual([b.id]);
      });
    });

    describe('search', () => {
      it('finds words in my rooms only, never in rooms I am not in', async () => {
        const [a, b, outsider] = await chatUsers(chat.api, 3);
        const room = await createGroup(chat.api, a, [b]);
        const dm = await openDm(chat.api, a, b);
        const secret = await createGroup(chat.api, outsider, [b]);
        const word = `squat${Date.now().toString(36)}`;
        const one = await postMessage(chat.api, a, room.id, `Deep ${word} today`);
        const two = await postMessage(chat.api, b, dm.id, `${word.toUpperCase()} again tomorrow`);
        const hidden = await postMessage(chat.api, outsider, secret.id, `secret ${word} plan`);
        const gone = await postMessage(chat.api, a, room.id, `${word} typo`);
        expect((await chat.api.delete(`/api/messages/${gone.id}`, { token: a.token })).status).toBe(200);

        const search = async (user: ChatUser, query: string) => {
          const response = await chat.api.get(`/api/search/messages?${query}`, { token: user.token });
          expect(response.status, JSON.stringify(response.body)).toBe(200);
          return SearchResults.parse(response.body).items.map((m) => m.id);
        };
        expect((await search(a, `q=${word}`)).sort()).toEqual([one.id, two.id].sort());
        expect(await search(a, `q=${word}&chatroom_id=${dm.id}`)).toEqual([two.id]);
        expect((await search(b, `q=${word}`)).sort()).toEqual([one.id, two.id, hidden.id].sort());
        expect(await search(outsider, `q=${word}`)).toEqual([hidden.id]);
        expect(await search(a, `q=${encodeURIComponent(`'); drop table messages; --`)}`)).toEqual([]);

        expectError(await chat.api.get(`/api/search/messages?q=${word}&chatroom_id=${secret.id}`, { token: a.token }), 404, 'NOT_FOUND');
        // Leaving a room takes its messages out of my results.
        expect((await chat.api.delete(`/api/chatrooms/${secret.id}/participants/${b.id}`, { token: b.token })).status).toBe(204);
        expect((await search(b, `q=${word}`)).sort()).toEqual([one.id, two.id].sort());
      });
    });
  });
}
