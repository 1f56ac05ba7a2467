import { AdminUser, AdminUserPage, BanDetails, type UserRole } from '@discordgym/contracts';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditOf, sessionRows, staffUser } from '../../../test/admin-fixtures';
import { type ChatUser, chatUser, recordAll, type StartChatServer, useChatServer } from '../../../test/chat-fixtures';
import { expectError } from '../../../test/expect-error';
import type { TestSocket } from '../../../test/sockets';
import { domainEvents, users } from '../../infra/db/schema';

/**
 * Issue 8 D: the users table, roles and bans over HTTP and Socket.IO, embedded and on
 * PostgreSQL + Redis. The two-instance ban is in admin.multi-instance.cluster.test.ts.
 */
export function describeAdminUsers(mode: string, start: StartChatServer): void {
  describe(`admin: users, roles and bans (${mode})`, () => {
    const chat = useChatServer(start);

    const listUsers = async (admin: ChatUser, query: Record<string, string>) => {
      const response = await chat.api.get<AdminUserPage>(`/api/admin/users?${new URLSearchParams(query)}`, { token: admin.token });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      return AdminUserPage.parse(response.body);
    };
    const setRole = (actor: ChatUser, target: ChatUser, role: UserRole) => chat.api.put(`/api/admin/users/${target.id}/role`, { role }, { token: actor.token });
    const ban = (actor: ChatUser, target: { id: string }, body: Record<string, unknown>) => chat.api.post(`/api/admin/users/${target.id}/ban`, body, { token: actor.token });
    const login = (user: ChatUser) => chat.api.post('/api/auth/login', { email: user.email, password: user.password });
    /** Resolves with the time the socket was closed by the server. */
    const closedAt = (socket: TestSocket) => new Promise<number>((resolve) => socket.once('disconnect', () => resolve(Date.now())));

    it('lists accounts newest first with email, role, last seen and live sessions; searches, filters and pages by keyset', async () => {
      const admin = await staffUser(chat, 'admin');
      const tag = `pg${Date.now().toString(36)}`;
      const made: ChatUser[] = [];
      for (const i of [1, 2, 3]) {
        const response = await chat.api.post('/api/auth/register', { username: `${tag}_${i}`, email: `${tag}-${i}@example.test`, password: `a long enough password ${i}` });
        expect(response.status).toBe(201);
        made.push({ id: response.body.user.id, token: response.body.token, handle: response.body.user.handle, username: `${tag}_${i}`, email: `${tag}-${i}@example.test`, password: `a long enough password ${i}` });
      }
      await login(made[0]!); // a second session for the first one

      const first = await listUsers(admin, { q: tag, limit: '2' });
      expect(first.items.map((u) => u.id)).toEqual([made[2]!.id, made[1]!.id]);
      expect(first.next_cursor).toEqual(expect.any(String));
      const second = await listUsers(admin, { q: tag, limit: '2', cursor: first.next_cursor! });
      expect(second.items.map((u) => u.id)).toEqual([made[0]!.id]);
      expect(second.next_cursor).toBeNull();
      expect(second.items[0]).toMatchObject({ email: made[0]!.email, role: 'member', status: 'active', sessions_count: 2, handle: made[0]!.handle, banned_until: null });
      expect(Date.parse(second.items[0]!.last_seen_at!)).toBeGreaterThan(Date.now() - 60_000);

      // By email prefix and by exact handle, too.
      expect((await listUsers(admin, { q: `${tag}-2@` })).items.map((u) => u.id)).toEqual([made[1]!.id]);
      expect((await listUsers(admin, { q: made[0]!.handle })).items.map((u) => u.id)).toEqual([made[0]!.id]);

      expect((await ban(admin, made[1]!, { reason: 'spam' })).status).toBe(200);
      expect((await listUsers(admin, { q: tag, status: 'banned' })).items.map((u) => u.id)).toEqual([made[1]!.id]);
      expect((await listUsers(admin, { q: tag, status: 'active' })).items.map((u) => u.id)).toEqual([made[2]!.id, made[0]!.id]);
      expect((await setRole(admin, made[2]!, 'moderator')).status).toBe(200);
      expect((await listUsers(admin, { q: tag, role: 'moderator' })).items.map((u) => u.id)).toEqual([made[2]!.id]);
    });

    it('an admin changes a role, it applies at once without signing in again, and is audited; a moderator gets 403', async () => {
      const [admin, moderator, target] = [await staffUser(chat, 'admin'), await staffUser(chat, 'moderator'), await chatUser(chat.api)];
      expectError(await chat.api.get('/api/admin/users', { token: target.token }), 403, 'FORBIDDEN');

      const changed = await setRole(admin, target, 'moderator');
      expect(changed.status, JSON.stringify(changed.body)).toBe(200);
      expect(AdminUser.parse(changed.body)).toMatchObject({ id: target.id, role: 'moderator' });
      // The same access token, the very next request: the new role is in force everywhere.
      expect((await chat.api.get('/api/admin/users', { token: target.token })).status).toBe(200);
      expect((await chat.api.get('/api/auth/me', { token: target.token })).body.role).toBe('moderator');

      expectError(await setRole(moderator, target, 'admin'), 403, 'FORBIDDEN');
      expectError(await setRole(moderator, moderator, 'admin'), 403, 'FORBIDDEN');
      expect((await chat.api.get('/api/auth/me', { token: target.token })).body.role).toBe('moderator');

      const [entry] = await auditOf(chat, admin, { action: 'user.role_changed', target: target.id });
      expect(entry).toMatchObject({ actor_id: admin.id, target_user_id: target.id, details: { from: 'member', to: 'moderator' } });
      expect(entry!.actor?.handle).toBe(admin.handle);

      // Back to member: the admin routes close again at once.
      expect((await setRole(admin, target, 'member')).status).toBe(200);
      expectError(await chat.api.get('/api/admin/users', { token: target.token }), 403, 'FORBIDDEN');
    });

    it('never demotes the last admin, however the admins try', async () => {
      const last = await staffUser(chat, 'admin');
      // Every other admin of this database steps down first (other tests made some).
      for (let page = 0, cursor: string | null = null; page < 50; page++) {
        const found: AdminUserPage = await listUsers(last, { role: 'admin', ...(cursor ? { cursor } : {}) });
        for (const other of found.items.filter((u) => u.id !== last.id)) expect((await chat.api.put(`/api/admin/users/${other.id}/role`, { role: 'member' }, { token: last.token })).status).toBe(200);
        cursor = found.next_cursor;
        if (!cursor) break;
      }
      expect((await listUsers(last, { role: 'admin' })).items.map((u) => u.id)).toEqual([last.id]);
      expectError(await setRole(last, last, 'moderator'), 409, 'LAST_ADMIN');
      expect((await chat.api.get('/api/auth/me', { token: last.token })).body.role).toBe('admin');

      // With a second admin, either may step down, and then the other is the last one.
      const second = await staffUser(chat, 'admin');
      expect((await setRole(second, last, 'member')).status).toBe(200);
      expectError(await setRole(second, second, 'member'), 409, 'LAST_ADMIN');
    });

    it('a ban revokes every session, closes every socket within 1 s with the reason, and login and refresh answer ACCOUNT_BANNED', async () => {
      const moderator = await staffUser(chat, 'moderator');
      const target = await chatUser(chat.api);
      const other = await login(target);
      expect(other.status).toBe(200);
      const phone = await chat.connect(target);
      const laptop = await chat.connect({ ...target, token: other.body.token });
      const [phoneEvents, laptopEvents] = [recordAll(phone), recordAll(laptop)];
      const closed = Promise.all([closedAt(phone), closedAt(laptop)]);
      const until = new Date(Date.now() + 7 * 86_400_000).toISOString();

      const response = await ban(moderator, target, { reason: 'Spamming invite links', until });
      const answeredAt = Date.now();
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      expect(AdminUser.parse(response.body)).toMatchObject({ status: 'banned', ban_reason: 'Spamming invite links', banned_until: until, sessions_count: 0 });

      const [phoneClosed, laptopClosed] = await closed;
      expect(Math.max(phoneClosed, laptopClosed) - answeredAt).toBeLessThan(1_000);
      for (const events of [phoneEvents, laptopEvents]) {
        expect(events.filter((e) => e.event === 'session-ended')).toEqual([
          { event: 'session-ended', payload: { reason: 'banned', message: expect.any(String), banned_until: until, ban_reason: 'Spamming invite links' } },
        ]);
      }

      const rows = await sessionRows(chat.sut, target.id);
      expect(rows).toHaveLength(2);
      expect(rows.every((s) => s.revokedAt !== null && s.revokedReason === 'banned')).toBe(true);
      expectError(await chat.api.get('/api/auth/me', { token: target.token }), 401, 'SESSION_REVOKED');

      const refused = await login(target);
      expectError(refused, 403, 'ACCOUNT_BANNED');
      expect(BanDetails.parse(refused.body.error.details)).toEqual({ banned_until: until, reason: 'Spamming invite links' });
      expect(refused.body.error.message).toContain(until);
      const refresh = await chat.api.post('/api/auth/refresh', { refresh_token: other.body.refresh_token });
      expectError(refresh, 403, 'ACCOUNT_BANNED');
      expect(refresh.body.error.details).toEqual({ banned_until: until, reason: 'Spamming invite links' });
      // A wrong password learns nothing about the ban.
      expectError(await chat.api.post('/api/auth/login', { email: target.email, password: 'not the password at all' }), 401, 'INVALID_CREDENTIALS');

      const admin = await staffUser(chat, 'admin');
      const [banned] = await auditOf(chat, admin, { action: 'user.banned', target: target.id });
      expect(banned).toMatchObject({ actor_id: moderator.id, details: { reason: 'Spamming invite links', until, sessions_revoked: 2 } });
      const evasions = await auditOf(chat, admin, { action: 'security.ban_evasion', target: target.id });
      expect(evasions.map((e) => e.details.via)).toEqual(['refresh', 'login']);

      const events = await chat.sut.server.infra.database.db.select().from(domainEvents).where(eq(domainEvents.name, 'user.banned'));
      expect(events.map((e) => e.payload)).toContainEqual({ user_id: target.id, by_user_id: moderator.id, reason: 'Spamming invite links', until });
    });

    it('a moderator bans members only, an admin moderators too; nobody bans themselves', async () => {
      const [admin, moderator, otherModerator, member] = [await staffUser(chat, 'admin'), await staffUser(chat, 'moderator'), await staffUser(chat, 'moderator'), await chatUser(chat.api)];
      expectError(await ban(moderator, otherModerator, { reason: 'no' }), 403, 'FORBIDDEN');
      expectError(await ban(moderator, admin, { reason: 'no' }), 403, 'FORBIDDEN');
      expectError(await ban(moderator, moderator, { reason: 'no' }), 403, 'FORBIDDEN');
      expectError(await ban(admin, admin, { reason: 'no' }), 403, 'FORBIDDEN');
      expect((await chat.api.get('/api/auth/me', { token: otherModerator.token })).status).toBe(200);
      expectError(await ban(member, otherModerator, { reason: 'no' }), 403, 'FORBIDDEN');
      expect((await ban(admin, otherModerator, { reason: 'abused the role' })).status).toBe(200);
      expectError(await login(otherModerator), 403, 'ACCOUNT_BANNED');
    });

    it('a ban whose end has passed is over; unban lifts one at once and is audited', async () => {
      const [admin, target, other] = [await staffUser(chat, 'admin'), await chatUser(chat.api), await chatUser(chat.api)];
      expect((await ban(admin, target, { reason: 'cool down', until: new Date(Date.now() + 3_600_000).toISOString() })).status).toBe(200);
      expectError(await login(target), 403, 'ACCOUNT_BANNED');
      // The hour goes by (moved in the database rather than waited for).
      await chat.sut.server.infra.database.db.update(users).set({ bannedUntil: new Date(Date.now() - 1_000) }).where(eq(users.id, target.id));
      expect((await login(target)).status).toBe(200);
      expect((await listUsers(admin, { q: target.handle })).items[0]).toMatchObject({ status: 'active', banned_until: null, ban_reason: null });

      expect((await ban(admin, other, { reason: 'for good' })).status).toBe(200);
      expectError(await login(other), 403, 'ACCOUNT_BANNED');
      const lifted = await chat.api.post(`/api/admin/users/${other.id}/unban`, undefined, { token: admin.token });
      expect(lifted.status, JSON.stringify(lifted.body)).toBe(200);
      expect(lifted.body).toMatchObject({ status: 'active', banned_at: null });
      expect((await login(other)).status).toBe(200);
      const again = await chat.api.post(`/api/admin/users/${other.id}/unban`, undefined, { token: admin.token });
      expect(again.status).toBe(200);
      expect((await auditOf(chat, admin, { action: 'user.unbanned', target: other.id })).map((e) => e.actor_id)).toEqual([admin.id]);
    });
  });
}
