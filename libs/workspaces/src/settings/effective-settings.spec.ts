import { compileJsonSchema, type JsonSchemaValidator } from '@quire/core';
import { effectiveSettings, mergeSettings } from './effective-settings';

const compiled = (schema: Record<string, unknown>): JsonSchemaValidator => {
  const result = compileJsonSchema(schema);
  if (!result.ok) throw new Error(result.error);
  return result.validate;
};

describe('mergeSettings', () => {
  it('merges objects member by member at every depth; arrays and values replace the default', () => {
    const defaults = { a: 1, nested: { x: 1, y: { deep: true, keep: 'me' } }, list: [1, 2], gone: null };
    expect(mergeSettings(defaults, { a: 2, nested: { y: { deep: false } }, list: [3], extra: 'e' })).toEqual({
      a: 2,
      nested: { x: 1, y: { deep: false, keep: 'me' } },
      list: [3],
      gone: null,
      extra: 'e',
    });
  });

  it('changes neither input', () => {
    const defaults = { nested: { x: 1 } };
    const overrides = { nested: { y: 2 } };
    mergeSettings(defaults, overrides);
    expect(defaults).toEqual({ nested: { x: 1 } });
    expect(overrides).toEqual({ nested: { y: 2 } });
  });
});

describe('effectiveSettings', () => {
  const validate = compiled({
    type: 'object',
    additionalProperties: false,
    properties: {
      maxItems: { type: 'integer', maximum: 100 },
      mode: { enum: ['draft', 'live'] },
      limits: { type: 'object', properties: { size: { type: 'integer' }, count: { type: 'integer' } } },
    },
  });
  const defaults = { maxItems: 10, mode: 'draft', limits: { size: 1, count: 2 } };

  it('is the defaults when nothing (or no object) is stored', () => {
    for (const stored of [null, undefined, 'text', [1]]) {
      expect(effectiveSettings(defaults, stored, validate)).toEqual({ values: defaults, ignored: [] });
    }
  });

  it('is the stored values over the defaults when they match the schema', () => {
    expect(effectiveSettings(defaults, { mode: 'live', limits: { size: 5 } }, validate)).toEqual({
      values: { maxItems: 10, mode: 'live', limits: { size: 5, count: 2 } },
      ignored: [],
    });
  });

  it('drops a stored setting the schema now refuses (a nested one whole), keeps the others and says why', () => {
    expect(
      effectiveSettings(defaults, { maxItems: 500, mode: 'live', limits: { size: 'big' }, removed: 1 }, validate),
    ).toEqual({
      values: { maxItems: 10, mode: 'live', limits: { size: 1, count: 2 } },
      ignored: expect.arrayContaining([
        { path: 'maxItems', message: 'maxItems must be <= 100' },
        { path: 'limits.size', message: 'limits.size must be integer' },
        { path: 'removed', message: 'removed is not declared in the schema' },
      ]),
    });
  });

  it('falls back to the defaults for a rule about the settings as a whole', () => {
    const atMostTwo = compiled({ type: 'object', maxProperties: 2 });
    expect(effectiveSettings({ a: 1 }, { b: 2, c: 3 }, atMostTwo)).toEqual({
      values: { a: 1 },
      ignored: [{ path: '', message: 'settings must NOT have more than 2 properties' }],
    });
  });
});
