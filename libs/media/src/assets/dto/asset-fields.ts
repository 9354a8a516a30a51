import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';

export const MAX_TITLE = 500;
export const MAX_ALT_TEXT = 1000;
export const MAX_CAPTION = 2000;
export const MAX_TAGS = 50;
export const MAX_TAG_LENGTH = 64;

/** No control or format characters (line breaks are fine in captions, not in titles or tags). */
const SINGLE_LINE = /^[^\p{Cc}\p{Cf}]*$/u;
const MULTI_LINE = /^(?:[^\p{Cc}\p{Cf}]|[\n\t])*$/u;

/** A tag is trimmed, its whitespace collapsed and lower-cased: `Summer  2026` and `summer 2026` are one tag. */
export function normalizeTag(tag: string): string {
  return tag.normalize('NFC').trim().replace(/\s+/gu, ' ').toLowerCase();
}

/** Tags normalised and each kept once, in the order given. */
export function normalizeTags(tags: string[]): string[] {
  return [...new Set(tags.map(normalizeTag))];
}

const toTags = Transform(({ value }: { value: unknown }) =>
  Array.isArray(value) && value.every((t) => typeof t === 'string') ? normalizeTags(value) : value,
);

/** Optional text that `null` clears. */
function NullableText(max: number, lines: 'single' | 'multi', description: string): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ type: String, nullable: true, maxLength: max, description }),
    ValidateIf((_, value) => value !== undefined && value !== null),
    IsString(),
    MaxLength(max),
    Matches(lines === 'single' ? SINGLE_LINE : MULTI_LINE, {
      message: '$property must not contain control characters',
    }),
  );
}

export const TitleField = () => NullableText(MAX_TITLE, 'single', 'Title shown in the library; null clears it');
export const AltTextField = () =>
  NullableText(MAX_ALT_TEXT, 'single', 'What the image shows, for screen readers; null clears it');
export const CaptionField = () => NullableText(MAX_CAPTION, 'multi', 'Caption; null clears it');

export const TagsField = () =>
  applyDecorators(
    ApiPropertyOptional({
      type: [String],
      maxItems: MAX_TAGS,
      example: ['team', 'summer 2026'],
      description: `Up to ${MAX_TAGS} tags of 1-${MAX_TAG_LENGTH} characters; trimmed and lower-cased, each kept once`,
    }),
    IsOptional(),
    toTags,
    IsArray(),
    ArrayMaxSize(MAX_TAGS),
    IsString({ each: true }),
    MinLength(1, { each: true }),
    MaxLength(MAX_TAG_LENGTH, { each: true }),
    Matches(SINGLE_LINE, { each: true, message: 'each tag must not contain control characters' }),
  );

export const VisibilityField = () =>
  applyDecorators(
    ApiPropertyOptional({
      enum: ['public', 'private'],
      description: "public: delivered to anyone; private: members and signed URLs only. Default: the workspace's",
    }),
    IsOptional(),
    IsIn(['public', 'private']),
  );
