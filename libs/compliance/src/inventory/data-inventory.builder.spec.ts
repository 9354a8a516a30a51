import { buildDataInventory } from './data-inventory.builder';
import { configWith, inventoryPlugins } from './fixtures/inventory-plugins';

describe('buildDataInventory', () => {
  it('lists every declared table as an activity, in load order, with its own retention policies', () => {
    const inventory = buildDataInventory(inventoryPlugins(), configWith());
    expect(inventory.activities.map((a) => [a.plugin, a.table, a.subjectColumn])).toEqual([
      ['accounts', 'accounts', 'id'],
      ['notes', 'notes', 'author_id'],
      ['notes', 'notes', 'editor_id'],
    ]);
    const accounts = inventory.activities[0]!;
    expect(accounts).toMatchObject({
      purpose: 'Provide the account',
      legalBasis: 'contract',
      retention: 'While the account is open',
      onErasure: 'anonymize',
      retentionPolicies: [{ name: 'accounts.closed', action: 'anonymize', description: 'Closed accounts' }],
    });
    expect(accounts.fields).toContainEqual({ column: 'password_hash', category: 'credentials', sensitive: true });
    expect(accounts.fields).toContainEqual({ column: 'email', category: 'contact', sensitive: false });
  });

  it('groups fields by category in a fixed order, naming a column declared twice once', () => {
    const inventory = buildDataInventory(inventoryPlugins(), configWith());
    expect(inventory.categories.map((c) => c.category)).toEqual(['identity', 'contact', 'credentials', 'content']);
    const identity = inventory.categories[0]!.fields.map((f) => `${f.plugin}:${f.table}.${f.column}`);
    expect(identity).toEqual(['accounts:accounts.display_name', 'notes:notes.author_id', 'notes:notes.editor_id']);
  });

  it('lists the processors the plugins report for their options and the configuration', () => {
    expect(buildDataInventory(inventoryPlugins(), configWith()).processors).toEqual([]);
    const configured = buildDataInventory(inventoryPlugins({ smtpHost: 'smtp.example.com:465' }), configWith());
    expect(configured.processors).toEqual([
      {
        plugin: 'accounts',
        name: 'SMTP mail server',
        location: 'smtp.example.com:465',
        purpose: 'Deliver account mails',
        categories: ['contact', 'communication'],
      },
    ]);
  });

  it('is empty for plugins that declare nothing', () => {
    const inventory = buildDataInventory(
      [{ name: 'bare', version: '1.0.0', options: undefined, definition: { name: 'bare', version: '1.0.0' } }],
      configWith(),
    );
    expect(inventory).toEqual({ categories: [], activities: [], processors: [] });
  });
});
