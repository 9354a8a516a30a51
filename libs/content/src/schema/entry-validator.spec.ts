import type { ContentTypeDefinition, FieldDefinition } from './field-definition';
import { compileEntryValidator, entrySchema } from './entry-validator';

const NONE = new Map<string, ContentTypeDefinition>();
const collection = (fields: FieldDefinition[], options?: ContentTypeDefinition['options']): ContentTypeDefinition => ({
  apiId: 'post',
  kind: 'collection',
  name: 'Post',
  fields,
  ...(options ? { options } : {}),
});
const UUID = '0190a9c4-5b7e-7c3a-9d2e-4f1a2b3c4d5e';

const quote: ContentTypeDefinition = {
  apiId: 'quote',
  kind: 'component',
  name: 'Quote',
  fields: [
    { name: 'heading', type: 'text', required: true, maxLength: 10 },
    { name: 'image', type: 'media' },
  ],
};
const components = new Map([['quote', quote]]);

function problems(
  fields: FieldDefinition[],
  data: Record<string, unknown>,
  mode: 'draft' | 'publish' = 'draft',
): { path: string; message: string }[] {
  return compileEntryValidator(collection(fields), components, mode)(data);
}

describe('compileEntryValidator', () => {
  it('accepts a valid entry and refuses unknown fields by name', () => {
    const fields: FieldDefinition[] = [{ name: 'title', type: 'text' }];
    expect(problems(fields, { title: 'Hello' })).toEqual([]);
    expect(problems(fields, { title: 'Hello', body: 'x' })).toEqual([{ path: 'body', message: 'unknown field' }]);
    expect(compileEntryValidator(collection(fields), NONE, 'draft')('x' as never)).toEqual([
      { path: '', message: 'must be an object' },
    ]);
  });

  it('checks text lengths (in code points) and whole-value patterns', () => {
    const fields: FieldDefinition[] = [
      { name: 'title', type: 'text', minLength: 3, maxLength: 5, pattern: '[a-z😀]+' },
    ];
    expect(problems(fields, { title: 'abc' })).toEqual([]);
    expect(problems(fields, { title: '😀😀😀' })).toEqual([]);
    expect(problems(fields, { title: 'ab' })).toEqual([{ path: 'title', message: 'must be at least 3 characters' }]);
    expect(problems(fields, { title: 'abcdef' })).toEqual([{ path: 'title', message: 'must be at most 5 characters' }]);
    expect(problems(fields, { title: 'abC' })).toEqual([{ path: 'title', message: 'must match the pattern [a-z😀]+' }]);
    // The pattern matches the whole value, not a part of it.
    expect(problems([{ name: 'code', type: 'text', pattern: '[0-9]+' }], { code: 'a1' })).toHaveLength(1);
    expect(problems(fields, { title: 42 })).toEqual([{ path: 'title', message: 'must be a string' }]);
  });

  it('applies the default cap to text without maxLength', () => {
    expect(problems([{ name: 't', type: 'text' }], { t: 'x'.repeat(10_001) })).toEqual([
      { path: 't', message: 'must be at most 10000 characters' },
    ]);
  });

  it('treats null and empty values as not set in drafts, and requires them when publishing', () => {
    const fields: FieldDefinition[] = [
      { name: 'title', type: 'text', required: true, minLength: 3 },
      { name: 'tags', type: 'relation', target: 'tag', multiple: true, required: true },
      { name: 'body', type: 'richText', required: true },
      { name: 'count', type: 'integer', required: true },
    ];
    const empty = { title: '', tags: [], body: { type: 'doc', content: [{ type: 'paragraph' }] }, count: null };
    expect(problems(fields, empty, 'draft')).toEqual([]);
    expect(problems(fields, {}, 'draft')).toEqual([]);
    expect(problems(fields, empty, 'publish')).toEqual([
      { path: 'title', message: 'is required' },
      { path: 'tags', message: 'is required' },
      { path: 'body', message: 'is required' },
      { path: 'count', message: 'is required' },
    ]);
    expect(
      problems(fields, {}, 'publish')
        .map((p) => p.path)
        .sort(),
    ).toEqual(['body', 'count', 'tags', 'title']);
    expect(
      problems(
        fields,
        {
          title: 'abc',
          tags: [UUID],
          body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'x' }] }] },
          count: 0,
        },
        'publish',
      ),
    ).toEqual([]);
  });

  it('checks numbers', () => {
    const fields: FieldDefinition[] = [
      { name: 'n', type: 'integer', min: 1, max: 10 },
      { name: 'd', type: 'decimal', min: 0.5, max: 1.5 },
    ];
    expect(problems(fields, { n: 10, d: 0.5 })).toEqual([]);
    expect(problems(fields, { n: 0, d: 2 })).toEqual([
      { path: 'n', message: 'must be at least 1' },
      { path: 'd', message: 'must be at most 1.5' },
    ]);
    expect(problems(fields, { n: 1.5, d: '1' })).toEqual([
      { path: 'n', message: 'must be an integer' },
      { path: 'd', message: 'must be a number' },
    ]);
    expect(problems([{ name: 'n', type: 'integer' }], { n: 2 ** 60 })).toEqual([
      { path: 'n', message: `must be at most ${Number.MAX_SAFE_INTEGER}` },
    ]);
  });

  it('checks booleans, dates, date-times, enums, emails, URLs, slugs', () => {
    const fields: FieldDefinition[] = [
      { name: 'b', type: 'boolean' },
      { name: 'day', type: 'date' },
      { name: 'at', type: 'datetime' },
      { name: 'color', type: 'enum', values: ['red', 'blue'] },
      { name: 'mail', type: 'email' },
      { name: 'site', type: 'url' },
      { name: 'slug', type: 'slug' },
    ];
    const good = {
      b: false,
      day: '2024-02-29',
      at: '2024-02-29T10:00:00+01:00',
      color: 'red',
      mail: 'a@example.com',
      site: 'https://example.com/x',
      slug: 'hello-world-2',
    };
    expect(problems(fields, good)).toEqual([]);
    expect(
      problems(fields, {
        b: 'true',
        day: '2023-02-29',
        at: '2024-02-29T10:00:00',
        color: 'green',
        mail: 'nope',
        site: 'javascript:alert(1)',
        slug: 'Hello--World',
      }),
    ).toEqual([
      { path: 'b', message: 'must be true or false' },
      { path: 'day', message: 'must be a date (YYYY-MM-DD)' },
      { path: 'at', message: 'must be a date-time (RFC 3339, with a time zone)' },
      { path: 'color', message: 'must be one of "red", "blue"' },
      { path: 'mail', message: 'must be an email address' },
      { path: 'site', message: 'must be an absolute http or https URL' },
      { path: 'slug', message: 'must be a slug: lowercase letters and digits joined by single hyphens' },
    ]);
    expect(problems(fields, { site: 'ftp://example.com' })).toHaveLength(1);
    expect(problems(fields, { slug: 'a'.repeat(201) })).toEqual([
      { path: 'slug', message: 'must be at most 200 characters' },
    ]);
  });

  it('reads own properties only: fields named like Object.prototype members are not satisfied by them', () => {
    const fields: FieldDefinition[] = [
      { name: 'constructor', type: 'text', required: true },
      { name: 'toString', type: 'integer' },
    ];
    expect(problems(fields, {})).toEqual([]);
    expect(problems(fields, {}, 'publish')).toEqual([{ path: 'constructor', message: 'is required' }]);
    expect(problems(fields, { constructor: 'x', toString: 1 }, 'publish')).toEqual([]);
  });

  it('accepts any JSON in json fields', () => {
    expect(problems([{ name: 'meta', type: 'json' }], { meta: { a: [1, 'x', null, { b: true }] } })).toEqual([]);
  });

  it('refuses strings PostgreSQL cannot store and data nested too deep', () => {
    expect(problems([{ name: 't', type: 'text' }], { t: 'a\u0000b' })).toEqual([
      { path: 't', message: 'must not contain NUL characters or unpaired surrogates' },
    ]);
    expect(problems([{ name: 'meta', type: 'json' }], { meta: { x: ['\uD800'] } })).toEqual([
      { path: 'meta.x[0]', message: 'must not contain NUL characters or unpaired surrogates' },
    ]);
    let deep: unknown = 1;
    for (let i = 0; i < 100; i++) deep = [deep];
    expect(problems([{ name: 'meta', type: 'json' }], { meta: deep })[0]?.message).toBe('must not nest deeper than 64');
  });

  it('checks media and relation ids, one or many', () => {
    const fields: FieldDefinition[] = [
      { name: 'cover', type: 'media' },
      { name: 'gallery', type: 'media', multiple: true },
      { name: 'author', type: 'relation', target: 'author' },
      { name: 'tags', type: 'relation', target: 'tag', multiple: true },
    ];
    expect(problems(fields, { cover: UUID, gallery: [UUID], author: UUID, tags: [] })).toEqual([]);
    expect(problems(fields, { cover: [UUID], gallery: UUID, author: 'x', tags: [UUID, UUID] })).toEqual([
      { path: 'cover', message: 'must be a string' },
      { path: 'gallery', message: 'must be a list' },
      { path: 'author', message: 'must be a UUID' },
      { path: 'tags', message: 'must not list the same item twice' },
    ]);
  });

  it('validates components by their own definition, with nested paths', () => {
    const fields: FieldDefinition[] = [
      { name: 'hero', type: 'component', component: 'quote' },
      { name: 'blocks', type: 'component', component: 'quote', repeatable: true, minItems: 1, maxItems: 2 },
    ];
    expect(problems(fields, { hero: { heading: 'Hi' }, blocks: [{ heading: 'A', image: UUID }] }, 'publish')).toEqual(
      [],
    );
    expect(
      problems(
        fields,
        { hero: { heading: 'x'.repeat(11), extra: 1 }, blocks: [{ heading: 'ok' }, { image: 'x' }] },
        'publish',
      ),
    ).toEqual([
      { path: 'hero.extra', message: 'unknown field' },
      { path: 'hero.heading', message: 'must be at most 10 characters' },
      { path: 'blocks[1].heading', message: 'is required' },
      { path: 'blocks[1].image', message: 'must be a UUID' },
    ]);
    expect(problems(fields, { blocks: [{}, {}, {}] })).toEqual([
      { path: 'blocks', message: 'must have at most 2 items' },
    ]);
    expect(problems(fields, { hero: 'text' })).toEqual([{ path: 'hero', message: 'must be an object' }]);
    // In a draft, components' required fields may be empty too.
    expect(problems(fields, { blocks: [{}] }, 'draft')).toEqual([]);
  });

  it('refuses values for a component that does not exist', () => {
    const fields: FieldDefinition[] = [{ name: 'gone', type: 'component', component: 'gone' }];
    expect(problems(fields, { gone: null })).toEqual([]);
    expect(problems(fields, { gone: {} })).toEqual([
      { path: 'gone', message: 'uses the component "gone", which does not exist' },
    ]);
  });

  it('validates the built-in SEO block when options.seo is on', () => {
    const validate = compileEntryValidator(collection([], { seo: true }), NONE, 'draft');
    expect(validate({ seo: { title: 'T', canonicalUrl: 'https://example.com', ogImage: UUID } })).toEqual([]);
    expect(
      validate({ seo: { title: 'x'.repeat(71), metaDescription: 'y'.repeat(161), canonicalUrl: 'javascript:x' } }),
    ).toEqual([
      { path: 'seo.title', message: 'must be at most 70 characters' },
      { path: 'seo.metaDescription', message: 'must be at most 160 characters' },
      { path: 'seo.canonicalUrl', message: 'must be an absolute http or https URL' },
    ]);
    expect(compileEntryValidator(collection([]), NONE, 'draft')({ seo: {} })).toEqual([
      { path: 'seo', message: 'unknown field' },
    ]);
  });

  it('checks rich text as a document with a plain-text length limit', () => {
    const fields: FieldDefinition[] = [{ name: 'body', type: 'richText', maxLength: 5 }];
    const docOf = (text: string): unknown => ({
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
    });
    expect(problems(fields, { body: docOf('12345') })).toEqual([]);
    expect(problems(fields, { body: docOf('123456') })).toEqual([
      { path: 'body', message: 'must be at most 5 characters of text' },
    ]);
    expect(problems(fields, { body: { type: 'paragraph' } })).toEqual([
      { path: 'body', message: 'must be a rich-text document ({ "type": "doc", "content": [...] })' },
    ]);
    expect(problems(fields, { body: '<p>x</p>' })).toEqual([{ path: 'body', message: 'must be an object' }]);
  });

  it('validates only the shared or only the localized part when asked', () => {
    const fields: FieldDefinition[] = [
      { name: 'title', type: 'text', localized: true, required: true },
      { name: 'price', type: 'integer', localized: false, required: true },
    ];
    const validate = compileEntryValidator(collection(fields), NONE, 'publish');
    expect(validate({ price: 1 }, { only: 'shared' })).toEqual([]);
    expect(validate({ title: 'x' }, { only: 'localized' })).toEqual([]);
    const shared = validate({ title: 'x' }, { only: 'shared' });
    expect(shared).toHaveLength(2);
    expect(shared).toEqual(
      expect.arrayContaining([
        { path: 'price', message: 'is required' },
        { path: 'title', message: 'unknown field' },
      ]),
    );
  });

  it('reuses compiled validators for the same definition or cache key', () => {
    const definition = collection([{ name: 'title', type: 'text' }]);
    const schemaA = entrySchema(definition, NONE, 'publish');
    expect(schemaA['type']).toBe('object');
    const a = compileEntryValidator(definition, NONE, 'draft');
    a({ title: 'x' });
    const b = compileEntryValidator(
      { ...definition, fields: [{ name: 'title', type: 'integer' }] },
      NONE,
      'draft',
      'k1',
    );
    expect(b({ title: 'x' })).toEqual([{ path: 'title', message: 'must be an integer' }]);
    // Same key: the validator compiled for it first is reused (the key must change with the type).
    const c = compileEntryValidator(definition, NONE, 'draft', 'k1');
    expect(c({ title: 'x' })).toEqual([{ path: 'title', message: 'must be an integer' }]);
  });
});
