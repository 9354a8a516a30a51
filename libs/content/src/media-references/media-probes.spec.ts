import type { ContentTypeDefinition } from '../schema/field-definition';
import { UUID_A, fixtureComponents, postType } from '../schema/test-fixtures';
import { publishedMediaProbes } from './media-probes';

describe(publishedMediaProbes.name, () => {
  it('lists one containment document per place a published document can hold the asset, both shapes each', () => {
    const sut = publishedMediaProbes([postType], fixtureComponents, UUID_A);
    const upper = UUID_A.toUpperCase();
    expect(sut.map((probe) => JSON.parse(probe))).toEqual(
      expect.arrayContaining([
        { gallery: [UUID_A] },
        { gallery: UUID_A },
        { blocks: [{ image: UUID_A }] },
        { blocks: [{ image: [UUID_A] }] },
        { seo: { ogImage: UUID_A } },
        { gallery: [upper] },
      ]),
    );
    // gallery, blocks[].image and seo.ogImage, two shapes and two spellings each.
    expect(sut).toHaveLength(12);
  });

  it('skips private fields (never published), components, and types without media', () => {
    const privateCover: ContentTypeDefinition = {
      apiId: 'page',
      kind: 'collection',
      name: 'Page',
      fields: [
        { name: 'title', type: 'text' },
        { name: 'cover', type: 'media', private: true },
        { name: 'hidden', type: 'component', component: 'block', private: true },
      ],
    };
    expect(publishedMediaProbes([privateCover, ...fixtureComponents.values()], fixtureComponents, UUID_A)).toEqual([]);
  });

  it('stops at the component nesting limit and at components that do not exist', () => {
    const looping: ContentTypeDefinition = {
      apiId: 'loop',
      kind: 'component',
      name: 'Loop',
      fields: [
        { name: 'picture', type: 'media' },
        { name: 'inner', type: 'component', component: 'loop' },
      ],
    };
    const type: ContentTypeDefinition = {
      apiId: 'deep',
      kind: 'collection',
      name: 'Deep',
      fields: [
        { name: 'outer', type: 'component', component: 'loop' },
        { name: 'gone', type: 'component', component: 'missing' },
      ],
    };
    const probes = publishedMediaProbes([type], new Map([['loop', looping]]), UUID_A.toLowerCase());
    const depths = probes.map((probe) => (probe.match(/inner/g) ?? []).length);
    expect(Math.max(...depths)).toBe(2);
    expect(probes.some((probe) => probe.includes('gone'))).toBe(false);
  });
});
