import fc from 'fast-check';
import { canonicalVariantQuery, parseVariantQuery, VARIANT_FITS, VARIANT_FORMATS } from './variant-params';
import { VariantParametersInvalidError } from './variant.errors';

const dimension = fc.option(fc.integer({ min: 1, max: 4096 }), { nil: undefined });
const thousandth = fc.integer({ min: 0, max: 1000 }).map((n) => n / 1000);
const validQuery = fc
  .record({
    w: dimension,
    h: dimension,
    fit: fc.constantFrom(...VARIANT_FITS),
    fm: fc.constantFrom(...VARIANT_FORMATS),
    q: fc.integer({ min: 1, max: 100 }),
    focal: fc.option(fc.tuple(thousandth, thousandth), { nil: undefined }),
  })
  .filter((q) => q.w !== undefined || q.h !== undefined)
  .map((q) => {
    const query: Record<string, string> = { fit: q.fit, fm: q.fm };
    if (q.w !== undefined) query.w = String(q.w);
    if (q.h !== undefined) query.h = String(q.h);
    if (q.fm !== 'png') query.q = String(q.q);
    if (q.focal && q.fit === 'cover' && q.w !== undefined && q.h !== undefined) {
      query.fx = String(q.focal[0]);
      query.fy = String(q.focal[1]);
    }
    return query;
  });

describe('variant parameters (properties)', () => {
  it('parse ∘ canonical is the identity: the canonical form reads back as the same parameters', () => {
    fc.assert(
      fc.property(validQuery, (query) => {
        const params = parseVariantQuery(query);
        const canonical = Object.fromEntries(new URLSearchParams(canonicalVariantQuery(params)));
        expect(parseVariantQuery(canonical)).toEqual(params);
        expect(canonicalVariantQuery(parseVariantQuery(canonical))).toBe(canonicalVariantQuery(params));
      }),
    );
  });

  it('refuses, with a 400 naming it, any parameter outside the list', () => {
    const unknownName = fc
      .string({ minLength: 1, maxLength: 12 })
      .filter((name) => !['w', 'h', 'fit', 'fm', 'q', 'fx', 'fy', '__proto__'].includes(name));
    fc.assert(
      fc.property(validQuery, unknownName, fc.string(), (query, name, value) => {
        try {
          parseVariantQuery({ ...query, [name]: value });
          throw new Error('accepted');
        } catch (error) {
          expect(error).toBeInstanceOf(VariantParametersInvalidError);
          expect((error as VariantParametersInvalidError).errors).toContainEqual(
            expect.objectContaining({ path: name }),
          );
        }
      }),
    );
  });

  it('never accepts a dimension outside 1-4096 or a quality outside 1-100, whatever its spelling', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 8 }), fc.constantFrom('w', 'h', 'q'), (value, name) => {
        const query = name === 'q' ? { w: '10', q: value } : { [name]: value };
        let accepted: number | undefined;
        try {
          const params = parseVariantQuery(query);
          accepted = name === 'w' ? params.width : name === 'h' ? params.height : params.quality;
        } catch (error) {
          expect(error).toBeInstanceOf(VariantParametersInvalidError);
          return;
        }
        expect(String(accepted)).toBe(value);
        expect(accepted).toBeGreaterThanOrEqual(1);
        expect(accepted).toBeLessThanOrEqual(name === 'q' ? 100 : 4096);
      }),
    );
  });
});
