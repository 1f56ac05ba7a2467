import type { ErrorCode } from '@discordgym/contracts';
import { v4 as uuidv4, v7 as uuidv7 } from 'uuid';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ApiResponse } from '../../../test/api-client';
import { type ChatUser, chatUsers, type StartChatServer, useChatServer } from '../../../test/chat-fixtures';
import { askedId, befriend, block, expectFriendsRefused, friendRowCounts } from '../../../test/friends-fixtures';

const MEGABYTE = 'x'.repeat(1024 * 1024);
const SQL_STRINGS = ["' OR 1=1 --", '"; drop table friendships; --', "x'); DELETE FROM blocks; --"];
const MALFORMED_JSON = ['{"handle":', '{', "{'user_id':'x'}", '{"a":1,}', 'undefined'];
const FOREIGN_TYPES = ['text/plain', 'application/x-www-form-urlencoded', 'application/xml'];
const WRONG_TYPES: unknown[] = [42, true, null, ['a'], { nested: 'object' }];

/** Path segments that are not a UUIDv7: every `:id` / `:userId` must refuse them with 400. */
const BAD_IDS: Array<[string, string]> = [
  ['a word', 'me'],
  ['a number', '1'],
  ['SQL', encodeURIComponent(SQL_STRINGS[0]!)],
  ['a UUIDv4', uuidv4()],
  ['a UUID without dashes', uuidv7().replaceAll('-', '')],
  ['300 characters', 'a'.repeat(300)],
  ['broken percent-encoding', '%E0%A4%A'],
];

/** Query strings every paged list refuses with 400. */
const BAD_PAGES: Array<[string, string]> = [
  ['limit 0', 'limit=0'],
  ['limit 101', 'limit=101'],
  ['a negative limit', 'limit=-1'],
  ['a fractional limit', 'limit=1.5'],
  ['a word as limit', 'limit=ten'],
  ['limit twice', 'limit=1&limit=2'],
  ['an unknown parameter', 'offset=10'],
  ['an empty cursor', 'cursor='],
  ['an invalid cursor', 'cursor=abc'],
  ['a cursor of SQL', `cursor=${encodeURIComponent(SQL_STRINGS[0]!)}`],
  ['a cursor of a UUIDv4', `cursor=${Buffer.from(uuidv4()).toString('base64url')}`],
  ['a cursor that is the bare id', `cursor=${uuidv7()}`],
  ['a cursor past its length limit', `cursor=${'a'.repeat(201)}`],
];

/**
 * Bad input to every friends and blocks endpoint, run against PGlite + memory
 * (friends.bad-input.test.ts) and PostgreSQL + Redis (friends.bad-input.cluster.test.ts):
 * the right 4xx in the error shape, never a 500, and no row written anywhere (accounts,
 * friends, blocks, the outbox, chat).
 */
