import { ReportReceipt } from '@discordgym/contracts';
import { v7 as uuidv7 } from 'uuid';
import { beforeAll, describe, it } from 'vitest';
import { expectAdminRefusal, staffUser } from '../../../test/admin-fixtures';
import { type ChatUser, chatUsers, createGroup, postMessage, type StartChatServer, useChatServer } from '../../../test/chat-fixtures';

/**
 * Issue 8 D: bad input on every admin and moderation endpoint is a clear 4xx and writes
 * nothing (users, sessions, audit log, reports, domain events, deletions).
 */
export function describeAdminBadInput(mode: string, start: StartChatServer): void {
  describe(`admin: bad input (${mode})`, () => {
    const chat = useChatServer(start);
    let admin: ChatUser;
    let member: ChatUser;
    let reporter: ChatUser;
    let messageId: string;
    let reportId: string;
    const future = () => new Date(Date.now() + 86_400_000).toISOString();

    beforeAll(async () => {
      admin = await staffUser(chat, 'admin');
      [member, reporter] = await chatUsers(chat.api, 2);
      const room = await createGroup(chat.api, member, [reporter]);
      messageId = (await postMessage(chat.api, member, room.id, 'reported')).id;
      reportId = ReportReceipt.parse((await chat.api.post(`/api/messages/${messageId}/report`, { reason: 'spam' }, { token: reporter.token })).body).id;
    });

    const refused = (status: number, code: string, send: () => ReturnType<typeof chat.api.get>) => expectAdminRefusal(chat.sut, status, code, send);
    const as = () => ({ token: admin.token });

    it('GET /api/admin/users', async () => {
      for (const query of ['status=gone', 'role=owner', 'limit=0', 'limit=101', 'limit=x', 'cursor=', 'cursor=bm90LWEtdXVpZA', 'q=%00', `q=${'a'.repeat(255)}`, 'sort=email']) {
        await refused(400, 'VALIDATION_FAILED', () => chat.api.get(`/api/admin/users?${query}`, as()));
      }
    });

    it('PUT /api/admin/users/:id/role', async () => {
      await refused(400, 'VALIDATION_FAILED', () => chat.api.put('/api/admin/users/not-an-id/role', { role: 'moderator' }, as()));
      for (const body of [{}, { role: 'owner' }, { role: 'ADMIN' }, { role: 'moderator', extra: 1 }, { role: null }]) {
        await refused(400, 'VALIDATION_FAILED', () => chat.api.put(`/api/admin/users/${member.id}/role`, body, as()));
      }
      await refused(400, 'INVALID_JSON', () => chat.api.request('PUT', `/api/admin/users/${member.id}/role`, undefined, { ...as(), raw: '{"role":' }));
      await refused(404, 'NOT_FOUND', () => chat.api.put(`/api/admin/users/${uuidv7()}/role`, { role: 'moderator' }, as()));
    });

    it('POST /api/admin/users/:id/ban', async () => {
      await refused(400, 'VALIDATION_FAILED', () => chat.api.post('/api/admin/users/123/ban', { reason: 'x' }, as()));
      const bodies = [
        {},
        { reason: '' },
        { reason: '   ' },
        { reason: 'x'.repeat(501) },
        { reason: 'bad\u0000byte' },
        { reason: 'ok', until: 'tomorrow' },
        { reason: 'ok', until: '2026-13-01T00:00:00Z' },
        { reason: 'ok', until: new Date(Date.now() - 60_000).toISOString() },
        { reason: 'ok', forever: true },
      ];
      for (const body of bodies) await refused(400, 'VALIDATION_FAILED', () => chat.api.post(`/api/admin/users/${member.id}/ban`, body, as()));
      await refused(404, 'NOT_FOUND', () => chat.api.post(`/api/admin/users/${uuidv7()}/ban`, { reason: 'ok', until: future() }, as()));
    });

    it('POST /api/admin/users/:id/unban', async () => {
      await refused(400, 'VALIDATION_FAILED', () => chat.api.post('/api/admin/users/%20/unban', undefined, as()));
      await refused(404, 'NOT_FOUND', () => chat.api.post(`/api/admin/users/${uuidv7()}/unban`, undefined, as()));
    });

    it('POST /api/messages/:id/report', async () => {
      const other = { token: admin.token };
      await refused(400, 'VALIDATION_FAILED', () => chat.api.post('/api/messages/nope/report', { reason: 'spam' }, { token: reporter.token }));
      for (const body of [{}, { reason: '' }, { reason: 'x'.repeat(501) }, { reason: 'line\u202eflip' }, { reason: 'spam', message_id: messageId }]) {
        await refused(400, 'VALIDATION_FAILED', () => chat.api.post(`/api/messages/${messageId}/report`, body, { token: reporter.token }));
      }
      await refused(404, 'NOT_FOUND', () => chat.api.post(`/api/messages/${uuidv7()}/report`, { reason: 'spam' }, { token: reporter.token }));
      // Not in the room: the message does not exist for them (an admin is no member either).
      await refused(404, 'NOT_FOUND', () => chat.api.post(`/api/messages/${messageId}/report`, { reason: 'spam' }, other));
    });

    it('GET /api/admin/reports', async () => {
      for (const query of ['status=closed', 'limit=0', 'limit=500', 'cursor=%%%', 'cursor=abc', 'page=2']) {
        await refused(400, 'VALIDATION_FAILED', () => chat.api.get(`/api/admin/reports?${query}`, as()));
      }
    });

    it('POST /api/admin/reports/:id/resolve', async () => {
      await refused(400, 'VALIDATION_FAILED', () => chat.api.post('/api/admin/reports/x/resolve', { action: 'dismiss' }, as()));
      const bodies = [
        {},
        { action: 'ban' },
        { action: 'dismiss', until: future() },
        { action: 'delete_message', until: future() },
        { action: 'ban_author', until: 'soon' },
        { action: 'ban_author', until: new Date(Date.now() - 60_000).toISOString() },
        { action: 'dismiss', reason: 'x'.repeat(501) },
        { action: 'dismiss', note: 'hi' },
      ];
      for (const body of bodies) await refused(400, 'VALIDATION_FAILED', () => chat.api.post(`/api/admin/reports/${reportId}/resolve`, body, as()));
      await refused(404, 'NOT_FOUND', () => chat.api.post(`/api/admin/reports/${uuidv7()}/resolve`, { action: 'dismiss' }, as()));
    });

    it('GET /api/admin/audit-log and GET /api/admin/stats', async () => {
      for (const query of ['action=user.deleted', 'actor=me', 'target=1', 'before=yesterday', 'limit=0', 'limit=1000', 'order=asc']) {
        await refused(400, 'VALIDATION_FAILED', () => chat.api.get(`/api/admin/audit-log?${query}`, as()));
      }
      // Stats take no input; a member is refused before anything runs.
      await refused(403, 'FORBIDDEN', () => chat.api.get('/api/admin/stats', { token: member.token }));
    });

    it('a member is refused on every admin route, and nothing is written', async () => {
      const token = { token: member.token };
      await refused(403, 'FORBIDDEN', () => chat.api.get('/api/admin/users', token));
      await refused(403, 'FORBIDDEN', () => chat.api.put(`/api/admin/users/${reporter.id}/role`, { role: 'admin' }, token));
      await refused(403, 'FORBIDDEN', () => chat.api.post(`/api/admin/users/${reporter.id}/ban`, { reason: 'x' }, token));
      await refused(403, 'FORBIDDEN', () => chat.api.post(`/api/admin/users/${reporter.id}/unban`, undefined, token));
      await refused(403, 'FORBIDDEN', () => chat.api.get('/api/admin/reports', token));
      await refused(403, 'FORBIDDEN', () => chat.api.post(`/api/admin/reports/${reportId}/resolve`, { action: 'dismiss' }, token));
      await refused(403, 'FORBIDDEN', () => chat.api.get('/api/admin/audit-log', token));
    });
  });
}
