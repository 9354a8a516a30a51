import { MAX_COMPONENT_DEPTH, type ContentTypeDefinition, type FieldDefinition } from './field-definition';
import { resolveComponent } from './effective-fields';
import { isPlainObject, setOwn, hasOwn } from './plain-data';
import { childPath } from './schema-problem';

type Components = ReadonlyMap<string, ContentTypeDefinition>;

/**
 * Calls `visit` for every field value present in `data` (keys naming no field are skipped), descending into
 * component values — single or repeatable, the built-in SEO block included — with paths like `blocks[1].image`.
 * A component value of the wrong shape is not descended into (the validator reports it).
 */
export function forEachFieldValue(
  fields: readonly FieldDefinition[],
  components: Components,
  data: unknown,
  visit: (field: FieldDefinition, value: unknown, path: string) => void,
  path = '',
  depth = 0,
): void {
  if (!isPlainObject(data)) return;
  for (const field of fields) {
    if (!hasOwn(data, field.name)) continue;
    const value = data[field.name];
    const fieldPath = childPath(path, field.name);
    visit(field, value, fieldPath);
    if (field.type !== 'component' || depth >= MAX_COMPONENT_DEPTH) continue;
    const component = resolveComponent(field.component, components);
    if (!component) continue;
    if (Array.isArray(value)) {
      value.forEach((item, i) =>
        forEachFieldValue(component.fields, components, item, visit, childPath(fieldPath, i), depth + 1),
      );
    } else {
      forEachFieldValue(component.fields, components, value, visit, fieldPath, depth + 1);
    }
  }
}

/**
 * A copy of `data` where each field value is replaced by `transform`'s result (or left out when it returns
 * `OMIT`), component values rebuilt the same way at every depth. Keys naming no field are kept when `keepUnknown`,
 * dropped otherwise. `transform` sees leaf values only: a component value is rebuilt from its own fields.
 */
export const OMIT: unique symbol = Symbol('omit');

export function mapFieldValues(
  fields: readonly FieldDefinition[],
  components: Components,
  data: Record<string, unknown>,
  transform: (field: FieldDefinition, value: unknown) => unknown,
  options: { keepUnknown: boolean; skip?: (field: FieldDefinition) => boolean },
  depth = 0,
): Record<string, unknown> {
  const byName = new Map(fields.map((f) => [f.name, f]));
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    const field = byName.get(key);
    if (!field) {
      if (options.keepUnknown) setOwn(result, key, value);
      continue;
    }
    if (options.skip?.(field)) continue;
    let mapped: unknown;
    if (field.type === 'component') {
      const component = depth < MAX_COMPONENT_DEPTH ? resolveComponent(field.component, components) : undefined;
      const rebuild = (item: unknown): unknown =>
        component && isPlainObject(item)
          ? mapFieldValues(component.fields, components, item, transform, options, depth + 1)
          : item;
      mapped = Array.isArray(value) ? value.map(rebuild) : rebuild(value);
    } else {
      mapped = transform(field, value);
    }
    if (mapped !== OMIT) setOwn(result, key, mapped);
  }
  return result;
}
