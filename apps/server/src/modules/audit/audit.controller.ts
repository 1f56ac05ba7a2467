import { Controller, Query } from '@nestjs/common';
import { type AuditPage, type AuditQuery, routes } from '@discordgym/contracts';
import { Route } from '../../common/route.decorator';
import { ZodValidationPipe } from '../../common/zod-validation.pipe';
import { AuditService } from './audit.service';

/** Read-only on purpose: no route edits or deletes an entry, and the database refuses it too. */
@Controller()
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Route(routes.adminAuditLog)
  list(@Query(new ZodValidationPipe(routes.adminAuditLog.query)) query: AuditQuery): Promise<AuditPage> {
    return this.audit.list(query);
  }
}
