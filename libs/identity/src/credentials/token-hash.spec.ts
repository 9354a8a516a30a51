import { hashToken, randomToken } from './token-hash';

describe(hashToken.name, () => {
  it('is the SHA-256 hex digest of the token', () => {
    expect(hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('is deterministic, so a token can be found again by its hash', () => {
    const token = randomToken();
    expect(hashToken(token)).toBe(hashToken(token));
    expect(hashToken(token)).not.toBe(hashToken(`${token}x`));
  });
});

describe(randomToken.name, () => {
  it('gives 32 random bytes as base64url by default', () => {
    const token = randomToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
  });

  it('honours the byte count and never repeats', () => {
    expect(Buffer.from(randomToken(48), 'base64url')).toHaveLength(48);
    const tokens = new Set(Array.from({ length: 1000 }, () => randomToken()));
    expect(tokens.size).toBe(1000);
  });

  it('refuses a byte count that is not a positive whole number', () => {
    expect(() => randomToken(0)).toThrow(RangeError);
    expect(() => randomToken(1.5)).toThrow(RangeError);
  });
});
