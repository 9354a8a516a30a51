import { QuireError } from '@quire/core';
import { canonicalVariantQuery, checkVariantParams, parseVariantQuery } from './variant-params';
import { VariantParametersInvalidError } from './variant.errors';

function problemsOf(query: Record<string, unknown>): Array<{ path: string; message: string }> {
  try {
    parseVariantQuery(query);
  } catch (error) {
    expect(error).toBeInstanceOf(VariantParametersInvalidError);
    expect((error as QuireError).status).toBe(400);
    return (error as QuireError).errors ?? [];
  }
  throw new Error(`expected ${JSON.stringify(query)} to be refused`);
}

describe(parseVariantQuery.name, () => {
  it('reads every parameter', () => {
    expect(parseVariantQuery({ w: '800', h: '600', fit: 'cover', fm: 'avif', q: '40', fx: '0.25', fy: '1' })).toEqual({
      width: 800,
      height: 600,
      fit: 'cover',
      format: 'avif',
      quality: 40,
      focalPoint: { x: 0.25, y: 1 },
    });
  });

  it('fills in the defaults: fit cover, format webp, the format’s quality', () => {
    expect(parseVariantQuery({ w: '320' })).toEqual({ width: 320, fit: 'cover', format: 'webp', quality: 80 });
    expect(parseVariantQuery({ h: '100', fm: 'jpeg' })).toEqual({
      height: 100,
      fit: 'cover',
      format: 'jpeg',
      quality: 80,
    });
    expect(parseVariantQuery({ h: '100', fm: 'avif' })).toMatchObject({ quality: 55 });
    expect(parseVariantQuery({ h: '100', fm: 'png' })).toEqual({ height: 100, fit: 'cover', format: 'png' });
  });

  it('accepts the signature and version parameters only when the caller allows them', () => {
    expect(parseVariantQuery({ w: '10', s: 'x', v: 'y' }, ['s', 'v'])).toMatchObject({ width: 10 });
    expect(problemsOf({ w: '10', s: 'x' })).toEqual([
      { path: 's', message: 'is not a variant parameter (allowed: w, h, fit, fm, q, fx, fy)' },
    ]);
  });

  it('names every unknown parameter', () => {
    expect(problemsOf({ w: '10', width: '10', blur: '3' }).map((p) => p.path)).toEqual(['width', 'blur']);
  });

  it('refuses a parameter given twice', () => {
    expect(problemsOf({ w: ['10', '20'] })).toEqual([{ path: 'w', message: 'must be given once' }]);
  });

  it.each([
    [{ w: '0' }, 'w', 'must be a positive integer written in digits'],
    [{ w: '0800' }, 'w', 'must be a positive integer written in digits'],
    [{ w: '1e3' }, 'w', 'must be a positive integer written in digits'],
    [{ w: '-5' }, 'w', 'must be a positive integer written in digits'],
    [{ w: '4097' }, 'w', 'must be an integer between 1 and 4096'],
    [{ h: '99999' }, 'h', 'must be an integer between 1 and 4096'],
    [{ w: '10', q: '101' }, 'q', 'must be an integer between 1 and 100'],
    [{ w: '10', q: '0' }, 'q', 'must be a positive integer written in digits'],
    [{ w: '10', fit: 'fill' }, 'fit', 'must be one of cover, contain, inside'],
    [{ w: '10', fm: 'gif' }, 'fm', 'must be one of webp, avif, jpeg, png'],
    [{ w: '10', fm: 'png', q: '80' }, 'q', 'must be absent with png (PNG is lossless)'],
    [{ fm: 'webp' }, 'w', 'or h is required'],
    [{ w: '10', h: '10', fx: '0.5' }, 'fy', 'is required with the other focal coordinate'],
    [{ w: '10', h: '10', fx: '0.1234', fy: '0.5' }, 'fx', 'must be a number from 0 to 1 with at most 3 decimals'],
    [{ w: '10', h: '10', fx: '1.5', fy: '0.5' }, 'fx', 'must be a number from 0 to 1 with at most 3 decimals'],
    [{ w: '10', h: '10', fx: '.5', fy: '0.5' }, 'fx', 'must be a number from 0 to 1 with at most 3 decimals'],
    [{ w: '10', fx: '0.5', fy: '0.5' }, 'fx', 'applies only to fit=cover with both w and h'],
    [{ w: '10', h: '10', fit: 'inside', fx: '0.5', fy: '0.5' }, 'fx', 'applies only to fit=cover with both w and h'],
  ])('refuses %j, naming %s', (query, path, message) => {
    expect(problemsOf(query)).toContainEqual({ path, message });
  });

  it('reports every broken rule at once', () => {
    expect(problemsOf({ w: '5000', q: '300', fit: 'stretch', fm: 'bmp' }).map((p) => p.path)).toEqual([
      'w',
      'fit',
      'fm',
      'q',
    ]);
  });
});

describe(canonicalVariantQuery.name, () => {
  it('writes parameters in one order with the defaults spelled out', () => {
    const fromShuffled = parseVariantQuery({ fm: 'webp', h: '600', w: '800' });
    const fromMinimal = parseVariantQuery({ w: '800', h: '600' });

    expect(canonicalVariantQuery(fromShuffled)).toBe('w=800&h=600&fit=cover&fm=webp&q=80');
    expect(canonicalVariantQuery(fromMinimal)).toBe(canonicalVariantQuery(fromShuffled));
    expect(canonicalVariantQuery(parseVariantQuery({ w: '8', h: '6', fx: '0.250', fy: '1.0' }))).toBe(
      'w=8&h=6&fit=cover&fm=webp&q=80&fx=0.25&fy=1',
    );
  });
});

describe(checkVariantParams.name, () => {
  it('names problems as the caller spells the parameters', () => {
    const result = checkVariantParams(
      { width: 0, format: 'png', quality: 50 },
      { w: 'width', h: 'height', fit: 'fit', fm: 'format', q: 'quality', fx: 'focalPoint', fy: 'focalPoint' },
    );
    expect(result).toEqual({
      errors: [
        { path: 'width', message: 'must be an integer between 1 and 4096' },
        { path: 'quality', message: 'must be absent with png (PNG is lossless)' },
      ],
    });
  });
});