export function describeFriendsBadInput(mode: string, start: StartChatServer): void {
  describe(`friends bad input (${mode})`, () => {
    const chat = useChatServer(start);
    let me: ChatUser;
    let friend: ChatUser;
    let asker: ChatUser;
    let blocked: ChatUser;
    let stranger: ChatUser;
    let pending: string;

    const refused = (status: number, code: ErrorCode, send: () => Promise<ApiResponse>) => expectFriendsRefused(chat.sut, status, code, send);

    beforeAll(async () => {
      // Something of everything, so a refused request has rows it could wrongly touch.
      [me, friend, asker, blocked, stranger] = await chatUsers(chat.api, 5);
      await befriend(chat.api, me, friend);
      pending = await askedId(chat.api, asker, me);
      await block(chat.api, me, blocked);
    });

    describe.each([
      ['GET /api/friends', '/api/friends'],
      ['GET /api/friends/requests', '/api/friends/requests'],
      ['GET /api/blocks', '/api/blocks'],
    ])('%s', (_, path) => {
      it.each(BAD_PAGES)('answers %s with 400', async (__, query) => {
        const response = await refused(400, 'VALIDATION_FAILED', () => chat.api.get(`${path}?${query}`, { token: me.token }));
        expect(JSON.stringify(response.body.error.details)).toMatch(/limit|cursor|offset/);
      });

      it('answers a 1 MB query with 413', async () => {
        await refused(413, 'PAYLOAD_TOO_LARGE', () => chat.api.get(`${path}?cursor=${MEGABYTE}`, { token: me.token }));
      });
    });

    it.each(['sideways', 'INCOMING', '', 'incoming,outgoing'])('GET /api/friends/requests answers direction=%j with 400', async (direction) => {
      await refused(400, 'VALIDATION_FAILED', () => chat.api.get(`/api/friends/requests?direction=${encodeURIComponent(direction)}`, { token: me.token }));
    });

    describe('POST /api/friends/requests', () => {
      const ask = (body: unknown, options = {}) => chat.api.post('/api/friends/requests', body, { token: me.token, ...options });

      it.each(MALFORMED_JSON)('refuses malformed JSON %j', async (raw) => {
        await refused(400, 'INVALID_JSON', () => ask(undefined, { raw }));
      });

      it('refuses an empty body, a missing body, {} and a body that is not an object', async () => {
        await refused(400, 'INVALID_JSON', () => ask(undefined, { raw: '' }));
        await refused(400, 'VALIDATION_FAILED', () => ask(undefined));
        await refused(400, 'VALIDATION_FAILED', () => ask({}));
        for (const value of [42, 'bob#1234', [stranger.handle]]) await refused(400, 'VALIDATION_FAILED', () => ask(value));
      });

      it('refuses both handle and user_id, and extra fields', async () => {
        await refused(400, 'VALIDATION_FAILED', () => ask({ handle: stranger.handle, user_id: stranger.id }));
        await refused(400, 'VALIDATION_FAILED', () => ask({ user_id: stranger.id, message: 'hi' }));
        await refused(400, 'VALIDATION_FAILED', () => ask({ handle: stranger.handle, from_user_id: friend.id }));
      });

      it.each(['handle', 'user_id'])('refuses wrong types in %s', async (field) => {
        for (const value of WRONG_TYPES) await refused(400, 'VALIDATION_FAILED', () => ask({ [field]: value }));
      });

      it.each(['bob', 'bob#12', 'bob#12345', 'b#1234', '#1234', 'bo b#1234', 'bob\u0000#1234', '\u202ebob#1234', 'a'.repeat(33) + '#1234', ...SQL_STRINGS])(
        'refuses the handle %j',
        async (handle) => {
          await refused(400, 'VALIDATION_FAILED', () => ask({ handle }));
        },
      );

      it.each(['me', uuidv4(), '', ...SQL_STRINGS])('refuses the user_id %j', async (userId) => {
        await refused(400, 'VALIDATION_FAILED', () => ask({ user_id: userId }));
      });

      it('answers 404 for nobody with that handle or id, 400 for myself', async () => {
        const [name, tag] = stranger.handle.split('#');
        const otherTag = tag === '0001' ? '0002' : '0001';
        await refused(404, 'NOT_FOUND', () => ask({ handle: `${name}#${otherTag}` }));
        await refused(404, 'NOT_FOUND', () => ask({ user_id: uuidv7() }));
        const self = await refused(400, 'VALIDATION_FAILED', () => ask({ user_id: me.id }));
        expect(self.body.error.details).toEqual([expect.objectContaining({ path: 'user_id' })]);
        await refused(400, 'VALIDATION_FAILED', () => ask({ handle: me.handle.toUpperCase() }));
      });

      it('answers 1 MB with 413 and foreign content types with 415', async () => {
        await refused(413, 'PAYLOAD_TOO_LARGE', () => ask({ handle: MEGABYTE }));
        for (const type of FOREIGN_TYPES) {
          await refused(415, 'UNSUPPORTED_MEDIA_TYPE', () => ask(undefined, { raw: `{"user_id":"${stranger.id}"}`, headers: { 'content-type': type } }));
        }
      });
    });

    describe.each([
      ['POST', 'accept', (id: string) => `/api/friends/requests/${id}/accept`],
      ['POST', 'decline', (id: string) => `/api/friends/requests/${id}/decline`],
      ['DELETE', 'cancel', (id: string) => `/api/friends/requests/${id}`],
    ] as const)('%s … %s', (method, _, path) => {
      it.each(BAD_IDS)('answers %s as the request id with 400', async (__, id) => {
        await refused(400, 'VALIDATION_FAILED', () => chat.api.request(method, path(id), undefined, { token: me.token }));
      });

      it('answers an unknown request, and one between others, with 404', async () => {
        await refused(404, 'NOT_FOUND', () => chat.api.request(method, path(uuidv7()), undefined, { token: me.token }));
        await refused(404, 'NOT_FOUND', () => chat.api.request(method, path(pending), undefined, { token: stranger.token }));
      });

      it('answers a 1 MB id with 413', async () => {
        await refused(413, 'PAYLOAD_TOO_LARGE', () => chat.api.request(method, path(MEGABYTE), undefined, { token: me.token }));
      });
    });

    describe.each([
      ['DELETE /api/friends/:userId', 'DELETE', '/api/friends/'],
      ['PUT /api/blocks/:userId', 'PUT', '/api/blocks/'],
      ['DELETE /api/blocks/:userId', 'DELETE', '/api/blocks/'],
    ] as const)('%s', (_, method, prefix) => {
      it.each(BAD_IDS)('answers %s as the user id with 400', async (__, id) => {
        await refused(400, 'VALIDATION_FAILED', () => chat.api.request(method, `${prefix}${id}`, undefined, { token: me.token }));
      });

      it('answers an unknown user with 404', async () => {
        await refused(404, 'NOT_FOUND', () => chat.api.request(method, `${prefix}${uuidv7()}`, undefined, { token: me.token }));
      });

      it('answers a 1 MB id with 413', async () => {
        await refused(413, 'PAYLOAD_TOO_LARGE', () => chat.api.request(method, `${prefix}${MEGABYTE}`, undefined, { token: me.token }));
      });
    });

    it('answers myself as the one to block or unblock with 400, and someone not my friend with 404', async () => {
      await refused(400, 'VALIDATION_FAILED', () => chat.api.put(`/api/blocks/${me.id}`, undefined, { token: me.token }));
      await refused(400, 'VALIDATION_FAILED', () => chat.api.delete(`/api/blocks/${me.id}`, { token: me.token }));
      await refused(404, 'NOT_FOUND', () => chat.api.delete(`/api/friends/${stranger.id}`, { token: me.token }));
      await refused(404, 'NOT_FOUND', () => chat.api.delete(`/api/friends/${me.id}`, { token: me.token }));
    });

    it('leaves the friendship, the request and the block as they were after all of this', async () => {
      const friends = await chat.api.get('/api/friends', { token: me.token });
      expect(friends.body.items.map((f: { user: { id: string } }) => f.user.id)).toEqual([friend.id]);
      const requests = await chat.api.get('/api/friends/requests', { token: me.token });
      expect(requests.body.items.map((r: { id: string }) => r.id)).toEqual([pending]);
      const blocks = await chat.api.get('/api/blocks', { token: me.token });
      expect(blocks.body.items.map((b: { user: { id: string } }) => b.user.id)).toEqual([blocked.id]);
      expect((await friendRowCounts(chat.sut)).blocks).toBeGreaterThanOrEqual(1);
    });
  });
}
