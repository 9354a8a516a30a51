import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';

export const IMPERSONATION_DEFAULT_MINUTES = 15;

export class StartImpersonationDto {
  @ApiProperty({ format: 'uuid', description: 'The account to act as' })
  @IsUUID()
  userId!: string;

  /** Recorded in the audit trail: why an administrator needed to act as this user (a ticket, a request). */
  @ApiProperty({ minLength: 10, maxLength: 500, example: 'Support ticket #4711: the user cannot publish entries' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(10, 500)
  reason!: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 60, default: IMPERSONATION_DEFAULT_MINUTES })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(60)
  minutes?: number;
}
