import { isSlug, toSlug } from './slug';

describe('toSlug', () => {
  it('makes lower-case, transliterated, hyphenated slugs', () => {
    expect(toSlug('Hello, World!')).toBe('hello-world');
    expect(toSlug('  Ärger über Öl  ')).toBe('arger-uber-ol');
    expect(toSlug('a -- b __ c')).toBe('a-b-c');
    expect(toSlug('')).toBe('');
    expect(toSlug('!!!')).toBe('');
    expect(toSlug('日本語')).toBe('');
  });

  it('caps the length at 200 without a trailing hyphen, and always yields a valid slug or ""', () => {
    const slug = toSlug(`${'a'.repeat(199)} b`);
    expect(slug.length).toBeLessThanOrEqual(200);
    expect(slug.endsWith('-')).toBe(false);
    for (const text of ['x'.repeat(500), 'Ça va? 100 %', 'tab\tand\nnewline', '-lead', 'trail-']) {
      const s = toSlug(text);
      expect(s === '' || isSlug(s)).toBe(true);
    }
  });
});

describe('isSlug', () => {
  it('accepts lowercase runs joined by single hyphens only', () => {
    expect(isSlug('a-1-b')).toBe(true);
    for (const bad of ['A', 'a--b', '-a', 'a-', 'a b', '', 'a'.repeat(201), 1]) expect(isSlug(bad)).toBe(false);
  });
});
