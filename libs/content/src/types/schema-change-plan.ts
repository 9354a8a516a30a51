import { effectiveFields, SEO_FIELD } from '../schema/effective-fields';
import { isLocalizedField, type ContentTypeDefinition, type FieldDefinition } from '../schema/field-definition';
import { changeMayInvalidateEntries, type RuleChange, type SchemaChange } from '../schema/schema-change';

/**
 * How a schema change reaches a type's entries, split by cost:
 * - `bulk`: key moves that need no look at the values — renames, removals, fields made private — done with a few
 *   set-based statements over the type's rows, whatever their number;
 * - `walk`: fields whose values must be read entry by entry (rules that may refuse values, moves between shared and
 *   localized storage); only those fields are read;
 * - `newlyUnique`: fields whose values must not repeat from now on, checked with one query each.
 */
export interface SchemaChangePlan {
  bulk: BulkRewrite;
  /** Field names (new names) whose values must be read and checked or moved per entry. */
  walkFields: string[];
  /** Fields (new definitions) unique from now on: existing duplicates refuse the change. */
  newlyUnique: FieldDefinition[];
}

/** What the set-based statements do to every entry of the type (drafts, shared values, published documents). */
export interface BulkRewrite {
  /** Old name → new name, only pairs naming a field before and a field after. */
  renames: Array<{ from: string; to: string }>;
  /** Old names of fields the type no longer has (their values go; without `drop-data` that is refused). */
  removed: string[];
  /** New names of fields private now and not before: out of every published document. */
  madePrivate: string[];
  /** Old names of removed or made-private fields that fed the published search text: vectors to recompute. */
  searchTextLost: string[];
}

/** Rules that never touch stored values: the walk skips them (`required` is only enforced at publish). */
const STORAGE_NEUTRAL_RULES = new Set([
  'label',
  'description',
  'indexed',
  'default',
  'sourceField',
  'onDelete',
  'private',
  'unique',
  'required',
]);
/** Field types whose values (top level or inside) feed the published search text. */
const SEARCHABLE_TYPES = new Set(['text', 'slug', 'longText', 'richText', 'component']);

const uniqueLike = (field: FieldDefinition) => field.unique === true || field.type === 'slug';

export function isBulkEmpty(bulk: BulkRewrite): boolean {
  return bulk.renames.length === 0 && bulk.removed.length === 0 && bulk.madePrivate.length === 0;
}

/** Whether a rule's change may refuse or move existing values, i.e. needs each value read. */
function ruleNeedsWalk(field: string, rule: RuleChange): boolean {
  if (STORAGE_NEUTRAL_RULES.has(rule.rule)) return false;
  return changeMayInvalidateEntries({ kind: 'field-changed', field, rules: [rule] });
}

/**
 * Splits the change from `before` to `after` into bulk key moves, fields to walk and fields newly unique.
 * `changes` is `diffDefinitions(before, after, renames)`: only the renames it took count (pairs naming a field on
 * both sides). For a component the entries are
 * those of the types embedding it, which the caller walks (see `moveComponentKeys`): the plan is empty here.
 */
export function planSchemaChange(
  before: ContentTypeDefinition,
  after: ContentTypeDefinition,
  changes: SchemaChange[],
): SchemaChangePlan {
  const bulk: BulkRewrite = { renames: [], removed: [], madePrivate: [], searchTextLost: [] };
  const plan: SchemaChangePlan = { bulk, walkFields: [], newlyUnique: [] };
  const beforeFields = new Map(effectiveFields(before).map((f) => [f.name, f]));
  const afterFields = new Map(effectiveFields(after).map((f) => [f.name, f]));
  if (before.kind === 'component' || after.kind === 'component') return plan;

  const oldNameOf = new Map<string, string>(); // new name → old name
  for (const change of changes) {
    if (change.kind === 'field-renamed') {
      bulk.renames.push({ from: change.from!, to: change.to! });
      oldNameOf.set(change.to!, change.from!);
    }
  }
  const renamedAway = new Set(bulk.renames.map((r) => r.from));
  for (const [name, field] of beforeFields) {
    const stays = !renamedAway.has(name) && afterFields.has(name) && !oldNameOf.has(name);
    if (stays || renamedAway.has(name)) continue;
    bulk.removed.push(name);
    // The built-in SEO block is left out of the search text.
    if (SEARCHABLE_TYPES.has(field.type) && field !== SEO_FIELD) bulk.searchTextLost.push(name);
  }

  for (const [name, field] of afterFields) {
    const oldName = oldNameOf.get(name) ?? (renamedAway.has(name) ? undefined : name);
    const previous = oldName === undefined ? undefined : beforeFields.get(oldName);
    if (
      uniqueLike(field) &&
      (!previous || !uniqueLike(previous) || isLocalizedField(previous) !== isLocalizedField(field))
    )
      plan.newlyUnique.push(field);
    if (!previous) continue;
    if (field.private === true && previous.private !== true) {
      bulk.madePrivate.push(name);
      if (SEARCHABLE_TYPES.has(previous.type)) bulk.searchTextLost.push(previous.name);
    }
  }
  for (const change of changes) {
    if (change.kind !== 'field-changed' || !change.field) continue;
    const rules = change.rules ?? [{ rule: 'unknown', before: undefined, after: undefined }];
    if (rules.some((rule) => ruleNeedsWalk(change.field!, rule))) plan.walkFields.push(change.field);
  }
  return plan;
}
