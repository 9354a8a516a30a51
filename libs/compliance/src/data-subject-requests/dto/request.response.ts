import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  OPEN_STATUSES,
  REQUEST_CHANNELS,
  REQUEST_STATUSES,
  REQUEST_TYPES,
  VERIFICATION_METHODS,
} from '../data-subject-request.types';
import type { DataSubjectRequest } from '../data-subject-request.entity';

export class DataSubjectRequestResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid', description: 'The person the request is about' }) userId!: string;
  @ApiProperty({ enum: REQUEST_TYPES }) type!: string;
  @ApiProperty({ enum: REQUEST_STATUSES }) status!: string;
  @ApiProperty({ enum: REQUEST_CHANNELS }) channel!: string;
  @ApiProperty({ format: 'uuid', description: 'The person themselves, or the administrator who recorded it' })
  requestedBy!: string;
  @ApiProperty({ enum: VERIFICATION_METHODS }) verificationMethod!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) verificationNote!: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) verifiedAt!: string | null;
  @ApiProperty({ format: 'date-time', description: '30 days after receipt' }) dueAt!: string;
  @ApiProperty({ description: 'Still open and past its due date' }) overdue!: boolean;
  @ApiProperty({ type: 'object', additionalProperties: true }) details!: Record<string, unknown>;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'What was done: files and rows exported, rows erased per table, what was kept and why, …',
  })
  result!: Record<string, unknown> | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) completedAt!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) rejectedReason!: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) cancelledAt!: string | null;
  @ApiProperty({ format: 'date-time', description: 'When the request was received' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

class PageMeta {
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
  @ApiProperty() pageCount!: number;
}

export class DataSubjectRequestListResponse {
  @ApiProperty({ type: [DataSubjectRequestResponse] }) data!: Array<Partial<DataSubjectRequestResponse>>;
  @ApiProperty({ type: PageMeta }) meta!: PageMeta;
}

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function toRequestResponse(row: DataSubjectRequest, now = new Date()): DataSubjectRequestResponse {
  return {
    id: row.id,
    userId: row.userId,
    type: row.type,
    status: row.status,
    channel: row.channel,
    requestedBy: row.requestedBy,
    verificationMethod: row.verificationMethod,
    verificationNote: row.verificationNote,
    verifiedAt: iso(row.verifiedAt),
    dueAt: row.dueAt.toISOString(),
    overdue: OPEN_STATUSES.includes(row.status) && row.dueAt.getTime() < now.getTime(),
    details: row.details,
    result: row.result,
    completedAt: iso(row.completedAt),
    rejectedReason: row.rejectedReason,
    cancelledAt: iso(row.cancelledAt),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
