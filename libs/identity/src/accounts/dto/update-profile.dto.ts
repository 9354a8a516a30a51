import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsObject, IsUrl, MaxLength, ValidateIf, ValidateNested } from 'class-validator';
import { IsDisplayName } from './display-name.decorator';
import { IsLanguageTag, LANGUAGE_TAG_MAX_LENGTH } from './language-tag.decorator';
import { IsNotificationSettings, NOTIFICATION_SETTINGS_MAX_ENTRIES } from './notification-settings.decorator';

export const THEMES = ['light', 'dark', 'system'] as const;
export type Theme = (typeof THEMES)[number];

const AVATAR_URL_MAX_LENGTH = 2048;

/** Present members are changed; `null` resets a preference to the installation's default. */
export class UpdatePreferencesDto {
  @ApiPropertyOptional({ enum: THEMES, nullable: true })
  @ValidateIf((_dto, value) => value !== undefined && value !== null)
  @IsIn(THEMES)
  theme?: Theme | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: LANGUAGE_TAG_MAX_LENGTH, example: 'pt-BR' })
  @ValidateIf((_dto, value) => value !== undefined && value !== null)
  @IsLanguageTag()
  language?: string | null;

  /** Merged into the stored settings kind by kind: a kind not named keeps its setting. */
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'boolean' },
    maxProperties: NOTIFICATION_SETTINGS_MAX_ENTRIES,
    example: { 'content.entry-published': false },
  })
  @ValidateIf((_dto, value) => value !== undefined)
  @IsNotificationSettings()
  notifications?: Record<string, boolean>;
}

export class UpdateProfileDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 100, example: 'Ada Lovelace' })
  @ValidateIf((_dto, value) => value !== undefined)
  @IsDisplayName()
  displayName?: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    format: 'uri',
    maxLength: AVATAR_URL_MAX_LENGTH,
    description: 'An http(s) URL of the picture, or null to remove it',
  })
  @ValidateIf((_dto, value) => value !== undefined && value !== null)
  @MaxLength(AVATAR_URL_MAX_LENGTH)
  @IsUrl(
    { protocols: ['https', 'http'], require_protocol: true, require_tld: false, disallow_auth: true },
    { message: '$property must be an http or https URL' },
  )
  avatarUrl?: string | null;

  @ApiPropertyOptional({ type: UpdatePreferencesDto })
  @ValidateIf((_dto, value) => value !== undefined)
  @IsObject()
  @ValidateNested()
  @Type(() => UpdatePreferencesDto)
  preferences?: UpdatePreferencesDto;
}
