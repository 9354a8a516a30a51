import { Injectable } from '@nestjs/common';
import type { RequestContext } from '@quire/core';
import { RetentionReport } from '../retention/retention-report';
import { AuditChainVerifications } from './audit-chain-verifications';
import { DataSubjectRequestSummary } from './data-subject-request-summary';
import type {
  ChainSummaryResponse,
  InstallationComplianceReportResponse,
  WorkspaceComplianceReportResponse,
} from './dto/compliance-report.response';

/**
 * The compliance report an auditor asks for first: the retention policies and how their last runs went, the legal
 * holds in force, open and overdue data-subject requests, and whether every audit chain verified. Everything comes
 * from the records the product keeps; nothing is computed from a sample.
 */
@Injectable()
export class ComplianceReportService {
  constructor(
    private readonly retention: RetentionReport,
    private readonly verifications: AuditChainVerifications,
    private readonly requests: DataSubjectRequestSummary,
  ) {}

  async forInstallation(ctx: RequestContext): Promise<InstallationComplianceReportResponse> {
    const [retentionPolicies, legalHolds, dataSubjectRequests, auditChains] = await Promise.all([
      this.retention.policies(),
      this.retention.activeHolds(),
      this.requests.summarize(ctx),
      this.chainSummary(ctx),
    ]);
    return { generatedAt: new Date().toISOString(), retentionPolicies, legalHolds, dataSubjectRequests, auditChains };
  }

  async forWorkspace(ctx: RequestContext): Promise<WorkspaceComplianceReportResponse> {
    const workspaceId = ctx.workspaceId;
    const [retentionPolicies, holds, [auditChain]] = await Promise.all([
      this.retention.policies(),
      this.retention.activeHolds(),
      this.verifications.latest(ctx, workspaceId),
    ]);
    return {
      generatedAt: new Date().toISOString(),
      workspaceId,
      retentionPolicies,
      legalHolds: holds.filter((hold) => hold.workspaceId === workspaceId),
      auditChain: auditChain ?? null,
    };
  }

  private async chainSummary(ctx: RequestContext): Promise<ChainSummaryResponse> {
    const [chains, latest] = await Promise.all([this.verifications.chains(ctx), this.verifications.latest(ctx)]);
    return {
      chains: chains.length,
      verified: latest.filter((v) => v.ok).length,
      notVerified: Math.max(0, chains.length - latest.length),
      failing: latest.filter((v) => !v.ok),
      installation: latest.find((v) => v.workspaceId === null) ?? null,
    };
  }
}
