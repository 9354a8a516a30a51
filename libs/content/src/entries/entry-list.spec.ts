import { parseListQuery } from '@quire/core';
import type { LoadedContentType } from '../shared/content-type-lookup';
import { entryListModel, entryListSpec } from './entry-list';

const type: LoadedContentType = {
  id: '0192f0c4-7a3e-7c1d-8e2f-123456789abc',
  apiId: 'post',
  kind: 'collection',
  version: 1,
  publicRead: false,
  components: new Map(),
  definition: {
    apiId: 'post',
    kind: 'collection',
    name: 'Post',
    fields: [
      { name: 'title', type: 'text' },
      { name: 'rating', type: 'integer', localized: false },
      { name: 'body', type: 'richText' },
      { name: 'author', type: 'relation', target: 'author' },
    ],
  },
};

describe('entryListSpec', () => {
  const spec = entryListSpec(type);

  it('reads localized fields from the locale draft and shared ones from the entry, typed for SQL', () => {
    expect(spec.fields.title.column).toBe(`({alias}.draft_data->>'title')`);
    expect(spec.fields.rating).toMatchObject({
      type: 'integer',
      column: `(({alias}.shared_data->>'rating')::numeric)`,
      filterable: true,
      sortable: true,
    });
  });

  it('accepts filters on scalar fields and status; refuses them on rich text', () => {
    const query = parseListQuery({ filter: { rating: { gte: '3' }, status: 'changed' }, sort: '-title' }, spec);
    expect(query.filters).toHaveLength(2);
    expect(() => parseListQuery({ filter: { body: 'x' } }, spec)).toThrow();
    expect(() => parseListQuery({ filter: { status: 'deleted' } }, spec)).toThrow();
  });

  it('takes locale as an extra parameter', () => {
    expect(parseListQuery({ locale: 'de' }, spec).extra).toEqual({ locale: 'de' });
  });

  it('knows which fields need the entry row and which eq filters are containment on which column', () => {
    const model = entryListModel(type);
    expect([...model.entryFields].sort()).toEqual(['author', 'createdAt', 'createdById', 'rating', 'updatedById']);
    expect(Object.fromEntries(model.containment)).toEqual({
      title: 'draft_data',
      rating: 'shared_data',
      author: 'shared_data',
    });
  });
});
