import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { LEGAL_HOLD_SCOPES, type LegalHoldScope } from '../entities/legal-hold.entity';

/**
 * A new legal hold. `workspace` holds a workspace (at workspace level: this one), `user` a person's data,
 * `time-range` every row whose age falls in [heldFrom, heldUntil] (at workspace level: of this workspace).
 */
export class PlaceLegalHoldDto {
  @ApiProperty({ enum: LEGAL_HOLD_SCOPES })
  @IsIn(LEGAL_HOLD_SCOPES)
  scope!: LegalHoldScope;

  @ApiProperty({ example: 'Litigation hold: case 2026-117', maxLength: 2000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'Installation level only: the workspace held (scope workspace, required) or the workspace a time range is ' +
      'limited to (scope time-range, optional: installation-wide without it). Workspace routes use their own.',
  })
  @IsOptional()
  @IsUUID()
  workspaceId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The person held (scope user, required); at workspace level a member',
  })
  @IsOptional()
  @IsUUID()
  userId?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Start of the held range (scope time-range, required)' })
  @IsOptional()
  @IsDateString()
  heldFrom?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'End of the held range, after heldFrom (scope time-range)' })
  @IsOptional()
  @IsDateString()
  heldUntil?: string;
}
