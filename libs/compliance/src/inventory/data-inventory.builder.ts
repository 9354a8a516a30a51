import type { PersonalDataCategory, QuireConfig, ResolvedPlugin } from '@quire/core';
import type { DataInventory, InventoryActivity, InventoryField } from './data-inventory';

/** The order categories are listed in: identifying data first, as records of processing usually do. */
const CATEGORY_ORDER: readonly PersonalDataCategory[] = [
  'identity',
  'contact',
  'credentials',
  'profile',
  'technical',
  'usage',
  'content',
  'communication',
  'financial',
  'consent',
];

/**
 * The data inventory of an installation: every plugin's `dataInventory` and `retention` declarations, in load order,
 * and the outside processors the plugins report for the running configuration. Pure: the same plugins and
 * configuration always give the same inventory.
 */
export function buildDataInventory(plugins: readonly ResolvedPlugin[], config: QuireConfig): DataInventory {
  const activities: InventoryActivity[] = plugins.flatMap((plugin) =>
    (plugin.definition.dataInventory ?? []).map((entry) => ({
      plugin: plugin.name,
      table: entry.table,
      subjectColumn: entry.subjectColumn,
      purpose: entry.purpose,
      legalBasis: entry.legalBasis,
      retention: entry.retention,
      onErasure: entry.onErasure,
      fields: entry.fields.map((field) => ({
        column: field.column,
        category: field.category,
        sensitive: field.sensitive === true,
        ...(field.description === undefined ? {} : { description: field.description }),
      })),
      retentionPolicies: (plugin.definition.retention ?? [])
        .filter((policy) => policy.table === entry.table)
        .map((policy) => ({ name: policy.name, action: policy.action, description: policy.description })),
    })),
  );

  const byCategory = new Map<PersonalDataCategory, InventoryField[]>();
  for (const activity of activities) {
    for (const field of activity.fields) {
      const fields = byCategory.get(field.category) ?? [];
      // A table declared twice (one entry per subject column) may name a column twice: list it once.
      if (!fields.some((f) => f.table === activity.table && f.column === field.column)) {
        fields.push({
          plugin: activity.plugin,
          table: activity.table,
          column: field.column,
          sensitive: field.sensitive,
          ...(field.description === undefined ? {} : { description: field.description }),
        });
      }
      byCategory.set(field.category, fields);
    }
  }
  const categories = [...byCategory.entries()]
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([category, fields]) => ({ category, fields }));

  const processors = plugins.flatMap((plugin) =>
    (plugin.definition.processors?.({ config, options: plugin.options }) ?? []).map((processor) => ({
      plugin: plugin.name,
      ...processor,
    })),
  );
  return { categories, activities, processors };
}

function rank(category: PersonalDataCategory): number {
  const at = CATEGORY_ORDER.indexOf(category);
  return at === -1 ? CATEGORY_ORDER.length : at;
}
