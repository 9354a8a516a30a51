import { ValidationFailedError } from '@quire/core';
import { resolveReturnTo } from './return-to';

const BASE = 'https://cms.example.com';
const FALLBACK = `${BASE}/admin/`;

describe(resolveReturnTo.name, () => {
  it('falls back to the console when nothing was asked for', () => {
    expect(resolveReturnTo(undefined, BASE, FALLBACK)).toBe(FALLBACK);
  });

  it('keeps a path on the public origin, with its query and fragment', () => {
    expect(resolveReturnTo('/admin/content?type=post#top', BASE, FALLBACK)).toBe(`${BASE}/admin/content?type=post#top`);
  });

  it('stays under a public URL with a path prefix', () => {
    expect(resolveReturnTo('/quire/admin/', `${BASE}/quire`, FALLBACK)).toBe(`${BASE}/quire/admin/`);
    expect(() => resolveReturnTo('/admin/', `${BASE}/quire`, FALLBACK)).toThrow(ValidationFailedError);
  });

  it.each([
    'https://evil.example/',
    '//evil.example/admin',
    '/\\evil.example',
    '\\\\evil.example',
    'javascript:alert(1)',
    'admin/content',
    '/admin\u0000',
    '/\tevil',
    ['/admin/'],
    42,
    `/${'a'.repeat(2048)}`,
  ])('refuses %p with a 400 naming returnTo', (requested) => {
    try {
      resolveReturnTo(requested, BASE, FALLBACK);
      throw new Error('accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationFailedError);
      expect((error as ValidationFailedError).errors).toEqual([{ path: 'returnTo', message: expect.any(String) }]);
    }
  });
});
