import { compileJsonSchema, type JsonSchemaValidator } from './json-schema';

function compiled(schema: Record<string, unknown>): JsonSchemaValidator {
  const result = compileJsonSchema(schema);
  if (!result.ok) throw new Error(`expected the schema to compile: ${result.error}`);
  return result.validate;
}

describe('compileJsonSchema', () => {
  const settings = compiled({
    type: 'object',
    additionalProperties: false,
    required: ['mode'],
    properties: {
      maxItems: { type: 'integer', minimum: 1, maximum: 100 },
      mode: { enum: ['draft', 'live'] },
      contact: { type: 'string', format: 'email' },
      limits: { type: 'object', properties: { 'size/mb': { type: 'number', exclusiveMinimum: 0 } } },
      tags: { type: 'array', items: { type: 'string', maxLength: 3 } },
    },
  });

  it('answers no problems for a matching value', () => {
    expect(settings({ mode: 'live', maxItems: 5, contact: 'a@example.com', tags: ['a'] })).toEqual([]);
  });

  it.each([
    ['a wrong type', { mode: 'live', maxItems: 'five' }, [{ path: 'maxItems', rule: 'must be integer' }]],
    ['a value out of range', { mode: 'live', maxItems: 101 }, [{ path: 'maxItems', rule: 'must be <= 100' }]],
    ['a value not in the enum', { mode: 'off' }, [{ path: 'mode', rule: 'must be one of "draft", "live"' }]],
    ['a missing required property', {}, [{ path: 'mode', rule: 'is required' }]],
    [
      'a property the schema does not declare',
      { mode: 'live', colour: 'red' },
      [{ path: 'colour', rule: 'is not declared in the schema' }],
    ],
    ['a format', { mode: 'live', contact: 'nope' }, [{ path: 'contact', rule: 'must match format "email"' }]],
    [
      'a nested property, its name unescaped from the JSON pointer',
      { mode: 'live', limits: { 'size/mb': 0 } },
      [{ path: 'limits.size/mb', rule: 'must be > 0' }],
    ],
    [
      'an array item',
      { mode: 'live', tags: ['ok', 'too long'] },
      [{ path: 'tags[1]', rule: 'must NOT have more than 3 characters' }],
    ],
    ['the value as a whole', ['mode'], [{ path: '', rule: 'must be object' }]],
  ])('names the path and the rule of %s', (_, value, problems) => {
    expect(settings(value)).toEqual(problems);
  });

  it('lists every problem at once, never the value', () => {
    const problems = settings({ mode: 'secret-value', maxItems: 0, extra: 'other-secret' });
    expect(problems.map((p) => p.path).sort()).toEqual(['extra', 'maxItems', 'mode']);
    expect(JSON.stringify(problems)).not.toMatch(/secret/);
  });

  it('refuses a schema that does not compile, strict about misspelt keywords', () => {
    expect(compileJsonSchema({ type: 'string', minLenght: 3 })).toEqual({
      ok: false,
      error: 'strict mode: unknown keyword: "minLenght"',
    });
    expect(compileJsonSchema({ type: 'no-such-type' })).toMatchObject({ ok: false });
  });

  it('compiles two schemas with the same $id, and each validator keeps its own rules', () => {
    const first = compiled({
      $id: 'https://example.com/settings',
      type: 'object',
      properties: { a: { type: 'string' } },
    });
    const second = compiled({
      $id: 'https://example.com/settings',
      type: 'object',
      properties: { a: { type: 'number' } },
    });
    expect(first({ a: 'x' })).toEqual([]);
    expect(first({ a: 1 })).toEqual([{ path: 'a', rule: 'must be string' }]);
    expect(second({ a: 1 })).toEqual([]);
  });

  it('keeps a validator usable for many values, each answered on its own', () => {
    const range = compiled({ type: 'integer', maximum: 3 });
    expect([1, 5, 2, 9].map((value) => range(value).length)).toEqual([0, 1, 0, 1]);
  });
});
