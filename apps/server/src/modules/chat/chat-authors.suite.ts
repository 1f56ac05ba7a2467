import { ChatroomList, type Message, MessagePage, type SyncResult, type UserUpdated } from '@discordgym/contracts';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  type ChatUser,
  chatUsers,
  createGroup,
  expectOk,
  postMessage,
  recordAll,
  type ReceivedEvent,
  type StartChatServer,
  useChatServer,
} from '../../../test/chat-fixtures';
import { befriend } from '../../../test/friends-fixtures';
import { emitAck, eventually } from '../../../test/sockets';

/**
 * Issue 14 point 2: a message keeps its author's name and avatar after the author left the
 * room, and a profile change reaches everyone who may see that person live (`user-updated`).
 * Run embedded (chat-authors.test.ts) and on PostgreSQL + Redis (chat-authors.cluster.test.ts:
 * events travel through the Redis adapter there).
 */
export function describeChatAuthors(mode: string, start: StartChatServer): void {
  describe(`chat authors (${mode})`, () => {
    const chat = useChatServer(start);

    const tag = () => randomBytes(3).toString('hex');
    const setProfile = async (user: ChatUser, body: Record<string, unknown>) => {
      const response = await chat.api.put('/api/profile', body, { token: user.token });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
    };
    const leave = async (user: ChatUser, roomId: string) => {
      const response = await chat.api.delete(`/api/chatrooms/${roomId}/participants/${user.id}`, { token: user.token });
      expect(response.status, JSON.stringify(response.body)).toBe(204);
    };
    const history = async (user: ChatUser, roomId: string, query = '') => {
      const response = await chat.api.get(`/api/messages/${roomId}${query}`, { token: user.token });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      return MessagePage.parse(response.body).items;
    };
    const updatesOf = (received: ReceivedEvent[], userId: string): UserUpdated[] =>
      received.filter((e) => e.event === 'user-updated' && e.payload.user.id === userId).map((e) => e.payload as UserUpdated);

    it('an author who left the group keeps name and avatar in history, sync, search and the room list', async () => {
      const [owner, leaver] = await chatUsers(chat.api, 2);
      const name = `Leaving Lifter ${tag()}`;
      await setProfile(leaver, { display_name: name, avatar: 'boxer' });
      const room = await createGroup(chat.api, owner, [leaver]);
      const word = `deadlift${tag()}`;
      const older = await postMessage(chat.api, leaver, room.id, `first ${word}`);
      // The newest page read once while the author was still in the room.
      expect((await history(owner, room.id)).map((m) => m.id)).toEqual([older.id]);
      const last = await postMessage(chat.api, leaver, room.id, `last ${word}`);
      await leave(leaver, room.id);

      const author = { id: leaver.id, username: leaver.username, handle: leaver.handle, display_name: name, avatar: 'boxer' };
      // The system line "… left" is the leaver's too (chat-group-settings covers it); here: what they wrote.
      const expectAuthored = (all: Message[]) => {
        const messages = all.filter((m) => !m.system);
        expect(messages.map((m) => m.id).sort()).toEqual([older.id, last.id].sort());
        for (const message of all) expect(message.author).toEqual(author);
      };
      // The leaver is no longer among the participants, but every message still names them.
      const roomList = ChatroomList.parse((await chat.api.get('/api/chatrooms', { token: owner.token })).body);
      const summary = roomList.items.find((r) => r.id === room.id)!;
      expect(summary.participants.map((p) => p.user.id)).toEqual([owner.id]);
      expect(summary.last_message).toMatchObject({ sender_id: leaver.id, system: { type: 'left' }, author });

      expectAuthored(await history(owner, room.id));
      expectAuthored(await history(owner, room.id, '?after_seq=0'));
      expectAuthored([...(await history(owner, room.id, `?before_seq=${last.seq}`)), last]);

      const socket = await chat.connect(owner, [room.id]);
      const synced = expectOk(await emitAck(socket, 'sync', { rooms: [{ chatroom_id: room.id, after_seq: 0 }] })) as SyncResult;
      expectAuthored(synced.rooms[0]!.messages);

      const search = await chat.api.get(`/api/search/messages?q=${encodeURIComponent(word)}&chatroom_id=${room.id}`, { token: owner.token });
      expect(search.status, JSON.stringify(search.body)).toBe(200);
      // The raw items: the search results' other fields are not this suite's concern.
      expectAuthored((search.body as { items: Message[] }).items);
    });

    it('the sender of a live message is named on it', async () => {
      const [owner, member] = await chatUsers(chat.api, 2);
      const room = await createGroup(chat.api, owner, [member]);
      const socket = await chat.connect(owner, [room.id]);
      const received = recordAll(socket);
      const sent = await postMessage(chat.api, member, room.id, 'hello');
      expect(sent.author).toMatchObject({ id: member.id, handle: member.handle });
      await eventually(() => expect(received.find((e) => e.event === 'new-message' && e.payload.id === sent.id)?.payload.author).toEqual(sent.author));
    });

    it('user-updated reaches room mates, friends and my other devices, never a stranger', async () => {
      const [renamer, roomMate, friend, stranger] = await chatUsers(chat.api, 4);
      await createGroup(chat.api, renamer, [roomMate]);
      await befriend(chat.api, renamer, friend);
      const [mateSocket, friendSocket, mySocket, strangerSocket] = await Promise.all([
        chat.connect(roomMate),
        chat.connect(friend),
        chat.connect(renamer),
        chat.connect(stranger),
      ]);
      const [mate, friendHeard, mine, strangerHeard] = [recordAll(mateSocket), recordAll(friendSocket), recordAll(mySocket), recordAll(strangerSocket)];

      const name = `Renamed ${tag()}`;
      await setProfile(renamer, { display_name: name, avatar: 'yogi', bio: 'squats daily' });
      for (const heard of [mate, friendHeard, mine]) {
        await eventually(() =>
          expect(updatesOf(heard, renamer.id).at(-1)?.user).toMatchObject({ id: renamer.id, handle: renamer.handle, display_name: name, avatar: 'yogi', bio: 'squats daily' }),
        );
      }
      // The stranger's own update reaches their socket after anything emitted before it.
      await setProfile(stranger, { display_name: `Stranger ${tag()}` });
      await eventually(() => expect(updatesOf(strangerHeard, stranger.id)).toHaveLength(1));
      expect(updatesOf(strangerHeard, renamer.id)).toEqual([]);
      // Nor does anyone hear the renamer's private settings, or the stranger's profile.
      await setProfile(renamer, { privacy: { read_receipts: false } });
      await setProfile(renamer, { bio: null });
      await eventually(() => expect(updatesOf(mate, renamer.id).at(-1)?.user.bio).toBeNull());
      expect(updatesOf(mate, renamer.id)).toHaveLength(2);
      expect(updatesOf(mate, stranger.id)).toEqual([]);
    });
  });
}
