import { BlockedUserPage, Friend, FriendPage, FriendRequestPage, SelfUser, SendFriendRequestResult } from '@discordgym/contracts';
import { describe, expect, it } from 'vitest';
import { type ChatUser, chatUsers, createGroup, expectOk, openDm, recordAll, type StartChatServer, useChatServer } from '../../../test/chat-fixtures';
import { expectError } from '../../../test/expect-error';
import { askedId, askFriend, befriend, block, connectRecording, eventsFor, expectFriendsRefused, expectNoFriendWrites, setPrivacy, transitions } from '../../../test/friends-fixtures';
import { emitAck, eventually } from '../../../test/sockets';

/**
 * Friends over REST and Socket.IO: asking (by handle or id), accepting, declining,
 * cancelling, removing, the lists and their pages, presence between friends, the domain
 * events, and the privacy settings. Run embedded (friends-flow.test.ts) and on
 * PostgreSQL + Redis (friends-flow.cluster.test.ts).
 */
export function describeFriendsFlow(mode: string, start: StartChatServer): void {
  describe(`friends (${mode})`, () => {
    const chat = useChatServer(start);

    const get = async <T>(user: ChatUser, path: string): Promise<T> => {
      const response = await chat.api.get<T>(path, { token: user.token });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      return response.body;
    };
    const friendsOf = async (user: ChatUser, query = '') => FriendPage.parse(await get(user, `/api/friends${query}`));
    const requestsOf = async (user: ChatUser, query = '') => FriendRequestPage.parse(await get(user, `/api/friends/requests${query}`));
    const ofEvent = (events: { event: string; payload: any }[], name: string) => events.filter((e) => e.event === name).map((e) => e.payload);

    describe('asking and accepting', () => {
      it('asks by handle, the other accepts; both hear each step live, the lists follow, each event is recorded once', async () => {
        const [ada, bob] = await chatUsers(chat.api, 2);
        const adaEvents = recordAll(await chat.connect(ada));
        const bobEvents = recordAll(await chat.connect(bob));

        const asked = await askFriend(chat.api, ada, { handle: bob.handle });
        expect(asked.status, JSON.stringify(asked.body)).toBe(201);
        const result = SendFriendRequestResult.parse(asked.body);
        if (result.outcome !== 'requested') throw new Error(`expected a request, got ${result.outcome}`);
        const request = result.request;
        expect(request).toMatchObject({ from: { id: ada.id, handle: ada.handle }, to: { id: bob.id, handle: bob.handle }, direction: 'outgoing' });

        await eventually(() => expect(ofEvent(bobEvents, 'friend-request')).toEqual([{ ...request, direction: 'incoming' }]));
        await eventually(() => expect(ofEvent(adaEvents, 'friend-request')).toEqual([request]));
        expect((await requestsOf(bob)).items).toEqual([{ ...request, direction: 'incoming' }]);
        expect((await requestsOf(ada)).items).toEqual([request]);
        expect((await requestsOf(ada, '?direction=incoming')).items).toEqual([]);
        expect(await eventsFor(chat.sut, 'friend.request.created', request.id)).toEqual([{ payload: { request_id: request.id, from_user_id: ada.id, to_user_id: bob.id } }]);

        // Asking again (a retry, by id this time) answers the pending request and writes nothing.
        const again = await expectNoFriendWrites(chat.sut, () => askFriend(chat.api, ada, bob));
        expect(again.status).toBe(200);
        expect(again.body).toEqual({ outcome: 'requested', request });

        const accepted = await chat.api.post(`/api/friends/requests/${request.id}/accept`, undefined, { token: bob.token });
        expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
        const friend = Friend.parse(accepted.body);
        expect(friend).toMatchObject({ user: { id: ada.id }, status: 'online' });

        const removed = { id: request.id, from_user_id: ada.id, to_user_id: bob.id, reason: 'accepted' };
        for (const events of [adaEvents, bobEvents]) await eventually(() => expect(ofEvent(events, 'friend-request-removed')).toEqual([removed]));
        await eventually(() => expect(ofEvent(adaEvents, 'friend-added')).toEqual([expect.objectContaining({ user: expect.objectContaining({ id: bob.id }), status: 'online' })]));
        await eventually(() => expect(ofEvent(bobEvents, 'friend-added')).toEqual([friend]));

        expect((await friendsOf(ada)).items).toEqual([expect.objectContaining({ user: expect.objectContaining({ id: bob.id }), status: 'online', since: friend.since })]);
        expect((await friendsOf(bob)).items).toEqual([friend]);
        expect((await requestsOf(ada)).items).toEqual([]);
        expect((await requestsOf(bob)).items).toEqual([]);
        expect(await eventsFor(chat.sut, 'friend.request.accepted', request.id)).toEqual([{ payload: { request_id: request.id, from_user_id: ada.id, to_user_id: bob.id } }]);

        // Friends already: asking again from either side changes nothing.
        for (const [from, to] of [
          [ada, bob],
          [bob, ada],
        ] as const) {
          const response = await expectNoFriendWrites(chat.sut, () => askFriend(chat.api, from, to));
          expect(response.status).toBe(200);
          expect(response.body).toMatchObject({ outcome: 'already_friends', friend: { user: { id: to.id } } });
        }
      });

      it('asking someone who already asked me is an accept', async () => {
        const [ada, bob] = await chatUsers(chat.api, 2);
        const adaEvents = recordAll(await chat.connect(ada));
        const first = await askFriend(chat.api, ada, bob);
        expect(first.status).toBe(201);
        const requestId = (first.body as { request: { id: string } }).request.id;

        const back = await askFriend(chat.api, bob, { handle: ada.handle });
        expect(back.status, JSON.stringify(back.body)).toBe(200);
        expect(SendFriendRequestResult.parse(back.body)).toMatchObject({ outcome: 'accepted', friend: { user: { id: ada.id }, status: 'online' } });

        expect((await friendsOf(ada)).items.map((f) => f.user.id)).toEqual([bob.id]);
        expect((await friendsOf(bob)).items.map((f) => f.user.id)).toEqual([ada.id]);
        expect((await requestsOf(ada)).items).toEqual([]);
        // One request, one accept: no second request was ever written.
        expect(await eventsFor(chat.sut, 'friend.request.accepted', requestId)).toHaveLength(1);
        await eventually(() => expect(ofEvent(adaEvents, 'friend-request-removed')).toEqual([expect.objectContaining({ id: requestId, reason: 'accepted' })]));
        await eventually(() => expect(ofEvent(adaEvents, 'friend-added')).toEqual([expect.objectContaining({ user: expect.objectContaining({ id: bob.id }) })]));
      });

      it('two people asking each other at the same moment become friends once', async () => {
        const [ada, bob] = await chatUsers(chat.api, 2);
        const answers = await Promise.all([askFriend(chat.api, ada, bob), askFriend(chat.api, bob, ada)]);
        expect(answers.map((a) => a.body.outcome).sort()).toEqual(['accepted', 'requested']);
        expect((await friendsOf(ada)).items.map((f) => f.user.id)).toEqual([bob.id]);
        expect((await requestsOf(ada)).items).toEqual([]);
        expect((await requestsOf(bob)).items).toEqual([]);
      });

      it('declines and cancels, told live to both; each side may only do its own', async () => {
        const [ada, bob, cy] = await chatUsers(chat.api, 3);
        const adaEvents = recordAll(await chat.connect(ada));
        const bobEvents = recordAll(await chat.connect(bob));

        const declined = await askedId(chat.api, ada, bob);
        // Ada cannot accept or decline her own request, Bob cannot cancel it, Cy cannot see it.
        await expectFriendsRefused(chat.sut, 403, 'FORBIDDEN', () => chat.api.post(`/api/friends/requests/${declined}/accept`, undefined, { token: ada.token }));
        await expectFriendsRefused(chat.sut, 403, 'FORBIDDEN', () => chat.api.post(`/api/friends/requests/${declined}/decline`, undefined, { token: ada.token }));
        await expectFriendsRefused(chat.sut, 403, 'FORBIDDEN', () => chat.api.delete(`/api/friends/requests/${declined}`, { token: bob.token }));
        for (const send of [
          () => chat.api.post(`/api/friends/requests/${declined}/accept`, undefined, { token: cy.token }),
          () => chat.api.post(`/api/friends/requests/${declined}/decline`, undefined, { token: cy.token }),
          () => chat.api.delete(`/api/friends/requests/${declined}`, { token: cy.token }),
        ]) {
          await expectFriendsRefused(chat.sut, 404, 'NOT_FOUND', send);
        }

        expect((await chat.api.post(`/api/friends/requests/${declined}/decline`, undefined, { token: bob.token })).status).toBe(204);
        const declinedEvent = { id: declined, from_user_id: ada.id, to_user_id: bob.id, reason: 'declined' };
        for (const events of [adaEvents, bobEvents]) await eventually(() => expect(ofEvent(events, 'friend-request-removed')).toEqual([declinedEvent]));
        expect((await requestsOf(bob)).items).toEqual([]);
        await expectFriendsRefused(chat.sut, 404, 'NOT_FOUND', () => chat.api.post(`/api/friends/requests/${declined}/decline`, undefined, { token: bob.token }));

        // A declined request may be asked again; this one Ada takes back.
        const cancelled = await askedId(chat.api, ada, bob);
        expect(cancelled).not.toBe(declined);
        expect((await chat.api.delete(`/api/friends/requests/${cancelled}`, { token: ada.token })).status).toBe(204);
        const cancelledEvent = { id: cancelled, from_user_id: ada.id, to_user_id: bob.id, reason: 'cancelled' };
        for (const events of [adaEvents, bobEvents]) await eventually(() => expect(ofEvent(events, 'friend-request-removed')).toEqual([declinedEvent, cancelledEvent]));
        expect((await requestsOf(ada)).items).toEqual([]);
        expect((await friendsOf(ada)).items).toEqual([]);
        await expectFriendsRefused(chat.sut, 404, 'NOT_FOUND', () => chat.api.post(`/api/friends/requests/${cancelled}/accept`, undefined, { token: bob.token }));
      });

      it('removes a friend, told live to both; removing again is 404', async () => {
        const [ada, bob] = await chatUsers(chat.api, 2);
        await befriend(chat.api, ada, bob);
        const adaEvents = recordAll(await chat.connect(ada));
        const bobEvents = recordAll(await chat.connect(bob));

        expect((await chat.api.delete(`/api/friends/${ada.id}`, { token: bob.token })).status).toBe(204);
        await eventually(() => expect(ofEvent(adaEvents, 'friend-removed')).toEqual([{ user_id: bob.id }]));
        await eventually(() => expect(ofEvent(bobEvents, 'friend-removed')).toEqual([{ user_id: ada.id }]));
        expect((await friendsOf(ada)).items).toEqual([]);
        expect((await friendsOf(bob)).items).toEqual([]);
        await expectFriendsRefused(chat.sut, 404, 'NOT_FOUND', () => chat.api.delete(`/api/friends/${bob.id}`, { token: ada.token }));
      });
    });

    describe('presence', () => {
      it('friends see each other online and offline without sharing a room; ex-friends do not', async () => {
        const [ada, bob] = await chatUsers(chat.api, 2);
        await befriend(chat.api, ada, bob);
        const adaEvents = recordAll(await chat.connect(ada));
        const statusOf = (userId: string) => transitions(adaEvents, userId);

        const bobSocket = await chat.connect(bob);
        await eventually(() => expect(statusOf(bob.id)).toEqual(['online']));
        expectOk(await emitAck(bobSocket, 'presence', { status: 'away' }));
        await eventually(() => expect(statusOf(bob.id)).toEqual(['online', 'away']));
        expect((await friendsOf(ada)).items[0]).toMatchObject({ user: { id: bob.id }, status: 'away' });
        bobSocket.close();
        await eventually(() => expect(statusOf(bob.id)).toEqual(['online', 'away', 'offline']));
        expect((await friendsOf(ada)).items[0]).toMatchObject({ status: 'offline' });

        // Bob comes back, then ends the friendship: Ada is told he is offline to her, and hears no more.
        const back = await chat.connect(bob);
        await eventually(() => expect(statusOf(bob.id)).toEqual(['online', 'away', 'offline', 'online']));
        expect((await chat.api.delete(`/api/friends/${ada.id}`, { token: bob.token })).status).toBe(204);
        await eventually(() => expect(statusOf(bob.id)).toEqual(['online', 'away', 'offline', 'online', 'offline']));
        expectOk(await emitAck(back, 'presence', { status: 'away' }));
        // A marker that must come after any status Ada might (wrongly) still get: a friend request.
        const [cy] = await chatUsers(chat.api, 1);
        await askFriend(chat.api, cy, ada);
        await eventually(() => expect(ofEvent(adaEvents, 'friend-request')).toHaveLength(1));
        expect(statusOf(bob.id)).toEqual(['online', 'away', 'offline', 'online', 'offline']);
      });

      it('becoming friends while both are online shows each the other at once; a new socket gets friends\' statuses on connect', async () => {
        const [ada, bob] = await chatUsers(chat.api, 2);
        const adaEvents = recordAll(await chat.connect(ada));
        const bobEvents = recordAll(await chat.connect(bob));
        await befriend(chat.api, bob, ada);
        await eventually(() => expect(ofEvent(adaEvents, 'user-status-changed')).toContainEqual({ user_id: bob.id, status: 'online', is_online: true, last_seen: null }));
        await eventually(() => expect(ofEvent(bobEvents, 'user-status-changed')).toContainEqual({ user_id: ada.id, status: 'online', is_online: true, last_seen: null }));

        const second = await connectRecording(chat.sut, ada);
        chat.track(second.socket);
        await eventually(() => expect(ofEvent(second.received, 'user-status-changed')).toContainEqual({ user_id: bob.id, status: 'online', is_online: true, last_seen: null }));
      });
    });

    describe('lists', () => {
      it('pages friends, requests and blocks by cursor, each item exactly once', async () => {
        const [me, ...others] = await chatUsers(chat.api, 5);
        for (const other of others) await befriend(chat.api, other, me);
        const [x, y, z] = await chatUsers(chat.api, 3);
        await askFriend(chat.api, x, me);
        await askFriend(chat.api, me, y);
        await askFriend(chat.api, z, me);
        for (const other of [x, y, z]) await block(chat.api, me, other);
        // Blocking ended those requests; new ones from three more people fill the request list.
        const [p, q, r] = await chatUsers(chat.api, 3);
        await askFriend(chat.api, p, me);
        await askFriend(chat.api, me, q);
        await askFriend(chat.api, r, me);

        const all = async <T extends { next_cursor: string | null; items: unknown[] }>(path: string, parse: (body: unknown) => T, limit: number) => {
          const sizes: number[] = [];
          const items: T['items'] = [];
          let cursor: string | null = null;
          do {
            const page: T = parse(await get(me, `${path}?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`));
            sizes.push(page.items.length);
            items.push(...page.items);
            cursor = page.next_cursor;
          } while (cursor && sizes.length < 10);
          return { sizes, items };
        };

        const friends = await all('/api/friends', (b) => FriendPage.parse(b), 2);
        expect(friends.sizes).toEqual([2, 2]);
        expect(friends.items.map((f) => f.user.id)).toEqual(others.map((o) => o.id).sort());

        const requests = await all('/api/friends/requests', (b) => FriendRequestPage.parse(b), 2);
        expect(requests.sizes).toEqual([2, 1]);
        // Newest first.
        expect(requests.items.map((i) => [i.direction, i.direction === 'incoming' ? i.from.id : i.to.id])).toEqual([
          ['incoming', r.id],
          ['outgoing', q.id],
          ['incoming', p.id],
        ]);
        const incoming = FriendRequestPage.parse(await get(me, '/api/friends/requests?direction=incoming&limit=1'));
        expect(incoming.items.map((i) => i.from.id)).toEqual([r.id]);
        const rest = FriendRequestPage.parse(await get(me, `/api/friends/requests?direction=incoming&limit=1&cursor=${incoming.next_cursor}`));
        expect(rest.items.map((i) => i.from.id)).toEqual([p.id]);
        expect(rest.next_cursor).toBeNull();

        const blocked = await all('/api/blocks', (b) => BlockedUserPage.parse(b), 2);
        expect(blocked.sizes).toEqual([2, 1]);
        expect(blocked.items.map((b) => b.user.id)).toEqual([x.id, y.id, z.id].sort());
        // Only mine: the people I blocked do not see me in their list.
        expect(BlockedUserPage.parse(await get(x, '/api/blocks')).items).toEqual([]);
      });
    });

    describe('privacy settings', () => {
      const profileOf = async (user: ChatUser) => SelfUser.parse(await get(user, '/api/profile'));

      it('start open, change one at a time, and are mine alone', async () => {
        const [ada, bob] = await chatUsers(chat.api, 2);
        expect((await profileOf(ada)).privacy).toEqual({ friend_requests_from: 'everyone', dms_from: 'everyone', read_receipts: true });
        await setPrivacy(chat.api, ada, { dms_from: 'friends' });
        await setPrivacy(chat.api, ada, { read_receipts: false });
        expect((await profileOf(ada)).privacy).toEqual({ friend_requests_from: 'everyone', dms_from: 'friends', read_receipts: false });
        // Other fields in the same body still work; the privacy sent is all that changes of it.
        const both = await chat.api.put('/api/profile', { display_name: 'Ada', privacy: { friend_requests_from: 'nobody' } }, { token: ada.token });
        expect(both.body).toMatchObject({ display_name: 'Ada', privacy: { friend_requests_from: 'nobody', dms_from: 'friends', read_receipts: false } });
        expect((await profileOf(bob)).privacy).toEqual({ friend_requests_from: 'everyone', dms_from: 'everyone', read_receipts: true });
        // Nobody else sees them.
        const seen = await chat.api.get(`/api/users/${ada.id}`, { token: bob.token });
        expect(seen.body).not.toHaveProperty('privacy');
      });

      it('friend requests from nobody: refused with a reason and nothing written; asking them still works', async () => {
        const [ada, bob] = await chatUsers(chat.api, 2);
        await setPrivacy(chat.api, bob, { friend_requests_from: 'nobody' });
        const refused = await expectFriendsRefused(chat.sut, 403, 'FORBIDDEN', () => askFriend(chat.api, ada, bob));
        expect(refused.body.error.message).toContain('does not accept friend requests');
        // Bob himself may ask, and Ada's answer is an accept.
        expect((await askFriend(chat.api, bob, ada)).status).toBe(201);
        expect((await askFriend(chat.api, ada, bob)).body.outcome).toBe('accepted');
      });

      it('friend requests from friends of friends: a stranger is refused, someone with a friend in common is not', async () => {
        const [ada, bob, mutual, stranger] = await chatUsers(chat.api, 4);
        await setPrivacy(chat.api, bob, { friend_requests_from: 'friends_of_friends' });
        await befriend(chat.api, bob, mutual);
        await befriend(chat.api, ada, mutual);
        await expectFriendsRefused(chat.sut, 403, 'FORBIDDEN', () => askFriend(chat.api, stranger, bob));
        expect((await askFriend(chat.api, ada, bob)).status).toBe(201);
      });

      it('DMs from friends only: strangers can neither open a DM nor put them into a group; friends can', async () => {
        const [ada, bob, friend] = await chatUsers(chat.api, 3);
        await setPrivacy(chat.api, bob, { dms_from: 'friends' });
        await befriend(chat.api, friend, bob);

        const dm = await expectFriendsRefused(chat.sut, 403, 'FORBIDDEN', () => chat.api.post('/api/chatrooms', { participant_ids: [bob.id] }, { token: ada.token }));
        expect(dm.body.error.message).toBe(`${bob.handle} does not accept direct messages from you`);
        await expectFriendsRefused(chat.sut, 403, 'FORBIDDEN', () => chat.api.post('/api/chatrooms', { name: 'Leg day', participant_ids: [friend.id, bob.id] }, { token: ada.token }));
        const group = await createGroup(chat.api, ada, [friend]);
        const add = await expectFriendsRefused(chat.sut, 403, 'FORBIDDEN', () => chat.api.post(`/api/chatrooms/${group.id}/participants`, { user_ids: [bob.id] }, { token: ada.token }));
        expect(add.body.error.message).toContain(bob.handle);

        // Bob's friend may do all of it; Bob may still DM Ada (her setting is open).
        await openDm(chat.api, friend, bob);
        expect((await chat.api.post(`/api/chatrooms/${group.id}/participants`, { user_ids: [bob.id] }, { token: friend.token })).status).toBe(200);
        await openDm(chat.api, bob, ada);
        // The DM Bob opened stays open to Ada: the setting is about new ones.
        expect([200, 201]).toContain((await chat.api.post('/api/chatrooms', { participant_ids: [bob.id] }, { token: ada.token })).status);
      });

      it('refuses unknown values and fields, writing nothing', async () => {
        const [ada] = await chatUsers(chat.api, 1);
        for (const privacy of [{ dms_from: 'nobody' }, { friend_requests_from: 'friends' }, { read_receipts: 'no' }, { colour: 'red' }, 'friends', null, []]) {
          const response = await expectFriendsRefused(chat.sut, 400, 'VALIDATION_FAILED', () => chat.api.put('/api/profile', { privacy }, { token: ada.token }));
          expect(JSON.stringify(response.body.error.details)).toContain('privacy');
        }
        expectError(await chat.api.put('/api/profile', { privacy: { dms_from: 'friends' } }), 401, 'UNAUTHENTICATED');
        expect((await profileOf(ada)).privacy.dms_from).toBe('everyone');
      });
    });
  });
}
