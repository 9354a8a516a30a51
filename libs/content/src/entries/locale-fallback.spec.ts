import type { ContentTypeDefinition } from '../schema';
import { applyLocaleFallback } from './locale-fallback';
import { fallbackChain } from './locale-chain';

const TYPE: ContentTypeDefinition = {
  apiId: 'post',
  kind: 'collection',
  name: 'Post',
  fields: [
    { name: 'title', type: 'text' },
    { name: 'body', type: 'richText' },
    { name: 'rating', type: 'integer', localized: false },
    { name: 'tags', type: 'json', localized: true },
  ],
};

describe('fallbackChain', () => {
  const locales = { default: 'en', enabled: ['en', 'de', 'de-CH', 'fr'] };

  it('is the locale, its configured fallbacks, then the default; enabled ones, each once', () => {
    expect(fallbackChain('de-CH', { 'de-CH': ['de', 'it', 'en'] }, locales)).toEqual(['de-CH', 'de', 'en']);
    expect(fallbackChain('fr', {}, locales)).toEqual(['fr', 'en']);
    expect(fallbackChain('en', { en: ['de'] }, locales)).toEqual(['en', 'de']);
  });

  it('does not read inherited keys of the settings object', () => {
    expect(fallbackChain('constructor', {}, { default: 'en', enabled: ['en'] })).toEqual(['en']);
  });
});

describe('applyLocaleFallback', () => {
  it('fills empty localized fields from the first locale of the chain that has a value, and says from where', () => {
    const result = applyLocaleFallback(TYPE, { title: '', rating: 3 }, [
      { locale: 'de', data: { title: 'Hallo', tags: [] } },
      { locale: 'en', data: { title: 'Hello', tags: ['a'], body: { type: 'doc', content: [] } } },
    ]);
    expect(result.data).toEqual({ title: 'Hallo', rating: 3, tags: ['a'] });
    expect(result.fallbackFrom).toEqual({ title: 'de', tags: 'en' });
  });

  it('keeps values the locale has, and never falls back for shared fields', () => {
    const result = applyLocaleFallback(TYPE, { title: 'Own' }, [{ locale: 'en', data: { title: 'Other', rating: 5 } }]);
    expect(result.data).toEqual({ title: 'Own' });
    expect(result.fallbackFrom).toEqual({});
  });
});
