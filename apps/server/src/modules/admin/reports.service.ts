import { Injectable } from '@nestjs/common';
import type { Report, ReportAction, ReportPage, ReportQuery, ReportReceipt, ReportStatus, ResolveReportBody } from '@discordgym/contracts';
import { v7 as uuidv7 } from 'uuid';
import { AppError } from '../../common/app-error';
import { AuditService } from '../audit/audit.service';
import { ChatPolicy } from '../chat/chat.policy';
import { ChatService } from '../chat/chat.service';
import { toUserSummary } from '../users/account-status';
import type { AdminActor } from './admin.policy';
import { AdminService } from './admin.service';
import { decodeIdCursor, encodeIdCursor } from './id-cursor';
import { type ReportRow, ReportsRepository } from './reports.repository';

type DetailedRow = NonNullable<Awaited<ReturnType<ReportsRepository['findDetailed']>>>;

/** A moderator acting on a report: always a signed-in user (the CLI does not resolve reports). */
type Moderator = Extract<AdminActor, { kind: 'user' }>;

function toReport(row: DetailedRow, now: Date): Report {
  const { report, message } = row;
  return {
    id: report.id,
    status: report.status as ReportStatus,
    reason: report.reason,
    reported_content: report.reportedContent,
    created_at: report.createdAt.toISOString(),
    resolution: (report.resolution as ReportAction | null) ?? null,
    resolved_by: row.resolver ? toUserSummary(row.resolver, now) : null,
    resolved_at: report.resolvedAt?.toISOString() ?? null,
    message: {
      id: message.id,
      chatroom_id: message.chatroomId,
      content: message.content,
      created_at: message.createdAt.toISOString(),
      edited_at: message.editedAt?.toISOString() ?? null,
      deleted_at: message.deletedAt?.toISOString() ?? null,
    },
    author: toUserSummary(row.author, now),
    reporter: toUserSummary(row.reporter, now),
  };
}

const toReceipt = (row: ReportRow): ReportReceipt => ({
  id: row.id,
  message_id: row.messageId,
  status: row.status as ReportStatus,
  created_at: row.createdAt.toISOString(),
});

/**
 * Reports of messages and the moderators' answers to them. Whom a member may report is
 * the chat policy's call (a message in one of their rooms); what a moderator may then do
 * is the chat policy's (delete any message) and the admin policy's (ban below one's rank).
 */
@Injectable()
export class ReportsService {
  constructor(
    private readonly repository: ReportsRepository,
    private readonly chatPolicy: ChatPolicy,
    private readonly chat: ChatService,
    private readonly admin: AdminService,
    private readonly audit: AuditService,
  ) {}

  async report(userId: string, messageId: string, reason: string): Promise<{ receipt: ReportReceipt; created: boolean }> {
    const message = await this.chatPolicy.visibleMessage(userId, messageId);
    if (message.deletedAt) throw AppError.notFound('Message');
    if (message.senderId === userId) throw AppError.forbidden('You cannot report your own message');
    const { report, created } = await this.repository.insert({ id: uuidv7(), messageId, reporterId: userId, reason, reportedContent: message.content });
    return { receipt: toReceipt(report), created };
  }

  async list(query: ReportQuery): Promise<ReportPage> {
    const rows = await this.repository.list({ status: query.status, beforeId: query.cursor ? decodeIdCursor(query.cursor) : undefined, limit: query.limit + 1 });
    const page = rows.slice(0, query.limit);
    const now = new Date();
    return {
      items: page.map((row) => toReport(row, now)),
      next_cursor: rows.length > query.limit && page.length ? encodeIdCursor(page.at(-1)!.report.id) : null,
    };
  }

  async resolve(actor: Moderator, reportId: string, body: ResolveReportBody): Promise<Report> {
    const report = await this.repository.find(reportId);
    if (!report) throw AppError.notFound('Report');
    if (report.status !== 'open') {
      // A retry of the same answer gets the report as it is; a different answer is a conflict.
      if (report.resolution === body.action) return this.detailed(reportId);
      throw new AppError('REPORT_CLOSED', `This report was already closed (${report.resolution ?? report.status})`);
    }
    const detailed = await this.repository.findDetailed(reportId);
    const authorId = detailed!.author.id;

    // The action first (each is idempotent), then the reports close: a crash in between
    // leaves the report open, and resolving it again does no harm.
    if (body.action === 'delete_message') {
      await this.chat.delete({ userId: actor.userId, role: actor.role }, report.messageId);
    } else if (body.action === 'ban_author') {
      await this.admin.ban(actor, authorId, { reason: body.reason ?? report.reason, ...(body.until ? { until: body.until } : {}) });
    }

    const at = new Date();
    const dismiss = body.action === 'dismiss';
    await this.repository.close(
      report,
      !dismiss,
      { status: dismiss ? 'dismissed' : 'resolved', resolution: body.action, resolvedBy: actor.userId, at },
      async (tx, closedIds) => {
        if (body.action === 'delete_message') {
          await this.audit.record(
            {
              actorId: actor.userId,
              action: 'message.deleted',
              targetUserId: authorId,
              targetType: 'message',
              targetId: report.messageId,
              details: { report_ids: closedIds, chatroom_id: detailed!.message.chatroomId, ...(body.reason ? { reason: body.reason } : {}) },
              ip: actor.ip ?? null,
            },
            tx,
          );
        }
        await this.audit.record(
          {
            actorId: actor.userId,
            action: dismiss ? 'report.dismissed' : 'report.resolved',
            targetUserId: authorId,
            targetType: 'report',
            targetId: report.id,
            details: { action: body.action, message_id: report.messageId, report_ids: closedIds, ...(body.reason ? { reason: body.reason } : {}) },
            ip: actor.ip ?? null,
          },
          tx,
        );
      },
    );
    return this.detailed(reportId);
  }

  private async detailed(reportId: string): Promise<Report> {
    const row = await this.repository.findDetailed(reportId);
    if (!row) throw AppError.notFound('Report');
    return toReport(row, new Date());
  }
}
