import { emailDomain, normalizeDomain } from './domain-name';

describe(normalizeDomain.name, () => {
  it.each([
    ['Example.COM', 'example.com'],
    [' example.com. ', 'example.com'],
    ['mail.example.co.uk', 'mail.example.co.uk'],
    ['bücher.example', 'xn--bcher-kva.example'],
    ['a-b.example', 'a-b.example'],
  ])('normalises %p to %p', (input, expected) => {
    expect(normalizeDomain(input)).toBe(expected);
  });

  it.each([
    '',
    'localhost',
    'example',
    '-bad.example',
    'bad-.example',
    'exa mple.com',
    'user@example.com',
    'example.com/path',
    'http://example.com',
    '127.0.0.1',
    `${'a'.repeat(64)}.example`,
    `${'a.'.repeat(127)}com`,
    'under_score.example',
    'example..com',
  ])('refuses %p', (input) => {
    expect(normalizeDomain(input)).toBeNull();
  });
});

describe(emailDomain.name, () => {
  it('takes the part after the last @, normalised', () => {
    expect(emailDomain('Ada@Example.COM')).toBe('example.com');
    expect(emailDomain('"odd@local"@example.org')).toBe('example.org');
  });

  it('answers null without a valid domain', () => {
    expect(emailDomain('no-at-sign')).toBeNull();
    expect(emailDomain('@example.com')).toBeNull();
    expect(emailDomain('ada@localhost')).toBeNull();
  });
});
