import { randomBytes } from 'node:crypto';
import { parseVariantQuery } from './variant-params';
import { VariantSigner } from './variant-signer';

const key = () => randomBytes(32).toString('base64');
const ASSET = '01890a5d-ac96-774b-bcce-b302099a8057';
const OTHER_ASSET = '01890a5d-ac96-774b-bcce-b302099a8058';

describe(VariantSigner.name, () => {
  const current = key();
  const sut = new VariantSigner(current);
  const params = parseVariantQuery({ w: '800', h: '600' });

  it('verifies its own signatures: 22 base64url characters', () => {
    const signature = sut.sign(ASSET, params);

    expect(signature).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(sut.verify(ASSET, params, signature)).toBe(true);
  });

  it('binds a signature to the asset and to the parameters', () => {
    const signature = sut.sign(ASSET, params);

    expect(sut.verify(OTHER_ASSET, params, signature)).toBe(false);
    expect(sut.verify(ASSET, parseVariantQuery({ w: '801', h: '600' }), signature)).toBe(false);
    expect(sut.verify(ASSET, parseVariantQuery({ w: '800', h: '600', q: '81' }), signature)).toBe(false);
  });

  it('accepts every spelling of the same parameters', () => {
    const signature = sut.sign(ASSET, parseVariantQuery({ w: '800', h: '600' }));

    expect(
      sut.verify(ASSET, parseVariantQuery({ h: '600', fm: 'webp', fit: 'cover', q: '80', w: '800' }), signature),
    ).toBe(true);
  });

  it('refuses malformed and foreign signatures', () => {
    const signature = sut.sign(ASSET, params);

    for (const wrong of [
      '',
      'x',
      `${signature}x`,
      signature.slice(1),
      '='.repeat(22),
      new VariantSigner(key()).sign(ASSET, params),
    ]) {
      expect(sut.verify(ASSET, params, wrong)).toBe(false);
    }
  });

  it('still verifies signatures made under a previous key after a rotation', () => {
    const previous = key();
    const before = new VariantSigner(previous).sign(ASSET, params);
    const rotated = new VariantSigner(key(), [previous]);

    expect(rotated.verify(ASSET, params, before)).toBe(true);
    expect(rotated.sign(ASSET, params)).not.toBe(before);
  });

  it('writes the signed query of a URL: canonical parameters, then s', () => {
    const query = sut.signedQuery(ASSET, parseVariantQuery({ fm: 'jpeg', w: '320' }));

    expect(query).toMatch(/^w=320&fit=cover&fm=jpeg&q=80&s=[A-Za-z0-9_-]{22}$/);
  });
});
