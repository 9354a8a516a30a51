import type { ContentTypeDefinition, FieldDefinition } from './field-definition';
import { changeMayInvalidateEntries, diffDefinitions } from './schema-change';

const type = (fields: FieldDefinition[], extra: Partial<ContentTypeDefinition> = {}): ContentTypeDefinition => ({
  apiId: 'post',
  kind: 'collection',
  name: 'Post',
  fields,
  ...extra,
});

describe('diffDefinitions', () => {
  it('reports type-level changes, then fields of the new version in order, then removals', () => {
    const changes = diffDefinitions(
      type([
        { name: 'title', type: 'text', maxLength: 200 },
        { name: 'old', type: 'text' },
        { name: 'gone', type: 'integer' },
      ]),
      type(
        [
          { name: 'title', type: 'text', maxLength: 100, localized: false, private: true },
          { name: 'renamed', type: 'text' },
          { name: 'added', type: 'boolean', required: true },
        ],
        { apiId: 'article', kind: 'singleton', name: 'Article', options: { seo: true } },
      ),
      { old: 'renamed' },
    );
    expect(changes.map(({ rules: _rules, ...c }) => c)).toEqual([
      { kind: 'type-renamed', from: 'post', to: 'article' },
      { kind: 'kind-changed', from: 'collection', to: 'singleton' },
      { kind: 'options-changed', details: ['name "Post" → "Article"', 'seo false → true'] },
      {
        kind: 'field-changed',
        field: 'title',
        details: ['localized true → false', 'private false → true', 'maxLength 200 → 100'],
      },
      { kind: 'field-renamed', field: 'renamed', from: 'old', to: 'renamed' },
      { kind: 'field-added', field: 'added', details: ['required'] },
      { kind: 'field-removed', field: 'gone' },
    ]);
  });

  it('finds no change between a definition and itself, nor for explicit defaults', () => {
    const fields: FieldDefinition[] = [{ name: 'a', type: 'relation', target: 'x' }];
    expect(
      diffDefinitions(
        type(fields),
        type([{ name: 'a', type: 'relation', target: 'x', onDelete: 'restrict', multiple: false, localized: false }]),
      ),
    ).toEqual([]);
  });

  it('treats a field whose name is gone and is not in renames as removed, never guessed', () => {
    const changes = diffDefinitions(type([{ name: 'a', type: 'text' }]), type([{ name: 'b', type: 'text' }]));
    expect(changes.map((c) => c.kind)).toEqual(['field-added', 'field-removed']);
  });
});

describe('changeMayInvalidateEntries', () => {
  const changed = (before: FieldDefinition, after: FieldDefinition): boolean => {
    const [change] = diffDefinitions(type([before]), type([after]));
    return changeMayInvalidateEntries(change!);
  };

  it('is false for optional additions, labels and loosened limits', () => {
    expect(changeMayInvalidateEntries({ kind: 'field-added', field: 'x' })).toBe(false);
    expect(
      changed({ name: 'a', type: 'text', label: 'A' }, { name: 'a', type: 'text', label: 'B', description: 'd' }),
    ).toBe(false);
    expect(
      changed({ name: 'a', type: 'text', maxLength: 10, minLength: 5 }, { name: 'a', type: 'text', maxLength: 20 }),
    ).toBe(false);
    expect(
      changed({ name: 'a', type: 'integer', min: 0, max: 5 }, { name: 'a', type: 'integer', min: -1, max: 6 }),
    ).toBe(false);
    expect(changed({ name: 'a', type: 'enum', values: ['x'] }, { name: 'a', type: 'enum', values: ['x', 'y'] })).toBe(
      false,
    );
    expect(changed({ name: 'a', type: 'text', required: true, pattern: 'x' }, { name: 'a', type: 'text' })).toBe(false);
    expect(changed({ name: 'a', type: 'text' }, { name: 'a', type: 'text', private: true })).toBe(false);
  });

  it('is true for anything that may break or move data', () => {
    expect(changeMayInvalidateEntries({ kind: 'field-added', field: 'x', details: ['required'] })).toBe(true);
    expect(changeMayInvalidateEntries({ kind: 'field-removed', field: 'x' })).toBe(true);
    expect(changeMayInvalidateEntries({ kind: 'field-renamed', field: 'x', from: 'y', to: 'x' })).toBe(true);
    expect(changeMayInvalidateEntries({ kind: 'field-changed', field: 'x' })).toBe(true);
    expect(changed({ name: 'a', type: 'text', maxLength: 20 }, { name: 'a', type: 'text', maxLength: 10 })).toBe(true);
    expect(changed({ name: 'a', type: 'text' }, { name: 'a', type: 'text', maxLength: 10 })).toBe(true);
    expect(changed({ name: 'a', type: 'text' }, { name: 'a', type: 'text', required: true })).toBe(true);
    expect(changed({ name: 'a', type: 'text' }, { name: 'a', type: 'longText' })).toBe(true);
    expect(changed({ name: 'a', type: 'text' }, { name: 'a', type: 'text', localized: false })).toBe(true);
    expect(changed({ name: 'a', type: 'enum', values: ['x', 'y'] }, { name: 'a', type: 'enum', values: ['x'] })).toBe(
      true,
    );
    expect(changed({ name: 'a', type: 'media' }, { name: 'a', type: 'media', multiple: true })).toBe(true);
    const [seoOff] = diffDefinitions(type([], { options: { seo: true } }), type([]));
    expect(changeMayInvalidateEntries(seoOff!)).toBe(true);
    const [renamedType] = diffDefinitions(type([]), type([], { name: 'Other' }));
    expect(changeMayInvalidateEntries(renamedType!)).toBe(false);
  });
});
