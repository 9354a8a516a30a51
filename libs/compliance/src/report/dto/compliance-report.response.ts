import { ApiProperty } from '@nestjs/swagger';
import { AuditBrokenLinkResponse } from '../../audit-log/dto/audit-verify.dto';
import { LegalHoldResponse } from '../../legal-holds/dto/legal-hold.response';
import { RetentionPolicyOutcome } from '../../retention/dto/retention-run.response';
import { RetentionPolicyResponse } from '../../retention/dto/retention-policy.response';

export class ChainVerificationResponse {
  @ApiProperty({ example: 'installation', description: 'A workspace id, or `installation`' }) chainKey!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) workspaceId!: string | null;
  @ApiProperty({ format: 'date-time' }) verifiedAt!: string;
  @ApiProperty() ok!: boolean;
  @ApiProperty({ description: 'Records checked' }) checked!: number;
  @ApiProperty({ type: Number, nullable: true }) fromSequence!: number | null;
  @ApiProperty({ type: Number, nullable: true }) toSequence!: number | null;
  @ApiProperty({ type: AuditBrokenLinkResponse, nullable: true }) firstBroken!: AuditBrokenLinkResponse | null;
}

export class PolicyLastRunResponse extends RetentionPolicyOutcome {
  @ApiProperty({ format: 'uuid' }) runId!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt!: string | null;
}

export class ReportPolicyResponse extends RetentionPolicyResponse {
  @ApiProperty({ type: PolicyLastRunResponse, nullable: true, description: 'Null: the policy has not run yet' })
  lastRun!: PolicyLastRunResponse | null;
}

export class RequestCountsResponse {
  @ApiProperty({ example: 'erasure' }) type!: string;
  @ApiProperty() open!: number;
  @ApiProperty() overdue!: number;
}

export class OverdueRequestResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'access' }) type!: string;
  @ApiProperty({ example: 'verified' }) status!: string;
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
}

export class RequestSummaryResponse {
  @ApiProperty({ description: 'Requests not completed, rejected or cancelled' }) open!: number;
  @ApiProperty({ description: 'Open requests past their due date (30 days after receipt)' }) overdue!: number;
  @ApiProperty({ type: [RequestCountsResponse] }) byType!: RequestCountsResponse[];
  @ApiProperty({ type: [OverdueRequestResponse], description: 'The 100 most overdue, oldest due date first' })
  overdueRequests!: OverdueRequestResponse[];
}

export class ChainSummaryResponse {
  @ApiProperty({ description: 'Chains in the log (the installation and every workspace with records)' })
  chains!: number;
  @ApiProperty({ description: 'Chains whose latest scheduled verification passed' }) verified!: number;
  @ApiProperty({ description: 'Chains never verified yet (the daily job has not reached them)' }) notVerified!: number;
  @ApiProperty({ type: [ChainVerificationResponse], description: 'Chains whose latest verification failed' })
  failing!: ChainVerificationResponse[];
  @ApiProperty({ type: ChainVerificationResponse, nullable: true }) installation!: ChainVerificationResponse | null;
}

export class InstallationComplianceReportResponse {
  @ApiProperty({ format: 'date-time' }) generatedAt!: string;
  @ApiProperty({ type: [ReportPolicyResponse] }) retentionPolicies!: ReportPolicyResponse[];
  @ApiProperty({ type: [LegalHoldResponse], description: 'Legal holds in force' }) legalHolds!: LegalHoldResponse[];
  @ApiProperty({ type: RequestSummaryResponse }) dataSubjectRequests!: RequestSummaryResponse;
  @ApiProperty({ type: ChainSummaryResponse }) auditChains!: ChainSummaryResponse;
}

export class WorkspaceComplianceReportResponse {
  @ApiProperty({ format: 'date-time' }) generatedAt!: string;
  @ApiProperty({ format: 'uuid' }) workspaceId!: string;
  @ApiProperty({ type: [ReportPolicyResponse] }) retentionPolicies!: ReportPolicyResponse[];
  @ApiProperty({ type: [LegalHoldResponse], description: 'Legal holds in force on this workspace' })
  legalHolds!: LegalHoldResponse[];
  @ApiProperty({
    type: ChainVerificationResponse,
    nullable: true,
    description: "The latest scheduled verification of this workspace's audit chain",
  })
  auditChain!: ChainVerificationResponse | null;
}
