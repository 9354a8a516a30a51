import fc from 'fast-check';
import type { ContentTypeDefinition, FieldDefinition, FieldType } from '../field-definition';
import { effectiveFields, resolveComponent } from '../effective-fields';
import { sanitizeRichText } from '../rich-text';

/**
 * fast-check arbitraries for content types and their entries, for property tests here and end to end. Every value
 * is JSON-round-trip stable and storable in PostgreSQL's jsonb (no -0, no undefined, no NUL, no lone surrogate).
 */

type Components = ReadonlyMap<string, ContentTypeDefinition>;
const NO_COMPONENTS: Components = new Map();

export interface TypeDefinitionArbitraryOptions {
  /** Component types to embed (fields of type `component` are generated only when some are given). */
  components?: Components;
  /** Also generate media fields (ids that point at nothing: only where media existence is not checked). */
  includeMedia?: boolean;
  /** Sometimes turn on `options.seo` (its `ogImage` is a media field). */
  includeSeo?: boolean;
  /** At most this many fields (default 8). */
  maxFields?: number;
}

/** Patterns with a known shape, so valid values can be generated for them. */
const PATTERNS = ['[a-z]+', '[A-Z][a-z]*', '[0-9]{3}-[0-9]{4}', '[a-z0-9_]+', '\\p{L}+'];
const SCALAR_TYPES: FieldType[] = [
  'text',
  'longText',
  'richText',
  'integer',
  'decimal',
  'boolean',
  'date',
  'datetime',
  'enum',
  'email',
  'url',
  'slug',
  'json',
];

const fieldNameArb = fc.stringMatching(/^[a-z][a-zA-Z0-9]{1,12}$/).filter((n) => !RESERVED.has(n));
const RESERVED = new Set([
  'id',
  'locale',
  'locales',
  'status',
  'createdAt',
  'updatedAt',
  'publishedAt',
  'firstPublishedAt',
  'createdById',
  'updatedById',
  'contentType',
  'seo',
]);

function optional<T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> {
  return fc.option(arb, { nil: undefined });
}

/** Drops undefined members: definitions must survive a JSON round trip unchanged. */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function fieldArb(name: string, type: FieldType, components: Components): fc.Arbitrary<FieldDefinition> {
  const base = {
    name: fc.constant(name),
    label: optional(fc.string({ maxLength: 20 })),
    required: optional(fc.boolean()),
    localized: optional(fc.boolean()),
    private: optional(fc.boolean()),
  };
  const make = <E extends Record<string, fc.Arbitrary<unknown>>>(extra: E): fc.Arbitrary<FieldDefinition> =>
    fc.record({ ...base, type: fc.constant(type), ...extra }).map((f) => compact(f) as unknown as FieldDefinition);
  switch (type) {
    case 'text':
    case 'longText':
      return fc.oneof(
        fc
          .tuple(optional(fc.integer({ min: 0, max: 10 })), optional(fc.integer({ min: 10, max: 300 })))
          .chain(([minLength, maxLength]) =>
            make({ minLength: fc.constant(minLength), maxLength: fc.constant(maxLength) }),
          ),
        make({ pattern: fc.constantFrom(...PATTERNS), maxLength: optional(fc.integer({ min: 60, max: 300 })) }),
      );
    case 'richText':
      return make({ maxLength: optional(fc.integer({ min: 200, max: 5000 })) });
    case 'integer':
      return fc
        .tuple(optional(fc.integer({ min: -1000, max: 0 })), optional(fc.integer({ min: 0, max: 100_000 })))
        .chain(([min, max]) => make({ min: fc.constant(min), max: fc.constant(max) }));
    case 'decimal':
      return fc
        .tuple(optional(fc.integer({ min: -1000, max: 0 })), optional(fc.integer({ min: 1, max: 100_000 })))
        .chain(([min, max]) =>
          make({
            min: fc.constant(min === undefined ? undefined : min / 4),
            max: fc.constant(max === undefined ? undefined : max / 4),
          }),
        );
    case 'enum':
      return make({
        values: fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9-]{0,11}$/), { minLength: 1, maxLength: 6 }),
      });
    case 'media':
      return make({ multiple: optional(fc.boolean()) });
    case 'component': {
      const ids = [...components.values()].filter((c) => c.kind === 'component').map((c) => c.apiId);
      return make({
        component: fc.constantFrom(...ids),
        repeatable: optional(fc.boolean()),
      }).chain((field) =>
        (field as { repeatable?: boolean }).repeatable
          ? fc
              .tuple(optional(fc.integer({ min: 0, max: 2 })), optional(fc.integer({ min: 2, max: 5 })))
              .map(([minItems, maxItems]) => compact({ ...field, minItems, maxItems }) as FieldDefinition)
          : fc.constant(field),
      );
    }
    default:
      return make({});
  }
}

