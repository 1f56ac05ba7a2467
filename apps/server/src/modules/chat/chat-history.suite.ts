import { HISTORY_PAGE_MAX, type Message, MessagePage } from '@discordgym/contracts';
import { and, eq, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type ChatUser,
  chatUsers,
  clientId,
  createGroup,
  expectOk,
  postMessage,
  socketIn,
  type StartChatServer,
  useChatServer,
} from '../../../test/chat-fixtures';
import { expectError } from '../../../test/expect-error';
import { emitAck, type TestSocket } from '../../../test/sockets';
import { statementsDuring } from '../../../test/statements';
import { chatroomParticipants, chatrooms, messageMentions, messageReactions, messages } from '../../infra/db/schema';

const ROOM_SIZE = 10_000;
const SENT_LIVE = 300;
const BULK = ROOM_SIZE - SENT_LIVE;

/**
 * History by keyset on seq: a 10,000-message room paged back to its first message and
 * forward again, page limits, and the newest page right after every write (it is read from the
 * database in one statement, never from a cached copy).
 */
export function describeChatHistory(mode: string, start: StartChatServer): void {
  describe(`chat history (${mode})`, () => {
    const chat = useChatServer(start);

    const page = async (user: ChatUser, roomId: string, query: string): Promise<MessagePage> => {
      const response = await chat.api.get(`/api/messages/${roomId}${query}`, { token: user.token });
      expect(response.status, `${query}: ${JSON.stringify(response.body)}`).toBe(200);
      return MessagePage.parse(response.body);
    };

    describe('a room with 10,000 messages', () => {
      let members: ChatUser[];
      let roomId: string;

      /** Seqs 1..BULK straight into the tables (as sends would leave them), the rest through the real send path. */
      beforeAll(async () => {
        members = await chatUsers(chat.api, 3);
        roomId = (await createGroup(chat.api, members[0]!, members.slice(1))).id;
        const db = chat.sut.server.infra.database.db;
        for (let from = 1; from <= BULK; from += 1000) {
          const rows: (typeof messages.$inferInsert)[] = [];
          for (let seq = from; seq < Math.min(from + 1000, BULK + 1); seq++) {
            rows.push({ id: uuidv7(), chatroomId: roomId, seq, senderId: members[seq % 3]!.id, clientId: `bulk_${seq}_x`, content: `bulk message ${seq}` });
          }
          await db.transaction(async (tx) => {
            await tx.insert(messages).values(rows);
            await tx.update(chatrooms).set({ lastSeq: sql`${chatrooms.lastSeq} + ${rows.length}` }).where(eq(chatrooms.id, roomId));
          });
        }

        // Three people sending at once, over REST and over the socket.
        const sockets: TestSocket[] = await Promise.all(members.map((m) => socketIn(chat.sut, m, [roomId])));
        try {
          const perSender = SENT_LIVE / members.length;
          const acked = await Promise.all(
            members.map(async (member, index) => {
              const mine: Message[] = [];
              for (let i = 0; i < perSender; i++) {
                const content = `live ${index}-${i}`;
                mine.push(
                  i % 2 === 0
                    ? await postMessage(chat.api, member, roomId, content)
                    : expectOk(await emitAck(sockets[index]!, 'send-message', { chatroom_id: roomId, content, client_id: clientId() })),
                );
              }
              return mine;
            }),
          );
          const seqs = acked.flat().map((m) => m.seq);
          expect(seqs.sort((a, b) => a - b)).toEqual(Array.from({ length: SENT_LIVE }, (_, i) => BULK + 1 + i));
          // Each sender's messages got increasing seqs, in the order they were sent.
          for (const mine of acked) expect(mine.map((m) => m.seq)).toEqual([...mine.map((m) => m.seq)].sort((a, b) => a - b));
        } finally {
          for (const socket of sockets) socket.close();
        }
      }, 300_000);

      it('pages back from the newest to seq 1 with no gap and no repeat', async () => {
        const seen: number[] = [];
        const ids = new Set<string>();
        let before: number | undefined;
        for (;;) {
          const current = await page(members[1]!, roomId, `?limit=100${before === undefined ? '' : `&before_seq=${before}`}`);
          for (const m of current.items) {
            seen.push(m.seq);
            ids.add(m.id);
            if (m.seq <= BULK) expect(m.content).toBe(`bulk message ${m.seq}`);
          }
          if (!current.has_more) break;
          expect(current.items).toHaveLength(100);
          before = current.items.at(-1)!.seq;
        }
        expect(seen).toEqual(Array.from({ length: ROOM_SIZE }, (_, i) => ROOM_SIZE - i));
        expect(ids.size).toBe(ROOM_SIZE);
      }, 120_000);

      it('respects every limit from 1 to 100 while paging back', async () => {
        const limits = [1, 2, 3, 17, 50, 99, 100, 64, 7];
        const seen: number[] = [];
        let before: number | undefined;
        for (let round = 0; ; round++) {
          const limit = limits[round % limits.length]!;
          const current = await page(members[2]!, roomId, `?limit=${limit}${before === undefined ? '' : `&before_seq=${before}`}`);
          const expected = Math.min(limit, before === undefined ? ROOM_SIZE : before - 1);
          expect(current.items).toHaveLength(expected);
          seen.push(...current.items.map((m) => m.seq));
          expect(current.has_more).toBe(current.items.at(-1)!.seq > 1);
          if (!current.has_more) break;
          before = current.items.at(-1)!.seq;
        }
        expect(seen).toEqual(Array.from({ length: ROOM_SIZE }, (_, i) => ROOM_SIZE - i));
        // The default page is 50; the first page honours the limit too.
        expect((await page(members[0]!, roomId, '')).items).toHaveLength(50);
        for (const limit of [1, 37, HISTORY_PAGE_MAX]) {
          const first = await page(members[0]!, roomId, `?limit=${limit}`);
          expect(first.items.map((m) => m.seq)).toEqual(Array.from({ length: limit }, (_, i) => ROOM_SIZE - i));
          expect(first.has_more).toBe(true);
        }
      }, 120_000);

      it('pages forward with after_seq, oldest first, to the newest', async () => {
        const seen: number[] = [];
        let after = 0;
        for (;;) {
          const current = await page(members[0]!, roomId, `?limit=100&after_seq=${after}`);
          seen.push(...current.items.map((m) => m.seq));
          if (!current.has_more) break;
          expect(current.items).toHaveLength(100);
          after = current.items.at(-1)!.seq;
        }
        expect(seen).toEqual(Array.from({ length: ROOM_SIZE }, (_, i) => i + 1));
        expect(await page(members[0]!, roomId, `?after_seq=${ROOM_SIZE}`)).toEqual({ items: [], has_more: false });
        expect(await page(members[0]!, roomId, `?before_seq=1`)).toEqual({ items: [], has_more: false });
        const tail = await page(members[0]!, roomId, `?after_seq=${ROOM_SIZE - 3}`);
        expect(tail.items.map((m) => m.seq)).toEqual([ROOM_SIZE - 2, ROOM_SIZE - 1, ROOM_SIZE]);
        expect(tail.has_more).toBe(false);
      }, 120_000);

      it('refuses limits outside 1..100 and malformed seqs with 400', async () => {
        for (const query of ['?limit=0', '?limit=101', '?limit=-1', '?limit=1.5', '?limit=abc', '?before_seq=-1', '?after_seq=x', '?before_seq=1e400', '?limit=1&limit=2', '?page=2']) {
          expectError(await chat.api.get(`/api/messages/${roomId}${query}`, { token: members[0]!.token }), 400, 'VALIDATION_FAILED');
        }
      });

      it('catches up through sync from any seq, at most one page at a time', async () => {
        const socket = await socketIn(chat.sut, members[1]!);
        try {
          const tail = expectOk(await emitAck(socket, 'sync', { rooms: [{ chatroom_id: roomId, after_seq: ROOM_SIZE - 5 }] }));
          expect(tail.rooms[0]!.messages.map((m) => m.seq)).toEqual([9996, 9997, 9998, 9999, 10000]);
          expect(tail.rooms[0]!.has_more).toBe(false);
          // Named twice: one page, from the lower seq.
          const result = expectOk(
            await emitAck(socket, 'sync', {
              rooms: [
                { chatroom_id: roomId, after_seq: ROOM_SIZE - 5 },
                { chatroom_id: roomId, after_seq: 0 },
              ],
            }),
          );
          expect(result.rooms).toHaveLength(1);
          expect(result.rooms[0]!.messages.map((m) => m.seq)).toEqual(Array.from({ length: 500 }, (_, i) => i + 1));
          expect(result.rooms[0]!.has_more).toBe(true);
          const small = expectOk(await emitAck(socket, 'sync', { rooms: [{ chatroom_id: roomId, after_seq: 100 }], limit: 3 }));
          expect(small.rooms[0]!.messages.map((m) => m.seq)).toEqual([101, 102, 103]);
        } finally {
          socket.close();
        }
      });
    });

    describe('one statement per page', () => {
      /** The tables a history page reads (users too, but a session check may read that one meanwhile). */
      const HISTORY_TABLES = ['messages', 'message_reactions', 'message_mentions', 'chat_attachments', 'chatroom_participants'];

      it('reads the reader check, the page and what each message shows together, for members, someone removed and strangers', async () => {
        const [a, b, c, stranger] = await chatUsers(chat.api, 4);
        const room = await createGroup(chat.api, a, [b, c]);
        const db = chat.sut.server.infra.database.db;
        // Rows straight into the tables: no send, so no other work of the server touches them meanwhile.
        const rows = Array.from({ length: 4 }, (_, i) => ({
          id: uuidv7(),
          chatroomId: room.id,
          seq: i + 1,
          senderId: [a, b][i % 2]!.id,
          clientId: `stmt_${i}_x`,
          content: `message ${i + 1}`,
        }));
        await db.transaction(async (tx) => {
          await tx.insert(messages).values(rows);
          await tx.update(chatrooms).set({ lastSeq: rows.length }).where(eq(chatrooms.id, room.id));
          await tx.insert(messageReactions).values([
            { messageId: rows[1]!.id, userId: c.id, emoji: '🔥', createdAt: new Date(Date.now() - 2000) },
            { messageId: rows[1]!.id, userId: a.id, emoji: '🔥', createdAt: new Date(Date.now() - 1000) },
            { messageId: rows[1]!.id, userId: b.id, emoji: '💪', createdAt: new Date() },
          ]);
          await tx.insert(messageMentions).values({ messageId: rows[2]!.id, userId: c.id });
          await tx.update(chatroomParticipants).set({ lastReadSeq: 2 }).where(and(eq(chatroomParticipants.chatroomId, room.id), eq(chatroomParticipants.userId, c.id)));
        });
        const counted = async (user: ChatUser, query: string) => {
          const { result, statements } = await statementsDuring(chat.sut.server.infra.database, HISTORY_TABLES, () =>
            chat.api.get(`/api/messages/${room.id}${query}`, { token: user.token }),
          );
          expect(statements, `${query}: ${statements.join('\n')}`).toHaveLength(1);
          return result;
        };
        const countedPage = async (user: ChatUser, query: string) => {
          const response = await counted(user, query);
          expect(response.status, JSON.stringify(response.body)).toBe(200);
          return MessagePage.parse(response.body);
        };
        // The first request of a user may check the session in the database.
        await page(c, room.id, '?limit=1');

        const newest = await countedPage(c, '');
        expect(newest.has_more).toBe(false);
        expect(newest.items.map((m) => [m.seq, m.content, m.author?.id, m.is_read])).toEqual([
          [4, 'message 4', b.id, false],
          [3, 'message 3', a.id, false],
          [2, 'message 2', b.id, true],
          [1, 'message 1', a.id, true],
        ]);
        expect(newest.items.map((m) => m.author?.handle)).toEqual([b.handle, a.handle, b.handle, a.handle]);
        expect(newest.items[2]!.reactions).toEqual([
          { emoji: '🔥', count: 2, user_ids: [c.id, a.id] },
          { emoji: '💪', count: 1, user_ids: [b.id] },
        ]);
        expect(newest.items[1]!.mentions).toEqual([c.id]);
        expect(newest.items.filter((m) => m.reactions.length || m.mentions.length).map((m) => m.seq)).toEqual([3, 2]);
        expect((await countedPage(c, '?before_seq=4&limit=2')).items.map((m) => m.seq)).toEqual([3, 2]);
        const after = await countedPage(c, '?after_seq=1&limit=2');
        expect(after.items.map((m) => m.seq)).toEqual([2, 3]);
        expect(after.has_more).toBe(true);
        // My own messages read as read whatever my pointer says.
        expect((await countedPage(b, '')).items.map((m) => m.is_read)).toEqual([true, false, true, false]);

        // Removed: up to the removal's line, never what came after it.
        expect((await chat.api.delete(`/api/chatrooms/${room.id}/participants/${b.id}`, { token: a.token })).status).toBe(204);
        await db.transaction(async (tx) => {
          await tx.insert(messages).values({ id: uuidv7(), chatroomId: room.id, seq: 6, senderId: a.id, clientId: 'stmt_after_x', content: 'after the removal' });
          await tx.update(chatrooms).set({ lastSeq: 6 }).where(eq(chatrooms.id, room.id));
        });
        const removed = await countedPage(b, '?limit=10');
        expect(removed.items.map((m) => m.seq)).toEqual([5, 4, 3, 2, 1]);
        expect(removed.items[0]!.system).toMatchObject({ type: 'removed' });
        expect((await countedPage(b, '?after_seq=3')).items.map((m) => m.seq)).toEqual([4, 5]);
        expect((await countedPage(c, '?limit=1')).items.map((m) => m.seq)).toEqual([6]);

        // No room for a stranger, and no more work for finding that out.
        await page(stranger, (await createGroup(chat.api, stranger, [a])).id, '?limit=1');
        expectError(await counted(stranger, ''), 404, 'NOT_FOUND');
      });
    });

    describe('the newest page', () => {
      it('stays right after every send, edit, delete and reaction', async () => {
        const [a, b] = await chatUsers(chat.api, 2);
        const room = await createGroup(chat.api, a, [b]);
        const first = await postMessage(chat.api, a, room.id, 'one');
        const second = await postMessage(chat.api, b, room.id, `two for @${a.handle}`);

        /** The first page must equal, read twice, the same page by keyset from the top. */
        const expectFresh = async (check: (items: Message[]) => void) => {
          const cached = await page(b, room.id, '?limit=100');
          const again = await page(b, room.id, '?limit=100');
          const truth = await page(b, room.id, `?limit=100&before_seq=${Number.MAX_SAFE_INTEGER}`);
          expect(cached).toEqual(truth);
          expect(again).toEqual(truth);
          check(cached.items);
          return cached.items;
        };

        await expectFresh((items) => expect(items.map((m) => m.content)).toEqual([second.content, 'one']));

        const third = await postMessage(chat.api, a, room.id, 'three');
        await expectFresh((items) => expect(items.map((m) => m.id)).toEqual([third.id, second.id, first.id]));

        const socket = await socketIn(chat.sut, b, [room.id]);
        try {
          const fourth = expectOk(await emitAck(socket, 'send-message', { chatroom_id: room.id, content: 'four', client_id: clientId() }));
          await expectFresh((items) => expect(items[0]!.id).toBe(fourth.id));
        } finally {
          socket.close();
        }

        expect((await chat.api.patch(`/api/messages/${first.id}`, { content: 'one, edited' }, { token: a.token })).status).toBe(200);
        await expectFresh((items) => {
          const edited = items.find((m) => m.id === first.id)!;
          expect(edited.content).toBe('one, edited');
          expect(edited.edited_at).not.toBeNull();
        });

        expect((await chat.api.put(`/api/messages/${second.id}/reactions/${encodeURIComponent('🔥')}`, undefined, { token: a.token })).status).toBe(200);
        await expectFresh((items) => expect(items.find((m) => m.id === second.id)!.reactions).toEqual([{ emoji: '🔥', count: 1, user_ids: [a.id] }]));
        expect((await chat.api.delete(`/api/messages/${second.id}/reactions/${encodeURIComponent('🔥')}`, { token: a.token })).status).toBe(200);
        await expectFresh((items) => expect(items.find((m) => m.id === second.id)!.reactions).toEqual([]));

        expect((await chat.api.patch(`/api/messages/${second.id}`, { content: 'two, nobody mentioned' }, { token: b.token })).status).toBe(200);
        await expectFresh((items) => expect(items.find((m) => m.id === second.id)!.mentions).toEqual([]));

        expect((await chat.api.delete(`/api/messages/${third.id}`, { token: a.token })).status).toBe(200);
        await expectFresh((items) => {
          const deleted = items.find((m) => m.id === third.id)!;
          expect(deleted.content).toBe('');
          expect(deleted.deleted_at).not.toBeNull();
        });
        const final = await page(a, room.id, '?limit=2');
        expect(final.items.map((m) => m.seq)).toEqual([4, 3]);
        expect(final.has_more).toBe(true);
      });

      it('holds the newest 100 and says when there is more', async () => {
        const [a, b] = await chatUsers(chat.api, 2);
        const room = await createGroup(chat.api, a, [b]);
        for (let i = 1; i <= HISTORY_PAGE_MAX; i++) await postMessage(chat.api, a, room.id, `m${i}`);
        const full = await page(b, room.id, '?limit=100');
        expect(full.items).toHaveLength(100);
        expect(full.has_more).toBe(false);
        expect((await page(b, room.id, '?limit=100')).has_more).toBe(false);
        const more = await postMessage(chat.api, a, room.id, 'm101');
        const after = await page(b, room.id, '?limit=100');
        expect(after.items[0]!.id).toBe(more.id);
        expect(after.items.at(-1)!.seq).toBe(2);
        expect(after.has_more).toBe(true);
        expect((await page(b, room.id, '?limit=100')).has_more).toBe(true);
      });
    });
  });
}
