import { isLocalizedField, type ContentTypeDefinition } from './field-definition';
import { effectiveFields } from './effective-fields';
import { setOwn } from './plain-data';

/**
 * An entry's data split by where it is stored: `shared` (once per entry) and `localized` (per locale), by each
 * top-level field's `localized`. Keys that name no field go to `localized` so the validator still sees and refuses
 * them; callers validate before storing.
 */
export function splitByLocalization(
  definition: ContentTypeDefinition,
  data: Record<string, unknown>,
): { shared: Record<string, unknown>; localized: Record<string, unknown> } {
  const sharedNames = new Set(
    effectiveFields(definition)
      .filter((f) => !isLocalizedField(f))
      .map((f) => f.name),
  );
  const shared: Record<string, unknown> = {};
  const localized: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    setOwn(sharedNames.has(key) ? shared : localized, key, value);
  }
  return { shared, localized };
}

/** One locale's view of an entry: shared values with that locale's values over them (the two never overlap). */
export function mergeLocalization(
  shared: Record<string, unknown>,
  localized: Record<string, unknown>,
): Record<string, unknown> {
  return { ...shared, ...localized };
}
