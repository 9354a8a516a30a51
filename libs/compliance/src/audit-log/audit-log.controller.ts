import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiListQuery, ApiProblemResponses, Can, Ctx, type RequestContext } from '@quire/core';
import type { Response } from 'express';
import { AUDIT_LOG_SUBJECT } from '../compliance.permissions';
import { AUDIT_EXPORT_CONTENT_TYPES, AUDIT_EXPORT_FORMATS } from './audit-export-format';
import { streamAuditExport } from './audit-export-stream';
import { auditLogListSpec } from './audit-log.list-spec';
import { AuditLogService } from './audit-log.service';
import { AuditRecordListResponse } from './dto/audit-record.response';
import { AuditVerifyDto, AuditVerifyResponse } from './dto/audit-verify.dto';

/**
 * The workspace's audit log: read, exported and verified by owners, admins and auditors. Nothing here writes it —
 * records come from the kernel's events — and no route changes or removes one.
 */
@ApiTags('Audit log')
@ApiParam({ name: 'workspace', description: 'Workspace slug or id' })
@Controller('workspaces/:workspace/audit-log')
export class AuditLogController {
  constructor(private readonly auditLog: AuditLogService) {}

  @Get()
  @Can('read', AUDIT_LOG_SUBJECT)
  @ApiOperation({
    summary: 'List audit records',
    description:
      'Newest first by default. Filter e.g. filter[actorId]=…, filter[action]=content.entry.published, ' +
      'filter[subjectType]=content.entry, filter[subjectId]=…, filter[occurredAt][gte]=…&filter[occurredAt][lt]=….',
  })
  @ApiListQuery(auditLogListSpec)
  @ApiOkResponse({ type: AuditRecordListResponse })
  @ApiProblemResponses(400, 403, 404)
  list(@Ctx() ctx: RequestContext, @Query() query: Record<string, unknown>): Promise<AuditRecordListResponse> {
    return this.auditLog.list(ctx, query);
  }

  @Get('export')
  @Can('read', AUDIT_LOG_SUBJECT)
  @ApiOperation({
    summary: 'Export audit records',
    description:
      'Every record matching the list filters, oldest first (sort and paging are ignored), streamed as CSV or ' +
      'JSON Lines (one record per line) with bounded memory, as a download.',
  })
  @ApiQuery({ name: 'format', enum: AUDIT_EXPORT_FORMATS, required: true })
  @ApiProduces(AUDIT_EXPORT_CONTENT_TYPES.csv, AUDIT_EXPORT_CONTENT_TYPES.jsonl)
  @ApiOkResponse({ description: 'The records, streamed' })
  @ApiProblemResponses(400, 403, 404)
  async export(
    @Ctx() ctx: RequestContext,
    @Query() query: Record<string, unknown>,
    @Res() response: Response,
  ): Promise<void> {
    const filename = `${ctx.workspace?.slug ?? 'workspace'}-audit-log-${new Date().toISOString().slice(0, 10)}`;
    await streamAuditExport(response, query['format'], filename, () => this.auditLog.export(ctx, query));
  }

  @Post('verify')
  @HttpCode(200)
  @Can('read', AUDIT_LOG_SUBJECT)
  @ApiOperation({
    summary: 'Verify the hash chain',
    description:
      'Recomputes every record of the range (by sequence and/or time; empty for the whole chain) and checks each ' +
      'link to the record before it. Answers ok, or the first broken link: its sequence, why, expected vs stored hash.',
  })
  @ApiOkResponse({ type: AuditVerifyResponse })
  @ApiProblemResponses(400, 403, 404)
  verify(@Ctx() ctx: RequestContext, @Body() range: AuditVerifyDto): Promise<AuditVerifyResponse> {
    return this.auditLog.verify(ctx, range);
  }
}
