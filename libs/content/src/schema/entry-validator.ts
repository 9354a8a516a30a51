import Ajv2020 from 'ajv/dist/2020';
import type { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { JsonSchema } from '@quire/core';
import {
  MAX_COMPONENT_DEPTH,
  isLocalizedField,
  type ContentTypeDefinition,
  type FieldDefinition,
} from './field-definition';
import { effectiveFields, resolveComponent } from './effective-fields';
import { isEmptyRichText, richTextPlainText, sanitizeRichText } from './rich-text';
import { MAX_SLUG_LENGTH, SLUG_PATTERN } from './slug';
import { joinPath, type SchemaProblem } from './schema-problem';
import { isPlainObject } from './plain-data';

export type EntryValidationMode = 'draft' | 'publish';

/** Checks an entry's data (or only its shared or only its localized part): the empty list when it is valid. */
export type EntryValidator = (
  data: Record<string, unknown>,
  options?: { only?: 'shared' | 'localized' },
) => SchemaProblem[];

/** Caps that hold when a field sets none: a value must stay storable and indexable. */
export const DEFAULT_LIMITS = {
  textMaxLength: 10_000,
  longTextMaxLength: 200_000,
  richTextMaxLength: 500_000,
  emailMaxLength: 254,
  urlMaxLength: 2048,
  maxReferences: 1000,
  maxComponentItems: 1000,
  /** Deepest nesting of objects and arrays in an entry (json fields included): PostgreSQL has a stack too. */
  maxDataDepth: 64,
} as const;

// The `if` of an empty value: rules in `else` apply only to values that are set (null, '' and [] are not).
const EMPTY_STRING = { enum: ['', null] };
const EMPTY_ARRAY = { maxItems: 0 };

let compiler: Ajv2020 | undefined;

/**
 * The ajv of the content schema: draft 2020-12 with formats and four `x-` keywords for what JSON Schema cannot say
 * (rich-text documents, http(s)-only URLs, "filled" in the sense of publish-required, refused fields).
 */
function entrySchemaCompiler(): Ajv2020 {
  if (compiler) return compiler;
  const ajv = new Ajv2020({
    allErrors: true,
    verbose: true,
    ownProperties: true,
    strict: true,
    strictTypes: false,
    strictRequired: false,
  });
  addFormats(ajv);
  ajv.addKeyword({
    keyword: 'x-richText',
    type: 'object',
    schemaType: 'boolean',
    validate: (_: boolean, data: unknown) => {
      if (data === null) return true;
      try {
        sanitizeRichText(data);
        return true;
      } catch {
        return false;
      }
    },
  });
  ajv.addKeyword({
    keyword: 'x-richTextMaxLength',
    type: 'object',
    schemaType: 'number',
    validate: (max: number, data: unknown) => {
      if (data === null) return true;
      try {
        return [...richTextPlainText(data)].length <= max;
      } catch {
        return true; // x-richText reports it
      }
    },
  });
  ajv.addKeyword({
    keyword: 'x-httpUrl',
    type: 'string',
    schemaType: 'boolean',
    validate: (_: boolean, data: string) => data === '' || isHttpUrl(data),
  });
  ajv.addKeyword({
    keyword: 'x-filled',
    schemaType: 'string',
    validate: (kind: string, data: unknown) => !isEmptyValue(data, kind === 'richText'),
  });
  ajv.addKeyword({
    keyword: 'x-refuse',
    schemaType: 'string',
    validate: (_: string, data: unknown) => data === null,
  });
  return (compiler = ajv);
}

/** Whether a string is an absolute http(s) URL with a host. */
export function isHttpUrl(value: string): boolean {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0020\u007f\\]/.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** Empty in the sense of `required`: null, undefined, '', [] or, for rich text, a document without content. */
export function isEmptyValue(value: unknown, richText = false): boolean {
  if (value === null || value === undefined || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  return richText && isEmptyRichText(value);
}

interface CompileContext {
  components: ReadonlyMap<string, ContentTypeDefinition>;
  mode: EntryValidationMode;
  depth: number;
}

/** `{ type: [t, 'null'], ...}` applying `rules` only to a non-empty value (`''` / `[]` are "not set"). */
function nullable(type: string, rules: Record<string, unknown>, empty?: Record<string, unknown>): JsonSchema {
  const cleaned = Object.fromEntries(Object.entries(rules).filter(([, v]) => v !== undefined));
  if (!empty || Object.keys(cleaned).length === 0) return { type: [type, 'null'], ...cleaned };
  return { type: [type, 'null'], if: empty, else: cleaned };
}

function referenceSchema(multiple: boolean | undefined): JsonSchema {
  const id = { type: 'string', format: 'uuid' };
  if (!multiple) return { type: ['string', 'null'], format: 'uuid' };
  return { type: ['array', 'null'], items: id, maxItems: DEFAULT_LIMITS.maxReferences, uniqueItems: true };
}

function fieldSchema(field: FieldDefinition, ctx: CompileContext): JsonSchema {
  switch (field.type) {
    case 'text':
    case 'longText':
      return nullable(
        'string',
        {
          minLength: field.minLength,
          maxLength:
            field.maxLength ??
            (field.type === 'text' ? DEFAULT_LIMITS.textMaxLength : DEFAULT_LIMITS.longTextMaxLength),
          pattern: field.pattern === undefined ? undefined : anchoredPattern(field.pattern),
        },
        EMPTY_STRING,
      );
    case 'richText':
      return {
        type: ['object', 'null'],
        'x-richText': true,
        'x-richTextMaxLength': field.maxLength ?? DEFAULT_LIMITS.richTextMaxLength,
      };
    case 'integer':
      return nullable('integer', {
        minimum: field.min ?? Number.MIN_SAFE_INTEGER,
        maximum: field.max ?? Number.MAX_SAFE_INTEGER,
      });
    case 'decimal':
      return nullable('number', { minimum: field.min, maximum: field.max });
    case 'boolean':
      return { type: ['boolean', 'null'] };
    case 'date':
      return nullable('string', { format: 'date' }, EMPTY_STRING);
    case 'datetime':
      return nullable('string', { format: 'date-time' }, EMPTY_STRING);
    case 'email':
      return nullable('string', { maxLength: DEFAULT_LIMITS.emailMaxLength, format: 'email' }, EMPTY_STRING);
    case 'url':
      return nullable('string', { maxLength: DEFAULT_LIMITS.urlMaxLength, 'x-httpUrl': true }, EMPTY_STRING);
    case 'slug':
      return nullable('string', { maxLength: MAX_SLUG_LENGTH, pattern: SLUG_PATTERN }, EMPTY_STRING);
    case 'enum':
      return nullable('string', { enum: [...field.values] }, EMPTY_STRING);
    case 'json':
      return {};
    case 'media':
    case 'relation':
      return referenceSchema(field.multiple);
    case 'component': {
      const component = resolveComponent(field.component, ctx.components);
      if (!component) return { 'x-refuse': `uses the component "${field.component}", which does not exist` };
      if (ctx.depth >= MAX_COMPONENT_DEPTH) return { 'x-refuse': 'nests components too deeply' };
      const item = objectSchema(component.fields, { ...ctx, depth: ctx.depth + 1 });
      if (!field.repeatable) return { ...item, type: ['object', 'null'] };
      return nullable(
        'array',
        { items: item, minItems: field.minItems, maxItems: field.maxItems ?? DEFAULT_LIMITS.maxComponentItems },
        EMPTY_ARRAY,
      );
    }
    default:
      return { 'x-refuse': 'has a field type this version does not know' };
  }
}

/** `^(?:p)$`: a field's pattern matches the whole value. */
function anchoredPattern(pattern: string): string {
  return `^(?:${pattern})$`;
}

function objectSchema(fields: readonly FieldDefinition[], ctx: CompileContext): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const field of fields) {
    const schema = fieldSchema(field, ctx);
    if (ctx.mode === 'publish' && field.required) {
      properties[field.name] = { ...schema, 'x-filled': field.type === 'richText' ? 'richText' : 'value' };
      required.push(field.name);
    } else {
      properties[field.name] = schema;
    }
  }
  return {
    type: 'object',
    properties,
    additionalProperties: false,
    ...(required.length > 0 ? { required } : {}),
  };
}

