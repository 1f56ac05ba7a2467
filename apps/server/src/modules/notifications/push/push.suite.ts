import { PushConfig, PushPayload } from '@discordgym/contracts';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChatUser, chatUsers, createGroup, openDm, postMessage, type StartChatServer, useChatServer } from '../../../../test/chat-fixtures';
import { expectRefusedUnchanged, inboxOf, settle, untilOnline } from '../../../../test/notification-fixtures';
import { TestBrowserKeys, TestPushService, verifyVapid } from '../../../../test/push-service';
import { collect, eventually } from '../../../../test/sockets';
import { pushSubscriptions } from '../../../infra/db/schema';

/**
 * Issue 8 C, Web Push for real: the server encrypts and signs, a push service on
 * 127.0.0.1 receives, and the test decrypts with the subscription's own keys. Expired
 * subscriptions (404 / 410) disappear. Run embedded and on PostgreSQL + Redis.
 */
export function describePush(mode: string, start: StartChatServer): void {
  describe(`web push (${mode})`, () => {
    const service = new TestPushService();
    beforeAll(() => service.start());
    afterAll(() => service.stop());
    // The local push service is allowed only because it is listed and this is not production.
    const chat = useChatServer(start, { PUSH_ENDPOINT_HOSTS: '127.0.0.1,fcm.googleapis.com' });
    const api = () => chat.api;

    const subscribe = async (user: ChatUser, keys: TestBrowserKeys, endpoint: string) => {
      const response = await api().post('/api/push-subscriptions', keys.subscription(endpoint), { token: user.token });
      expect(response.status, JSON.stringify(response.body)).toBe(201);
      expect(response.body).toMatchObject({ endpoint });
      return response.body as { id: string };
    };
    const endpointsOf = async (user: ChatUser) =>
      (await chat.sut.server.infra.database.db.select().from(pushSubscriptions).where(eq(pushSubscriptions.userId, user.id))).map((s) => s.endpoint).sort();

    it('a DM to someone with the app closed arrives at their browser encrypted and VAPID-signed, and decrypts to the notification', async () => {
      const [a, b] = await chatUsers(api(), 2);
      const config = PushConfig.parse((await api().get('/api/push/vapid-public-key', { token: b.token })).body);
      expect(config.enabled).toBe(true);
      expect(Buffer.from(config.public_key!, 'base64url')).toHaveLength(65);
      const keys = new TestBrowserKeys();
      const endpoint = service.endpoint();
      await subscribe(b, keys, endpoint);

      const dm = await openDm(api(), a, b);
      const message = await postMessage(api(), a, dm.id, 'squats at 7? 🏋️');
      await eventually(() => expect(service.to(endpoint)).toHaveLength(1), 10_000);
      const [push] = service.to(endpoint);
      expect(push!.headers['content-encoding']).toBe('aes128gcm');
      expect(push!.headers.ttl).toBe('86400');
      expect(push!.headers.urgency).toBe('high');
      const vapid = verifyVapid(push!.headers.authorization, service.url);
      expect(vapid.key).toBe(config.public_key);
      expect(vapid.sub).toMatch(/^(mailto:|https:)/);

      const payload = PushPayload.parse(JSON.parse(keys.decrypt(push!.body)));
      const [stored] = await inboxOf(api(), b, 1);
      expect(payload.notification).toEqual({ ...stored, actor: { ...stored!.actor, bio: null } });
      expect(payload.notification).toMatchObject({ kind: 'dm', message_id: message.id, excerpt: 'squats at 7? 🏋️' });
      expect(payload.url).toBe(`/chat/${dm.id}?message=${message.id}&seq=${message.seq}`);
      expect(payload.unread_count).toBe(1);
      // Someone else's keys cannot read it.
      expect(() => new TestBrowserKeys().decrypt(push!.body)).toThrow();
    });

    it('a subscription the push service calls gone (410 or 404) is removed; the live one keeps getting pushes', async () => {
      const [a, b] = await chatUsers(api(), 2);
      const live = service.endpoint(201);
      const expired = service.endpoint(410);
      const unknown = service.endpoint(404);
      for (const endpoint of [live, expired, unknown]) await subscribe(b, new TestBrowserKeys(), endpoint);
      expect(await endpointsOf(b)).toEqual([live, expired, unknown].sort());

      const dm = await openDm(api(), a, b);
      await postMessage(api(), a, dm.id, 'first');
      await eventually(() => expect([live, expired, unknown].map((e) => service.to(e).length)).toEqual([1, 1, 1]), 10_000);
      await eventually(async () => expect(await endpointsOf(b)).toEqual([live]), 10_000);

      await postMessage(api(), a, dm.id, 'second');
      await eventually(() => expect(service.to(live)).toHaveLength(2), 10_000);
      await settle(chat.sut);
      expect([expired, unknown].map((e) => service.to(e).length)).toEqual([1, 1]);
    });

    it('nobody with a socket open is pushed: their tab has the live event', async () => {
      const [a, b] = await chatUsers(api(), 2);
      const endpoint = service.endpoint();
      await subscribe(b, new TestBrowserKeys(), endpoint);
      const socket = await chat.connect(b);
      await untilOnline(chat.sut, b);
      const live = collect(socket, 'notification');
      const room = await createGroup(api(), a, [b]);
      await postMessage(api(), a, room.id, `@${b.handle} are you there?`);
      await eventually(() => expect(live).toHaveLength(1));
      await settle(chat.sut);
      expect(service.to(endpoint)).toEqual([]);
    });

    it('subscribing again updates the keys, another account takes the endpoint over, and one user keeps at most 10', async () => {
      const [b, c] = await chatUsers(api(), 2);
      const endpoint = service.endpoint();
      const first = await subscribe(b, new TestBrowserKeys(), endpoint);
      const again = await subscribe(b, new TestBrowserKeys(), endpoint);
      expect(again.id).toBe(first.id);
      await subscribe(c, new TestBrowserKeys(), endpoint);
      expect(await endpointsOf(b)).toEqual([]);
      expect(await endpointsOf(c)).toEqual([endpoint]);

      const many = Array.from({ length: 12 }, () => service.endpoint());
      for (const e of many) await subscribe(b, new TestBrowserKeys(), e);
      expect(await endpointsOf(b)).toEqual(many.slice(2).sort());
    });

    it('DELETE /api/push-subscriptions stops pushes to that browser', async () => {
      const [a, b] = await chatUsers(api(), 2);
      const kept = service.endpoint();
      const removed = service.endpoint();
      await subscribe(b, new TestBrowserKeys(), kept);
      await subscribe(b, new TestBrowserKeys(), removed);
      const response = await api().request('DELETE', '/api/push-subscriptions', { endpoint: removed }, { token: b.token });
      expect(response.status, JSON.stringify(response.body)).toBe(204);
      const dm = await openDm(api(), a, b);
      await postMessage(api(), a, dm.id, 'only one of you');
      await eventually(() => expect(service.to(kept)).toHaveLength(1), 10_000);
      await settle(chat.sut);
      expect(service.to(removed)).toEqual([]);
    });

    describe('bad input: a clear 4xx, nothing written', () => {
      it('POST /api/push-subscriptions refuses endpoints the server must not call, and malformed keys', async () => {
        const [b] = await chatUsers(api(), 1);
        const keys = new TestBrowserKeys().subscription(service.endpoint()).keys;
        const endpoints = [
          'not a url',
          'ftp://127.0.0.1/push',
          'http://10.0.0.7/push',
          'https://169.254.169.254/latest/meta-data',
          'https://evil.example.com/push',
          'https://fcm.googleapis.com.evil.example.com/push',
          'http://fcm.googleapis.com/fcm/send/x',
          'https://fcm.googleapis.com:8443/fcm/send/x',
          'https://user:secret@fcm.googleapis.com/fcm/send/x',
          'http://localhost:1/push',
          'http://[::1]:1/push',
          `https://fcm.googleapis.com/${'x'.repeat(2048)}`,
        ];
        for (const endpoint of endpoints) {
          await expectRefusedUnchanged(chat.sut, 400, 'VALIDATION_FAILED', () => api().post('/api/push-subscriptions', { endpoint, keys }, { token: b.token }));
        }
        const endpoint = service.endpoint();
        const notOnCurve = Buffer.concat([Buffer.from([4]), Buffer.alloc(64, 1)]).toString('base64url');
        const bodies = [
          { endpoint, keys: { ...keys, p256dh: keys.p256dh.slice(0, 40) } },
          { endpoint, keys: { ...keys, p256dh: notOnCurve } },
          { endpoint, keys: { ...keys, auth: Buffer.alloc(8).toString('base64url') } },
          { endpoint, keys: { ...keys, auth: '!!!!!!!!!!!!!!!!!!!!!!' } },
          { endpoint, keys: { p256dh: keys.p256dh } },
          { endpoint },
          { keys },
          { endpoint, keys, extra: true },
          { endpoint, keys: { ...keys, extra: 'x' } },
          [],
        ];
        for (const body of bodies) {
          await expectRefusedUnchanged(chat.sut, 400, 'VALIDATION_FAILED', () => api().post('/api/push-subscriptions', body, { token: b.token }));
        }
        await expectRefusedUnchanged(chat.sut, 400, 'INVALID_JSON', () => api().request('POST', '/api/push-subscriptions', undefined, { token: b.token, raw: '{"endpoint":' }));
      });

      it('DELETE /api/push-subscriptions refuses a bad body and an endpoint that is not mine', async () => {
        const [b, c] = await chatUsers(api(), 2);
        const endpoint = service.endpoint();
        await subscribe(b, new TestBrowserKeys(), endpoint);
        for (const body of [{}, { endpoint: '' }, { endpoint: 7 }, { endpoint, extra: 1 }]) {
          await expectRefusedUnchanged(chat.sut, 400, 'VALIDATION_FAILED', () => api().request('DELETE', '/api/push-subscriptions', body, { token: b.token }));
        }
        await expectRefusedUnchanged(chat.sut, 404, 'NOT_FOUND', () => api().request('DELETE', '/api/push-subscriptions', { endpoint }, { token: c.token }));
        await expectRefusedUnchanged(chat.sut, 404, 'NOT_FOUND', () => api().request('DELETE', '/api/push-subscriptions', { endpoint: service.endpoint() }, { token: b.token }));
        expect(await endpointsOf(b)).toEqual([endpoint]);
      });
    });
  });
}
