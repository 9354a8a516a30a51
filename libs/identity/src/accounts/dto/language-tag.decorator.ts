import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsString, MaxLength, ValidateBy, type ValidationOptions } from 'class-validator';

/** Longer than any tag a person needs ("zh-Hant-TW", "sr-Latn-RS"), short enough to bound what is stored. */
export const LANGUAGE_TAG_MAX_LENGTH = 35;

/** The canonical form of a well-formed BCP 47 tag ("EN-us" → "en-US"), or null when it is not one. */
export function canonicalLanguageTag(value: string): string | null {
  try {
    const [canonical] = Intl.getCanonicalLocales(value);
    return canonical ?? null;
  } catch {
    return null;
  }
}

/** A BCP 47 language tag, stored in its canonical form. */
export function IsLanguageTag(options?: ValidationOptions): PropertyDecorator {
  return applyDecorators(
    IsString(options),
    MaxLength(LANGUAGE_TAG_MAX_LENGTH, options),
    ValidateBy(
      {
        name: 'isLanguageTag',
        validator: {
          validate: (value: unknown) => typeof value === 'string' && canonicalLanguageTag(value) !== null,
          defaultMessage: () => '$property must be a BCP 47 language tag such as "en" or "pt-BR"',
        },
      },
      options,
    ),
    // After validation the value is known to be well formed; a malformed one is left for the validator to name.
    Transform(({ value }: { value: unknown }) =>
      typeof value === 'string' ? (canonicalLanguageTag(value) ?? value) : value,
    ),
  );
}
