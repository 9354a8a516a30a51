import { generateRecoveryCodes, hashRecoveryCode, normaliseRecoveryCode } from './recovery-codes';
import { hashToken } from './token-hash';

const SHAPE = /^[0-9a-hjkmnp-tv-z]{4}-[0-9a-hjkmnp-tv-z]{4}-[0-9a-hjkmnp-tv-z]{2}$/;

describe(generateRecoveryCodes.name, () => {
  it('gives ten codes shaped xxxx-xxxx-xx from the unambiguous alphabet', () => {
    const codes = generateRecoveryCodes();
    expect(codes).toHaveLength(10);
    codes.forEach((code) => expect(code).toMatch(SHAPE));
  });

  it('honours the count and never repeats a code', () => {
    expect(generateRecoveryCodes(3)).toHaveLength(3);
    const many = Array.from({ length: 200 }, () => generateRecoveryCodes()).flat();
    expect(new Set(many).size).toBe(many.length);
  });

  it('uses every symbol of the alphabet, each about as often (uniform)', () => {
    const counts = new Map<string, number>();
    for (const code of generateRecoveryCodes(2000)) {
      for (const c of code.replace(/-/g, '')) counts.set(c, (counts.get(c) ?? 0) + 1);
    }
    expect(counts.size).toBe(32);
    // 20,000 characters over 32 symbols: 625 expected each; these bounds are far beyond 6 standard deviations.
    counts.forEach((n) => {
      expect(n).toBeGreaterThan(450);
      expect(n).toBeLessThan(800);
    });
  });

  it('refuses a count that is not a positive whole number', () => {
    expect(() => generateRecoveryCodes(0)).toThrow(RangeError);
  });
});

describe(normaliseRecoveryCode.name, () => {
  it('removes case, spaces and dashes', () => {
    expect(normaliseRecoveryCode(' AB3D-EF7H-JK ')).toBe('ab3def7hjk');
    expect(normaliseRecoveryCode('ab3d ef7h jk')).toBe('ab3def7hjk');
    expect(normaliseRecoveryCode('AB3DEF7HJK')).toBe('ab3def7hjk');
  });

  it('reads the lookalikes o, i and l as 0 and 1', () => {
    expect(normaliseRecoveryCode('O1IL-0000-00')).toBe('0111000000');
  });

  it('turns a generated code back into its canonical form', () => {
    for (const code of generateRecoveryCodes()) {
      expect(normaliseRecoveryCode(code.toUpperCase().replace(/-/g, ' '))).toBe(code.replace(/-/g, ''));
    }
  });
});

describe(hashRecoveryCode.name, () => {
  it('is the SHA-256 of the normalised code, so any way of typing it matches the stored hash', () => {
    const [code] = generateRecoveryCodes(1);
    const stored = hashRecoveryCode(code);
    expect(stored).toBe(hashToken(code.replace(/-/g, '')));
    expect(hashRecoveryCode(` ${code.toUpperCase()} `)).toBe(stored);
    expect(hashRecoveryCode(code.replace(/-/g, ''))).toBe(stored);
    expect(stored).not.toContain(code);
  });

  it('differs for different codes', () => {
    const [a, b] = generateRecoveryCodes(2);
    expect(hashRecoveryCode(a)).not.toBe(hashRecoveryCode(b));
  });
});
