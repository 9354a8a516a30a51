import fc from 'fast-check';
import type { ContentTypeDefinition } from './field-definition';
import { compileEntryValidator } from './entry-validator';
import { sanitizeEntryData } from './sanitize-entry';
import { sanitizeRichText } from './rich-text';
import { validateTypeDefinition } from './validate-type-definition';
import {
  arbitraryInvalidEntry,
  arbitraryRichText,
  arbitraryTypeDefinition,
  arbitraryValidEntry,
} from './testing/arbitraries';

const quote: ContentTypeDefinition = {
  apiId: 'quote',
  kind: 'component',
  name: 'Quote',
  fields: [
    { name: 'text', type: 'text', required: true, maxLength: 80, localized: true },
    { name: 'rating', type: 'integer', min: 1, max: 5, localized: false },
    { name: 'when', type: 'date', localized: false },
  ],
};
const components = new Map([['quote', quote]]);
const env = { components, relationTargets: new Set<string>() };

const isOnField = (path: string, field: string): boolean =>
  path === field || path.startsWith(`${field}.`) || path.startsWith(`${field}[`);

describe('entry validation (properties)', () => {
  it('generated type definitions pass validateTypeDefinition unchanged but for explicit localized flags', () => {
    fc.assert(
      fc.property(arbitraryTypeDefinition({ components, includeMedia: true, includeSeo: true }), (definition) => {
        const { definition: checked, problems } = validateTypeDefinition(definition, env);
        expect(problems).toEqual([]);
        expect(checked!.fields.map((f) => f.name)).toEqual(definition.fields.map((f) => f.name));
      }),
      { numRuns: 200 },
    );
  });

  it('accepts random valid entries of random types in publish mode, before and after sanitizing, JSON round trip included', () => {
    const typeAndEntry = arbitraryTypeDefinition({ components, includeMedia: true, includeSeo: true }).chain(
      (definition) => fc.tuple(fc.constant(definition), arbitraryValidEntry(definition, components)),
    );
    fc.assert(
      fc.property(typeAndEntry, ([definition, entry]) => {
        const validate = compileEntryValidator(definition, components, 'publish');
        expect(validate(entry)).toEqual([]);
        const roundTripped = JSON.parse(JSON.stringify(entry)) as Record<string, unknown>;
        expect(roundTripped).toEqual(entry);
        // Generated values are already canonical: sanitizing changes nothing.
        expect(sanitizeEntryData(definition, components, entry)).toEqual(entry);
        expect(compileEntryValidator(definition, components, 'draft')(entry)).toEqual([]);
      }),
      { numRuns: 80 },
    );
  });

  it('refuses random invalid entries with a problem on the violated field, and never throws', () => {
    const typeAndEntry = arbitraryTypeDefinition({ components, includeMedia: true }).chain((definition) =>
      fc.tuple(fc.constant(definition), arbitraryInvalidEntry(definition, components)),
    );
    fc.assert(
      fc.property(typeAndEntry, ([definition, invalid]) => {
        for (const mode of ['draft', 'publish'] as const) {
          const problems = compileEntryValidator(definition, components, mode)(invalid.data);
          expect(problems.some((p) => isOnField(p.path, invalid.field))).toBe(true);
          for (const p of problems) {
            expect(typeof p.path).toBe('string');
            expect(p.message).toMatch(/\S/);
          }
        }
      }),
      { numRuns: 80 },
    );
  });

  it('refuses publish-invalid entries (required fields emptied) only in publish mode', () => {
    const typeAndEntry = arbitraryTypeDefinition()
      .filter((d) => d.fields.some((f) => f.required))
      .chain((definition) =>
        fc.tuple(fc.constant(definition), arbitraryInvalidEntry(definition, new Map(), { mode: 'publish' })),
      );
    fc.assert(
      fc.property(typeAndEntry, ([definition, invalid]) => {
        const problems = compileEntryValidator(definition, new Map(), 'publish')(invalid.data);
        expect(problems.some((p) => isOnField(p.path, invalid.field))).toBe(true);
        if (invalid.rule === 'required') {
          expect(compileEntryValidator(definition, new Map(), 'draft')(invalid.data)).toEqual([]);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('never throws on arbitrary JSON entries', () => {
    const definitionAndData = arbitraryTypeDefinition({ components }).chain((definition) =>
      fc.tuple(
        fc.constant(definition),
        fc.dictionary(fc.constantFrom(...definition.fields.map((f) => f.name), 'x'), fc.jsonValue()),
      ),
    );
    fc.assert(
      fc.property(definitionAndData, ([definition, data]) => {
        const sanitized = sanitizeEntryData(definition, components, data);
        expect(Array.isArray(compileEntryValidator(definition, components, 'publish')(sanitized))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe('rich text (properties)', () => {
  it('sanitizing is idempotent and never throws on arbitrary JSON inside a document', () => {
    const hostile = fc.oneof(
      arbitraryRichText(),
      fc.array(fc.jsonValue(), { maxLength: 5 }).map((content) => ({ type: 'doc', content })),
      fc.array(fc.anything(), { maxLength: 5 }).map((content) => ({ type: 'doc', content })),
    );
    fc.assert(
      fc.property(hostile, (doc) => {
        const once = sanitizeRichText(doc);
        expect(sanitizeRichText(once)).toEqual(once);
      }),
      { numRuns: 300 },
    );
  });
});

describe('validateTypeDefinition (properties)', () => {
  it('never throws on random JSON input and returns either a definition or problems', () => {
    const fieldish = fc.record(
      {
        name: fc.oneof(fc.string(), fc.constantFrom('title', 'id', '__proto__', 'constructor')),
        type: fc.oneof(fc.constantFrom('text', 'component', 'relation', 'enum', 'slug', 'integer'), fc.jsonValue()),
        values: fc.jsonValue(),
        component: fc.constantFrom('quote', 'missing', '$seo', 'constructor'),
        target: fc.string(),
        pattern: fc.string(),
        default: fc.jsonValue(),
        min: fc.jsonValue(),
        maxLength: fc.jsonValue(),
      },
      { requiredKeys: [] },
    );
    const input = fc.oneof(
      fc.jsonValue(),
      fc.record(
        {
          apiId: fc.oneof(fc.string(), fc.constant('post')),
          kind: fc.oneof(fc.constantFrom('collection', 'component', 'singleton'), fc.jsonValue()),
          name: fc.jsonValue(),
          fields: fc.oneof(fc.array(fieldish, { maxLength: 6 }), fc.jsonValue()),
          options: fc.jsonValue(),
        },
        { requiredKeys: [] },
      ),
    );
    fc.assert(
      fc.property(input, (value) => {
        const { definition, problems } = validateTypeDefinition(value, env);
        expect(definition === null).toBe(problems.length > 0);
        for (const p of problems) expect(typeof p.message).toBe('string');
      }),
      { numRuns: 500 },
    );
  });
});
