import type { ContentTypeDefinition, RelationOnDelete } from './field-definition';
import { effectiveFields } from './effective-fields';
import { forEachFieldValue } from './field-walk';

/** One outgoing link of an entry: a relation to another entry or a media asset, at the field that holds it. */
export interface EntryReference {
  /** `author`, `tags` (every id of a multiple field shares the path), `blocks[0].image`, `seo.ogImage`. */
  fieldPath: string;
  targetKind: 'entry' | 'media';
  targetId: string;
  /** For relations: the API id of the target type and the field's delete rule (`restrict` unless set). */
  relationTarget?: string;
  onDelete?: RelationOnDelete;
  /** For media: the field's `allowedTypes` (MIME types or families), when it restricts them. */
  allowedTypes?: string[];
}

/** Every relation and media id in an entry's data, components included, each (path, id) once, in field order. */
export function collectReferences(
  definition: ContentTypeDefinition,
  components: ReadonlyMap<string, ContentTypeDefinition>,
  data: Record<string, unknown>,
): EntryReference[] {
  const references: EntryReference[] = [];
  const seen = new Set<string>();
  forEachFieldValue(effectiveFields(definition), components, data, (field, value, path) => {
    if (field.type !== 'relation' && field.type !== 'media') return;
    const ids = Array.isArray(value) ? value : [value];
    for (const id of ids) {
      if (typeof id !== 'string' || id === '') continue;
      const key = `${path}\u0000${id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      references.push(
        field.type === 'relation'
          ? {
              fieldPath: path,
              targetKind: 'entry',
              targetId: id,
              relationTarget: field.target,
              onDelete: field.onDelete ?? 'restrict',
            }
          : {
              fieldPath: path,
              targetKind: 'media',
              targetId: id,
              ...(field.allowedTypes ? { allowedTypes: field.allowedTypes } : {}),
            },
      );
    }
  });
  return references;
}