/**
 * Random valid collection types: 1 to 8 fields of scalar types with random rules (lengths, patterns from a fixed
 * set, ranges, enum values, required, localized, private), never `unique` (random entries could collide), no
 * relations; component fields only when `components` are given; media and SEO only when asked.
 */
export function arbitraryTypeDefinition(
  options: TypeDefinitionArbitraryOptions = {},
): fc.Arbitrary<ContentTypeDefinition> {
  const components = options.components ?? NO_COMPONENTS;
  const types: FieldType[] = [...SCALAR_TYPES];
  if (options.includeMedia) types.push('media');
  if ([...components.values()].some((c) => c.kind === 'component')) types.push('component');
  return fc
    .record({
      apiId: fc.stringMatching(/^[a-z][a-z0-9]{1,10}(?:-[a-z0-9]{1,8})?$/),
      name: fc.stringMatching(/^[A-Z][a-z]{1,10}$/),
      names: fc.uniqueArray(fieldNameArb, { minLength: 1, maxLength: options.maxFields ?? 8 }),
      seo: options.includeSeo ? fc.boolean() : fc.constant(false),
    })
    .chain(({ apiId, name, names, seo }) =>
      fc
        .tuple(...names.map((fieldName) => fc.constantFrom(...types).chain((t) => fieldArb(fieldName, t, components))))
        .map((fields) => {
          const slugSource = fields.find((f) => f.type === 'text');
          const withSources = fields.map((f) =>
            f.type === 'slug' && slugSource ? { ...f, sourceField: slugSource.name } : f,
          );
          const definition: ContentTypeDefinition = { apiId, kind: 'collection', name, fields: withSources };
          if (seo) definition.options = { seo: true };
          return definition;
        }),
    );
}

/** One character: mostly printable ASCII, sometimes any Unicode scalar value but NUL. */
const charArb = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)) },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 1, max: 0x10ffff })
      .filter((c) => c < 0xd800 || c > 0xdfff)
      .map((c) => String.fromCodePoint(c)),
  },
);

/** Strings of `min`..`max` code points (the unit JSON Schema's lengths count). */
function textArb(min: number, max: number): fc.Arbitrary<string> {
  return fc.array(charArb, { minLength: min, maxLength: Math.min(max, min + 40) }).map((chars) => chars.join(''));
}

const jsonArb: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.integer({ min: -1_000_000, max: 1_000_000 }),
    fc.integer({ min: -1_000_000, max: 1_000_000 }).map((n) => n / 100 + 0),
    textArb(0, 12),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.stringMatching(/^[a-zA-Z_][a-zA-Z0-9_]{0,8}$/), tie('value'), { maxKeys: 4 }),
  ),
})).value;

const wordArb = fc.stringMatching(/^[a-z]{1,8}$/);
const safeTextArb = fc.stringMatching(/^[A-Za-z][A-Za-z0-9 ,.!?]{0,30}$/);

