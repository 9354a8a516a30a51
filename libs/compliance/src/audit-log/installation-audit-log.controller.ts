import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiListQuery, ApiProblemResponses, Ctx, type RequestContext } from '@quire/core';
import { platformAdminActor } from '@quire/identity';
import type { Response } from 'express';
import { AUDIT_EXPORT_CONTENT_TYPES, AUDIT_EXPORT_FORMATS } from './audit-export-format';
import { streamAuditExport } from './audit-export-stream';
import { auditLogListSpec } from './audit-log.list-spec';
import { AuditLogService } from './audit-log.service';
import { AuditRecordListResponse } from './dto/audit-record.response';
import { AuditVerifyDto, AuditVerifyResponse } from './dto/audit-verify.dto';

/**
 * The installation's own chain: events outside any workspace (sign-ups, account changes, platform administration,
 * consent, data-subject requests, legal holds and incidents placed by the operator). Platform administrators only,
 * with a session of their own; the same list, export and verification as a workspace's log.
 */
@ApiTags('Audit log')
@ApiBearerAuth()
@Controller('audit-log')
export class InstallationAuditLogController {
  constructor(private readonly auditLog: AuditLogService) {}

  @Get()
  @ApiOperation({
    summary: 'List the installation audit records',
    description:
      'As GET /workspaces/{workspace}/audit-log, over events outside any workspace. Platform administrators only ' +
      '(403 identity.platform-admin-required).',
  })
  @ApiListQuery(auditLogListSpec)
  @ApiOkResponse({ type: AuditRecordListResponse })
  @ApiProblemResponses(400, 401, 403)
  list(@Ctx() ctx: RequestContext, @Query() query: Record<string, unknown>): Promise<AuditRecordListResponse> {
    platformAdminActor(ctx);
    return this.auditLog.listInstallation(ctx, query);
  }

  @Get('export')
  @ApiOperation({
    summary: 'Export the installation audit records',
    description: 'As the workspace export (CSV or JSON Lines, streamed), over events outside any workspace.',
  })
  @ApiQuery({ name: 'format', enum: AUDIT_EXPORT_FORMATS, required: true })
  @ApiProduces(AUDIT_EXPORT_CONTENT_TYPES.csv, AUDIT_EXPORT_CONTENT_TYPES.jsonl)
  @ApiOkResponse({ description: 'The records, streamed' })
  @ApiProblemResponses(400, 401, 403)
  async export(
    @Ctx() ctx: RequestContext,
    @Query() query: Record<string, unknown>,
    @Res() response: Response,
  ): Promise<void> {
    platformAdminActor(ctx);
    const filename = `installation-audit-log-${new Date().toISOString().slice(0, 10)}`;
    await streamAuditExport(response, query['format'], filename, () => this.auditLog.export(ctx, query, null));
  }

  @Post('verify')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Verify the installation hash chain',
    description: 'As the workspace verification, over the installation chain.',
  })
  @ApiOkResponse({ type: AuditVerifyResponse })
  @ApiProblemResponses(400, 401, 403)
  verify(@Ctx() ctx: RequestContext, @Body() range: AuditVerifyDto): Promise<AuditVerifyResponse> {
    platformAdminActor(ctx);
    return this.auditLog.verify(ctx, range, null);
  }
}