/**
 * The JSON Schema (draft 2020-12, with Quire's `x-` keywords) an entry's data must match in a mode: in `publish`,
 * `required` fields must be filled; in `draft`, any field may be empty (null, '', []), but a value present must be
 * valid. `only` narrows it to the shared or the localized fields.
 */
export function entrySchema(
  definition: ContentTypeDefinition,
  components: ReadonlyMap<string, ContentTypeDefinition>,
  mode: EntryValidationMode,
  only?: 'shared' | 'localized',
): JsonSchema {
  const fields = effectiveFields(definition).filter(
    (field) => only === undefined || isLocalizedField(field) === (only === 'localized'),
  );
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: definition.name,
    ...objectSchema(fields, { components, mode, depth: 0 }),
  };
}

/** The rule an ajv error breaks, in words, at the data path it names; null for errors that only wrap others. */
function describe(error: ErrorObject): SchemaProblem | null {
  const segments: (string | number)[] = error.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  const params = error.params as Record<string, unknown>;
  const schema = error.schema;
  let message: string;
  switch (error.keyword) {
    case 'if':
      return null;
    case 'required':
      segments.push(String(params['missingProperty']));
      message = 'is required';
      break;
    case 'x-filled':
      message = 'is required';
      break;
    case 'additionalProperties':
      segments.push(String(params['additionalProperty']));
      message = 'unknown field';
      break;
    case 'type': {
      const expected = String(params['type'])
        .split(',')
        .filter((t) => t !== 'null')[0];
      message = TYPE_MESSAGES[expected ?? ''] ?? `must be of type ${String(params['type'])}`;
      break;
    }
    case 'format':
      message = FORMAT_MESSAGES[String(params['format'])] ?? `must be a valid ${String(params['format'])}`;
      break;
    case 'minLength':
      message = `must be at least ${String(params['limit'])} characters`;
      break;
    case 'maxLength':
      message = `must be at most ${String(params['limit'])} characters`;
      break;
    case 'pattern': {
      const pattern = String(params['pattern']);
      message =
        pattern === SLUG_PATTERN
          ? 'must be a slug: lowercase letters and digits joined by single hyphens'
          : `must match the pattern ${pattern.replace(/^\^\(\?:([\s\S]*)\)\$$/, '$1')}`;
      break;
    }
    case 'minimum':
      message = `must be at least ${String(params['limit'])}`;
      break;
    case 'maximum':
      message = `must be at most ${String(params['limit'])}`;
      break;
    case 'enum': {
      const values = (params['allowedValues'] as unknown[]).map((v) => JSON.stringify(v));
      message = `must be one of ${values.length > 20 ? `${values.slice(0, 20).join(', ')}, …` : values.join(', ')}`;
      break;
    }
    case 'minItems':
      message = `must have at least ${String(params['limit'])} items`;
      break;
    case 'maxItems':
      message = `must have at most ${String(params['limit'])} items`;
      break;
    case 'uniqueItems':
      message = 'must not list the same item twice';
      break;
    case 'x-richText':
      message = 'must be a rich-text document ({ "type": "doc", "content": [...] })';
      break;
    case 'x-richTextMaxLength':
      message = `must be at most ${String(schema)} characters of text`;
      break;
    case 'x-httpUrl':
      message = 'must be an absolute http or https URL';
      break;
    case 'x-refuse':
      message = String(schema);
      break;
    default:
      message = error.message ?? `fails "${error.keyword}"`;
  }
  return { path: joinPath(segments), message };
}

