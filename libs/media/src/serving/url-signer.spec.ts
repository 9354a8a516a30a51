import { loadConfig } from '@quire/core';
import { UrlSigner } from './url-signer';

const KEY = 'cXVpcmUtdGVzdC1rZXktbm90LWZvci1wcm9kdWN0aW8=';
const OTHER_KEY = Buffer.alloc(32, 7).toString('base64');
const WORKSPACE = '0192f0c4-7a3e-7c1d-8e2f-123456789abc';
const ASSET = '0192f0c4-7a3e-7c1d-8e2f-cba987654321';

describe(UrlSigner.name, () => {
  const sut = new UrlSigner(loadConfig({ QUIRE_SECRET_KEY: KEY, NODE_ENV: 'test' }));
  const now = Date.UTC(2026, 0, 1);
  const later = Math.floor(now / 1000) + 300;

  it('accepts its own signature until the expiry, then calls it expired', () => {
    const signature = sut.sign(WORKSPACE, ASSET, later);
    expect(sut.check(WORKSPACE, ASSET, String(later), signature, now)).toBe('valid');
    expect(sut.check(WORKSPACE, ASSET, String(later), signature, (later + 1) * 1000)).toBe('expired');
  });

  it('refuses a signature for another asset, workspace or expiry, or of another shape', () => {
    const signature = sut.sign(WORKSPACE, ASSET, later);
    expect(sut.check(WORKSPACE, WORKSPACE, String(later), signature, now)).toBe('invalid');
    expect(sut.check(ASSET, ASSET, String(later), signature, now)).toBe('invalid');
    expect(sut.check(WORKSPACE, ASSET, String(later + 1), signature, now)).toBe('invalid');
    expect(sut.check(WORKSPACE, ASSET, String(later), `${signature}x`, now)).toBe('invalid');
    expect(sut.check(WORKSPACE, ASSET, '1e12', signature, now)).toBe('invalid');
    // A forged signature is invalid, not expired, whatever its time.
    expect(sut.check(WORKSPACE, ASSET, '1', 'a'.repeat(43), now)).toBe('invalid');
  });

  it('still verifies signatures made under a previous key', () => {
    const before = new UrlSigner(loadConfig({ QUIRE_SECRET_KEY: OTHER_KEY, NODE_ENV: 'test' }));
    const rotated = new UrlSigner(
      loadConfig({ QUIRE_SECRET_KEY: KEY, QUIRE_SECRET_KEYS_PREVIOUS: OTHER_KEY, NODE_ENV: 'test' }),
    );
    const signature = before.sign(WORKSPACE, ASSET, later);
    expect(rotated.check(WORKSPACE, ASSET, String(later), signature, now)).toBe('valid');
    expect(sut.check(WORKSPACE, ASSET, String(later), signature, now)).toBe('invalid');
  });
});
