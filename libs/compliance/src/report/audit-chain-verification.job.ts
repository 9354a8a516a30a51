import { Injectable } from '@nestjs/common';
import type { JobRunContext, JobRunResult, ScheduledJob } from '@quire/core';
import { AuditSealer } from '../audit-log/audit-sealer';
import { AuditChainVerifications } from './audit-chain-verifications';

export const AUDIT_CHAIN_VERIFICATION_JOB = 'compliance.audit-chain-verification';

/**
 * Verifies every audit chain end to end once a day and records each outcome, so the compliance report can say when
 * each chain last verified and where one broke, without an auditor having to ask. A broken chain is logged as an
 * error too: it means someone changed the log past the database's refusal (a superuser disabling the trigger).
 */
@Injectable()
export class AuditChainVerificationJob implements ScheduledJob {
  constructor(
    private readonly verifications: AuditChainVerifications,
    private readonly sealer: AuditSealer,
  ) {}

  async run(run: JobRunContext): Promise<JobRunResult> {
    // A chain's head row appears when its first record is sealed: seal first, so no new chain is missed.
    await this.sealer.sealPending();
    let checked = 0;
    const broken: string[] = [];
    const chains = await this.verifications.chains(run.ctx);
    for (const workspaceId of chains) {
      if (run.signal.aborted) break;
      const outcome = await this.verifications.verifyChain(run.ctx, workspaceId);
      checked += outcome.checked;
      if (!outcome.ok) broken.push(outcome.chainKey);
    }
    if (broken.length > 0) throw new Error(`Audit chains failed verification: ${broken.join(', ')}`);
    return { affectedRows: 0, details: { chains: chains.length, recordsChecked: checked } };
  }
}
