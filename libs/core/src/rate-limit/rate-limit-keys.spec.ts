import { clientAddress, normaliseAccount, RateLimitKeyHasher } from './rate-limit-keys';

const SECRET = 'cXVpcmUtdGVzdC1rZXktbm90LWZvci1wcm9kdWN0aW8=';
const OTHER_SECRET = Buffer.alloc(32, 7).toString('base64');

describe(normaliseAccount.name, () => {
  it.each([
    ['ada@example.com', 'ada@example.com'],
    ['  Ada@Example.COM\t', 'ada@example.com'],
    ['ADA@EXAMPLE.COM\n', 'ada@example.com'],
  ])('trims and lower-cases %j', (raw, expected) => {
    expect(normaliseAccount(raw)).toBe(expected);
  });

  it.each([[undefined], [null], [''], ['   '], [42], [['ada@example.com']], [{ email: 'ada@example.com' }]])(
    'has no account for %j',
    (raw) => {
      expect(normaliseAccount(raw)).toBeUndefined();
    },
  );
});

describe(clientAddress.name, () => {
  it('keeps an IPv4 address', () => {
    expect(clientAddress('203.0.113.9')).toBe('203.0.113.9');
  });

  it.each(['::ffff:203.0.113.9', '::FFFF:203.0.113.9', '::ffff:cb00:7109', '0:0:0:0:0:ffff:203.0.113.9'])(
    'counts the IPv4-mapped %s as its IPv4 address',
    (ip) => {
      expect(clientAddress(ip)).toBe('203.0.113.9');
    },
  );

  it('counts an IPv6 address as its /64, whatever its spelling', () => {
    const spellings = [
      '2001:db8:85a3:12::1',
      '2001:0db8:85a3:0012:ffff:ffff:ffff:ffff',
      '2001:DB8:85A3:12:abcd::',
      '2001:db8:85a3:12:1:2:3:4%eth0',
    ];
    expect(new Set(spellings.map(clientAddress))).toEqual(new Set(['2001:db8:85a3:12::/64']));
  });

  it('separates neighbouring /64s and expands a leading ::', () => {
    expect(clientAddress('2001:db8:85a3:13::1')).toBe('2001:db8:85a3:13::/64');
    expect(clientAddress('::1')).toBe('0:0:0:0::/64');
    expect(clientAddress('fe80::1')).toBe('fe80:0:0:0::/64');
  });

  it.each([[undefined], [''], ['not-an-ip'], ['1.2.3']])('puts %j into one "unknown" count', (ip) => {
    expect(clientAddress(ip)).toBe('unknown');
  });
});

describe(RateLimitKeyHasher.name, () => {
  it('is stable for one secret and differs between secrets and values', () => {
    const hasher = new RateLimitKeyHasher(SECRET);
    const hash = hasher.hash('account:ada@example.com');
    expect(hash).toMatch(/^[0-9a-f]{32}$/);
    expect(new RateLimitKeyHasher(SECRET).hash('account:ada@example.com')).toBe(hash);
    expect(new RateLimitKeyHasher(OTHER_SECRET).hash('account:ada@example.com')).not.toBe(hash);
    expect(hasher.hash('account:bob@example.com')).not.toBe(hash);
  });

  it('is not the plain SHA-256 of the value, which a list of addresses would reverse', async () => {
    const { createHash } = await import('node:crypto');
    const plain = createHash('sha256').update('account:ada@example.com').digest('hex');
    expect(plain.startsWith(new RateLimitKeyHasher(SECRET).hash('account:ada@example.com'))).toBe(false);
  });
});
