import type { ContentTypeDefinition } from './field-definition';
import { effectiveFields } from './effective-fields';
import { mapFieldValues } from './field-walk';

/**
 * What the delivery API may serve of one locale's merged data: every private field left out, inside components
 * too, and keys that name no field (left over from a removed field) dropped as well.
 */
export function publishedDocument(
  definition: ContentTypeDefinition,
  components: ReadonlyMap<string, ContentTypeDefinition>,
  merged: Record<string, unknown>,
): Record<string, unknown> {
  return mapFieldValues(effectiveFields(definition), components, merged, (_, value) => value, {
    keepUnknown: false,
    skip: (field) => field.private === true,
  });
}

/** Another name for `publishedDocument`, for callers that strip private fields outside publishing. */
export const removePrivateFields = publishedDocument;
