import { effectiveFields } from '../schema/effective-fields';
import { isLocalizedField, type ContentTypeDefinition, type FieldDefinition } from '../schema/field-definition';
import type { SchemaProblem } from '../schema/schema-problem';
import type { AffectedEntry } from './content-types.errors';

/** An entry as a schema migration reads and rewrites it: shared values, and per locale the draft and published document. */
export interface StoredEntryState {
  id: string;
  shared: Record<string, unknown>;
  locales: Array<{ locale: string; draft: Record<string, unknown>; published: Record<string, unknown> | null }>;
}

/** What a definition change means for stored values, field by field (top-level fields, new names). */
export interface EntryMigrationPlan {
  /** Old name → new name. */
  renames: Record<string, string>;
  /** Field names (after renames) whose values now live in one place: `shared` or `localized`. */
  placement: Map<string, 'shared' | 'localized'>;
  /** Localized before, shared now: the default locale's value moves to the shared values. */
  toShared: Set<string>;
  /** Shared before, localized now: the shared value is copied into every locale. */
  toLocalized: Set<string>;
  /** Private now: never in a published document. */
  privateFields: Set<string>;
  /** Fields of the new definition by name (defaults for resets). */
  fields: Map<string, FieldDefinition>;
  defaultLocale: string;
  /** Makes a published document what the new definition may serve (private fields out, at every depth). */
  cleanPublished?: (doc: Record<string, unknown>) => Record<string, unknown>;
  /**
   * Moves keys inside component values (a changed component's renames and removals, see `moveComponentKeys`);
   * applied to the shared values, every draft and every published document, before anything else. `dropped`:
   * paths of removed values that held something.
   */
  moveNested?: (data: Record<string, unknown>) => { data: Record<string, unknown>; dropped: string[] };
}

export function planEntryMigration(
  before: ContentTypeDefinition,
  after: ContentTypeDefinition,
  renames: Record<string, string>,
  defaultLocale: string,
): EntryMigrationPlan {
  const beforeFields = new Map(effectiveFields(before).map((f) => [renames[f.name] ?? f.name, f]));
  const afterFields = effectiveFields(after);
  const plan: EntryMigrationPlan = {
    renames,
    placement: new Map(),
    toShared: new Set(),
    toLocalized: new Set(),
    privateFields: new Set(),
    fields: new Map(afterFields.map((f) => [f.name, f])),
    defaultLocale,
  };
  for (const field of afterFields) {
    const localized = isLocalizedField(field);
    plan.placement.set(field.name, localized ? 'localized' : 'shared');
    if (field.private) plan.privateFields.add(field.name);
    const previous = beforeFields.get(field.name);
    if (!previous) continue;
    const wasLocalized = isLocalizedField(previous);
    if (wasLocalized && !localized) plan.toShared.add(field.name);
    if (!wasLocalized && localized) plan.toLocalized.add(field.name);
  }
  return plan;
}

const isPresent = (value: unknown) => value !== undefined && value !== null;
const has = (data: object, key: string) => Object.prototype.hasOwnProperty.call(data, key);
const topField = (path: string) => path.split(/[.[]/)[0];

/** JSON with object keys sorted: two values are the same when their canonical forms are. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}
const same = (a: unknown, b: unknown) => canonical(a) === canonical(b);

/** Renames keys; a renamed value wins over a stale value under the new name. */
function renameKeys(data: Record<string, unknown>, renames: Record<string, string>): Record<string, unknown> {
  const incoming = new Set(
    Object.entries(renames)
      .filter(([from]) => has(data, from))
      .map(([, to]) => to),
  );
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) if (!has(renames, key) && !incoming.has(key)) out[key] = value;
  for (const [from, to] of Object.entries(renames)) if (has(data, from)) out[to] = data[from];
  return out;
}

export interface MigratedEntry {
  state: StoredEntryState;
  /** Values the new definition has no place for (removed fields, other locales of a field made shared). */
  dropped: AffectedEntry[];
  /** Values the new definition refuses, before any reset. */
  invalid: AffectedEntry[];
  /** Problems left after resetting invalid values (a reset cannot fix them): the change must be refused. */
  unresolved: AffectedEntry[];
  /** Which stored parts changed: shared values, and per locale its draft / published document. */
  changed: { shared: boolean; drafts: Set<string>; published: Set<string> };
}

/**
 * Applies a plan to one entry in memory: renames, drops values of fields that no longer exist, moves values
 * between shared and localized storage, strips private fields from published documents, then (with `validate`)
 * checks each locale's draft and published document and resets invalid top-level values (to the field's default,
 * or removes them). Pure: the caller decides whether the outcome is written or refused.
 */
