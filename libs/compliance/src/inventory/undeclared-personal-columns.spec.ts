import { Column, Entity, PrimaryColumn } from 'typeorm';
import { CorePlugin, definePlugin, PluginRegistry, type ResolvedPlugin } from '@quire/core';
import { plugins } from '../../../../apps/api/src/quire.config';
import { configWith } from './fixtures/inventory-plugins';
import { findUndeclaredPersonalColumns, readEntityTables } from './undeclared-personal-columns';

/** The plugins the real app loads, validated as at boot. */
function installationPlugins(extra: ReturnType<typeof definePlugin>[] = []): readonly ResolvedPlugin[] {
  return PluginRegistry.resolve([CorePlugin, ...plugins(configWith()), ...extra]).plugins;
}

async function undeclared(loaded: readonly ResolvedPlugin[]) {
  const tables = await readEntityTables(loaded.flatMap((p) => p.definition.entities ?? []));
  return findUndeclaredPersonalColumns(loaded, tables);
}

@Entity({ name: 'fixture_leads' })
class FixtureLead {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'workspace_id', type: 'uuid' }) workspaceId!: string;
  @Column({ type: 'text' }) email!: string;
  @Column({ name: 'phone_number', type: 'text' }) phoneNumber!: string;
  @Column({ name: 'file_name', type: 'text' }) fileName!: string;
}

const leadsInventory = {
  table: 'fixture_leads',
  subjectColumn: 'email',
  fields: [{ column: 'email', category: 'contact' as const }],
  purpose: 'Follow up leads',
  legalBasis: 'legitimate-interest' as const,
  retention: 'One year',
  onErasure: 'delete' as const,
};

describe('personal-looking columns and the data inventory', () => {
  it('finds none undeclared in the plugins the app loads', async () => {
    const loaded = installationPlugins();
    expect(loaded.map((p) => p.name)).toEqual(expect.arrayContaining(['identity', 'workspaces', 'content', 'media']));
    expect(await undeclared(loaded)).toEqual([]);
  });

  it('names an undeclared phone_number column of a plugin entity, and nothing the plugin declared', async () => {
    const leads = definePlugin({
      name: 'fixture-leads',
      version: '1.0.0',
      entities: [FixtureLead],
      dataInventory: [leadsInventory],
    });
    expect(await undeclared(installationPlugins([leads]))).toEqual([
      { plugin: 'fixture-leads', entity: 'FixtureLead', table: 'fixture_leads', column: 'phone_number' },
    ]);
  });

  it('finds nothing once the column is declared, or judged not personal by the caller', async () => {
    const declared = definePlugin({
      name: 'fixture-leads',
      version: '1.0.0',
      entities: [FixtureLead],
      dataInventory: [
        { ...leadsInventory, fields: [...leadsInventory.fields, { column: 'phone_number', category: 'contact' }] },
      ],
    });
    expect(await undeclared(installationPlugins([declared]))).toEqual([]);

    const silent = definePlugin({ name: 'fixture-leads', version: '1.0.0', entities: [FixtureLead] });
    const loaded = installationPlugins([silent]);
    const tables = await readEntityTables(loaded.flatMap((p) => p.definition.entities ?? []));
    expect(findUndeclaredPersonalColumns(loaded, tables).map((c) => c.column)).toEqual(['email', 'phone_number']);
    expect(findUndeclaredPersonalColumns(loaded, tables, ['fixture_leads.phone_number']).map((c) => c.column)).toEqual([
      'email',
    ]);
  });
});
