import { Body, Controller, Param, Query, Res } from '@nestjs/common';
import { type Report, type ReportBody, type ReportPage, type ReportQuery, type ReportReceipt, type ResolveReportBody, routes } from '@discordgym/contracts';
import type { FastifyReply } from 'fastify';
import { type AuthContext, Client, type ClientInfo, CurrentAuth } from '../../common/request-context';
import { Route } from '../../common/route.decorator';
import { ZodValidationPipe } from '../../common/zod-validation.pipe';
import { ReportsService } from './reports.service';

@Controller()
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  /** 201 for a new report; 200 when this reporter had already reported the message. */
  @Route(routes.reportMessage)
  async report(
    @CurrentAuth() auth: AuthContext,
    @Param(new ZodValidationPipe(routes.reportMessage.params)) params: { id: string },
    @Body(new ZodValidationPipe(routes.reportMessage.body)) body: ReportBody,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ReportReceipt> {
    const { receipt, created } = await this.reports.report(auth.userId, params.id, body.reason);
    if (!created) void reply.status(200);
    return receipt;
  }

  @Route(routes.adminListReports)
  list(@Query(new ZodValidationPipe(routes.adminListReports.query)) query: ReportQuery): Promise<ReportPage> {
    return this.reports.list(query);
  }

  @Route(routes.adminResolveReport)
  resolve(
    @CurrentAuth() auth: AuthContext,
    @Client() client: ClientInfo,
    @Param(new ZodValidationPipe(routes.adminResolveReport.params)) params: { id: string },
    @Body(new ZodValidationPipe(routes.adminResolveReport.body)) body: ResolveReportBody,
  ): Promise<Report> {
    return this.reports.resolve({ kind: 'user', userId: auth.userId, role: auth.role, ip: client.ip }, params.id, body);
  }
}
