import { LoadedPluginSummary } from '../../api/plugins.api';

/** One line of the "contributes" column: a label and the names it lists. */
export interface Contribution {
  label: string;
  items: string[];
}

/** A plugin as the Plugins table shows it: requirements as `name@range`, contributions as labelled lists. */
export interface PluginRow {
  name: string;
  version: string;
  description: string;
  requires: string[];
  contributions: Contribution[];
}

export function toPluginRow(plugin: LoadedPluginSummary): PluginRow {
  const { contributes } = plugin;
  const contributions: Contribution[] = [
    { label: 'Permission subjects', items: contributes.permissions.subjects },
    { label: 'Tables', items: contributes.tables },
    { label: 'Jobs', items: contributes.jobs },
    { label: 'Retention policies', items: contributes.retention },
    { label: 'Admin screens', items: (contributes.admin.nav ?? []).map((entry) => entry.label) },
    { label: 'Settings', items: contributes.settings ? ['workspace settings'] : [] },
  ];
  return {
    name: plugin.name,
    version: plugin.version,
    description: plugin.description ?? '',
    requires: Object.entries(plugin.requires).map(([name, range]) => `${name}@${range}`),
    // Only what the plugin actually contributes, so a row stays short.
    contributions: contributions.filter((contribution) => contribution.items.length > 0),
  };
}
