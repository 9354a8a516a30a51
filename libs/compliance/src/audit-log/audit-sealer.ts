import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectPluginOptions, RequestContext, TenantDataSource } from '@quire/core';
import type { EntityManager } from 'typeorm';
import type { ComplianceOptions } from '../compliance.options';
import { auditHash, GENESIS_HASH, type HashedAuditFields } from './audit-hash';
import { INSTALLATION_CHAIN, chainKeyOf } from './audit-chain';

/** Records sealed per transaction. */
export const AUDIT_SEAL_BATCH_SIZE = 1000;

interface UnsealedRow {
  id: string;
  workspace_id: string | null;
  event_id: string;
  occurred_at: Date;
  actor_type: string;
  actor_id: string | null;
  impersonator_id: string | null;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  request_id: string | null;
  ip: string | null;
  user_agent: string | null;
  changes: unknown;
}

/**
 * Gives committed audit records their place in their chain: sequence, the previous record's hash and their own hash.
 *
 * The recorder inserts records unsealed in the business transaction, so appending never holds a lock that other
 * writers of the workspace wait for until commit. Sealing happens afterwards in short transactions that lock the
 * chain's head row: only committed records are visible to it, so records are chained in commit order, without gaps,
 * and two sealers (two instances) take turns on a chain. Every instance seals on a timer and readers seal a chain
 * before they read it, so what a reader sees is sealed. See docs/adr/0023-audit-log.md, "Sealing".
 */
@Injectable()
export class AuditSealer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AuditSealer.name);
  private readonly ctx = RequestContext.system('compliance.audit-sealer');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly db: TenantDataSource,
    @InjectPluginOptions('compliance') private readonly options: ComplianceOptions,
  ) {}

  onApplicationBootstrap(): void {
    if (this.options.auditSealIntervalMs <= 0) return;
    this.timer = setInterval(() => void this.sealPendingOnce(), this.options.auditSealIntervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Seals every chain that has unsealed records. */
  async sealPending(): Promise<number> {
    const chains: Array<{ chain_key: string }> = await this.db.manager(this.ctx).query(
      `SELECT DISTINCT coalesce(workspace_id::text, '${INSTALLATION_CHAIN}') AS chain_key
         FROM compliance_audit_log WHERE hash IS NULL`,
    );
    let sealed = 0;
    for (const { chain_key: chainKey } of chains) sealed += await this.sealChain(chainKey);
    return sealed;
  }

  /** Seals the unsealed committed records of one chain (a workspace id, or `installation`). */
  async sealChain(chainKey: string): Promise<number> {
    let sealed = 0;
    for (;;) {
      const count = await this.db.transaction(this.ctx, (tx) => this.sealBatch(this.db.manager(tx), chainKey));
      sealed += count;
      if (count < AUDIT_SEAL_BATCH_SIZE) return sealed;
    }
  }

  /** Seals the chain a workspace's records belong to (null: the installation chain). */
  sealWorkspace(workspaceId: string | null): Promise<number> {
    return this.sealChain(chainKeyOf(workspaceId));
  }

  private async sealPendingOnce(): Promise<void> {
    if (this.running) return;
    this.running = this.sealPending()
      .then(() => undefined)
      .catch((error: unknown) => this.logger.warn(`Sealing audit records failed: ${(error as Error).message}`))
      .finally(() => (this.running = undefined));
    await this.running;
  }

  private async sealBatch(manager: EntityManager, chainKey: string): Promise<number> {
    const workspaceId = chainKey === INSTALLATION_CHAIN ? null : chainKey;
    await manager.query(
      `INSERT INTO compliance_audit_chain_heads (chain_key, workspace_id, last_hash, anchor_hash)
       VALUES ($1, $2, $3, $3) ON CONFLICT (chain_key) DO NOTHING`,
      [chainKey, workspaceId, GENESIS_HASH],
    );
    // The head lock is what makes sealers take turns; it is held only for this short transaction.
    const [head]: Array<{ last_sequence: string; last_hash: string }> = await manager.query(
      `SELECT last_sequence, last_hash FROM compliance_audit_chain_heads WHERE chain_key = $1 FOR UPDATE`,
      [chainKey],
    );
    const rows: UnsealedRow[] = await manager.query(
      `SELECT id, workspace_id, event_id, occurred_at, actor_type, actor_id, impersonator_id, action, subject_type,
              subject_id, request_id, ip, user_agent, changes
         FROM compliance_audit_log
        WHERE coalesce(workspace_id::text, '${INSTALLATION_CHAIN}') = $1 AND hash IS NULL
        ORDER BY occurred_at, id
        LIMIT $2`,
      [chainKey, AUDIT_SEAL_BATCH_SIZE],
    );
    if (rows.length === 0) return 0;
    let sequence = Number(head!.last_sequence);
    let prevHash = head!.last_hash;
    const ids: string[] = [];
    const sequences: number[] = [];
    const prevHashes: string[] = [];
    const hashes: string[] = [];
    for (const row of rows) {
      sequence += 1;
      const hash = auditHash(hashedFieldsOf(row, sequence), prevHash);
      ids.push(row.id);
      sequences.push(sequence);
      prevHashes.push(prevHash);
      hashes.push(hash);
      prevHash = hash;
    }
    await manager.query(
      `UPDATE compliance_audit_log l
          SET sequence = s.sequence, prev_hash = s.prev_hash, hash = s.hash
         FROM unnest($1::uuid[], $2::bigint[], $3::text[], $4::text[]) AS s(id, sequence, prev_hash, hash)
        WHERE l.id = s.id`,
      [ids, sequences, prevHashes, hashes],
    );
    await manager.query(
      `UPDATE compliance_audit_chain_heads SET last_sequence = $2, last_hash = $3 WHERE chain_key = $1`,
      [chainKey, sequence, prevHash],
    );
    return rows.length;
  }
}

function hashedFieldsOf(row: UnsealedRow, sequence: number): HashedAuditFields {
  return {
    workspaceId: row.workspace_id,
    sequence,
    eventId: row.event_id,
    occurredAt: new Date(row.occurred_at).toISOString(),
    actorType: row.actor_type,
    actorId: row.actor_id,
    impersonatorId: row.impersonator_id,
    action: row.action,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    requestId: row.request_id,
    ip: row.ip,
    userAgent: row.user_agent,
    changes: row.changes,
  };
}
