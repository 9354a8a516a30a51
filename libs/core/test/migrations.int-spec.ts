import { ExampleNotesPlugin } from '@quire/plugin-example-notes';
import { createTestApp, createTestDatabase, FixtureTenancy, fixtureTenancyPlugin } from '@quire/testing';

describe('migrations', () => {
  it('two instances starting at once on an empty database migrate it once, without failing', async () => {
    const database = await createTestDatabase();
    const plugins = [fixtureTenancyPlugin(new FixtureTenancy()), ExampleNotesPlugin];
    try {
      const [first, second] = await Promise.all([
        createTestApp({ plugins, database }),
        createTestApp({ plugins, database }),
      ]);
      const applied = await first.dataSource.query('SELECT name FROM migrations ORDER BY id');
      expect(applied.map((row: { name: string }) => row.name)).toEqual([
        'CoreInit1763800000000',
        'ExampleNotesInit1763800100000',
      ]);
      await second.http.get('/health/ready').expect(200);
      await Promise.all([first.close(), second.close()]);
    } finally {
      await database.drop();
    }
  });
});
