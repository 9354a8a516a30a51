import { Injectable } from '@nestjs/common';
import { RequestContext, TenantDataSource, uuidv7 } from '@quire/core';
import { chainKeyOf, INSTALLATION_CHAIN } from '../audit-log/audit-chain';
import { AuditLogService } from '../audit-log/audit-log.service';
import type { AuditVerifyResponse } from '../audit-log/dto/audit-verify.dto';

/** The latest verification of one chain. */
export interface ChainVerification {
  chainKey: string;
  workspaceId: string | null;
  verifiedAt: string;
  ok: boolean;
  checked: number;
  fromSequence: number | null;
  toSequence: number | null;
  firstBroken: AuditVerifyResponse['firstBroken'];
}

interface VerificationRow {
  chain_key: string;
  workspace_id: string | null;
  verified_at: Date;
  ok: boolean;
  checked: string;
  from_sequence: string | null;
  to_sequence: string | null;
  first_broken: AuditVerifyResponse['firstBroken'];
}

/** Verifies whole audit chains and keeps each outcome, for the compliance report. */
@Injectable()
export class AuditChainVerifications {
  constructor(
    private readonly db: TenantDataSource,
    private readonly auditLog: AuditLogService,
  ) {}

  /** Verifies one chain from its first kept record to its last, and records the outcome. */
  async verifyChain(ctx: RequestContext, workspaceId: string | null): Promise<ChainVerification> {
    const scoped = workspaceId === null ? ctx : ctx.withWorkspace({ id: workspaceId, slug: '' });
    const result = await this.auditLog.verify(scoped, {}, workspaceId);
    const row: VerificationRow = {
      chain_key: chainKeyOf(workspaceId),
      workspace_id: workspaceId,
      verified_at: new Date(),
      ok: result.ok,
      checked: String(result.checked),
      from_sequence: result.fromSequence === null ? null : String(result.fromSequence),
      to_sequence: result.toSequence === null ? null : String(result.toSequence),
      first_broken: result.firstBroken,
    };
    await this.db.manager(ctx).query(
      `INSERT INTO compliance_audit_chain_verifications
         (id, chain_key, workspace_id, verified_at, ok, checked, from_sequence, to_sequence, first_broken)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        uuidv7(),
        row.chain_key,
        row.workspace_id,
        row.verified_at,
        row.ok,
        row.checked,
        row.from_sequence,
        row.to_sequence,
        row.first_broken === null ? null : JSON.stringify(row.first_broken),
      ],
    );
    return toChainVerification(row);
  }

  /** Every chain the log has (a head row exists once a chain's first record is sealed). */
  async chains(ctx: RequestContext): Promise<Array<string | null>> {
    const rows: Array<{ workspace_id: string | null }> = await this.db
      .manager(ctx)
      .query(`SELECT workspace_id FROM compliance_audit_chain_heads ORDER BY chain_key`);
    return rows.map((row) => row.workspace_id);
  }

  /** The latest verification of each chain (all chains, or one workspace's). */
  async latest(ctx: RequestContext, workspaceId?: string | null): Promise<ChainVerification[]> {
    const only = workspaceId === undefined ? null : chainKeyOf(workspaceId);
    const rows: VerificationRow[] = await this.db.manager(ctx).query(
      `SELECT DISTINCT ON (chain_key) chain_key, workspace_id, verified_at, ok, checked, from_sequence, to_sequence,
              first_broken
         FROM compliance_audit_chain_verifications
        WHERE $1::text IS NULL OR chain_key = $1
        ORDER BY chain_key, verified_at DESC`,
      [only],
    );
    return rows.map(toChainVerification);
  }
}

function toChainVerification(row: VerificationRow): ChainVerification {
  return {
    chainKey: row.chain_key,
    workspaceId: row.chain_key === INSTALLATION_CHAIN ? null : row.workspace_id,
    verifiedAt: new Date(row.verified_at).toISOString(),
    ok: row.ok,
    checked: Number(row.checked),
    fromSequence: row.from_sequence === null ? null : Number(row.from_sequence),
    toSequence: row.to_sequence === null ? null : Number(row.to_sequence),
    firstBroken: row.first_broken,
  };
}
