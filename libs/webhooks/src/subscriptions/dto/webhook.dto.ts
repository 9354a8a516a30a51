import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';

const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

export const MAX_EVENTS_PER_WEBHOOK = 100;
export const MAX_CONTENT_TYPES_PER_WEBHOOK = 100;

const URL_DOC: ApiPropertyOptions = {
  maxLength: 2048,
  example: 'https://hooks.example.com/quire',
  description:
    'http(s) URL the events are POSTed to, without credentials. Loopback, private, link-local and other non-public ' +
    'addresses (also those a name resolves to) are refused with webhooks.url-not-allowed, unless the installation ' +
    'allows them (OUTBOUND_ALLOWED_NETWORKS).',
};
const EVENTS_DOC: ApiPropertyOptions = {
  type: [String],
  minItems: 1,
  maxItems: MAX_EVENTS_PER_WEBHOOK,
  example: ['content.entry.published', 'content.entry.unpublished', 'content.type.*'],
  description:
    'Event names from GET /api/v1/webhook-events, or patterns: content.entry.* (every entry event), content.* ' +
    '(every content event), * (every event). An unknown one is a 400 naming events[i].',
};
const CONTENT_TYPES_DOC: ApiPropertyOptions = {
  type: [String],
  nullable: true,
  maxItems: MAX_CONTENT_TYPES_PER_WEBHOOK,
  example: ['article'],
  description:
    'Only events about these content types (API ids): events whose data has a contentType outside the list are not ' +
    'sent; events without one (types, releases) are. null or omitted: every content type.',
};

export class CreateWebhookDto {
  @ApiProperty(URL_DOC)
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(2048)
  url!: string;

  @ApiProperty(EVENTS_DOC)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_EVENTS_PER_WEBHOOK)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  events!: string[];

  @ApiPropertyOptional({ maxLength: 500, example: 'Rebuild the website' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(500)
  description?: string;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional(CONTENT_TYPES_DOC)
  @ValidateIf((_, value) => value !== undefined && value !== null)
  @IsArray()
  @ArrayMaxSize(MAX_CONTENT_TYPES_PER_WEBHOOK)
  @IsString({ each: true })
  @Matches(/^[a-z][a-z0-9-]{0,63}$/, { each: true, message: 'each content type must be an API id such as article' })
  contentTypes?: string[] | null;
}

export class UpdateWebhookDto {
  @ApiPropertyOptional(URL_DOC)
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(2048)
  url?: string;

  @ApiPropertyOptional(EVENTS_DOC)
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_EVENTS_PER_WEBHOOK)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  events?: string[];

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(500)
  description?: string;

  @ApiPropertyOptional({
    description: 'false disables the webhook; true enables it again and resets its count of dead deliveries in a row',
  })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional(CONTENT_TYPES_DOC)
  @ValidateIf((_, value) => value !== undefined && value !== null)
  @IsArray()
  @ArrayMaxSize(MAX_CONTENT_TYPES_PER_WEBHOOK)
  @IsString({ each: true })
  @Matches(/^[a-z][a-z0-9-]{0,63}$/, { each: true, message: 'each content type must be an API id such as article' })
  contentTypes?: string[] | null;
}
