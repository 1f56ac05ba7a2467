import { BlockedUser, BlockedUserPage, FriendPage, FriendRequestPage } from '@discordgym/contracts';
import { describe, expect, it } from 'vitest';
import {
  chatUsers,
  clientId,
  createGroup,
  expectAckError,
  expectOk,
  flushSocket,
  openDm,
  postMessage,
  recordAll,
  type StartChatServer,
  useChatServer,
} from '../../../test/chat-fixtures';
import { askedId, askFriend, befriend, block, expectFriendsRefused, transitions } from '../../../test/friends-fixtures';
import { emitAck, eventually } from '../../../test/sockets';

/** Who acts against the other after the block: each case runs both ways. */
const SIDES = ['the blocker', 'the blocked'] as const;

/**
 * Blocking, both ways round: it ends the friendship and any pending request, refuses new
 * DMs, messages in an existing DM, friend requests and group adds in both directions, and
 * hides presence both ways even in a shared group. Run embedded (friends-blocks.test.ts)
 * and on PostgreSQL + Redis (friends-blocks.cluster.test.ts).
 */
export function describeFriendsBlocks(mode: string, start: StartChatServer): void {
  describe(`blocking (${mode})`, () => {
    const chat = useChatServer(start);
    const ofEvent = (events: { event: string; payload: any }[], name: string) => events.filter((e) => e.event === name).map((e) => e.payload);

    /** Ada blocks Bob; `actor` is who then tries something, `other` the one it aims at. */
    const blocked = async (side: (typeof SIDES)[number]) => {
      const [ada, bob, cy] = await chatUsers(chat.api, 3);
      return { ada, bob, cy, actor: side === 'the blocker' ? ada : bob, other: side === 'the blocker' ? bob : ada };
    };

    it('ends the friendship and the pending requests of both directions, told live to both; idempotent', async () => {
      const [ada, bob, cy] = await chatUsers(chat.api, 3);
      await befriend(chat.api, ada, bob);
      const adaEvents = recordAll(await chat.connect(ada));
      const bobEvents = recordAll(await chat.connect(bob));

      const first = await chat.api.put(`/api/blocks/${bob.id}`, undefined, { token: ada.token });
      expect(first.status, JSON.stringify(first.body)).toBe(200);
      expect(BlockedUser.parse(first.body)).toMatchObject({ user: { id: bob.id, handle: bob.handle } });
      await eventually(() => expect(ofEvent(adaEvents, 'friend-removed')).toEqual([{ user_id: bob.id }]));
      await eventually(() => expect(ofEvent(bobEvents, 'friend-removed')).toEqual([{ user_id: ada.id }]));
      expect(FriendPage.parse((await chat.api.get('/api/friends', { token: bob.token })).body).items).toEqual([]);

      // Blocking again answers the same block and writes nothing.
      const again = await chat.api.put(`/api/blocks/${bob.id}`, undefined, { token: ada.token });
      expect(again.body).toEqual(first.body);
      expect(BlockedUserPage.parse((await chat.api.get('/api/blocks', { token: ada.token })).body).items).toEqual([first.body]);

      // A pending request to Ada, then (after an unblock) one from her: each ends with the block.
      const cyEvents = recordAll(await chat.connect(cy));
      const incoming = await askedId(chat.api, cy, ada);
      await chat.api.put(`/api/blocks/${cy.id}`, undefined, { token: ada.token });
      // To Cy it reads as a decline of his request.
      await eventually(() => expect(ofEvent(cyEvents, 'friend-request-removed')).toEqual([{ id: incoming, from_user_id: cy.id, to_user_id: ada.id, reason: 'declined' }]));
      expect(FriendRequestPage.parse((await chat.api.get('/api/friends/requests', { token: ada.token })).body).items).toEqual([]);
      expect((await chat.api.delete(`/api/blocks/${cy.id}`, { token: ada.token })).status).toBe(204);
      const outgoing = await askedId(chat.api, ada, cy);
      await chat.api.put(`/api/blocks/${cy.id}`, undefined, { token: ada.token });
      await eventually(() => expect(ofEvent(cyEvents, 'friend-request-removed')).toContainEqual({ id: outgoing, from_user_id: ada.id, to_user_id: cy.id, reason: 'cancelled' }));
      expect(FriendRequestPage.parse((await chat.api.get('/api/friends/requests', { token: cy.token })).body).items).toEqual([]);

      // Unblocking twice is fine; it does not bring the friendship back.
      for (let i = 0; i < 2; i++) expect((await chat.api.delete(`/api/blocks/${bob.id}`, { token: ada.token })).status).toBe(204);
      expect(FriendPage.parse((await chat.api.get('/api/friends', { token: ada.token })).body).items).toEqual([]);
    });

    describe.each(SIDES)('when %s acts', (side) => {
      it('no new DM, with a 403 that says why, and nothing written', async () => {
        const { ada, bob, actor, other } = await blocked(side);
        await block(chat.api, ada, bob);
        const refused = await expectFriendsRefused(chat.sut, 403, 'FORBIDDEN', () => chat.api.post('/api/chatrooms', { participant_ids: [other.id] }, { token: actor.token }));
        expect(refused.body.error.message).toBe(side === 'the blocker' ? 'You blocked this person; unblock them to write to them' : `${ada.handle} does not accept direct messages from you`);
      });

      it('no message into the DM they already share, over REST or socket', async () => {
        const { ada, bob, actor, other } = await blocked(side);
        const dm = await openDm(chat.api, ada, bob);
        await postMessage(chat.api, actor, dm.id, 'before the block');
        await block(chat.api, ada, bob);
        const socket = await chat.connect(actor, [dm.id]);
        await expectFriendsRefused(chat.sut, 403, 'FORBIDDEN', () =>
          chat.api.post('/api/messages', { chatroom_id: dm.id, content: 'after the block', client_id: clientId() }, { token: actor.token }),
        );
        expectAckError(await emitAck(socket, 'send-message', { chatroom_id: dm.id, content: 'after the block', client_id: clientId() }), 'FORBIDDEN');
        // Opening it again is refused too; the history stays readable.
        await expectFriendsRefused(chat.sut, 403, 'FORBIDDEN', () => chat.api.post('/api/chatrooms', { participant_ids: [other.id] }, { token: actor.token }));
        expect((await chat.api.get(`/api/messages/${dm.id}?after_seq=0`, { token: actor.token })).body.items).toHaveLength(1);

        // After the unblock they write again.
        expect((await chat.api.delete(`/api/blocks/${bob.id}`, { token: ada.token })).status).toBe(204);
        await postMessage(chat.api, actor, dm.id, 'after the unblock');
      });

      it('no friend request', async () => {
        const { ada, bob, actor, other } = await blocked(side);
        await block(chat.api, ada, bob);
        const refused = await expectFriendsRefused(chat.sut, 403, 'FORBIDDEN', () => askFriend(chat.api, actor, other));
        expect(refused.body.error.message).toMatch(side === 'the blocker' ? /^You blocked this person/ : /does not accept friend requests from you$/);
        await expectFriendsRefused(chat.sut, 403, 'FORBIDDEN', () => askFriend(chat.api, actor, { handle: other.handle }));
      });

      it('no putting the other into a group, new or existing; a third person still may', async () => {
        const { ada, bob, cy, actor, other } = await blocked(side);
        const group = await createGroup(chat.api, actor, [cy]);
        await block(chat.api, ada, bob);
        await expectFriendsRefused(chat.sut, 403, 'FORBIDDEN', () => chat.api.post('/api/chatrooms', { name: 'Leg day', participant_ids: [cy.id, other.id] }, { token: actor.token }));
        await expectFriendsRefused(chat.sut, 403, 'FORBIDDEN', () => chat.api.post(`/api/chatrooms/${group.id}/participants`, { user_ids: [other.id] }, { token: actor.token }));
        // Cy blocked nobody: he may bring them together (the web app collapses the blocked one's messages).
        expect((await chat.api.post(`/api/chatrooms/${group.id}/participants`, { user_ids: [other.id] }, { token: cy.token })).status).toBe(200);
      });

      it('hides presence even in a shared group: "offline" at once, then nothing, and back after the unblock', async () => {
        const { ada, bob, cy, actor, other } = await blocked(side);
        const group = await createGroup(chat.api, cy, [ada, bob]);
        const actorEvents = recordAll(await chat.connect(actor, [group.id]));
        const otherSocket = await chat.connect(other, [group.id]);
        const statusOf = () => transitions(actorEvents, other.id);
        await eventually(() => expect(statusOf()).toEqual(['online']));

        await block(chat.api, ada, bob);
        await eventually(() => expect(statusOf()).toEqual(['online', 'offline']));
        expectOk(await emitAck(otherSocket, 'presence', { status: 'away' }));
        otherSocket.close();
        const again = await chat.connect(other, [group.id]);
        // Cy's message arrives after anything the server sent before it: no status of the other got through.
        await flushSocket(chat.api, cy, group.id, actorEvents);
        expect(statusOf()).toEqual(['online', 'offline']);

        // A socket opened now gets the room mates' statuses, but not theirs; nor does joining the room send it.
        const fresh = recordAll(await chat.connect(actor, [group.id]));
        await flushSocket(chat.api, cy, group.id, fresh);
        expect(ofEvent(fresh, 'user-status-changed').filter((p) => p.user_id === other.id)).toEqual([]);

        expect((await chat.api.delete(`/api/blocks/${bob.id}`, { token: ada.token })).status).toBe(204);
        await eventually(() => expect(statusOf()).toEqual(['online', 'offline', 'online']));
        expectOk(await emitAck(again, 'presence', { status: 'away' }));
        await eventually(() => expect(statusOf()).toEqual(['online', 'offline', 'online', 'away']));
      });
    });

    it('lets people write again once unblocked, and refuses nothing between others', async () => {
      const [ada, bob, cy] = await chatUsers(chat.api, 3);
      await block(chat.api, ada, bob);
      // Ada blocking Bob changes nothing between Cy and either of them.
      await openDm(chat.api, cy, ada);
      await openDm(chat.api, bob, cy);
      expect((await askFriend(chat.api, cy, bob)).status).toBe(201);
      await chat.api.delete(`/api/blocks/${bob.id}`, { token: ada.token });
      await openDm(chat.api, bob, ada);
      expect((await askFriend(chat.api, bob, ada)).status).toBe(201);
    });

    it('needs a signed-in user for every block and friends route', async () => {
      const [ada] = await chatUsers(chat.api, 1);
      for (const [method, path] of [
        ['GET', '/api/blocks'],
        ['PUT', `/api/blocks/${ada.id}`],
        ['DELETE', `/api/blocks/${ada.id}`],
        ['GET', '/api/friends'],
        ['GET', '/api/friends/requests'],
        ['POST', '/api/friends/requests'],
        ['DELETE', `/api/friends/${ada.id}`],
      ] as const) {
        await expectFriendsRefused(chat.sut, 401, 'UNAUTHENTICATED', () => chat.api.request(method, path, method === 'POST' ? { user_id: ada.id } : undefined));
      }
    });
  });
}
