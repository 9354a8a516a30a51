import type { ContentTypeDefinition } from './field-definition';
import { validateTypeDefinition, type TypeDefinitionEnvironment } from './validate-type-definition';

const component = (apiId: string, fields: unknown[] = []): ContentTypeDefinition =>
  ({ apiId, kind: 'component', name: apiId, fields }) as ContentTypeDefinition;

const env = (components: ContentTypeDefinition[] = [], targets: string[] = ['author']): TypeDefinitionEnvironment => ({
  components: new Map(components.map((c) => [c.apiId, c])),
  relationTargets: new Set(targets),
});

const post = (fields: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  apiId: 'blog-post',
  kind: 'collection',
  name: 'Blog post',
  fields,
  ...extra,
});

function problemsOf(input: unknown, environment = env()): { path: string; message: string }[] {
  return validateTypeDefinition(input, environment).problems;
}

describe('validateTypeDefinition', () => {
  it('accepts a full definition and normalizes localized per type', () => {
    const quote = component('quote', [{ name: 'text', type: 'text' }]);
    const { definition, problems } = validateTypeDefinition(
      post(
        [
          { name: 'title', type: 'text', required: true, maxLength: 120, unique: true },
          { name: 'slug', type: 'slug', sourceField: 'title' },
          { name: 'body', type: 'richText' },
          { name: 'views', type: 'integer', min: 0, indexed: true },
          { name: 'price', type: 'decimal', min: 0.5, max: 10.25, default: 1 },
          { name: 'color', type: 'enum', values: ['red', 'blue'], default: 'red' },
          { name: 'author', type: 'relation', target: 'author', onDelete: 'detach' },
          { name: 'self', type: 'relation', target: 'blog-post', multiple: true },
          { name: 'cover', type: 'media', allowedTypes: ['image', 'application/pdf'] },
          { name: 'quotes', type: 'component', component: 'quote', repeatable: true, maxItems: 5 },
          { name: 'meta', type: 'json', private: true },
        ],
        { options: { seo: true, publicRead: true, revisionCap: 20 } },
      ),
      env([quote]),
    );
    expect(problems).toEqual([]);
    const localized = Object.fromEntries(definition!.fields.map((f) => [f.name, f.localized]));
    expect(localized).toEqual({
      title: true,
      slug: true,
      body: true,
      views: false,
      price: false,
      color: false,
      author: false,
      self: false,
      cover: true,
      quotes: true,
      meta: false,
    });
    expect(definition!.fields.some((f) => f.name === 'seo')).toBe(false);
    expect(definition!.options).toEqual({ seo: true, publicRead: true, revisionCap: 20 });
  });

  it('refuses bad type-level values', () => {
    expect(problemsOf(null)).toEqual([{ path: '', message: 'must be an object' }]);
    expect(
      problemsOf({ apiId: 'Blog_Post', kind: 'table', name: '', fields: 'x', extra: 1 }).map((p) => p.path),
    ).toEqual(['extra', 'apiId', 'kind', 'name', 'fields']);
    expect(problemsOf(post([], { apiId: 'a' }))[0]).toEqual({
      path: 'apiId',
      message: 'must be 2 to 60 characters long',
    });
    expect(problemsOf(post([], { apiId: 'a--b' }))[0]?.path).toBe('apiId');
    expect(problemsOf(post([], { options: { revisionCap: 0, seo: 'yes', other: true } })).map((p) => p.path)).toEqual([
      'options.other',
      'options.seo',
      'options.revisionCap',
    ]);
    expect(problemsOf(post(Array.from({ length: 201 }, (_, i) => ({ name: `f${i}`, type: 'text' }))))).toEqual([
      { path: 'fields', message: 'must have at most 200 fields' },
    ]);
  });

  it('refuses bad, duplicate and reserved field names', () => {
    expect(
      problemsOf(
        post(
          [
            { name: 'Title', type: 'text' },
            { name: 'title', type: 'text' },
            { name: 'title', type: 'text' },
            { name: 'id', type: 'text' },
            { name: 'seo', type: 'text' },
          ],
          { options: { seo: true } },
        ),
      ).map((p) => `${p.path}: ${p.message}`),
    ).toEqual([
      'fields[0].name: must be camelCase: a lowercase letter, then letters and digits, at most 64 characters',
      'fields[2].name: repeats the name "title" of fields[1]',
      'fields[3].name: "id" is reserved for entry metadata',
      'fields[4].name: "seo" is the built-in SEO block of this type (options.seo)',
    ]);
    // Without options.seo, `seo` is an ordinary name.
    expect(problemsOf(post([{ name: 'seo', type: 'text' }]))).toEqual([]);
  });

  it('refuses unknown types, options of other types and bad limits', () => {
    const paths = problemsOf(
      post([
        { name: 'a', type: 'string' },
        { name: 'b', type: 'text', min: 1 },
        { name: 'c', type: 'text', minLength: 10, maxLength: 5 },
        { name: 'd', type: 'integer', min: 5, max: 1 },
        { name: 'e', type: 'integer', min: 1.5 },
        { name: 'f', type: 'text', maxLength: -1 },
        { name: 'g', type: 'decimal', max: 'x' },
      ]),
    ).map((p) => p.path);
    expect(paths).toEqual([
      'fields[0].type',
      'fields[1].min',
      'fields[2].minLength',
      'fields[3].min',
      'fields[4].min',
      'fields[5].maxLength',
      'fields[6].max',
    ]);
  });

  it('checks patterns compile with the u flag and are not absurdly long', () => {
    expect(problemsOf(post([{ name: 'a', type: 'text', pattern: '[a-z' }]))[0]?.path).toBe('fields[0].pattern');
    // Valid without `u`, invalid with it.
    expect(problemsOf(post([{ name: 'a', type: 'text', pattern: '\\-\\q' }]))[0]?.path).toBe('fields[0].pattern');
    expect(problemsOf(post([{ name: 'a', type: 'text', pattern: 'a'.repeat(501) }]))[0]?.message).toBe(
      'must be at most 500 characters',
    );
    expect(problemsOf(post([{ name: 'a', type: 'text', pattern: '\\p{Lu}[a-z]*' }]))).toEqual([]);
  });

  it('checks enum values', () => {
    expect(problemsOf(post([{ name: 'a', type: 'enum', values: [] }]))[0]?.path).toBe('fields[0].values');
    expect(problemsOf(post([{ name: 'a', type: 'enum' }]))[0]?.path).toBe('fields[0].values');
    expect(problemsOf(post([{ name: 'a', type: 'enum', values: ['x', '', 'x', 3] }])).map((p) => p.path)).toEqual([
      'fields[0].values[1]',
      'fields[0].values[2]',
      'fields[0].values[3]',
    ]);
  });

  it('checks slug sources, relation targets and unique/indexed support', () => {
    expect(
      problemsOf(
        post([
          { name: 'body', type: 'longText' },
          { name: 'slug', type: 'slug', sourceField: 'body' },
          { name: 'other', type: 'slug', sourceField: 'missing' },
          { name: 'author', type: 'relation', target: 'nope' },
          { name: 'tags', type: 'relation', target: 'author', onDelete: 'cascade' },
          { name: 'data', type: 'json', unique: true },
          { name: 'flag', type: 'boolean', indexed: true, private: true },
          { name: 'blob', type: 'json', indexed: true },
        ]),
      ).map((p) => p.path),
    ).toEqual([
      'fields[1].sourceField',
      'fields[2].sourceField',
      'fields[3].target',
      'fields[4].onDelete',
      'fields[5].unique',
      'fields[6].indexed',
      'fields[7].indexed',
    ]);
  });

  it('checks defaults against the field', () => {
    expect(
      problemsOf(
        post([
          { name: 'a', type: 'text', maxLength: 3, default: 'long' },
          { name: 'b', type: 'integer', default: 'x' },
          { name: 'c', type: 'enum', values: ['x'], default: 'y' },
          { name: 'd', type: 'relation', target: 'author', default: '0190a9c4-5b7e-7c3a-9d2e-4f1a2b3c4d5e' },
          { name: 'e', type: 'boolean', default: true },
        ]),
      ),
    ).toEqual([
      { path: 'fields[0].default', message: 'must be at most 3 characters' },
      { path: 'fields[1].default', message: 'must be an integer' },
      { path: 'fields[2].default', message: 'must be one of "x"' },
      { path: 'fields[3].default', message: 'is not supported on relation fields' },
    ]);
  });

  it('checks components: existence, kind, options of component types, nesting depth and cycles', () => {
    const leaf = component('leaf', [{ name: 'x', type: 'text' }]);
    const c3 = component('c3', [{ name: 'leaf', type: 'component', component: 'leaf' }]);
    const c2 = component('c2', [{ name: 'c3', type: 'component', component: 'c3' }]);
    const c1 = component('c1', [{ name: 'c2', type: 'component', component: 'c2' }]);
    const environment = env([leaf, c1, c2, c3, { apiId: 'author', kind: 'collection', name: 'A', fields: [] }]);
    expect(problemsOf(post([{ name: 'a', type: 'component', component: 'c2' }]), environment)).toEqual([]);
    expect(problemsOf(post([{ name: 'a', type: 'component', component: 'c1' }]), environment)).toEqual([
      { path: 'fields[0].component', message: 'nests components 4 deep (c1 → c2 → c3 → leaf); at most 3 allowed' },
    ]);
    expect(problemsOf(post([{ name: 'a', type: 'component', component: 'author' }]), environment)[0]?.path).toBe(
      'fields[0].component',
    );
    expect(problemsOf(post([{ name: 'a', type: 'component', component: 'c2', minItems: 1 }]), environment)).toEqual([
      { path: 'fields[0].minItems', message: 'applies to repeatable components only' },
    ]);
    // A component embedding itself, directly or through another.
    expect(
      problemsOf({ ...component('loop', [{ name: 'me', type: 'component', component: 'loop' }]) }, environment)[0]
        ?.message,
    ).toBe('must not embed the component in itself');
    const a = component('ca', [{ name: 'b', type: 'component', component: 'cb' }]);
    const b = component('cb', [{ name: 'a', type: 'component', component: 'ca' }]);
    expect(problemsOf(a, env([a, b]))).toEqual([
      { path: 'fields[0].component', message: 'makes a cycle of components: ca → cb → ca' },
    ]);
    // A component type is always embedded: its own chain counts one level.
    expect(
      problemsOf(component('top', [{ name: 'c', type: 'component', component: 'c2' }]), environment)[0]?.message,
    ).toMatch(/nests components 4 deep/);
    expect(
      problemsOf({ ...component('opt', []), options: { publicRead: true, seo: true } }).map((p) => p.path),
    ).toEqual(['options.publicRead', 'options.seo']);
    expect(problemsOf(component('uniq', [{ name: 'x', type: 'text', unique: true }]))[0]?.path).toBe(
      'fields[0].unique',
    );
  });

  it('refuses a field naming the built-in SEO component', () => {
    expect(problemsOf(post([{ name: 'meta', type: 'component', component: '$seo' }]))[0]?.path).toBe(
      'fields[0].component',
    );
  });

  it('never throws on hostile input', () => {
    for (const input of [
      undefined,
      1,
      [],
      { fields: [null, 1, 'x', []] },
      { fields: [{ name: '__proto__', type: 'text' }] },
    ]) {
      expect(() => validateTypeDefinition(input, env())).not.toThrow();
    }
  });
});