/** Small rich-text documents (paragraphs, headings, lists; bold, italic, links), already sanitized. */
export function arbitraryRichText(options: { nonEmpty?: boolean; maxTextLength?: number } = {}): fc.Arbitrary<unknown> {
  const textNode = fc
    .record({
      text: safeTextArb,
      marks: fc.subarray([
        { type: 'bold' },
        { type: 'italic' },
        { type: 'link', attrs: { href: 'https://example.com/a' } },
      ]),
    })
    .map(({ text, marks }) => (marks.length > 0 ? { type: 'text', text, marks } : { type: 'text', text }));
  const paragraph = fc
    .array(textNode, { minLength: 1, maxLength: 3 })
    .map((content) => ({ type: 'paragraph', content }));
  const heading = fc
    .tuple(fc.integer({ min: 1, max: 6 }), safeTextArb)
    .map(([level, text]) => ({ type: 'heading', attrs: { level }, content: [{ type: 'text', text }] }));
  const list = fc
    .array(paragraph, { minLength: 1, maxLength: 3 })
    .map((items) => ({ type: 'bulletList', content: items.map((p) => ({ type: 'listItem', content: [p] })) }));
  const block = fc.oneof(paragraph, heading, list);
  const max = options.maxTextLength ?? Infinity;
  return fc
    .array(block, { minLength: options.nonEmpty ? 1 : 0, maxLength: 4 })
    .map((content) => sanitizeRichText({ type: 'doc', content }))
    .filter((doc) => plainLength(doc) <= max);
}

function plainLength(doc: unknown): number {
  let length = 0;
  const walk = (node: unknown, first: boolean): void => {
    if (typeof node !== 'object' || node === null) return;
    const n = node as { text?: string; content?: unknown[] };
    if (typeof n.text === 'string') length += [...n.text].length;
    n.content?.forEach((child, i) => walk(child, first && i === 0));
  };
  walk(doc, true);
  // Block separators count too; over-estimating keeps generated documents within the limit.
  return length + JSON.stringify(doc).split('"type"').length;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}

function valueArb(field: FieldDefinition, components: Components, depth: number): fc.Arbitrary<unknown> {
  const required = field.required === true;
  switch (field.type) {
    case 'text':
    case 'longText': {
      const min = Math.max(field.minLength ?? 0, 1);
      const max = Math.max(field.maxLength ?? 200, min);
      if (field.pattern !== undefined) {
        const re = new RegExp(`^(?:${field.pattern})$`, 'u');
        return fc
          .stringMatching(re, { size: 'xsmall' })
          .filter((s) => re.test(s) && [...s].length >= min && [...s].length <= max && !s.includes('\u0000'));
      }
      return textArb(min, max);
    }
    case 'richText':
      return arbitraryRichText({ nonEmpty: true, maxTextLength: field.maxLength });
    case 'integer': {
      const min = field.min ?? -1_000_000;
      const max = field.max ?? 1_000_000;
      return fc.integer({ min: Math.ceil(min), max: Math.floor(max) }).map((n) => n + 0);
    }
    case 'decimal': {
      const min = field.min ?? -1_000_000;
      const max = field.max ?? 1_000_000;
      return fc
        .integer({ min: Math.ceil(min * 100), max: Math.floor(max * 100) })
        .map((n) => clamp(n / 100, min, max) + 0);
    }
    case 'boolean':
      return fc.boolean();
    case 'date':
      return fc
        .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2199-12-31T00:00:00Z'), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10));
    case 'datetime':
      return fc
        .date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2199-12-31T00:00:00Z'), noInvalidDate: true })
        .map((d) => d.toISOString());
    case 'enum':
      return fc.constantFrom(...field.values);
    case 'email':
      return fc
        .tuple(fc.stringMatching(/^[a-z0-9]{1,10}$/), wordArb)
        .map(([local, domain]) => `${local}@${domain}.example`);
    case 'url':
      return fc
        .tuple(fc.constantFrom('http', 'https'), wordArb, fc.array(wordArb, { maxLength: 3 }))
        .map(([scheme, host, segments]) => `${scheme}://${host}.example/${segments.join('/')}`);
    case 'slug':
      // A random suffix: slugs are unique per type and locale, and property runs save many entries.
      return fc
        .tuple(fc.array(wordArb, { minLength: 1, maxLength: 3 }), fc.stringMatching(/^[a-z0-9]{10}$/))
        .map(([words, suffix]) => [...words, suffix].join('-'));
    case 'json':
      return jsonArb.filter((v) => !required || (v !== null && v !== '' && !(Array.isArray(v) && v.length === 0)));
    case 'media':
    case 'relation':
      return field.multiple ? fc.uniqueArray(fc.uuid(), { minLength: 1, maxLength: 3 }) : fc.uuid();
    case 'component': {
      const component = resolveComponent(field.component, components);
      if (!component) return fc.constant(null);
      const item = entryArb(component.fields, components, depth + 1);
      if (!field.repeatable) return item;
      const min = Math.max(field.minItems ?? 0, required ? 1 : 0, 1);
      const max = Math.max(Math.min(field.maxItems ?? 3, 3), min);
      return fc.array(item, { minLength: min, maxLength: max });
    }
    default:
      return fc.constant(null);
  }
}

