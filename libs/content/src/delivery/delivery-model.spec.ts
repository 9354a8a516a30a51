import { parseListQuery, type ValidationFailedError } from '@quire/core';
import type { ContentTypeDefinition } from '../schema/field-definition';
import { buildDeliveryModel } from './delivery-model';
import { filterConditions, orderBy, SqlParams, withAlias } from './delivery-sql';
import { parsePopulate, populateDepth } from './populate';

const POST: ContentTypeDefinition = {
  apiId: 'post',
  kind: 'collection',
  name: 'Post',
  fields: [
    { name: 'title', type: 'text' },
    { name: 'slug', type: 'slug' },
    { name: 'rating', type: 'integer' },
    { name: 'day', type: 'date' },
    { name: 'at', type: 'datetime' },
    { name: 'secret', type: 'text', private: true },
    { name: 'author', type: 'relation', target: 'author' },
    { name: 'tags', type: 'relation', target: 'tag', multiple: true },
    { name: 'body', type: 'richText' },
    { name: 'seoBlock', type: 'component', component: 'seo-block' },
  ],
};
const AUTHOR: ContentTypeDefinition = {
  apiId: 'author',
  kind: 'collection',
  name: 'Author',
  fields: [
    { name: 'name', type: 'text' },
    { name: 'avatar', type: 'media' },
  ],
};

describe('the delivery model of a type', () => {
  const model = buildDeliveryModel(POST);

  it('leaves private fields out of the fields and of the list language', () => {
    expect(model.fieldsByName.has('secret')).toBe(false);
    expect(model.spec.fields).not.toHaveProperty('secret');
    expect(() => parseListQuery({ filter: { secret: { eq: 'x' } } }, model.spec)).toThrow(/unknown field "secret"/);
  });

  it('filters and sorts scalars and single relations, and only selects the rest', () => {
    expect(model.spec.fields.author).toMatchObject({ type: 'uuid', filterable: true });
    expect(model.spec.fields.tags).toMatchObject({ selectable: true });
    expect(model.spec.fields.tags.filterable).toBeUndefined();
    expect(model.spec.fields.body.sortable).toBeUndefined();
    expect(model.slugField).toBe('slug');
    expect(model.spec.defaultSort).toBe('-publishedAt');
  });

  it('writes eq as JSON containment and everything else as typed expressions, values as parameters', () => {
    const query = parseListQuery(
      {
        filter: {
          title: { eq: "O'Brien" },
          rating: { gte: '3', in: '1,2' },
          day: { lt: '2024-05-01' },
          at: { eq: '2024-05-01T10:00:00Z' },
          slug: { contains: '50%' },
        },
      },
      model.spec,
    );
    const params = new SqlParams('ws');
    const sql = filterConditions(model, query.filters, params).map((c) => withAlias(c, 'l'));
    expect(sql).toEqual([
      'l.published_data @> $2::jsonb',
      "(l.published_data->>'rating')::numeric >= $3::numeric",
      "(l.published_data->>'rating')::numeric = ANY($4::numeric[])",
      "(l.published_data->>'day')::date < $5::date",
      "(l.published_data->>'at')::timestamptz = $6::timestamptz",
      "l.published_data->>'slug' ILIKE $7 ESCAPE '\\'",
    ]);
    expect(params.values).toEqual([
      'ws',
      JSON.stringify({ title: "O'Brien" }),
      3,
      [1, 2],
      '2024-05-01',
      '2024-05-01T10:00:00.000Z',
      '%50\\%%',
    ]);
  });

  it('orders by rank for a search without sort, else by the sort, always with a unique last key', () => {
    const query = parseListQuery({}, model.spec);
    expect(orderBy(model, query, null, false)).toEqual(['{alias}.published_at DESC', '{alias}.id ASC']);
    expect(orderBy(model, query, 'rank()', false)).toEqual(['rank() DESC', '{alias}.id ASC']);
    expect(orderBy(model, query, 'rank()', true)).toEqual(['{alias}.published_at DESC', '{alias}.id ASC']);
  });
});

describe('populate', () => {
  const post = buildDeliveryModel(POST);
  const author = buildDeliveryModel(AUTHOR);
  const source = { relationTarget: (apiId: string) => (apiId === 'author' ? author : null), component: () => null };

  it('builds a tree of paths, and * as every populatable field one level', () => {
    const tree = parsePopulate('author.avatar,tags', post, source, 3);
    expect([...tree.keys()]).toEqual(['author', 'tags']);
    expect([...tree.get('author')!.keys()]).toEqual(['avatar']);
    expect(populateDepth(tree)).toBe(2);
    expect([...parsePopulate('*', post, source, 3).keys()]).toEqual(['author', 'tags', 'seoBlock']);
  });

  it('refuses paths deeper than allowed, and unknown, private or plain fields with the same words', () => {
    const problem = (populate: string, maxDepth = 3) => {
      try {
        parsePopulate(populate, post, source, maxDepth);
      } catch (error) {
        return (error as ValidationFailedError).errors;
      }
      throw new Error(`accepted ${populate}`);
    };
    expect(problem('author.avatar', 1)).toEqual([
      { path: 'populate', message: expect.stringMatching(/2 levels deep/) },
    ]);
    const words = (populate: string, name: string) => problem(populate)![0].message.replace(name, '<f>');
    expect(words('secret', 'secret')).toBe(words('nonexistent', 'nonexistent'));
    expect(words('title', 'title')).toBe(words('nonexistent', 'nonexistent'));
    expect(problem('author.name')![0].message).toMatch(/unknown field "author.name"/);
  });
});
