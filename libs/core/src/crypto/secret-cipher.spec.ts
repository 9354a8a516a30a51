import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { SecretCipher, SecretDecryptionError } from './secret-cipher';

const newKey = () => randomBytes(32).toString('base64');

describe(SecretCipher.name, () => {
  const key = newKey();
  const sut = new SecretCipher(key);

  it('round-trips any text and never repeats a ciphertext', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (secret) => {
        const sealed = sut.encrypt(secret);
        expect(sut.decrypt(sealed)).toBe(secret);
        expect(sut.encrypt(secret)).not.toBe(sealed);
        if (secret.length >= 4) expect(sealed).not.toContain(secret);
      }),
    );
  });

  it('detects tampering', () => {
    const sealed = sut.encrypt('sk-live-123');
    const parts = sealed.split(':');
    const flipped = Buffer.from(parts[4], 'base64url');
    flipped[0] ^= 1;
    parts[4] = flipped.toString('base64url');
    expect(() => sut.decrypt(parts.join(':'))).toThrow(SecretDecryptionError);
  });

  it('binds a secret to its associated data', () => {
    const sealed = sut.encrypt('sk-live-123', 'ai-key:workspace-a');
    expect(sut.decrypt(sealed, 'ai-key:workspace-a')).toBe('sk-live-123');
    expect(() => sut.decrypt(sealed, 'ai-key:workspace-b')).toThrow('the value was altered, or belongs elsewhere');
  });

  it('rotates keys: old values still decrypt and are flagged for re-encryption', () => {
    const oldSealed = sut.encrypt('webhook-secret');
    const rotated = new SecretCipher(newKey(), [key]);
    expect(rotated.decrypt(oldSealed)).toBe('webhook-secret');
    expect(rotated.needsReencryption(oldSealed)).toBe(true);
    expect(rotated.needsReencryption(rotated.encrypt('x'))).toBe(false);
  });

  it('names a missing key instead of failing obscurely', () => {
    const other = new SecretCipher(newKey());
    expect(() => other.decrypt(sut.encrypt('x'))).toThrow(`key ${sut.currentKeyId} is not configured`);
    expect(() => other.decrypt('plain text')).toThrow('not a sealed secret');
  });
});
