import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { API_KEY_KINDS, type ApiKeyKind } from '../api-key.entity';

const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

export const MAX_SCOPES_PER_KEY = 100;
export const MAX_RATE_LIMIT_PER_MINUTE = 1_000_000;

export class CreateApiKeyDto {
  @ApiProperty({ minLength: 1, maxLength: 100, example: 'Website build' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name!: string;

  @ApiProperty({
    enum: API_KEY_KINDS,
    description: '`delivery`: read-only (read scopes only), for published content; `management`: any scope',
  })
  @IsIn(API_KEY_KINDS)
  kind!: ApiKeyKind;

  @ApiProperty({
    type: [String],
    minItems: 1,
    maxItems: MAX_SCOPES_PER_KEY,
    example: ['read:Entry', 'read:Media'],
    description:
      '`action:Subject` permissions the key holds in this workspace: a subject and action declared by a loaded ' +
      'plugin (GET /api/v1/plugins), or `manage` for every action. You must hold each one yourself, unconditionally.',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_SCOPES_PER_KEY)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  scopes!: string[];

  @ApiPropertyOptional({ format: 'date-time', description: 'When the key stops working; in the future. Omit: never' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  expiresAt?: string;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: MAX_RATE_LIMIT_PER_MINUTE,
    description: 'Requests per minute this key may make (all instances together); more answer 429. Omit: no limit',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_RATE_LIMIT_PER_MINUTE)
  rateLimitPerMinute?: number;
}
