import { matchesEntityTag, parseByteRange } from './byte-range';

describe(parseByteRange.name, () => {
  it.each([
    ['bytes=0-9', 100, { start: 0, end: 9 }],
    ['bytes=10-', 100, { start: 10, end: 99 }],
    ['bytes=-10', 100, { start: 90, end: 99 }],
    ['bytes=-500', 100, { start: 0, end: 99 }],
    ['bytes=90-500', 100, { start: 90, end: 99 }],
    ['BYTES=1-2', 100, { start: 1, end: 2 }],
  ])('%j of %d bytes → %j', (header, size, expected) => {
    expect(parseByteRange(header, size)).toEqual(expected);
  });

  it.each([['bytes=100-'], ['bytes=100-200'], ['bytes=-0']])('%j of 100 bytes is unsatisfiable', (header) => {
    expect(parseByteRange(header, 100)).toBe('unsatisfiable');
  });

  it.each([[undefined], ['bytes=5-1'], ['bytes=0-1,3-4'], ['items=0-1'], ['bytes=-'], ['bytes=a-b'], ['bytes=1e3-']])(
    '%j means the whole file',
    (header) => {
      expect(parseByteRange(header, 100)).toBeNull();
    },
  );
});

describe(matchesEntityTag.name, () => {
  it('compares weakly, with lists and *', () => {
    expect(matchesEntityTag('"abc"', '"abc"')).toBe(true);
    expect(matchesEntityTag('W/"abc"', '"abc"')).toBe(true);
    expect(matchesEntityTag('"x", "abc"', '"abc"')).toBe(true);
    expect(matchesEntityTag('*', '"abc"')).toBe(true);
    expect(matchesEntityTag('"abd"', '"abc"')).toBe(false);
    expect(matchesEntityTag(undefined, '"abc"')).toBe(false);
  });
});
