import fc from 'fast-check';
import { assertStorageKey, assertStoragePrefix, InvalidStorageKeyError } from './storage-key';

const segment = fc.stringMatching(/^[A-Za-z0-9_-][A-Za-z0-9._-]{0,20}$/);
const key = fc.array(segment, { minLength: 1, maxLength: 6 }).map((segments) => segments.join('/'));

describe(assertStorageKey.name, () => {
  it('accepts relative keys of plain segments', () => {
    fc.assert(fc.property(key, (value) => expect(() => assertStorageKey(value)).not.toThrow()));
  });

  it('refuses any key with a . or .. segment, wherever it is', () => {
    fc.assert(
      fc.property(
        fc.array(segment, { maxLength: 4 }),
        fc.array(segment, { maxLength: 4 }),
        fc.constantFrom('.', '..'),
        (before, after, dots) => {
          expect(() => assertStorageKey([...before, dots, ...after].join('/'))).toThrow(InvalidStorageKeyError);
        },
      ),
    );
  });

  it.each([
    ['', 'it is empty'],
    ['/abs/key', 'it is absolute'],
    ['a\\b', 'it contains a backslash'],
    ['a\u0000b', 'it contains a control character'],
    ['a\nb', 'it contains a control character'],
    ['a//b', 'it has an empty segment'],
    ['a/', 'it has an empty segment'],
    ['.hidden', 'a segment starts with a dot'],
    ['x'.repeat(1025), 'it is longer than 1024 bytes'],
  ])('refuses %j: %s', (value, reason) => {
    expect(() => assertStorageKey(value)).toThrow(`: ${reason}`);
  });
});

describe(assertStoragePrefix.name, () => {
  it('accepts a key or a folder ending in /', () => {
    expect(() => assertStoragePrefix('variants/abc/')).not.toThrow();
    expect(() => assertStoragePrefix('variants/ab')).not.toThrow();
  });

  it('refuses an empty prefix (every object) and escaping ones', () => {
    for (const prefix of ['', '/', '../', 'a/../', 'a//'])
      expect(() => assertStoragePrefix(prefix)).toThrow(InvalidStorageKeyError);
  });
});
