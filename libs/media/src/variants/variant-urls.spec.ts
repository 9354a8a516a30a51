import { randomBytes } from 'node:crypto';
import { parseVariantQuery } from './variant-params';
import { buildVariantPresets } from './variant-presets';
import { resolveVariantRequest } from './variant-request';
import { VariantSigner } from './variant-signer';
import { variantPath } from './variant-urls';

const target = { workspaceId: '01890a5d-ac96-774b-bcce-b302099a8001', assetId: '01890a5d-ac96-774b-bcce-b302099a8057' };

describe(variantPath.name, () => {
  it('names a preset, with or without a version', () => {
    expect(variantPath(target, { preset: 'thumbnail' })).toBe(
      `/api/v1/delivery/${target.workspaceId}/media/${target.assetId}/variants/thumbnail`,
    );
    expect(variantPath(target, { preset: 'thumbnail' }, 'abc123')).toMatch(/\/variants\/thumbnail\?v=abc123$/);
  });

  it('writes signed parameters under custom, and the route reads them back', () => {
    const signer = new VariantSigner(randomBytes(32).toString('base64'));
    const params = parseVariantQuery({ w: '640', fm: 'avif' });
    const path = variantPath(target, { signedQuery: signer.signedQuery(target.assetId, params) }, 'ff00');
    const url = new URL(path, 'https://cms.example.com');

    expect(url.pathname.endsWith('/variants/custom')).toBe(true);
    const resolved = resolveVariantRequest(
      { assetId: target.assetId, name: 'custom', query: Object.fromEntries(url.searchParams) },
      { presets: buildVariantPresets(), signer },
    );
    expect(resolved).toEqual({ params, version: 'ff00' });
  });

  it('refuses ids that are not UUIDs', () => {
    expect(() => variantPath({ ...target, assetId: '../x' }, { preset: 'small' })).toThrow();
  });
});
