import { collectReferences } from './references';
import { UUID_A, UUID_B, UUID_C, fixtureComponents, postType } from './test-fixtures';

describe('collectReferences', () => {
  it('lists every relation and media id, in components and the SEO block too', () => {
    const refs = collectReferences(postType, fixtureComponents, {
      author: UUID_A,
      tags: [UUID_B, UUID_C, UUID_B],
      gallery: [UUID_A],
      blocks: [{ image: UUID_B, card: { link: UUID_C } }, { image: null }],
      seo: { ogImage: UUID_C },
      unknown: UUID_A,
    });
    expect(refs).toEqual([
      { fieldPath: 'author', targetKind: 'entry', targetId: UUID_A, relationTarget: 'author', onDelete: 'restrict' },
      { fieldPath: 'tags', targetKind: 'entry', targetId: UUID_B, relationTarget: 'tag', onDelete: 'detach' },
      { fieldPath: 'tags', targetKind: 'entry', targetId: UUID_C, relationTarget: 'tag', onDelete: 'detach' },
      { fieldPath: 'gallery', targetKind: 'media', targetId: UUID_A },
      { fieldPath: 'blocks[0].image', targetKind: 'media', targetId: UUID_B },
      {
        fieldPath: 'blocks[0].card.link',
        targetKind: 'entry',
        targetId: UUID_C,
        relationTarget: 'post',
        onDelete: 'detach',
      },
      { fieldPath: 'seo.ogImage', targetKind: 'media', targetId: UUID_C },
    ]);
  });

  it('finds nothing in empty data', () => {
    expect(collectReferences(postType, fixtureComponents, {})).toEqual([]);
  });
});
