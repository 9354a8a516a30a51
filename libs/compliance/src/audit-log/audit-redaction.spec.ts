import { isSecretKey, REDACTED, redactChanges } from './audit-redaction';

describe(isSecretKey.name, () => {
  it.each([
    'password',
    'passwordHash',
    'password_hash',
    'newPassword',
    'secret',
    'clientSecret',
    'client_secret',
    'secretCiphertext',
    'accessToken',
    'refresh_token',
    'apiKey',
    'X-Api-Key',
    'keyHash',
    'key_hash',
    'privateKey',
    'signingKey',
    'encryption_key',
    'credentials',
    'recoveryCodes',
    'oneTimeCode',
    'verification_code',
    'totpSecret',
    'totpLastUsedStep',
    'cookie',
    'Authorization',
    'salt',
    'passphrase',
  ])('treats %s as a secret', (key) => expect(isSecretKey(key)).toBe(true));

  it.each(['title', 'name', 'url', 'enabled', 'events', 'altText', 'tags', 'role', 'twoFactorEnabled', 'keyPrefix'])(
    'keeps %s',
    (key) => expect(isSecretKey(key)).toBe(false),
  );
});

describe(redactChanges.name, () => {
  it('redacts a secret-like key as a whole, before and after, at any depth and inside lists', () => {
    const redacted = redactChanges(
      {
        url: { before: 'https://a.example', after: 'https://b.example' },
        keyHash: { before: 'sha256:aa', after: 'sha256:bb' },
        config: {
          before: { issuer: 'https://idp', clientSecret: 's1' },
          after: { issuer: 'https://idp', clientSecret: 's2' },
        },
        rules: [{ signingKey: 'k', action: 'read' }],
      },
      new Set(),
    );
    expect(redacted).toEqual({
      url: { before: 'https://a.example', after: 'https://b.example' },
      keyHash: REDACTED,
      config: {
        before: { issuer: 'https://idp', clientSecret: REDACTED },
        after: { issuer: 'https://idp', clientSecret: REDACTED },
      },
      rules: [{ signingKey: REDACTED, action: 'read' }],
    });
    expect(JSON.stringify(redacted)).not.toMatch(/sha256|s1|s2/);
  });

  it('redacts declared-sensitive fields by exact name', () => {
    const sensitive = new Set(['date_of_birth', 'dateOfBirth']);
    expect(
      redactChanges(
        { dateOfBirth: { before: '1815-12-10', after: null }, birthday: { before: 'x', after: 'y' } },
        sensitive,
      ),
    ).toEqual({ dateOfBirth: REDACTED, birthday: { before: 'x', after: 'y' } });
  });
});