const ABSENT = Symbol('absent');

function entryArb(
  fields: readonly FieldDefinition[],
  components: Components,
  depth: number,
): fc.Arbitrary<Record<string, unknown>> {
  const perField = fields.map((field) => {
    // Relations need existing targets: left out (and never required in generated types).
    if (field.type === 'relation') return fc.constant<unknown>(ABSENT);
    const value = valueArb(field, components, depth);
    if (field.required) return value;
    return fc.oneof({ weight: 3, arbitrary: value }, { weight: 1, arbitrary: fc.constantFrom<unknown>(null, ABSENT) });
  });
  return fc.tuple(...perField).map((values) => {
    const data: Record<string, unknown> = {};
    values.forEach((value, i) => {
      if (value !== ABSENT) data[fields[i]!.name] = value;
    });
    return data;
  });
}

/**
 * Data valid in publish mode for the type (required fields filled, every value within its rules). Relation fields
 * are left out; media ids are random UUIDs. JSON-round-trip stable.
 */
export function arbitraryValidEntry(
  definition: ContentTypeDefinition,
  components: Components = NO_COMPONENTS,
): fc.Arbitrary<Record<string, unknown>> {
  return entryArb(effectiveFields(definition), components, 0);
}

/** Data that breaks at least one rule, the top-level field it breaks (or the unknown key it adds) and the rule. */
export interface InvalidEntry {
  data: Record<string, unknown>;
  field: string;
  rule: string;
}

interface Violation {
  field: string;
  value: unknown;
  rule: string;
}

/** The values that leave a field empty without breaking its type. */
function emptyValuesOf(field: FieldDefinition): unknown[] {
  const list =
    (field.type === 'media' || field.type === 'relation') && field.multiple
      ? true
      : field.type === 'component' && field.repeatable === true;
  if (list) return [null, []];
  if (['text', 'longText', 'date', 'datetime', 'enum', 'email', 'url', 'slug'].includes(field.type)) return [null, ''];
  if (field.type === 'richText') return [null, { type: 'doc', content: [{ type: 'paragraph' }] }];
  return [null];
}

