import { Report, ReportPage, ReportReceipt } from '@discordgym/contracts';
import { describe, expect, it } from 'vitest';
import { auditOf, staffUser } from '../../../test/admin-fixtures';
import { chatUsers, createGroup, openDm, postMessage, recordAll, type StartChatServer, useChatServer } from '../../../test/chat-fixtures';
import { expectError } from '../../../test/expect-error';
import { eventually } from '../../../test/sockets';

/** Issue 8 D: reporting a message, the moderators' queue and its three answers. */
export function describeAdminReports(mode: string, start: StartChatServer): void {
  describe(`admin: reports (${mode})`, () => {
    const chat = useChatServer(start);

    const report = (user: { token: string }, messageId: string, reason = 'This is spam') =>
      chat.api.post(`/api/messages/${messageId}/report`, { reason }, { token: user.token });
    const queue = async (moderator: { token: string }, status = 'open') => {
      const response = await chat.api.get<ReportPage>(`/api/admin/reports?status=${status}&limit=100`, { token: moderator.token });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      return ReportPage.parse(response.body).items;
    };
    const resolve = (moderator: { token: string }, reportId: string, body: Record<string, unknown>) =>
      chat.api.post(`/api/admin/reports/${reportId}/resolve`, body, { token: moderator.token });

    it('a member of the room reports a message once; a repeat answers the same report; others cannot', async () => {
      const [author, reporter, outsider] = await chatUsers(chat.api, 3);
      const room = await createGroup(chat.api, author, [reporter]);
      const message = await postMessage(chat.api, author, room.id, 'buy cheap followers at example.test');

      const first = await report(reporter, message.id);
      expect(first.status, JSON.stringify(first.body)).toBe(201);
      const receipt = ReportReceipt.parse(first.body);
      expect(receipt).toMatchObject({ message_id: message.id, status: 'open' });
      const repeat = await report(reporter, message.id, 'a different reason');
      expect(repeat.status).toBe(200);
      expect(repeat.body).toEqual(first.body);

      expectError(await report(outsider, message.id), 404, 'NOT_FOUND');
      expectError(await report(author, message.id), 403, 'FORBIDDEN');
      const own = await postMessage(chat.api, reporter, room.id, 'mine');
      expectError(await report(reporter, own.id), 403, 'FORBIDDEN');
      expect((await chat.api.delete(`/api/messages/${own.id}`, { token: reporter.token })).status).toBe(200);
      expectError(await report(author, own.id), 404, 'NOT_FOUND');
    });

    it('the queue shows the message, its author and the reporter; dismiss closes that report only, audited', async () => {
      const moderator = await staffUser(chat, 'moderator');
      const [author, first, second] = await chatUsers(chat.api, 3);
      const room = await createGroup(chat.api, author, [first, second]);
      const message = await postMessage(chat.api, author, room.id, 'rude words');
      const r1 = ReportReceipt.parse((await report(first, message.id, 'rude')).body);
      const r2 = ReportReceipt.parse((await report(second, message.id, 'very rude')).body);

      const open = (await queue(moderator)).filter((r) => r.message.id === message.id);
      expect(open.map((r) => r.id)).toEqual([r2.id, r1.id]);
      // An edit after the report does not change what the moderators judge.
      expect((await chat.api.patch(`/api/messages/${message.id}`, { content: 'nice words' }, { token: author.token })).status).toBe(200);
      const reread = (await queue(moderator)).filter((r) => r.message.id === message.id);
      expect(reread.map((r) => [r.reported_content, r.message.content])).toEqual([['rude words', 'nice words'], ['rude words', 'nice words']]);
      expect(open[1]).toMatchObject({
        reason: 'rude',
        reported_content: 'rude words',
        status: 'open',
        message: { id: message.id, chatroom_id: room.id, content: 'rude words', deleted_at: null },
        author: { id: author.id, handle: author.handle, role: 'member', status: 'active' },
        reporter: { id: first.id, handle: first.handle },
        resolution: null,
        resolved_by: null,
      });

      const dismissed = await resolve(moderator, r1.id, { action: 'dismiss', reason: 'banter between friends' });
      expect(dismissed.status, JSON.stringify(dismissed.body)).toBe(200);
      expect(Report.parse(dismissed.body)).toMatchObject({ status: 'dismissed', resolution: 'dismiss', resolved_by: { id: moderator.id } });
      expect((await queue(moderator)).map((r) => r.id)).toContain(r2.id);
      expect((await queue(moderator, 'dismissed')).map((r) => r.id)).toContain(r1.id);
      // The same answer again is a retry; another answer is a conflict.
      expect((await resolve(moderator, r1.id, { action: 'dismiss' })).status).toBe(200);
      expectError(await resolve(moderator, r1.id, { action: 'delete_message' }), 409, 'REPORT_CLOSED');

      const admin = await staffUser(chat, 'admin');
      const [entry] = await auditOf(chat, admin, { action: 'report.dismissed', target: author.id });
      expect(entry).toMatchObject({ actor_id: moderator.id, target_type: 'report', target_id: r1.id, details: { action: 'dismiss', reason: 'banter between friends' } });
    });

    it('delete_message deletes it for everyone in the room and closes every open report of it', async () => {
      const moderator = await staffUser(chat, 'moderator');
      const [author, first, second] = await chatUsers(chat.api, 3);
      const room = await createGroup(chat.api, author, [first, second]);
      const message = await postMessage(chat.api, author, room.id, 'a slur');
      const r1 = ReportReceipt.parse((await report(first, message.id)).body);
      const r2 = ReportReceipt.parse((await report(second, message.id)).body);
      const watcher = await chat.connect(first, [room.id]);
      const received = recordAll(watcher);

      const resolved = await resolve(moderator, r1.id, { action: 'delete_message', reason: 'hate speech' });
      expect(resolved.status, JSON.stringify(resolved.body)).toBe(200);
      expect(Report.parse(resolved.body)).toMatchObject({ status: 'resolved', resolution: 'delete_message', reported_content: 'a slur', message: { content: '' } });
      expect(resolved.body.message.deleted_at).not.toBeNull();
      await eventually(() => expect(received.some((e) => e.event === 'message-deleted' && e.payload.id === message.id)).toBe(true));
      const history = await chat.api.get(`/api/messages/${room.id}?after_seq=0`, { token: first.token });
      expect(history.body.items.find((m: { id: string }) => m.id === message.id).deleted_at).not.toBeNull();

      const closed = (await queue(moderator, 'resolved')).filter((r) => r.message.id === message.id);
      expect(closed.map((r) => r.id).sort()).toEqual([r1.id, r2.id].sort());
      expect((await queue(moderator)).some((r) => r.message.id === message.id)).toBe(false);

      const admin = await staffUser(chat, 'admin');
      const [deleted] = await auditOf(chat, admin, { action: 'message.deleted', target: author.id });
      expect(deleted).toMatchObject({ actor_id: moderator.id, target_type: 'message', target_id: message.id, details: { reason: 'hate speech' } });
      expect((deleted!.details.report_ids as string[]).sort()).toEqual([r1.id, r2.id].sort());
      expect((await auditOf(chat, admin, { action: 'report.resolved', target: author.id })).map((e) => e.target_id)).toEqual([r1.id]);
    });

    it('ban_author bans through the ban path (sockets closed, audited); a moderator cannot ban a moderator author', async () => {
      const moderator = await staffUser(chat, 'moderator');
      const [author, reporter] = await chatUsers(chat.api, 2);
      const room = await openDm(chat.api, reporter, author);
      const message = await postMessage(chat.api, author, room.id, 'scam link');
      const r = ReportReceipt.parse((await report(reporter, message.id, 'phishing')).body);
      const authorSocket = await chat.connect(author);
      const received = recordAll(authorSocket);

      const resolved = await resolve(moderator, r.id, { action: 'ban_author' });
      expect(resolved.status, JSON.stringify(resolved.body)).toBe(200);
      expect(Report.parse(resolved.body)).toMatchObject({ status: 'resolved', resolution: 'ban_author', author: { id: author.id, status: 'banned' } });
      await eventually(() => expect(authorSocket.connected).toBe(false), 1_000);
      expect(received.find((e) => e.event === 'session-ended')?.payload).toMatchObject({ reason: 'banned', ban_reason: 'phishing' });
      expectError(await chat.api.post('/api/auth/login', { email: author.email, password: author.password }), 403, 'ACCOUNT_BANNED');
      const admin = await staffUser(chat, 'admin');
      expect((await auditOf(chat, admin, { action: 'user.banned', target: author.id }))[0]).toMatchObject({ actor_id: moderator.id, details: { reason: 'phishing' } });

      // A moderator's message: a moderator may not ban its author, and the report stays open.
      const colleague = await staffUser(chat, 'moderator');
      const group = await createGroup(chat.api, colleague, [reporter]);
      const theirs = await postMessage(chat.api, colleague, group.id, 'moderator joke');
      const r2 = ReportReceipt.parse((await report(reporter, theirs.id)).body);
      expectError(await resolve(moderator, r2.id, { action: 'ban_author' }), 403, 'FORBIDDEN');
      expect((await queue(moderator)).map((x) => x.id)).toContain(r2.id);
      expect((await chat.api.get('/api/auth/me', { token: colleague.token })).status).toBe(200);
    });
  });
}
