import type { ContentTypeDefinition, FieldDefinition, RelationOnDelete } from '../schema/field-definition';

/** One step of a reference's `field_path`: a field name, or an index into a list (repeatable component, many relation). */
export type PathSegment = string | number;

/**
 * Splits a `content_references.field_path` (`author`, `blocks[2].author`, `blocks.2.author`) into segments.
 * Numeric dot segments count as indexes too, so either spelling of a list position resolves.
 */
export function parseFieldPath(path: string): PathSegment[] {
  const segments: PathSegment[] = [];
  for (const part of path.split('.')) {
    const match = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!match) {
      segments.push(part);
      continue;
    }
    const [, name, indexes] = match;
    if (name !== '') segments.push(/^\d+$/.test(name) ? Number(name) : name);
    for (const index of indexes.matchAll(/\[(\d+)\]/g)) segments.push(Number(index[1]));
  }
  return segments;
}

/**
 * The field a reference path points at, walking components (by the workspace's component definitions), or null
 * when the path no longer matches the type (a field renamed or removed since the reference was written).
 */
export function fieldAtPath(
  definition: ContentTypeDefinition,
  components: ReadonlyMap<string, ContentTypeDefinition>,
  segments: readonly PathSegment[],
): FieldDefinition | null {
  let fields: readonly FieldDefinition[] = definition.fields;
  let found: FieldDefinition | null = null;
  for (const segment of segments) {
    if (typeof segment === 'number') continue;
    if (found) {
      if (found.type !== 'component') return null;
      const component = components.get(found.component);
      if (!component) return null;
      fields = component.fields;
    }
    found = fields.find((f) => f.name === segment) ?? null;
    if (!found) return null;
  }
  return found;
}

/** What a relation field does when the entry it points at goes to the trash; `restrict` unless the field says otherwise. */
export function onDeleteRule(field: FieldDefinition | null): RelationOnDelete {
  // A path that no longer resolves is treated as restrict: better a refusal the member can act on than a silent edit.
  if (!field || field.type !== 'relation') return 'restrict';
  return field.onDelete ?? 'restrict';
}

/**
 * A copy of `document` with `targetId` removed at `segments` (the field's name path, list positions included): a
 * single relation becomes null, a list of relations loses the id. A relation value may be the id itself or an
 * object carrying it as `id`. A path that no longer leads anywhere leaves the document as it is.
 */
export function withoutReference(
  document: Record<string, unknown>,
  segments: readonly PathSegment[],
  targetId: string,
): Record<string, unknown> {
  return (removeAt(document, segments, targetId) as Record<string, unknown>) ?? document;
}

function removeAt(value: unknown, segments: readonly PathSegment[], targetId: string): unknown {
  if (segments.length === 0) return detach(value, targetId);
  const [head, ...rest] = segments;
  if (typeof head === 'number') {
    if (!Array.isArray(value) || head >= value.length) return value;
    // A relation list addressed by position: the element is the link itself.
    if (rest.length === 0 && pointsAt(value[head], targetId)) return value.filter((_, i) => i !== head);
    const copy = [...value];
    copy[head] = removeAt(value[head], rest, targetId);
    return copy;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    // A list where the path names a field of each element (no index in the path): apply to every element.
    if (Array.isArray(value)) return value.map((item) => removeAt(item, segments, targetId));
    return value;
  }
  const record = value as Record<string, unknown>;
  if (!Object.hasOwn(record, head)) return value;
  return { ...record, [head]: removeAt(record[head], rest, targetId) };
}

function detach(value: unknown, targetId: string): unknown {
  if (Array.isArray(value)) return value.filter((item) => !pointsAt(item, targetId));
  return pointsAt(value, targetId) ? null : value;
}

function pointsAt(value: unknown, targetId: string): boolean {
  if (typeof value === 'string') return value === targetId;
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    return (value as { id?: unknown }).id === targetId;
  }
  return false;
}