function violationsOf(field: FieldDefinition, mode: 'draft' | 'publish'): fc.Arbitrary<Violation>[] {
  const v = (rule: string, value: fc.Arbitrary<unknown>): fc.Arbitrary<Violation> =>
    value.map((x) => ({ field: field.name, value: x, rule }));
  const list: fc.Arbitrary<Violation>[] = [];
  if (mode === 'publish' && field.required) list.push(v('required', fc.constantFrom<unknown>(...emptyValuesOf(field))));
  switch (field.type) {
    case 'text':
    case 'longText': {
      list.push(v('type', fc.oneof(fc.integer(), fc.boolean(), fc.constant({ a: 1 }))));
      const max = field.maxLength ?? (field.type === 'text' ? 10_000 : 200_000);
      if (max <= 1000)
        list.push(
          v(
            'maxLength',
            fc.constant('x'.repeat(max + 1)).map((s) => s),
          ),
        );
      if ((field.minLength ?? 0) >= 2) list.push(v('minLength', fc.constant('a'.repeat(field.minLength! - 1))));
      if (field.pattern !== undefined) {
        const re = new RegExp(`^(?:${field.pattern})$`, 'u');
        const misfit = ['!', '~~', '0', 'Z', 'a b', '#'].find(
          (s) => !re.test(s) && s.length <= max && s.length >= (field.minLength ?? 0),
        );
        if (misfit !== undefined) list.push(v('pattern', fc.constant(misfit)));
      }
      break;
    }
    case 'richText':
      list.push(v('type', fc.constantFrom<unknown>('<p>html</p>', 42, { type: 'paragraph' }, [])));
      break;
    case 'integer':
      list.push(v('type', fc.constantFrom<unknown>(1.5, '12', true)));
      if (field.min !== undefined) list.push(v('min', fc.constant(Math.floor(field.min) - 1)));
      if (field.max !== undefined) list.push(v('max', fc.constant(Math.ceil(field.max) + 1)));
      break;
    case 'decimal':
      list.push(v('type', fc.constantFrom<unknown>('1.5', false, [1])));
      if (field.min !== undefined) list.push(v('min', fc.constant(field.min - 0.5)));
      if (field.max !== undefined) list.push(v('max', fc.constant(field.max + 0.5)));
      break;
    case 'boolean':
      list.push(v('type', fc.constantFrom<unknown>('true', 0, 1)));
      break;
    case 'date':
      list.push(v('format', fc.constantFrom('2024-13-01', '2024-02-30', '01/02/2024', '2024-01-01T00:00:00Z')));
      break;
    case 'datetime':
      list.push(v('format', fc.constantFrom('2024-01-01', '2024-01-01T25:00:00Z', 'yesterday', '2024-01-01T10:00:00')));
      break;
    case 'enum':
      list.push(
        v(
          'enum',
          fc.constant('definitely-not-a-listed-value-0123456789').filter((s) => !field.values.includes(s)),
        ),
      );
      break;
    case 'email':
      list.push(v('format', fc.constantFrom('not-an-email', 'a@', '@b.example', 'a b@c.example')));
      break;
    case 'url':
      list.push(v('url', fc.constantFrom('javascript:alert(1)', 'ftp://x.example/', 'not a url', '/relative')));
      break;
    case 'slug':
      list.push(v('slug', fc.constantFrom('Not A Slug', 'double--hyphen', '-leading', 'trailing-', 'ümlaut')));
      break;
    case 'media':
    case 'relation':
      list.push(
        v(
          'type',
          field.multiple
            ? fc.constantFrom<unknown>(['not-a-uuid'], 'x', [1])
            : fc.constantFrom<unknown>('not-a-uuid', 42, ['x']),
        ),
      );
      break;
    case 'component':
      list.push(v('type', fc.constantFrom<unknown>('a string', 42, true)));
      break;
    default:
      break;
  }
  return list;
}

/**
 * Data that violates at least one rule: a valid entry with one field broken (wrong type, over a limit, off the
 * pattern, a bad format…) or an unknown key added. Invalid in draft mode too, unless `mode: 'publish'` (which also
 * empties required fields).
 */
export function arbitraryInvalidEntry(
  definition: ContentTypeDefinition,
  components: Components = NO_COMPONENTS,
  options: { mode?: 'draft' | 'publish' } = {},
): fc.Arbitrary<InvalidEntry> {
  const fields = effectiveFields(definition);
  const names = new Set(fields.map((f) => f.name));
  const unknownField = fc
    .tuple(fc.stringMatching(/^[a-z][a-zA-Z0-9]{0,10}$/), jsonArb)
    .filter(([name]) => !names.has(name))
    .map(([name, value]): Violation => ({ field: name, value: value ?? 'x', rule: 'unknown' }));
  const violations = [unknownField, ...fields.flatMap((f) => violationsOf(f, options.mode ?? 'draft'))];
  return fc.tuple(arbitraryValidEntry(definition, components), fc.oneof(...violations)).map(([data, violation]) => ({
    data: { ...data, [violation.field]: violation.value },
    field: violation.field,
    rule: violation.rule,
  }));
}
