import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUrl,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { SLUG_MAX_LENGTH, SLUG_MIN_LENGTH } from '../../slugs/workspace-slug';
import { MAX_ENABLED_LOCALES } from '../workspace-fields';

export const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

/** The optional settings of a workspace, on create and on update. */
export class WorkspaceFieldsDto {
  @ApiPropertyOptional({ type: String, nullable: true, example: 'https://cdn.example.com/acme.png' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true })
  @MaxLength(2000)
  logoUrl?: string | null;

  @ApiPropertyOptional({ example: 'en', description: 'BCP 47 language tag; one of enabledLocales' })
  @IsOptional()
  @IsString()
  @MaxLength(35)
  defaultLocale?: string;

  @ApiPropertyOptional({ type: [String], example: ['en', 'de-CH'], maxItems: MAX_ENABLED_LOCALES })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ENABLED_LOCALES)
  @IsString({ each: true })
  @MaxLength(35, { each: true })
  enabledLocales?: string[];

  @ApiPropertyOptional({ example: 'Europe/Berlin', description: 'IANA time zone name' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  timeZone?: string;
}

export class UpdateWorkspaceDto extends WorkspaceFieldsDto {
  @ApiPropertyOptional({
    minLength: SLUG_MIN_LENGTH,
    maxLength: SLUG_MAX_LENGTH,
    pattern: '^[a-z0-9]+(-[a-z0-9]+)*$',
    example: 'acme',
    description:
      'Lower-case kebab-case; reserved words (api, admin, auth, me, …) are refused. The old slug keeps leading here.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  slug?: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: 100, example: 'Acme Corporation' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name?: string;
}
