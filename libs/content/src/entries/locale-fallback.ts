import { effectiveFields, hasOwn, isLocalizedField, setOwn, type ContentTypeDefinition } from '../schema';
import { isEmptyField } from './draft-data';

export interface FallbackResult {
  data: Record<string, unknown>;
  /** Field name → the locale its value was read from, for every field not read from the asked locale. */
  fallbackFrom: Record<string, string>;
}

/**
 * One locale's view with the gaps filled: each localized field empty in `own` takes the value of the first locale
 * in `others` (the fallback chain, in order, without the locale itself) where it is not empty. Shared fields
 * are the same in every locale and never fall back.
 */
export function applyLocaleFallback(
  definition: ContentTypeDefinition,
  own: Record<string, unknown>,
  others: ReadonlyArray<{ locale: string; data: Record<string, unknown> }>,
): FallbackResult {
  const data: Record<string, unknown> = { ...own };
  const fallbackFrom: Record<string, string> = {};
  for (const field of effectiveFields(definition)) {
    if (!isLocalizedField(field) || !isEmptyField(field, data[field.name])) continue;
    for (const other of others) {
      if (!hasOwn(other.data, field.name) || isEmptyField(field, other.data[field.name])) continue;
      setOwn(data, field.name, other.data[field.name]);
      setOwn(fallbackFrom, field.name, other.locale);
      break;
    }
  }
  return { data, fallbackFrom };
}
