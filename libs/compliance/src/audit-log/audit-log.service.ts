import { Injectable } from '@nestjs/common';
import type { SelectQueryBuilder } from 'typeorm';
import {
  applyListQuery,
  fetchPage,
  listTenantRows,
  parseListQuery,
  selectFields,
  TenantDataSource,
  type ListQuerySpec,
  type RequestContext,
} from '@quire/core';
import { AUDIT_LOG_SUBJECT } from '../compliance.permissions';
import { AuditVerifyRangeError } from '../compliance.errors';
import { auditHash, GENESIS_HASH, type HashedAuditFields } from './audit-hash';
import { auditLogListSpec } from './audit-log.list-spec';
import {
  toAuditRecordResponse,
  type AuditRecordListResponse,
  type AuditRecordResponse,
} from './dto/audit-record.response';
import type { AuditVerifyDto, AuditVerifyResponse } from './dto/audit-verify.dto';
import { chainKeyOf } from './audit-chain';
import { AuditSealer } from './audit-sealer';
import { AuditRecord } from './entities/audit-record.entity';

/** Rows read per query by export and verification: memory stays bounded whatever the log's size. */
export const AUDIT_BATCH_SIZE = 500;

const exportSpec: ListQuerySpec = { ...auditLogListSpec, extraParams: ['format'] };

/** Reads the workspace's audit log: pages, a streamed export, and verification of its hash chain. */
@Injectable()
export class AuditLogService {
  constructor(
    private readonly db: TenantDataSource,
    private readonly sealer: AuditSealer,
  ) {}

  async list(ctx: RequestContext, rawQuery: Record<string, unknown>): Promise<AuditRecordListResponse> {
    await this.sealer.sealWorkspace(ctx.workspaceId);
    const alias = 'record';
    const { page, query } = await listTenantRows(
      ctx,
      this.db.repository(ctx, AuditRecord).createQueryBuilder(alias),
      alias,
      rawQuery,
      auditLogListSpec,
      { action: 'read', subject: AUDIT_LOG_SUBJECT, fields: {} },
    );
    return {
      data: page.data.map((row) => selectFields(toAuditRecordResponse(row), query.fields)),
      meta: page.meta,
    };
  }

  /** The installation chain (events outside any workspace), for platform administrators. */
  async listInstallation(ctx: RequestContext, rawQuery: Record<string, unknown>): Promise<AuditRecordListResponse> {
    await this.sealer.sealWorkspace(null);
    const query = parseListQuery(rawQuery, auditLogListSpec);
    const page = await fetchPage(this.records(ctx, null, 'record'), 'record', query, auditLogListSpec);
    return {
      data: page.data.map((row) => selectFields(toAuditRecordResponse(row), query.fields)),
      meta: page.meta,
    };
  }

  /** Every record that matches the list filters, oldest first, read in batches (keyset on sequence). */
  async *export(
    ctx: RequestContext,
    rawQuery: Record<string, unknown>,
    workspaceId: string | null = ctx.workspaceId,
  ): AsyncGenerator<AuditRecordResponse> {
    const parsed = parseListQuery(rawQuery, exportSpec);
    const query = { ...parsed, sort: [], page: 1, pageSize: AUDIT_BATCH_SIZE };
    await this.sealer.sealWorkspace(workspaceId);
    let after = 0;
    for (;;) {
      const builder = this.records(ctx, workspaceId, 'record')
        .andWhere('record.sequence > :after', { after })
        .orderBy('record.sequence', 'ASC');
      const rows = await applyListQuery(builder, 'record', query, exportSpec).getMany();
      for (const row of rows) yield toAuditRecordResponse(row);
      if (rows.length < AUDIT_BATCH_SIZE) return;
      after = Number(rows[rows.length - 1]!.sequence);
    }
  }

