import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponses, Can, Ctx, type RequestContext } from '@quire/core';
import type { Response } from 'express';
import { COMPLIANCE_REPORT_SUBJECT } from '../compliance.permissions';
import { MARKDOWN_CONTENT_TYPE } from '../inventory/data-inventory.format';
import { workspaceReportMarkdown } from './compliance-report.markdown';
import { ComplianceReportService } from './compliance-report.service';
import { ComplianceReportQuery } from './dto/compliance-report.query';
import { WorkspaceComplianceReportResponse } from './dto/compliance-report.response';

/** A workspace's compliance report, for its owners, admins and auditors. */
@ApiTags('Compliance report')
@ApiParam({ name: 'workspace', description: 'Workspace slug or id' })
@Controller('workspaces/:workspace/compliance-report')
export class ComplianceReportController {
  constructor(private readonly reports: ComplianceReportService) {}

  @Get()
  @Can('read', COMPLIANCE_REPORT_SUBJECT)
  @ApiOperation({
    summary: "The workspace's compliance report",
    description:
      'Retention policies with their last runs, the legal holds in force on this workspace, and the latest scheduled ' +
      "verification of the workspace's audit chain. `?format=markdown` answers the same as a document.",
  })
  @ApiProduces('application/json', 'text/markdown')
  @ApiOkResponse({ type: WorkspaceComplianceReportResponse })
  @ApiProblemResponses(400, 403, 404)
  async get(
    @Ctx() ctx: RequestContext,
    @Query() query: ComplianceReportQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<WorkspaceComplianceReportResponse | string> {
    const report = await this.reports.forWorkspace(ctx);
    if (query.format !== 'markdown') return report;
    response.type(MARKDOWN_CONTENT_TYPE);
    return workspaceReportMarkdown(report);
  }
}
