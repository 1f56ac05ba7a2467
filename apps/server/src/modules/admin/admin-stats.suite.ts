import { AdminStats } from '@discordgym/contracts';
import { eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { staffUser } from '../../../test/admin-fixtures';
import { chatUsers, clientId, createGroup, openDm, postMessage, type StartChatServer, useChatServer } from '../../../test/chat-fixtures';
import { expectError } from '../../../test/expect-error';
import { messages, sessions } from '../../infra/db/schema';
import { uuidv7Floor } from './stats.repository';

const DAY = 86_400_000;

/**
 * Issue 8 D: the numbers of `GET /api/admin/stats`, exactly, on a database of their own
 * (`start` gives a fresh one: the cluster run's shared database holds other files' users).
 */
export function describeAdminStats(mode: string, start: StartChatServer): void {
  describe(`admin: stats (${mode})`, () => {
    const chat = useChatServer(start, { INSTANCE_ID: 'stats-1' });

    it('counts users, activity windows, messages per day, rooms, sockets online and queue depth', async () => {
      const admin = await staffUser(chat, 'admin');
      const [a, b, c, d] = await chatUsers(chat.api, 4);
      const db = chat.sut.server.infra.database.db;
      const lastUsed = async (userId: string, daysAgo: number) =>
        db.update(sessions).set({ lastUsedAt: new Date(Date.now() - daysAgo * DAY) }).where(eq(sessions.userId, userId));
      await lastUsed(b.id, 3);
      await lastUsed(c.id, 20);
      await lastUsed(d.id, 40);
      expect((await chat.api.post(`/api/admin/users/${c.id}/ban`, { reason: 'test' }, { token: admin.token })).status).toBe(200);

      const group = await createGroup(chat.api, a, [b]);
      const dm = await openDm(chat.api, a, admin);
      for (const text of ['one', 'two', 'three']) await postMessage(chat.api, a, group.id, text);
      await postMessage(chat.api, a, dm.id, 'dm');
      // Older messages, with ids of their own time (as a send then would have made them).
      const past = (daysAgo: number, seq: number) => {
        const at = new Date(Date.now() - daysAgo * DAY);
        return { id: uuidv7({ msecs: at.getTime() }), chatroomId: group.id, seq, senderId: b.id, clientId: clientId(), content: 'old', createdAt: at };
      };
      await db.insert(messages).values([past(3, 1000), past(3, 1001), past(45, 1002)]);

      const sockets = [await chat.connect(a), await chat.connect(a), await chat.connect(admin)];
      expect(sockets.every((s) => s.connected)).toBe(true);

      const response = await chat.api.get('/api/admin/stats', { token: admin.token });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      const stats = AdminStats.parse(response.body);
      // c's sessions were revoked by the ban, but their use 20 days ago still counts as activity; d's 40 does not.
      expect(stats.users).toEqual({ total: 5, banned: 1, active_24h: 2, active_7d: 3, active_30d: 4 });
      expect(stats.messages_per_day).toHaveLength(30);
      const today = new Date().toISOString().slice(0, 10);
      const threeDaysAgo = new Date(Date.now() - 3 * DAY).toISOString().slice(0, 10);
      expect(stats.messages_per_day.at(-1)).toEqual({ day: today, count: 4 });
      expect(stats.messages_per_day.find((x) => x.day === threeDaysAgo)).toEqual({ day: threeDaysAgo, count: 2 });
      expect(stats.messages_per_day.reduce((sum, x) => sum + x.count, 0)).toBe(6);
      expect(stats.messages_per_day.map((x) => x.day)).toEqual([...stats.messages_per_day.map((x) => x.day)].sort());
      expect(stats.rooms).toEqual({ total: 2, groups: 1, dms: 1 });
      // Chat files: the quotas in force (defaults), and lists no longer than the top 20.
      expect(stats.chat_attachments).toMatchObject({ quota_user_bytes: 1024 ** 3, quota_room_bytes: 5 * 1024 ** 3 });
      expect(stats.chat_attachments.top_users.length).toBeLessThanOrEqual(20);
      expect(stats.chat_attachments.top_rooms.length).toBeLessThanOrEqual(20);
      expect(stats.online).toMatchObject({ sockets: 3, instances: [{ instance: 'stats-1', sockets: 3, users: 2 }] });

      const queues = await chat.sut.server.infra.jobs.stats();
      expect(Object.keys(stats.queues.by_queue).sort()).toEqual(Object.keys(queues).sort());
      const depth = Object.values(stats.queues.by_queue).reduce((sum, q) => sum + q.waiting + q.active + q.delayed, 0);
      expect(stats.queues.depth).toBe(depth);

      sockets[1]!.close();
      await new Promise((r) => setTimeout(r, 200));
      const after = AdminStats.parse((await chat.api.get('/api/admin/stats', { token: admin.token })).body);
      expect(after.online.instances).toMatchObject([{ instance: 'stats-1', sockets: 2, users: 2 }]);

      expectError(await chat.api.get('/api/admin/stats', { token: a.token }), 403, 'FORBIDDEN');
    });

    it('finds messages since a day by their UUIDv7 ids', () => {
      const at = new Date('2026-11-02T10:00:00.000Z');
      const floor = uuidv7Floor(at);
      expect(floor <= uuidv7({ msecs: at.getTime() })).toBe(true);
      expect(floor > uuidv7({ msecs: at.getTime() - 1 })).toBe(true);
    });
  });
}
