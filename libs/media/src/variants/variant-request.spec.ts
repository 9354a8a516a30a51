import { QuireError } from '@quire/core';
import { randomBytes } from 'node:crypto';
import { parseVariantQuery } from './variant-params';
import { buildVariantPresets } from './variant-presets';
import { resolveVariantRequest } from './variant-request';
import { VariantSigner } from './variant-signer';
import {
  VariantParametersInvalidError,
  VariantPresetNotFoundError,
  VariantSignatureInvalidError,
} from './variant.errors';

const ASSET = '01890a5d-ac96-774b-bcce-b302099a8057';

describe(resolveVariantRequest.name, () => {
  const signer = new VariantSigner(randomBytes(32).toString('base64'));
  const context = { presets: buildVariantPresets(), signer };
  const resolve = (name: string, query: Record<string, unknown>) =>
    resolveVariantRequest({ assetId: ASSET, name, query }, context);
  const signedQuery = (query: Record<string, string>) =>
    Object.fromEntries(new URLSearchParams(signer.signedQuery(ASSET, parseVariantQuery(query))));

  it('resolves a preset by name, with an optional version', () => {
    expect(resolve('thumbnail', {})).toEqual({ params: context.presets.get('thumbnail') });
    expect(resolve('thumbnail', { v: '0123abcd' })).toEqual({
      params: context.presets.get('thumbnail'),
      version: '0123abcd',
    });
  });

  it('refuses any other parameter beside a preset', () => {
    expect(() => resolve('thumbnail', { w: '100' })).toThrow(VariantParametersInvalidError);
  });

  it('refuses an unknown preset with a 404', () => {
    expect(() => resolve('gigantic', {})).toThrow(VariantPresetNotFoundError);
  });

  it('resolves signed parameters under custom', () => {
    const query = signedQuery({ w: '640', h: '480', fm: 'jpeg' });

    expect(resolve('custom', query)).toEqual({
      params: { width: 640, height: 480, fit: 'cover', format: 'jpeg', quality: 80 },
    });
    expect(resolve('custom', { ...query, v: 'ff' }).version).toBe('ff');
  });

  it('refuses unsigned parameters with a 403', () => {
    const error = captured(() => resolve('custom', { w: '640' }));
    expect(error).toBeInstanceOf(VariantSignatureInvalidError);
    expect(error.status).toBe(403);
    expect(error.detail).toMatch(/need the signature/);
  });

  it('refuses a signature made for other parameters or another asset', () => {
    const query = signedQuery({ w: '640' });

    expect(() => resolve('custom', { ...query, w: '6400' })).toThrow(VariantParametersInvalidError);
    expect(() => resolve('custom', { ...query, w: '641' })).toThrow(VariantSignatureInvalidError);
    expect(() =>
      resolveVariantRequest({ assetId: '01890a5d-ac96-774b-bcce-b302099a8058', name: 'custom', query }, context),
    ).toThrow(VariantSignatureInvalidError);
  });

  it('checks the parameters before the signature: unknown ones are a 400 even when unsigned', () => {
    const error = captured(() => resolve('custom', { w: '10', blur: '5' }));
    expect(error).toBeInstanceOf(VariantParametersInvalidError);
    expect(error.errors).toEqual([
      { path: 'blur', message: 'is not a variant parameter (allowed: w, h, fit, fm, q, fx, fy, s, v)' },
    ]);
  });

  it('refuses a malformed or repeated version', () => {
    expect(() => resolve('thumbnail', { v: 'not-hex' })).toThrow(VariantParametersInvalidError);
    expect(() => resolve('thumbnail', { v: ['aa', 'bb'] })).toThrow(VariantParametersInvalidError);
  });
});

function captured(work: () => unknown): QuireError {
  try {
    work();
  } catch (error) {
    return error as QuireError;
  }
  throw new Error('expected an error');
}
