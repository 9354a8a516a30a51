import {
  effectiveFields,
  hasOwn,
  isEmptyValue,
  isLocalizedField,
  setOwn,
  type ContentTypeDefinition,
  type FieldDefinition,
} from '../schema';

/**
 * A draft after a partial change: keys present in `patch` replace the stored value, `null` clears the field
 * (the key is removed, so "cleared" and "never set" read the same), absent keys stay as stored.
 */
export function applyPatch(stored: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(stored)) setOwn(result, key, value);
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else setOwn(result, key, value);
  }
  return result;
}

/** The data without its top-level `null` values: a new entry or locale stores cleared fields as absent. */
export function withoutNulls(data: Record<string, unknown>): Record<string, unknown> {
  return applyPatch({}, data);
}

/** The data with each field's `default` filled in where the data does not set the field (new entries only). */
export function withDefaults(
  definition: ContentTypeDefinition,
  data: Record<string, unknown>,
  which: 'all' | 'localized' = 'all',
): Record<string, unknown> {
  const result = { ...data };
  for (const field of effectiveFields(definition)) {
    if (which === 'localized' && !isLocalizedField(field)) continue;
    if (field.default === undefined || field.default === null || hasOwn(result, field.name)) continue;
    setOwn(result, field.name, structuredClone(field.default));
  }
  return result;
}

/** A field value counts as empty as `required` sees it (null, '', [], an empty rich-text document). */
export function isEmptyField(field: FieldDefinition, value: unknown): boolean {
  return isEmptyValue(value, field.type === 'richText');
}
