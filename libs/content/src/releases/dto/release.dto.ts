import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length, ValidateIf } from 'class-validator';
import { RELEASE_ACTIONS, type ReleaseAction } from '../release-record';

const SCHEDULED_AT_DOC = {
  type: String,
  nullable: true,
  example: '2026-12-01T09:00',
  description:
    'Wall-clock date-time without offset, read in timeZone; stored as the instant. Must lie in the future. ' +
    'Scheduling validates every item first. null unschedules.',
};
const TIME_ZONE_DOC = { example: 'Europe/Berlin', description: 'IANA time zone; required with scheduledAt' };

export class CreateReleaseDto {
  @ApiProperty({ example: 'Winter campaign' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiPropertyOptional(SCHEDULED_AT_DOC)
  @IsOptional()
  @IsString()
  scheduledAt?: string | null;

  @ApiPropertyOptional(TIME_ZONE_DOC)
  @IsOptional()
  @IsString()
  timeZone?: string;
}

export class UpdateReleaseDto {
  @ApiPropertyOptional({ example: 'Winter campaign' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional(SCHEDULED_AT_DOC)
  @ValidateIf((_, value) => value !== undefined && value !== null)
  @IsString()
  scheduledAt?: string | null;

  @ApiPropertyOptional(TIME_ZONE_DOC)
  @IsOptional()
  @IsString()
  timeZone?: string;
}

export class AddReleaseItemDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  entryId!: string;

  @ApiProperty({ example: 'en' })
  @IsString()
  @Length(1, 35)
  locale!: string;

  @ApiProperty({ enum: RELEASE_ACTIONS, example: 'publish' })
  @IsIn(RELEASE_ACTIONS)
  action!: ReleaseAction;
}
