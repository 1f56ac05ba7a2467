import { AuditPage } from '@discordgym/contracts';
import { count, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditOf, staffUser } from '../../../test/admin-fixtures';
import { chatUser, type StartChatServer, useChatServer } from '../../../test/chat-fixtures';
import { expectError } from '../../../test/expect-error';
import { registerUser } from '../../../test/factories';
import { auditLog } from '../../infra/db/schema';

/** Issue 8 D: the audit log: filters and pages, append-only in the database, security events. */
export function describeAdminAudit(mode: string, start: StartChatServer): void {
  describe(`admin: audit log (${mode})`, () => {
    // No grace: a refresh token used a second time is a reuse at once.
    const chat = useChatServer(start, { REFRESH_REUSE_GRACE_SECONDS: '0' });

    it('filters by action, actor and target, newest first, and pages with `before`', async () => {
      const [admin, otherAdmin] = [await staffUser(chat, 'admin'), await staffUser(chat, 'admin')];
      const targets = [await chatUser(chat.api), await chatUser(chat.api), await chatUser(chat.api)];
      for (const target of targets) expect((await chat.api.put(`/api/admin/users/${target.id}/role`, { role: 'moderator' }, { token: admin.token })).status).toBe(200);
      expect((await chat.api.put(`/api/admin/users/${targets[0]!.id}/role`, { role: 'member' }, { token: otherAdmin.token })).status).toBe(200);

      const byAdmin = await auditOf(chat, admin, { actor: admin.id, action: 'user.role_changed' });
      expect(byAdmin.map((e) => e.target_user_id)).toEqual(targets.map((t) => t.id).reverse());
      expect(byAdmin.every((e) => e.actor?.id === admin.id)).toBe(true);
      const aboutFirst = await auditOf(chat, admin, { target: targets[0]!.id });
      expect(aboutFirst.map((e) => [e.actor_id, e.details.to])).toEqual([
        [otherAdmin.id, 'member'],
        [admin.id, 'moderator'],
      ]);
      expect(aboutFirst[0]!.target_user).toMatchObject({ id: targets[0]!.id, handle: targets[0]!.handle, role: 'member' });

      const page1 = await chat.api.get<AuditPage>(`/api/admin/audit-log?actor=${admin.id}&limit=2`, { token: admin.token });
      expect(page1.body.items).toHaveLength(2);
      expect(page1.body.next_cursor).toBe(page1.body.items[1]!.id);
      const page2 = await chat.api.get<AuditPage>(`/api/admin/audit-log?actor=${admin.id}&limit=2&before=${page1.body.next_cursor}`, { token: admin.token });
      expect(AuditPage.parse(page2.body).items.map((e) => e.id)).toEqual([byAdmin[2]!.id]);
      expect(page2.body.next_cursor).toBeNull();

      // Moderators read it too; members do not.
      const moderator = await staffUser(chat, 'moderator');
      expect((await chat.api.get('/api/admin/audit-log', { token: moderator.token })).status).toBe(200);
      expectError(await chat.api.get('/api/admin/audit-log', { token: (await chatUser(chat.api)).token }), 403, 'FORBIDDEN');
    });

    it('is append-only: the API has no route to change an entry, and the database refuses UPDATE and DELETE', async () => {
      const admin = await staffUser(chat, 'admin');
      const target = await chatUser(chat.api);
      expect((await chat.api.put(`/api/admin/users/${target.id}/role`, { role: 'moderator' }, { token: admin.token })).status).toBe(200);
      const [entry] = await auditOf(chat, admin, { target: target.id });
      for (const method of ['PUT', 'PATCH', 'DELETE']) {
        expectError(await chat.api.request(method, `/api/admin/audit-log/${entry!.id}`, method === 'DELETE' ? undefined : { action: 'user.banned' }, { token: admin.token }), 404, 'ROUTE_NOT_FOUND');
        expectError(await chat.api.request(method, '/api/admin/audit-log', method === 'DELETE' ? undefined : {}, { token: admin.token }), 404, 'ROUTE_NOT_FOUND');
      }
      const db = chat.sut.server.infra.database.db;
      await expect(db.update(auditLog).set({ action: 'user.unbanned' }).where(eq(auditLog.id, entry!.id))).rejects.toThrow();
      await expect(db.delete(auditLog).where(eq(auditLog.id, entry!.id))).rejects.toThrow();
      await expect(db.execute(sql`delete from audit_log`)).rejects.toThrow();
      const [left] = await db.select({ n: count() }).from(auditLog).where(eq(auditLog.id, entry!.id));
      expect(left!.n).toBe(1);
      expect((await auditOf(chat, admin, { target: target.id }))[0]).toEqual(entry);
    });

    it('records refresh-token reuse as a security event with the session and the IP', async () => {
      const admin = await staffUser(chat, 'admin');
      const victim = await registerUser(chat.api);
      const stolen = victim.auth.refresh_token;
      expect((await chat.api.post('/api/auth/refresh', { refresh_token: stolen })).status).toBe(200);
      expectError(await chat.api.post('/api/auth/refresh', { refresh_token: stolen }), 401, 'REFRESH_TOKEN_REUSED');
      const [entry] = await auditOf(chat, admin, { action: 'security.refresh_reuse', target: victim.auth.user.id });
      expect(entry).toMatchObject({ actor_id: null, target_type: 'session', target_id: expect.any(String), ip: expect.stringMatching(/127\.0\.0\.1/) });
    });
  });
}
