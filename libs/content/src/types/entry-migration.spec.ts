import type { ContentTypeDefinition, FieldDefinition } from '../schema/field-definition';
import { migrateEntry, planEntryMigration } from './entry-migration';
import { dependencyOrder, usersOf } from './type-dependencies';
import { indexName } from './field-indexes';

const type = (fields: FieldDefinition[]): ContentTypeDefinition => ({
  apiId: 'a',
  kind: 'collection',
  name: 'A',
  fields,
});
const title = { name: 'title', type: 'text', localized: true } as FieldDefinition;
const rating = { name: 'rating', type: 'integer', localized: false } as FieldDefinition;

describe('migrateEntry', () => {
  const entry = {
    id: 'e1',
    shared: { rating: 3 },
    locales: [
      { locale: 'de', draft: { title: 'Hallo' }, published: null },
      { locale: 'en', draft: { title: 'Hello' }, published: { title: 'Hello', rating: 3 } },
    ],
  };

  it('renames keys everywhere and reports nothing', () => {
    const plan = planEntryMigration(
      type([title, rating]),
      type([{ ...title, name: 'headline' } as FieldDefinition, rating]),
      { title: 'headline' },
      'en',
    );
    const result = migrateEntry(entry, plan, null);
    expect(result.state.locales[1]).toEqual({
      locale: 'en',
      draft: { headline: 'Hello' },
      published: { headline: 'Hello', rating: 3 },
    });
    expect(result.dropped).toEqual([]);
    expect(result.changed.drafts).toEqual(new Set(['de', 'en']));
    expect(result.changed.shared).toBe(false);
  });

  it('reports values of removed fields, in drafts and published documents', () => {
    const result = migrateEntry(entry, planEntryMigration(type([title, rating]), type([title]), {}, 'en'), null);
    expect(result.state.shared).toEqual({});
    expect(result.dropped.map((d) => `${d.locale}:${d.state}:${d.fields[0].path}`)).toEqual([
      'null:draft:rating',
      'en:published:rating',
    ]);
  });

  it('moves a localized field to shared keeping the default locale’s value and reporting the others', () => {
    const plan = planEntryMigration(
      type([title, rating]),
      type([{ ...title, localized: false } as FieldDefinition, rating]),
      {},
      'en',
    );
    const result = migrateEntry(entry, plan, null);
    expect(result.state.shared).toEqual({ rating: 3, title: 'Hello' });
    expect(result.dropped).toEqual([
      { entryId: 'e1', locale: 'de', state: 'draft', fields: [expect.objectContaining({ path: 'title' })] },
    ]);
  });

  it('resets invalid values to the default and keeps problems a reset cannot fix', () => {
    const withDefault = { ...rating, default: 0 } as FieldDefinition;
    const plan = planEntryMigration(type([title, rating]), type([title, withDefault]), {}, 'en');
    const validate = (data: Record<string, unknown>) =>
      data.rating === 3 ? [{ path: 'rating', message: 'must be at most 2' }] : [];
    const result = migrateEntry(entry, plan, validate);
    expect(result.state.shared).toEqual({ rating: 0 });
    expect(result.state.locales[1].published).toEqual({ title: 'Hello', rating: 0 });
    expect(result.invalid.length).toBeGreaterThan(0);
    expect(result.unresolved).toEqual([]);
  });
});

describe('type dependencies and index names', () => {
  const component = { apiId: 'block', kind: 'component', name: 'B', fields: [] } as ContentTypeDefinition;
  const post = type([
    { name: 'b', type: 'component', component: 'block' } as FieldDefinition,
    { name: 'r', type: 'relation', target: 'zed' } as FieldDefinition,
  ]);

  it('orders components first and finds who uses a type', () => {
    expect(dependencyOrder([post, component]).map((d) => d.apiId)).toEqual(['block', 'a']);
    expect(usersOf('block', [post, component])).toEqual({ relationsFrom: [], embeddedBy: ['a'] });
    expect(usersOf('zed', [post])).toEqual({ relationsFrom: ['a'], embeddedBy: [] });
  });

  it('keeps index names unique and within 63 characters', () => {
    const id = '0192f0c4-7a3e-7c1d-8e2f-123456789abc';
    expect(indexName(id, 'rating')).toBe('content_idx_0192f0c47a3e7c1d8e2f123456789abc_rating');
    const long = indexName(id, 'aVeryLongFieldNameThatGoesOnAndOn');
    expect(long.length).toBeLessThanOrEqual(63);
    expect(indexName(id, 'fooBar')).not.toBe(indexName(id, 'foobar'));
  });
});
