import { ApiProperty } from '@nestjs/swagger';
import { CONSENT_SOURCES, type ConsentSource } from '../consent-source';
import type { ConsentRecord } from '../entities/consent-record.entity';

/** A user's current answer for one declared purpose. */
export class ConsentStateResponse {
  @ApiProperty({ example: 'marketing' }) purpose!: string;
  @ApiProperty({ example: 'News and offers by email' }) description!: string;
  @ApiProperty({ description: 'false when withdrawn, refused or never asked' }) granted!: boolean;
  @ApiProperty({ enum: CONSENT_SOURCES, nullable: true, description: 'null when never asked' })
  source!: ConsentSource | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'null when never asked' })
  changedAt!: string | null;
}

export class ConsentListResponse {
  @ApiProperty({ type: [ConsentStateResponse], description: 'Every purpose the installation declares' })
  data!: ConsentStateResponse[];
}

/** One opt-in or withdrawal of the history. */
export class ConsentRecordResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() purpose!: string;
  @ApiProperty() granted!: boolean;
  @ApiProperty({ enum: CONSENT_SOURCES }) source!: ConsentSource;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Who recorded it: the user, or the platform administrator who recorded a paper form',
  })
  recordedBy!: string | null;
  @ApiProperty({ type: String, nullable: true }) ip!: string | null;
  @ApiProperty({ type: String, nullable: true }) userAgent!: string | null;
}

export class ConsentHistoryMeta {
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
  @ApiProperty() pageCount!: number;
}

export class ConsentHistoryResponse {
  @ApiProperty({ type: [ConsentRecordResponse], description: 'Newest first; only the requested `fields`, when given' })
  data!: Array<Partial<ConsentRecordResponse>>;
  @ApiProperty({ type: ConsentHistoryMeta }) meta!: ConsentHistoryMeta;
}

export function toConsentRecordResponse(record: ConsentRecord): ConsentRecordResponse {
  return {
    id: record.id,
    purpose: record.purpose,
    granted: record.granted,
    source: record.source,
    occurredAt: new Date(record.occurredAt).toISOString(),
    recordedBy: record.actorId,
    ip: record.ip,
    userAgent: record.userAgent,
  };
}
