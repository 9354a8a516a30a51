import { mergeLocalization, splitByLocalization } from './localization';
import { postType } from './test-fixtures';

describe('splitByLocalization / mergeLocalization', () => {
  it('splits by each field’s localized flag (defaults by type) and merges back', () => {
    const data = { title: 'T', views: 3, internal: 'x', author: null, body: null, seo: { title: 's' } };
    const { shared, localized } = splitByLocalization(postType, data);
    // `author` is a relation: shared by default; `body` (rich text) and the SEO block are localized.
    expect(shared).toEqual({ views: 3, internal: 'x', author: null });
    expect(localized).toEqual({ title: 'T', body: null, seo: { title: 's' } });
    expect(mergeLocalization(shared, localized)).toEqual(data);
  });

  it('sends unknown keys to the localized part, where the validator refuses them, and keeps __proto__ as a key', () => {
    const data = JSON.parse('{"nope":1,"__proto__":{"polluted":true}}') as Record<string, unknown>;
    const { shared, localized } = splitByLocalization(postType, data);
    expect(shared).toEqual({});
    expect(Object.keys(localized)).toEqual(['nope', '__proto__']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});
