import type { AdminNavEntry, EntityClass, LoadedPluginSummary } from './plugin.types';
import type { ResolvedPlugin } from './plugin-registry';

/**
 * What `GET /api/v1/plugins` shows about one loaded plugin: plain data only (no classes, no options,
 * which may hold secrets), copied so that a caller cannot change the registry through it.
 */
export function toPluginSummary(
  resolved: ResolvedPlugin,
  tableNameOf: (entity: EntityClass) => string,
): LoadedPluginSummary {
  const d = resolved.definition;
  return {
    name: resolved.name,
    version: resolved.version,
    ...(d.description === undefined ? {} : { description: d.description }),
    requires: { ...(d.requires ?? {}) },
    contributes: {
      permissions: { subjects: [...(d.permissions?.subjects ?? [])], actions: [...(d.permissions?.actions ?? [])] },
      tables: unique((d.entities ?? []).map(tableNameOf)),
      jobs: (d.jobs ?? []).map((job) => job.name),
      retention: (d.retention ?? []).map((policy) => policy.name),
      dataInventory: unique((d.dataInventory ?? []).map((entry) => entry.table)),
      settings: d.settings !== undefined,
      admin: {
        ...(d.admin?.nav === undefined ? {} : { nav: d.admin.nav.map(copyNavEntry) }),
        ...(d.admin?.settingsForm === undefined ? {} : { settingsForm: d.admin.settingsForm }),
      },
    },
  };
}

function copyNavEntry(entry: AdminNavEntry): AdminNavEntry {
  return entry.requires === undefined ? { ...entry } : { ...entry, requires: [entry.requires[0], entry.requires[1]] };
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
