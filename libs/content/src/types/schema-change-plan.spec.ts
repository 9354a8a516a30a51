import type { ContentTypeDefinition, FieldDefinition } from '../schema/field-definition';
import { diffDefinitions } from '../schema/schema-change';
import { isBulkEmpty, planSchemaChange } from './schema-change-plan';

const type = (fields: unknown[], options: ContentTypeDefinition['options'] = {}): ContentTypeDefinition =>
  ({
    apiId: 'post',
    kind: 'collection',
    name: 'Post',
    fields: fields as FieldDefinition[],
    options,
  }) as ContentTypeDefinition;
const plan = (before: ContentTypeDefinition, after: ContentTypeDefinition, renames: Record<string, string> = {}) =>
  planSchemaChange(before, after, diffDefinitions(before, after, renames));

const TITLE = { name: 'title', type: 'text', maxLength: 100 };
const RATING = { name: 'rating', type: 'integer', localized: false };
const CODE = { name: 'code', type: 'text', localized: false };

describe('planSchemaChange', () => {
  it('puts renames, removals and fields made private in the set-based part, with nothing to walk', () => {
    const result = plan(
      type([TITLE, RATING, CODE, { name: 'body', type: 'longText' }]),
      type([
        { ...TITLE, name: 'headline' },
        { ...CODE, private: true },
        { name: 'body', type: 'longText', private: true },
      ]),
      { title: 'headline' },
    );
    expect(result.bulk).toEqual({
      renames: [{ from: 'title', to: 'headline' }],
      removed: ['rating'],
      madePrivate: ['code', 'body'],
      // code and body fed the search text; rating (a number) never did.
      searchTextLost: ['code', 'body'],
    });
    expect(result.walkFields).toEqual([]);
    expect(result.newlyUnique).toEqual([]);
  });

  it('walks only fields whose rules may refuse values or whose storage moves', () => {
    const result = plan(
      type([TITLE, RATING, CODE]),
      type([
        { ...TITLE, maxLength: 50, label: 'Title' },
        { ...RATING, localized: true, required: true },
        { ...CODE, maxLength: 10 },
      ]),
    );
    expect(result.walkFields).toEqual(['title', 'rating', 'code']);
    expect(isBulkEmpty(result.bulk)).toBe(true);
  });

  it('does not walk for loosened limits, labels, indexes, required or unique', () => {
    const result = plan(
      type([TITLE, RATING]),
      type([
        { ...TITLE, maxLength: 500, label: 'T', required: true, unique: true },
        { ...RATING, indexed: true },
      ]),
    );
    expect(result.walkFields).toEqual([]);
    expect(result.newlyUnique.map((f) => f.name)).toEqual(['title']);
  });

  it('checks uniqueness of added unique fields, slugs, and unique fields moving between shared and localized', () => {
    const slug = { name: 'slug', type: 'slug', sourceField: 'title' };
    const result = plan(
      type([TITLE, { ...CODE, unique: true }]),
      type([TITLE, { ...CODE, unique: true, localized: true }, slug, { name: 'sku', type: 'text', unique: true }]),
    );
    expect(result.newlyUnique.map((f) => f.name)).toEqual(['code', 'slug', 'sku']);
    // Already unique under a new name: nothing to check.
    expect(
      plan(type([{ ...CODE, unique: true }]), type([{ ...CODE, name: 'ref', unique: true }]), { code: 'ref' })
        .newlyUnique,
    ).toEqual([]);
  });

  it('handles a swap of names and a field taking a removed field’s name', () => {
    const swap = plan(
      type([TITLE, CODE]),
      type([
        { ...TITLE, name: 'code' },
        { ...CODE, name: 'title' },
      ]),
      {
        title: 'code',
        code: 'title',
      },
    );
    expect(swap.bulk.renames).toEqual([
      { from: 'title', to: 'code' },
      { from: 'code', to: 'title' },
    ]);
    expect(swap.bulk.removed).toEqual([]);
    const taken = plan(type([TITLE, CODE]), type([{ ...TITLE, name: 'code' }]), { title: 'code' });
    expect(taken.bulk.removed).toEqual(['code']);
  });

  it('removes the SEO block when options.seo is turned off; components get no set-based part', () => {
    expect(plan(type([TITLE], { seo: true }), type([TITLE], { seo: false })).bulk.removed).toEqual(['seo']);
    const component = { ...type([TITLE]), kind: 'component' } as ContentTypeDefinition;
    const result = planSchemaChange(
      component,
      { ...component, fields: [] },
      diffDefinitions(component, { ...component, fields: [] }),
    );
    expect(isBulkEmpty(result.bulk)).toBe(true);
  });
});