export function migrateEntry(
  entry: StoredEntryState,
  plan: EntryMigrationPlan,
  validate: ((data: Record<string, unknown>) => SchemaProblem[]) | null,
): MigratedEntry {
  const dropped: AffectedEntry[] = [];
  const invalid: AffectedEntry[] = [];
  const unresolved: AffectedEntry[] = [];
  const note = (
    list: AffectedEntry[],
    locale: string | null,
    state: 'draft' | 'published',
    path: string,
    message: string,
  ) => {
    let item = list.find((a) => a.locale === locale && a.state === state);
    if (!item) list.push((item = { entryId: entry.id, locale, state, fields: [] }));
    if (!item.fields.some((f) => f.path === path && f.message === message)) item.fields.push({ path, message });
  };
  const nested = (data: Record<string, unknown>, locale: string | null, state: 'draft' | 'published') => {
    if (!plan.moveNested) return data;
    const moved = plan.moveNested(data);
    for (const path of moved.dropped) note(dropped, locale, state, path, 'field removed');
    return moved.data;
  };
  const shared = nested(renameKeys(entry.shared, plan.renames), null, 'draft');
  const locales = entry.locales.map((l) => ({
    locale: l.locale,
    draft: nested(renameKeys(l.draft, plan.renames), l.locale, 'draft'),
    published: l.published ? nested(renameKeys(l.published, plan.renames), l.locale, 'published') : null,
  }));

  // Shared → localized: every locale gets the shared value (no locale yet: it stays, and is reported dropped).
  for (const name of plan.toLocalized) {
    if (!has(shared, name)) continue;
    if (locales.length === 0) continue;
    for (const l of locales) if (!has(l.draft, name)) l.draft[name] = shared[name];
    delete shared[name];
  }
  // Localized → shared: the default locale's value (else the first locale holding one) becomes the shared value.
  for (const name of plan.toShared) {
    const holders = [...locales]
      .sort((a, b) => a.locale.localeCompare(b.locale))
      .filter((l) => isPresent(l.draft[name]));
    const chosen = holders.find((l) => l.locale === plan.defaultLocale) ?? holders[0];
    if (chosen && !isPresent(shared[name])) shared[name] = chosen.draft[name];
    for (const l of locales) {
      if (l !== chosen && isPresent(l.draft[name]) && !same(l.draft[name], shared[name]))
        note(
          dropped,
          l.locale,
          'draft',
          name,
          `value of locale ${l.locale} dropped: the field is now shared (the ${chosen?.locale} value is kept)`,
        );
      delete l.draft[name];
    }
  }
  // Values in the wrong place, or of fields that no longer exist.
  for (const key of Object.keys(shared)) {
    if (plan.placement.get(key) === 'shared') continue;
    if (plan.placement.get(key) === 'localized' && locales.length > 0) {
      for (const l of locales) if (!has(l.draft, key)) l.draft[key] = shared[key];
    } else if (isPresent(shared[key])) note(dropped, null, 'draft', key, 'field removed');
    delete shared[key];
  }
  for (const l of locales) {
    for (const key of Object.keys(l.draft)) {
      if (plan.placement.get(key) === 'localized') continue;
      if (plan.placement.get(key) === 'shared') {
        if (!has(shared, key)) shared[key] = l.draft[key];
      } else if (isPresent(l.draft[key])) note(dropped, l.locale, 'draft', key, 'field removed');
      delete l.draft[key];
    }
    if (l.published) {
      for (const key of Object.keys(l.published)) {
        if (!plan.placement.has(key)) {
          if (isPresent(l.published[key])) note(dropped, l.locale, 'published', key, 'field removed');
          delete l.published[key];
        } else if (plan.privateFields.has(key)) delete l.published[key];
      }
      if (plan.cleanPublished) l.published = plan.cleanPublished(l.published);
    }
  }

  if (validate) {
    const resetIn = (target: Record<string, unknown>, name: string) => {
      const field = plan.fields.get(name);
      if (field && field.default !== undefined) target[name] = field.default;
      else delete target[name];
    };
    const check = (
      locale: string | null,
      state: 'draft' | 'published',
      document: () => Record<string, unknown>,
      reset: (name: string) => void,
    ) => {
      const problems = validate(document());
      if (problems.length === 0) return;
      for (const p of problems) note(invalid, locale, state, p.path, p.message);
      for (const name of new Set(problems.map((p) => topField(p.path)))) if (name) reset(name);
      for (const p of validate(document())) note(unresolved, locale, state, p.path, p.message);
    };
    if (locales.length === 0)
      check(
        null,
        'draft',
        () => shared,
        (name) => resetIn(shared, name),
      );
    for (const l of locales) {
      check(
        l.locale,
        'draft',
        () => ({ ...shared, ...l.draft }),
        (name) => resetIn(plan.placement.get(name) === 'shared' ? shared : l.draft, name),
      );
      const published = l.published;
      if (published)
        check(
          l.locale,
          'published',
          () => published,
          (name) => resetIn(published, name),
        );
    }
  }

  const state: StoredEntryState = { id: entry.id, shared, locales };
  const changed = { shared: !same(shared, entry.shared), drafts: new Set<string>(), published: new Set<string>() };
  entry.locales.forEach((original, i) => {
    if (!same(original.draft, locales[i].draft)) changed.drafts.add(original.locale);
    if (!same(original.published, locales[i].published)) changed.published.add(original.locale);
  });
  return { state, dropped, invalid, unresolved, changed };
}
