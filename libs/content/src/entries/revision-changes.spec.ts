import { revisionChanges } from './revision-changes';

describe(revisionChanges.name, () => {
  it('names each change by its path, before and after null where the field had or has no value', () => {
    expect(
      revisionChanges(
        [
          { path: 'slug', locale: null, before: 'a', after: 'b' },
          { path: 'title', locale: 'en', before: 'Old', after: 'New' },
          { path: 'summary', locale: 'en', after: 'Added' },
        ],
        'en',
      ),
    ).toEqual({
      slug: { before: 'a', after: 'b' },
      title: { before: 'Old', after: 'New' },
      summary: { before: null, after: 'Added' },
    });
  });

  it('qualifies values of another locale and of a published document', () => {
    expect(
      revisionChanges(
        [
          { path: 'title', locale: 'de', before: 'Alt' },
          { path: 'hero', locale: 'en', before: 'asset-1', version: 'published' },
        ],
        'en',
      ),
    ).toEqual({
      'de:title': { before: 'Alt', after: null },
      'published:hero': { before: 'asset-1', after: null },
    });
  });
});
