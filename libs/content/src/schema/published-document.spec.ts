import { publishedDocument } from './published-document';
import { fixtureComponents, postType } from './test-fixtures';

describe('publishedDocument', () => {
  it('removes private fields at every depth and keys that name no field', () => {
    const merged = {
      title: 'T',
      internal: 'secret',
      hidden: { label: 'private component' },
      blocks: [{ heading: 'h', secret: 's', card: { label: 'l', note: 'private note' } }],
      seo: { title: 'S' },
      removedField: 'stale',
    };
    expect(publishedDocument(postType, fixtureComponents, merged)).toEqual({
      title: 'T',
      blocks: [{ heading: 'h', card: { label: 'l' } }],
      seo: { title: 'S' },
    });
    expect(JSON.stringify(publishedDocument(postType, fixtureComponents, merged))).not.toMatch(/secret|private|stale/);
  });
});
