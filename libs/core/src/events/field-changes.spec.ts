import { fieldChanges, hasChanges } from './field-changes';

describe(fieldChanges.name, () => {
  it('keeps only the fields that changed, with both values', () => {
    expect(fieldChanges({ name: 'A', slug: 'a', plan: 'free' }, { name: 'B', slug: 'a', plan: 'free' })).toEqual({
      name: { before: 'A', after: 'B' },
    });
  });

  it('compares JSON values deeply: objects by keys in any order, arrays by position', () => {
    const before = { point: { x: 0.5, y: 0.5 }, tags: ['a', 'b'], meta: { a: 1, b: { c: [1, 2] } } };
    expect(
      fieldChanges(before, { point: { y: 0.5, x: 0.5 }, tags: ['a', 'b'], meta: { b: { c: [1, 2] }, a: 1 } }),
    ).toEqual({});
    expect(fieldChanges(before, { ...before, tags: ['b', 'a'] })).toEqual({
      tags: { before: ['a', 'b'], after: ['b', 'a'] },
    });
    expect(fieldChanges(before, { ...before, meta: { a: 1, b: { c: [1, 3] } } })).toHaveProperty('meta');
  });

  it('treats a missing or undefined field as null, and an added or removed field as a change', () => {
    expect(fieldChanges<Record<string, unknown>>({ alt: undefined }, { alt: null })).toEqual({});
    expect(fieldChanges<Record<string, unknown>>({}, { alt: 'A cat' })).toEqual({
      alt: { before: null, after: 'A cat' },
    });
    expect(fieldChanges<Record<string, unknown>>({ alt: 'A cat' }, {})).toEqual({
      alt: { before: 'A cat', after: null },
    });
    expect(fieldChanges<{ a: object }>({ a: { x: 1, y: undefined } }, { a: { x: 1 } })).toEqual({});
  });

  it('compares dates by time and reports them as ISO strings', () => {
    const t = new Date('2026-01-01T00:00:00.000Z');
    expect(fieldChanges({ at: t }, { at: new Date(t.getTime()) })).toEqual({});
    expect(fieldChanges({ at: t }, { at: new Date(t.getTime() + 1000) })).toEqual({
      at: { before: '2026-01-01T00:00:00.000Z', after: '2026-01-01T00:00:01.000Z' },
    });
  });

  it('limits the comparison to the given fields', () => {
    const changes = fieldChanges({ name: 'A', updatedAt: 1 }, { name: 'B', updatedAt: 2 }, ['name']);
    expect(changes).toEqual({ name: { before: 'A', after: 'B' } });
  });

  it('tells whether anything changed', () => {
    expect(hasChanges({})).toBe(false);
    expect(hasChanges(fieldChanges({ a: 1 }, { a: 2 }))).toBe(true);
  });
});
