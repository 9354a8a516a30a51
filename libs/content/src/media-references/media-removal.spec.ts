import { UUID_A, UUID_B, fixtureComponents, postType } from '../schema/test-fixtures';
import { isSharedPath, removeMediaReferences } from './media-removal';

describe(removeMediaReferences.name, () => {
  it('removes the asset from lists, single fields and components, in drafts and published documents', () => {
    const draft = {
      title: 'Hello',
      gallery: [UUID_B, UUID_A],
      blocks: [{ image: UUID_A, heading: 'One' }, { image: UUID_B }],
      seo: { ogImage: UUID_A },
    };
    const sut = removeMediaReferences(
      postType,
      fixtureComponents,
      {
        shared: { views: 3 },
        locales: [
          { locale: 'de', draft: { title: 'Hallo' }, published: null },
          { locale: 'en', draft, published: { title: 'Hello', gallery: [UUID_A] } },
        ],
      },
      UUID_A,
    );
    expect(sut.shared).toBeNull();
    expect([...sut.drafts.keys()]).toEqual(['en']);
    expect(sut.drafts.get('en')).toEqual({
      title: 'Hello',
      gallery: [UUID_B],
      blocks: [{ image: null, heading: 'One' }, { image: UUID_B }],
      seo: { ogImage: null },
    });
    expect(sut.published.get('en')).toEqual({ title: 'Hello', gallery: [] });
    expect(sut.fields).toEqual(['blocks[0].image', 'gallery', 'seo.ogImage']);
    expect(sut.publishedChanges).toEqual([
      { path: 'gallery', locale: 'en', before: [UUID_A], after: [], version: 'published' },
    ]);
  });

  it('leaves documents without the asset out, and finds ids stored in upper case', () => {
    const sut = removeMediaReferences(
      postType,
      fixtureComponents,
      {
        shared: {},
        locales: [{ locale: 'en', draft: { gallery: [UUID_A.toUpperCase()] }, published: { title: 'x' } }],
      },
      UUID_A,
    );
    expect(sut.drafts.get('en')).toEqual({ gallery: [] });
    expect(sut.published.size).toBe(0);
    expect(sut.publishedChanges).toEqual([]);
  });

  it('changes nothing when nothing holds the asset', () => {
    const sut = removeMediaReferences(
      postType,
      fixtureComponents,
      { shared: { views: 1 }, locales: [{ locale: 'en', draft: { gallery: [UUID_B] }, published: null }] },
      UUID_A,
    );
    expect(sut).toEqual({ shared: null, drafts: new Map(), published: new Map(), fields: [], publishedChanges: [] });
  });
});

describe(isSharedPath.name, () => {
  it('reads the top-level field of a path', () => {
    expect(isSharedPath(postType, 'views')).toBe(true);
    expect(isSharedPath(postType, 'gallery')).toBe(false);
    expect(isSharedPath(postType, 'blocks[0].image')).toBe(false);
    expect(isSharedPath(postType, 'unknown')).toBe(false);
  });
});
