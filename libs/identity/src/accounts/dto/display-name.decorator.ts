import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';

export const DISPLAY_NAME_MAX_LENGTH = 100;

/**
 * A person's display name: trimmed, 1 to 100 characters, no control characters (names reach mail subjects and
 * logs, where a line break or an escape sequence would do harm).
 */
export function IsDisplayName(): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value)),
    IsString(),
    IsNotEmpty(),
    MaxLength(DISPLAY_NAME_MAX_LENGTH),
    Matches(/^[^\p{Cc}]*$/u, { message: '$property must not contain control characters' }),
  );
}