const TYPE_MESSAGES: Record<string, string> = {
  string: 'must be a string',
  integer: 'must be an integer',
  number: 'must be a number',
  boolean: 'must be true or false',
  object: 'must be an object',
  array: 'must be a list',
};

const FORMAT_MESSAGES: Record<string, string> = {
  date: 'must be a date (YYYY-MM-DD)',
  'date-time': 'must be a date-time (RFC 3339, with a time zone)',
  email: 'must be an email address',
  uuid: 'must be a UUID',
};

/**
 * Strings PostgreSQL's jsonb cannot store (NUL, unpaired surrogates) and nesting deeper than the limit, anywhere in
 * the data: refused here as problems rather than failing later as a database error.
 */
function unstorableValues(data: unknown): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value: data, path: [] }];
  while (stack.length > 0 && problems.length < 100) {
    const { value, path } = stack.pop()!;
    if (typeof value === 'string') {
      if (!isStorableString(value)) {
        problems.push({ path: joinPath(path), message: 'must not contain NUL characters or unpaired surrogates' });
      }
    } else if (typeof value === 'object' && value !== null) {
      if (path.length > DEFAULT_LIMITS.maxDataDepth) {
        problems.push({ path: joinPath(path), message: `must not nest deeper than ${DEFAULT_LIMITS.maxDataDepth}` });
        continue;
      }
      if (Array.isArray(value)) value.forEach((item, i) => stack.push({ value: item, path: [...path, i] }));
      else {
        for (const [key, item] of Object.entries(value)) {
          if (!isStorableString(key)) {
            problems.push({
              path: joinPath(path),
              message: 'must not have keys with NUL characters or unpaired surrogates',
            });
          }
          stack.push({ value: item, path: [...path, key] });
        }
      }
    }
  }
  return problems.reverse();
}

