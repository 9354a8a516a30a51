import type { ContentTypeDefinition } from '../schema';
import { applyPatch, withDefaults, withoutNulls } from './draft-data';

describe('applyPatch', () => {
  it('replaces present keys, clears null ones and keeps absent ones, without touching the stored object', () => {
    const stored = { a: 1, b: 'x', c: [1] };
    expect(applyPatch(stored, { a: 2, b: null, d: true })).toEqual({ a: 2, c: [1], d: true });
    expect(stored).toEqual({ a: 1, b: 'x', c: [1] });
  });

  it('treats __proto__ as a plain key', () => {
    const result = applyPatch({}, JSON.parse('{"__proto__": {"polluted": true}}'));
    expect(Object.keys(result)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('withoutNulls drops top-level nulls only', () => {
    expect(withoutNulls({ a: null, b: { c: null } })).toEqual({ b: { c: null } });
  });
});

describe('withDefaults', () => {
  const type: ContentTypeDefinition = {
    apiId: 'x',
    kind: 'collection',
    name: 'X',
    fields: [
      { name: 'status', type: 'enum', values: ['a', 'b'], default: 'a', localized: true },
      { name: 'count', type: 'integer', default: 0, localized: false },
      { name: 'tags', type: 'json', default: ['t'], localized: true },
    ],
  };

  it('fills unset fields with copies of their defaults, never overriding a value', () => {
    const result = withDefaults(type, { status: 'b' });
    expect(result).toEqual({ status: 'b', count: 0, tags: ['t'] });
    (result.tags as string[]).push('mutated');
    expect(withDefaults(type, {}).tags).toEqual(['t']);
  });

  it('fills only localized fields when asked (a new translation)', () => {
    expect(withDefaults(type, {}, 'localized')).toEqual({ status: 'a', tags: ['t'] });
  });
});
