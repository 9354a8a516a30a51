import { DeliveryResponseCache, etagOf, matchesIfNoneMatch, normalizeUrl, responseKey } from './delivery-cache';
import { mergeChain } from './delivery-document';
import type { PublishedRow } from './delivery.repository';

describe('delivery ETags and response cache', () => {
  const key = (generation: string, access: 'public' | 'key' = 'public') =>
    responseKey({ workspaceId: 'w', generation, localeFingerprint: '["en"]', access, url: 'post?a=1' });

  it('changes the ETag with the generation and the access class', () => {
    expect(etagOf(key('1'))).toBe(etagOf(key('1')));
    expect(etagOf(key('2'))).not.toBe(etagOf(key('1')));
    expect(etagOf(key('1', 'key'))).not.toBe(etagOf(key('1')));
  });

  it('matches If-None-Match lists, weak tags and *', () => {
    const etag = etagOf(key('1'));
    expect(matchesIfNoneMatch(`"x", ${etag}`, etag)).toBe(true);
    expect(matchesIfNoneMatch(`W/${etag}`, etag)).toBe(true);
    expect(matchesIfNoneMatch('*', etag)).toBe(true);
    expect(matchesIfNoneMatch('"other"', etag)).toBe(false);
    expect(matchesIfNoneMatch(undefined, etag)).toBe(false);
  });

  it('normalizes the order of query parameters', () => {
    expect(normalizeUrl('post', '?sort=title&filter%5Ba%5D%5Beq%5D=1')).toBe(
      normalizeUrl('post', '?filter[a][eq]=1&sort=title'),
    );
    expect(normalizeUrl('post', '')).toBe('post');
  });

  it('evicts the least recently used answer', () => {
    const cache = new DeliveryResponseCache();
    for (let i = 0; i < 2001; i++) cache.set(`k${i}`, 'x');
    expect(cache.get('k0')).toBeUndefined();
    expect(cache.get('k2000')).toBe('x');
    expect(cache.size).toBe(2000);
  });
});

describe('locale fallback', () => {
  const row = (locale: string, data: Record<string, unknown>): PublishedRow => ({
    entry_id: 'e',
    content_type_id: 't',
    locale,
    published_data: data,
    published_at: new Date(0),
    first_published_at: null,
  });

  it('takes the first locale of the chain and fills its empty localized fields from the next ones', () => {
    const merged = mergeChain(
      [
        row('en', { title: 'T', summary: 'S', rating: 1 }),
        row('de-CH', { title: 'CH', summary: '' }),
        row('de', { summary: 'Z' }),
      ],
      ['de-CH', 'de', 'en'],
      ['title', 'summary'],
    );
    expect(merged).toMatchObject({ locale: 'de-CH', published_data: { title: 'CH', summary: 'Z' } });
    expect(merged!.published_data).not.toHaveProperty('rating');
  });
});
