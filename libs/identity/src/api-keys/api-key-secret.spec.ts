import { hashToken } from '../credentials/token-hash';
import { generateApiKeySecret, looksLikeApiKeySecret } from './api-key-secret';

describe(generateApiKeySecret.name, () => {
  it('makes qk_ secrets that start with their prefix and are stored as their SHA-256', () => {
    const { secret, prefix, hash } = generateApiKeySecret();
    expect(prefix).toMatch(/^qk_[a-z2-9]{8}$/);
    expect(secret.startsWith(`${prefix}_`)).toBe(true);
    expect(secret).toHaveLength(3 + 8 + 1 + 43);
    expect(hash).toBe(hashToken(secret));
    expect(looksLikeApiKeySecret(secret)).toBe(true);
  });

  it('never repeats a secret or (in practice) a prefix', () => {
    const made = Array.from({ length: 500 }, generateApiKeySecret);
    expect(new Set(made.map((m) => m.secret)).size).toBe(500);
    expect(new Set(made.map((m) => m.prefix)).size).toBe(500);
  });

  it('avoids look-alike characters in the prefix', () => {
    const prefixes = Array.from({ length: 300 }, () => generateApiKeySecret().prefix.slice(3)).join('');
    expect(prefixes).not.toMatch(/[01lo]/);
  });
});

describe(looksLikeApiKeySecret.name, () => {
  const good = generateApiKeySecret().secret;

  it.each([
    ['empty', ''],
    ['a JWT', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln'],
    ['prefix only', good.slice(0, 11)],
    ['one character short', good.slice(0, -1)],
    ['one character long', `${good}A`],
    ['another marker', `qx_${good.slice(3)}`],
    ['upper-case prefix', `qk_ABCDEFGH${good.slice(11)}`],
    ['look-alike in the prefix', `qk_abcdefg1${good.slice(11)}`],
    ['trailing newline', `${good}\n`],
  ])('refuses %s', (_label, value) => {
    expect(looksLikeApiKeySecret(value)).toBe(false);
  });
});
