import { describeVariant, variantCacheControl, variantKeyPrefix } from './variant-descriptor';
import { parseVariantQuery } from './variant-params';

const ASSET = '01890a5d-ac96-774b-bcce-b302099a8057';
const CHECKSUM = 'a'.repeat(64);
const source = { assetId: ASSET, checksum: CHECKSUM };

describe(describeVariant.name, () => {
  it('names the variant under its asset’s prefix, with the format’s extension and type', () => {
    const descriptor = describeVariant(source, parseVariantQuery({ w: '320', fm: 'jpeg' }));

    expect(descriptor.key).toMatch(new RegExp(`^variants/${ASSET}/[0-9a-f]{32}\\.jpg$`));
    expect(descriptor.key.startsWith(variantKeyPrefix(ASSET))).toBe(true);
    expect(descriptor.contentType).toBe('image/jpeg');
    expect(descriptor.etag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(descriptor.version).toBe(descriptor.etag.slice(1, 17));
  });

  it('is the same for every spelling of the same parameters, so cached variants are found again', () => {
    const a = describeVariant(source, parseVariantQuery({ w: '320', h: '200' }));
    const b = describeVariant(source, parseVariantQuery({ h: '200', w: '320', fm: 'webp', q: '80', fit: 'cover' }));

    expect(b).toEqual(a);
  });

  it('changes with the source bytes and with the parameters', () => {
    const base = describeVariant(source, parseVariantQuery({ w: '320' }));

    expect(describeVariant({ ...source, checksum: 'b'.repeat(64) }, parseVariantQuery({ w: '320' })).key).not.toBe(
      base.key,
    );
    expect(describeVariant(source, parseVariantQuery({ w: '321' })).key).not.toBe(base.key);
    expect(describeVariant(source, parseVariantQuery({ w: '320', q: '79' })).key).not.toBe(base.key);
  });

  it('depends on the focal point only when the variant is cropped', () => {
    const cropped = parseVariantQuery({ w: '100', h: '100' });
    const fitted = parseVariantQuery({ w: '100', h: '100', fit: 'inside' });
    const left = { ...source, focalPoint: { x: 0.1, y: 0.5 } };
    const right = { ...source, focalPoint: { x: 0.9, y: 0.5 } };

    expect(describeVariant(left, cropped).key).not.toBe(describeVariant(right, cropped).key);
    expect(describeVariant(left, cropped).focalPoint).toEqual({ x: 0.1, y: 0.5 });
    expect(describeVariant(left, fitted).key).toBe(describeVariant(right, fitted).key);
    expect(describeVariant(left, fitted).focalPoint).toBeUndefined();
    // The centre is the default: no focal point and an explicit centre are the same variant.
    expect(describeVariant(source, cropped).key).toBe(
      describeVariant({ ...source, focalPoint: { x: 0.5, y: 0.5 } }, cropped).key,
    );
  });

  it('lets explicit focal parameters override the asset’s focal point', () => {
    const params = parseVariantQuery({ w: '100', h: '100', fx: '0.2', fy: '0.3' });

    expect(describeVariant({ ...source, focalPoint: { x: 0.9, y: 0.9 } }, params).focalPoint).toEqual({
      x: 0.2,
      y: 0.3,
    });
  });

  it('refuses an asset id that is not a UUID (it becomes part of a storage key)', () => {
    expect(() => describeVariant({ ...source, assetId: '../x' }, parseVariantQuery({ w: '1' }))).toThrow(
      /Not an asset id/,
    );
  });
});

describe(variantCacheControl.name, () => {
  const descriptor = describeVariant(source, parseVariantQuery({ w: '320' }));

  it('caches a versioned URL for a year, an unversioned or outdated one for an hour', () => {
    expect(variantCacheControl(descriptor, descriptor.version)).toBe('public, max-age=31536000, immutable');
    expect(variantCacheControl(descriptor)).toBe('public, max-age=3600, stale-while-revalidate=60');
    expect(variantCacheControl(descriptor, '0000000000000000')).toBe('public, max-age=3600, stale-while-revalidate=60');
  });
});
