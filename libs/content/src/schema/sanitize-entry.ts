import type { ContentTypeDefinition } from './field-definition';
import { effectiveFields } from './effective-fields';
import { mapFieldValues } from './field-walk';
import { RichTextError, sanitizeRichText } from './rich-text';

/**
 * A copy of an entry's data ready for validation: every rich-text value (in components too) sanitized, slugs
 * trimmed and lower-cased; everything else as given. A rich-text value that is no document stays as it is, for
 * the validator to report. Services call it before validating and storing.
 */
export function sanitizeEntryData(
  definition: ContentTypeDefinition,
  components: ReadonlyMap<string, ContentTypeDefinition>,
  data: Record<string, unknown>,
): Record<string, unknown> {
  return mapFieldValues(
    effectiveFields(definition),
    components,
    data,
    (field, value) => {
      if (field.type === 'richText' && value !== null && value !== undefined) {
        try {
          return sanitizeRichText(value);
        } catch (error) {
          if (error instanceof RichTextError) return value;
          throw error;
        }
      }
      if (field.type === 'slug' && typeof value === 'string') return value.trim().toLowerCase();
      return value;
    },
    { keepUnknown: true },
  );
}
