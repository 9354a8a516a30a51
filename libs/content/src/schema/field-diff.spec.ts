import { diffSnapshots } from './field-diff';

describe('diffSnapshots', () => {
  it('lists changed top-level fields, shared first, then locales in order', () => {
    const changes = diffSnapshots(
      {
        shared: { views: 1, author: 'a', same: { x: [1, 2] } },
        locales: { en: { title: 'A', body: 'x' }, de: { title: 'B' } },
      },
      {
        shared: { views: 2, same: { x: [1, 2] }, added: true },
        locales: { en: { body: 'x', title: 'A2' }, fr: { title: 'C' } },
      },
    );
    expect(changes).toEqual([
      { path: 'added', locale: null, after: true },
      { path: 'author', locale: null, before: 'a' },
      { path: 'views', locale: null, before: 1, after: 2 },
      { path: 'title', locale: 'de', before: 'B' },
      { path: 'title', locale: 'en', before: 'A', after: 'A2' },
      { path: 'title', locale: 'fr', after: 'C' },
    ]);
  });

  it('finds nothing between equal snapshots, whatever the key order', () => {
    expect(
      diffSnapshots({ shared: { a: { x: 1, y: 2 } }, locales: {} }, { shared: { a: { y: 2, x: 1 } }, locales: {} }),
    ).toEqual([]);
  });

  it('sees an array reordered or a component changed as a change of the whole field', () => {
    expect(
      diffSnapshots({ shared: { tags: ['a', 'b'] }, locales: {} }, { shared: { tags: ['b', 'a'] }, locales: {} }),
    ).toEqual([{ path: 'tags', locale: null, before: ['a', 'b'], after: ['b', 'a'] }]);
  });
});
