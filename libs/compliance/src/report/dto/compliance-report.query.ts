import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

export const COMPLIANCE_REPORT_FORMATS = ['json', 'markdown'] as const;
export type ComplianceReportFormat = (typeof COMPLIANCE_REPORT_FORMATS)[number];

export class ComplianceReportQuery {
  @ApiPropertyOptional({
    enum: COMPLIANCE_REPORT_FORMATS,
    description: 'json (the default), or markdown: the report as a document to file',
  })
  @IsOptional()
  @IsIn(COMPLIANCE_REPORT_FORMATS)
  format?: ComplianceReportFormat;
}