  /**
   * Recomputes each record's hash and checks each link to the record before it, in sequence order, and reports the
   * first record that does not verify. The first record of the range links to the one before it, to the chain's
   * anchor (the last purged record) or, at sequence 1, to the genesis hash.
   */
  async verify(
    ctx: RequestContext,
    range: AuditVerifyDto,
    workspaceId: string | null = ctx.workspaceId,
  ): Promise<AuditVerifyResponse> {
    if (range.fromSequence !== undefined && range.toSequence !== undefined && range.toSequence < range.fromSequence) {
      throw new AuditVerifyRangeError('toSequence is before fromSequence.');
    }
    if (range.from !== undefined && range.to !== undefined && Date.parse(range.to) < Date.parse(range.from)) {
      throw new AuditVerifyRangeError('to is before from.');
    }
    await this.sealer.sealWorkspace(workspaceId);
    const result: AuditVerifyResponse = {
      ok: true,
      checked: 0,
      fromSequence: null,
      toSequence: null,
      firstBroken: null,
    };
    let previous: { sequence: number; hash: string } | null = null;
    let after = (range.fromSequence ?? 1) - 1;
    for (;;) {
      const builder = this.records(ctx, workspaceId, 'record')
        .andWhere('record.sequence > :after', { after })
        .orderBy('record.sequence', 'ASC')
        .limit(AUDIT_BATCH_SIZE);
      if (range.toSequence !== undefined) builder.andWhere('record.sequence <= :to', { to: range.toSequence });
      if (range.from !== undefined) builder.andWhere('record.occurred_at >= :fromTime', { fromTime: range.from });
      if (range.to !== undefined) builder.andWhere('record.occurred_at <= :toTime', { toTime: range.to });
      const rows = await builder.getMany();
      for (const row of rows) {
        const sequence = Number(row.sequence);
        if (previous === null) previous = await this.predecessor(ctx, workspaceId, sequence);
        const broken = checkLink(row, previous);
        result.fromSequence ??= sequence;
        result.toSequence = sequence;
        result.checked += 1;
        if (broken) return { ...result, ok: false, firstBroken: broken };
        previous = { sequence, hash: row.hash! };
      }
      if (rows.length < AUDIT_BATCH_SIZE) return result;
      after = Number(rows[rows.length - 1]!.sequence);
    }
  }

  /** What the record at `sequence` must link to. */
  private async predecessor(
    ctx: RequestContext,
    workspaceId: string | null,
    sequence: number,
  ): Promise<{ sequence: number; hash: string }> {
    if (sequence === 1) return { sequence: 0, hash: GENESIS_HASH };
    const before = await this.records(ctx, workspaceId, 'record')
      .andWhere('record.sequence = :sequence', { sequence: sequence - 1 })
      .getOne();
    if (before) return { sequence: sequence - 1, hash: before.hash! };
    const [head]: Array<{ anchor_sequence: string; anchor_hash: string }> = await this.db
      .manager(ctx)
      .query(`SELECT anchor_sequence, anchor_hash FROM compliance_audit_chain_heads WHERE chain_key = $1`, [
        chainKeyOf(workspaceId),
      ]);
    // No record before it and no anchor there: a record is missing; the link check reports it.
    return { sequence: head ? Number(head.anchor_sequence) : 0, hash: head?.anchor_hash ?? GENESIS_HASH };
  }

  /** The records of one chain: a workspace's (through the tenant repository) or the installation's. */
  private records(ctx: RequestContext, workspaceId: string | null, alias: string): SelectQueryBuilder<AuditRecord> {
    if (workspaceId !== null) return this.db.repository(ctx, AuditRecord).createQueryBuilder(alias);
    return this.db
      .manager(ctx)
      .getRepository(AuditRecord)
      .createQueryBuilder(alias)
      .andWhere(`${alias}.workspace_id IS NULL`);
  }
}

function checkLink(row: AuditRecord, previous: { sequence: number; hash: string }): AuditVerifyResponse['firstBroken'] {
  const sequence = Number(row.sequence);
  // A sealed record (the only kind read here) has all three; a cleared one is tampering.
  if (row.prevHash === null || row.hash === null) {
    return { sequence, reason: 'hash-mismatch', expectedHash: previous.hash, storedHash: row.hash ?? '' };
  }
  if (sequence !== previous.sequence + 1) {
    return { sequence, reason: 'missing-record', expectedHash: previous.hash, storedHash: row.prevHash };
  }
  if (row.prevHash !== previous.hash) {
    return { sequence, reason: 'link-mismatch', expectedHash: previous.hash, storedHash: row.prevHash };
  }
  const expected = auditHash(hashedFields(row), row.prevHash);
  if (expected !== row.hash) return { sequence, reason: 'hash-mismatch', expectedHash: expected, storedHash: row.hash };
  return null;
}

/** The fields of a stored record as the recorder hashed them. */
function hashedFields(row: AuditRecord): HashedAuditFields {
  return {
    workspaceId: row.workspaceId,
    sequence: Number(row.sequence),
    eventId: row.eventId,
    occurredAt: new Date(row.occurredAt).toISOString(),
    actorType: row.actorType,
    actorId: row.actorId,
    impersonatorId: row.impersonatorId,
    action: row.action,
    subjectType: row.subjectType,
    subjectId: row.subjectId,
    requestId: row.requestId,
    ip: row.ip,
    userAgent: row.userAgent,
    changes: row.changes,
  };
}