// eslint-disable-next-line no-control-regex -- NUL is exactly what jsonb cannot store
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
function isStorableString(value: string): boolean {
  return !UNSTORABLE.test(value);
}

type Variant = `${EntryValidationMode}:${'all' | 'shared' | 'localized'}`;
type VariantCache = Map<Variant, ValidateFunction>;

const byIdentity = new WeakMap<ContentTypeDefinition, WeakMap<object, VariantCache>>();
const byKey = new Map<string, VariantCache>();
const MAX_KEYED = 500;

function variantCache(
  definition: ContentTypeDefinition,
  components: ReadonlyMap<string, ContentTypeDefinition>,
  cacheKey: string | undefined,
): VariantCache {
  if (cacheKey !== undefined) {
    let cache = byKey.get(cacheKey);
    if (cache) {
      // Least recently used goes first: re-insert on use.
      byKey.delete(cacheKey);
    } else {
      cache = new Map();
      if (byKey.size >= MAX_KEYED) byKey.delete(byKey.keys().next().value!);
    }
    byKey.set(cacheKey, cache);
    return cache;
  }
  let perComponents = byIdentity.get(definition);
  if (!perComponents) byIdentity.set(definition, (perComponents = new WeakMap()));
  let cache = perComponents.get(components);
  if (!cache) perComponents.set(components, (cache = new Map()));
  return cache;
}

/**
 * A validator for a type's entries in one mode, compiled once. Compiled validators are cached by the identity of
 * `definition` and `components`, or — when the caller passes `cacheKey` (say `<type id>@<version>` plus the
 * versions of the components it uses) — by that key, so definitions loaded afresh per request do not recompile.
 * The key must change whenever the type or one of its components does.
 */
export function compileEntryValidator(
  definition: ContentTypeDefinition,
  components: ReadonlyMap<string, ContentTypeDefinition>,
  mode: EntryValidationMode,
  cacheKey?: string,
): EntryValidator {
  const cache = variantCache(definition, components, cacheKey);
  const compiled = (only: 'shared' | 'localized' | undefined): ValidateFunction => {
    const variant: Variant = `${mode}:${only ?? 'all'}`;
    let validate = cache.get(variant);
    if (!validate) {
      const ajv = entrySchemaCompiler();
      const schema = entrySchema(definition, components, mode, only);
      try {
        validate = ajv.compile(schema);
      } finally {
        // ajv keeps every compiled schema in a cache keyed by the schema object: forget it (the function stays).
        ajv.removeSchema(schema);
      }
      cache.set(variant, validate);
    }
    return validate;
  };
  return (data, options) => {
    if (!isPlainObject(data)) return [{ path: '', message: 'must be an object' }];
    const unstorable = unstorableValues(data);
    if (unstorable.length > 0) return unstorable;
    const validate = compiled(options?.only);
    if (validate(data)) return [];
    const seen = new Set<string>();
    const problems: SchemaProblem[] = [];
    for (const error of validate.errors ?? []) {
      const problem = describe(error);
      if (!problem) continue;
      const key = `${problem.path}\u0000${problem.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      problems.push(problem);
    }
    return problems;
  };
}
