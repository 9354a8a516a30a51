import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponses, Ctx, type RequestContext } from '@quire/core';
import { platformAdminActor } from '@quire/identity';
import type { Response } from 'express';
import { MARKDOWN_CONTENT_TYPE } from '../inventory/data-inventory.format';
import { installationReportMarkdown } from './compliance-report.markdown';
import { ComplianceReportService } from './compliance-report.service';
import { ComplianceReportQuery } from './dto/compliance-report.query';
import { InstallationComplianceReportResponse } from './dto/compliance-report.response';

/** The installation's compliance report, for the operator's platform administrators. */
@ApiTags('Compliance report')
@ApiBearerAuth()
@Controller('compliance-report')
export class InstallationComplianceReportController {
  constructor(private readonly reports: ComplianceReportService) {}

  @Get()
  @ApiOperation({
    summary: 'The installation compliance report',
    description:
      'Retention policies with their last runs, every legal hold in force, open and overdue data-subject requests, ' +
      'and the latest verification of every audit chain (failing chains named). Platform administrators only. ' +
      '`?format=markdown` answers the same as a document.',
  })
  @ApiProduces('application/json', 'text/markdown')
  @ApiOkResponse({ type: InstallationComplianceReportResponse })
  @ApiProblemResponses(400, 401, 403)
  async get(
    @Ctx() ctx: RequestContext,
    @Query() query: ComplianceReportQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<InstallationComplianceReportResponse | string> {
    platformAdminActor(ctx);
    const report = await this.reports.forInstallation(ctx);
    if (query.format !== 'markdown') return report;
    response.type(MARKDOWN_CONTENT_TYPE);
    return installationReportMarkdown(report);
  }
}
