import { resolveComponent } from '../schema/effective-fields';
import { MAX_COMPONENT_DEPTH, type ContentTypeDefinition, type FieldDefinition } from '../schema/field-definition';
import { hasOwn, isPlainObject, setOwn } from '../schema/plain-data';
import { childPath } from '../schema/schema-problem';
import type { SchemaChange } from '../schema/schema-change';

/**
 * What a change of a component does to the keys of its values, wherever entries of other types hold them:
 * renamed fields move to their new key, removed fields go. Fields made private stay in drafts; published
 * documents lose them when they are rebuilt with `publishedDocument` under the new component.
 */
export interface ComponentKeyMoves {
  /** API id of the changed component. */
  component: string;
  /** Old name → new name (pairs naming a field before and a field after). */
  renames: Array<{ from: string; to: string }>;
  /** Old names of the fields the component no longer has. */
  removed: string[];
  /** New names of the fields private now and not before. */
  madePrivate: string[];
}

/** The key moves of a component's change, from `diffDefinitions(before, after, renames)`. */
export function componentKeyMoves(after: ContentTypeDefinition, changes: readonly SchemaChange[]): ComponentKeyMoves {
  const moves: ComponentKeyMoves = { component: after.apiId, renames: [], removed: [], madePrivate: [] };
  for (const change of changes) {
    if (change.kind === 'field-renamed') moves.renames.push({ from: change.from!, to: change.to! });
    else if (change.kind === 'field-removed') moves.removed.push(change.field!);
    else if (
      change.kind === 'field-changed' &&
      (change.rules ?? []).some((r) => r.rule === 'private' && r.after === true && r.before !== true)
    )
      moves.madePrivate.push(change.field!);
  }
  return moves;
}

export function hasKeyMoves(moves: ComponentKeyMoves): boolean {
  return moves.renames.length > 0 || moves.removed.length > 0 || moves.madePrivate.length > 0;
}

/**
 * The keys whose presence anywhere in a stored document means it may change: in drafts the renamed and removed
 * ones, in published documents those plus the fields made private (under their old name too when renamed).
 */
export function keysConcerned(moves: ComponentKeyMoves): { drafts: string[]; published: string[] } {
  const drafts = [...new Set([...moves.renames.map((r) => r.from), ...moves.removed])];
  const oldNameOf = new Map(moves.renames.map((r) => [r.to, r.from]));
  const privateNames = moves.madePrivate.flatMap((name) => [name, oldNameOf.get(name) ?? name]);
  return { drafts, published: [...new Set([...drafts, ...privateNames])] };
}

/**
 * A PostgreSQL jsonpath true for a document holding one of `keys` at any depth (a cheap filter before reading a
 * document; the root's own keys match too, which only costs a read). Null for no keys. Field names are
 * `[a-z][a-zA-Z0-9]*`, quoted anyway.
 */
export function anyKeyPath(keys: readonly string[]): string | null {
  if (keys.length === 0) return null;
  return `$.** ? (${keys.map((key) => `exists(@.${JSON.stringify(key)})`).join(' || ')})`;
}

/**
 * `data` (shared values, a draft or a published document of a type embedding the component, directly or through
 * other components, at most `MAX_COMPONENT_DEPTH` deep) with the component's values moved: in every value of the
 * component — single or repeatable, at any depth — renamed keys move (a renamed value wins over one already under
 * the new name) and removed keys go. `dropped` lists the paths of removed values that held something (not null).
 * `components` are the workspace's components after the change: the walk descends by the new field names.
 */
export function moveComponentKeys(
  fields: readonly FieldDefinition[],
  components: ReadonlyMap<string, ContentTypeDefinition>,
  data: Record<string, unknown>,
  moves: ComponentKeyMoves,
): { data: Record<string, unknown>; dropped: string[] } {
  const dropped: string[] = [];
  const renamedFrom = new Map(moves.renames.map((r) => [r.from, r.to]));
  const incoming = new Set(moves.renames.map((r) => r.to));
  const removed = new Set(moves.removed);

  const moveItem = (item: Record<string, unknown>, path: string): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    const arriving = new Set(
      [...renamedFrom.keys()].filter((from) => hasOwn(item, from)).map((f) => renamedFrom.get(f)!),
    );
    for (const [key, value] of Object.entries(item)) {
      if (renamedFrom.has(key)) continue;
      if (removed.has(key) && !incoming.has(key)) {
        if (value !== null && value !== undefined) dropped.push(childPath(path, key));
        continue;
      }
      if (arriving.has(key)) continue;
      setOwn(out, key, value);
    }
    for (const [from, to] of renamedFrom) if (hasOwn(item, from)) setOwn(out, to, item[from]);
    return out;
  };

  const walk = (
    own: readonly FieldDefinition[],
    value: Record<string, unknown>,
    path: string,
    depth: number,
  ): Record<string, unknown> => {
    const out: Record<string, unknown> = { ...value };
    for (const field of own) {
      if (field.type !== 'component' || !hasOwn(value, field.name) || depth >= MAX_COMPONENT_DEPTH) continue;
      const component = resolveComponent(field.component, components);
      if (!component) continue;
      const fieldPath = childPath(path, field.name);
      const rebuild = (item: unknown, itemPath: string): unknown => {
        if (!isPlainObject(item)) return item;
        const moved = component.apiId === moves.component ? moveItem(item, itemPath) : item;
        return walk(component.fields, moved, itemPath, depth + 1);
      };
      const current = value[field.name];
      setOwn(
        out,
        field.name,
        Array.isArray(current)
          ? current.map((item, i) => rebuild(item, childPath(fieldPath, i)))
          : rebuild(current, fieldPath),
      );
    }
    return out;
  };

  return { data: walk(fields, data, '', 0), dropped };
}
