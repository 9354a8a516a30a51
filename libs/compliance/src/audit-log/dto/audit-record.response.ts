import { ApiProperty } from '@nestjs/swagger';
import type { AuditRecord } from '../entities/audit-record.entity';

export class AuditRecordResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 42,
    description:
      "Position in the workspace's hash chain, from 1; null for a record committed after the read sealed the chain",
  })
  sequence!: number | null;
  @ApiProperty({ format: 'uuid', description: 'The event the record was made from' }) eventId!: string;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
  @ApiProperty({ enum: ['user', 'api-key', 'system', 'anonymous'] }) actorType!: string;
  @ApiProperty({ type: String, nullable: true, description: "User id, API key id or the job's name" })
  actorId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The platform admin impersonating' })
  impersonatorId!: string | null;
  @ApiProperty({ example: 'content.entry.published', description: 'The event name' }) action!: string;
  @ApiProperty({ type: String, nullable: true, example: 'content.entry' }) subjectType!: string | null;
  @ApiProperty({ type: String, nullable: true }) subjectId!: string | null;
  @ApiProperty({ type: String, nullable: true }) requestId!: string | null;
  @ApiProperty({ type: String, nullable: true }) ip!: string | null;
  @ApiProperty({ type: String, nullable: true }) userAgent!: string | null;
  @ApiProperty({
    type: Object,
    nullable: true,
    description: 'Field-level before/after when the event carried it; secrets and sensitive fields are [redacted]',
  })
  changes!: Record<string, unknown> | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'SHA-256 (hex) of the previous record of the chain; 64 zeros for the first; null until sealed',
  })
  prevHash!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'SHA-256 (hex) of this record (canonical JSON) followed by prevHash; null until sealed',
  })
  hash!: string | null;
}

export class AuditPageMeta {
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
  @ApiProperty() pageCount!: number;
}

export class AuditRecordListResponse {
  @ApiProperty({ type: [AuditRecordResponse] }) data!: Array<Partial<AuditRecordResponse>>;
  @ApiProperty({ type: AuditPageMeta }) meta!: AuditPageMeta;
}

export function toAuditRecordResponse(row: AuditRecord): AuditRecordResponse {
  return {
    id: row.id,
    sequence: row.sequence === null ? null : Number(row.sequence),
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
    prevHash: row.prevHash,
    hash: row.hash,
  };
}
