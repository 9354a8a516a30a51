import { ApiProperty } from '@nestjs/swagger';
import { LEGAL_HOLD_SCOPES, type LegalHold, type LegalHoldScope } from '../entities/legal-hold.entity';

export class LegalHoldResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: LEGAL_HOLD_SCOPES }) scope!: LegalHoldScope;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) workspaceId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) userId!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) heldFrom!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) heldUntil!: string | null;
  @ApiProperty() reason!: string;
  @ApiProperty({ format: 'uuid' }) placedBy!: string;
  @ApiProperty({ format: 'date-time' }) placedAt!: string;
  @ApiProperty({ description: 'Not released yet: the hold spares what it covers' }) active!: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) releasedAt!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) releasedBy!: string | null;
  @ApiProperty({ type: String, nullable: true }) releaseReason!: string | null;
}

export class LegalHoldPageMeta {
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
  @ApiProperty() pageCount!: number;
}

export class LegalHoldListResponse {
  @ApiProperty({ type: [LegalHoldResponse] }) data!: LegalHoldResponse[];
  @ApiProperty({ type: LegalHoldPageMeta }) meta!: LegalHoldPageMeta;
}

export function toLegalHoldResponse(hold: LegalHold): LegalHoldResponse {
  return {
    id: hold.id,
    scope: hold.scope,
    workspaceId: hold.workspaceId,
    userId: hold.userId,
    heldFrom: hold.heldFrom?.toISOString() ?? null,
    heldUntil: hold.heldUntil?.toISOString() ?? null,
    reason: hold.reason,
    placedBy: hold.placedBy,
    placedAt: hold.placedAt.toISOString(),
    active: hold.releasedAt === null,
    releasedAt: hold.releasedAt?.toISOString() ?? null,
    releasedBy: hold.releasedBy,
    releaseReason: hold.releaseReason,
  };
}
