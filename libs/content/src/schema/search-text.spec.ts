import { searchText } from './search-text';
import { textSearchConfig, TEXT_SEARCH_CONFIGS } from './text-search-config';
import { fixtureComponents, postType } from './test-fixtures';

describe('searchText', () => {
  it('puts text fields in primary and long text, rich text, slugs and component text in secondary, never private text', () => {
    const text = searchText(postType, fixtureComponents, {
      title: 'Title words',
      slug: 'slug-words',
      summary: 'Summary words',
      body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Body words' }] }] },
      internal: 'SECRET1',
      hidden: { label: 'SECRET2' },
      blocks: [{ heading: 'Block heading', secret: 'SECRET3', card: { label: 'Card label', note: 'SECRET4' } }],
      seo: { title: 'Seo title' },
    });
    expect(text.primary).toBe('Title words');
    expect(text.secondary.split('\n')).toEqual([
      'slug words',
      'Summary words',
      'Body words',
      'Block heading',
      'Card label',
    ]);
    expect(JSON.stringify(text)).not.toMatch(/SECRET|Seo title/);
  });
});

describe('textSearchConfig', () => {
  it('maps a BCP 47 language to a PostgreSQL configuration from a fixed list', () => {
    expect(textSearchConfig('en')).toBe('english');
    expect(textSearchConfig('de-AT')).toBe('german');
    expect(textSearchConfig('nb_NO')).toBe('norwegian');
    expect(textSearchConfig('PT-br')).toBe('portuguese');
    expect(textSearchConfig('ja')).toBe('simple');
    expect(textSearchConfig("en'; drop table x; --")).toBe('simple');
    expect(textSearchConfig('constructor')).toBe('simple');
    for (const config of TEXT_SEARCH_CONFIGS) expect(config).toMatch(/^[a-z]+$/);
  });
});
