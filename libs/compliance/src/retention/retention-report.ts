import { Injectable } from '@nestjs/common';
import { toLegalHoldResponse, type LegalHoldResponse } from '../legal-holds/dto/legal-hold.response';
import { LegalHolds } from '../legal-holds/legal-holds';
import type { RetentionPolicyResponse } from './dto/retention-policy.response';
import type { RetentionPolicyOutcome } from './dto/retention-run.response';
import { RetentionEngine } from './retention-engine';
import { RetentionRunRecorder } from './retention-run-recorder';

export interface RetentionPolicyStatus extends RetentionPolicyResponse {
  /** The policy's result in the latest real (not dry) run that ran it; null when it never ran. */
  lastRun: (RetentionPolicyOutcome & { runId: string; finishedAt: string | null }) | null;
}

/** What the compliance report says about retention: each policy with its last run, and the legal holds in force. */
@Injectable()
export class RetentionReport {
  constructor(
    private readonly engine: RetentionEngine,
    private readonly recorder: RetentionRunRecorder,
    private readonly holds: LegalHolds,
  ) {}

  async policies(): Promise<RetentionPolicyStatus[]> {
    const last = await this.recorder.lastResults();
    return this.engine.catalog().map((policy) => {
      const result = last.get(policy.name);
      return {
        ...policy,
        lastRun: result ? { ...result, finishedAt: result.finishedAt?.toISOString() ?? null } : null,
      };
    });
  }

  async activeHolds(): Promise<LegalHoldResponse[]> {
    return (await this.holds.active()).map(toLegalHoldResponse);
  }
}
