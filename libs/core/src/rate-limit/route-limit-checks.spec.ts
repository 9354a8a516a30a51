import type { RateLimitOptions } from './rate-limit.options';
import { routeLimitChecks } from './route-limit-checks';

const hash = (value: string) => `h(${value})`;
const SIGN_IN: RateLimitOptions = {
  name: 'sign-in',
  perIp: { limit: 20, windowSeconds: 60 },
  perAccount: { limit: 10, windowSeconds: 900 },
};

describe(routeLimitChecks.name, () => {
  it('counts the IP first, then the account, each under the limit name', () => {
    expect(routeLimitChecks(SIGN_IN, { ip: '203.0.113.9', body: { email: 'ada@example.com' } }, hash)).toEqual([
      {
        scope: 'ip',
        key: 'route:sign-in:ip:h(ip:203.0.113.9)',
        keyHash: 'h(ip:203.0.113.9)',
        limit: 20,
        windowSeconds: 60,
      },
      {
        scope: 'account',
        key: 'route:sign-in:account:h(account:ada@example.com)',
        keyHash: 'h(account:ada@example.com)',
        limit: 10,
        windowSeconds: 900,
      },
    ]);
  });

  it('gives every spelling of one email the same account key', () => {
    const keys = ['ada@example.com', 'ADA@Example.com', '  ada@EXAMPLE.COM  '].map(
      (email) => routeLimitChecks(SIGN_IN, { ip: '203.0.113.9', body: { email } }, hash)[1].key,
    );
    expect(new Set(keys).size).toBe(1);
  });

  it('keys on nothing else of the request: other members and a different route name do not matter', () => {
    const a = routeLimitChecks(SIGN_IN, { ip: '203.0.113.9', body: { email: 'ada@example.com', password: 'x' } }, hash);
    const b = routeLimitChecks(SIGN_IN, { ip: '203.0.113.9', body: { email: 'ada@example.com', password: 'y' } }, hash);
    expect(a).toEqual(b);
    const reset = routeLimitChecks({ ...SIGN_IN, name: 'password-reset' }, { ip: '203.0.113.9', body: b }, hash);
    expect(reset[0].key).toBe('route:password-reset:ip:h(ip:203.0.113.9)');
  });

  it('gives one IPv6 /64 one IP key', () => {
    const keys = ['2001:db8:1:2::1', '2001:db8:1:2:ffff::9'].map(
      (ip) => routeLimitChecks(SIGN_IN, { ip, body: {} }, hash)[0].key,
    );
    expect(keys).toEqual(['route:sign-in:ip:h(ip:2001:db8:1:2::/64)', 'route:sign-in:ip:h(ip:2001:db8:1:2::/64)']);
  });

  it.each([
    ['no body', undefined],
    ['no email member', { mail: 'ada@example.com' }],
    ['an email that is not a string', { email: ['ada@example.com'] }],
    ['a blank email', { email: '  ' }],
    ['an array body', [{ email: 'ada@example.com' }]],
    ['an inherited member only', Object.create({ email: 'ada@example.com' })],
  ])('counts only the IP for %s', (_case, body) => {
    expect(routeLimitChecks(SIGN_IN, { ip: '203.0.113.9', body }, hash).map((check) => check.scope)).toEqual(['ip']);
  });

  it('reads the account from the configured member', () => {
    const options: RateLimitOptions = { name: 'invite', perAccount: { limit: 3, windowSeconds: 60, field: 'invitee' } };
    expect(routeLimitChecks(options, { ip: '203.0.113.9', body: { invitee: 'Bob@Example.com' } }, hash)).toEqual([
      expect.objectContaining({ scope: 'account', key: 'route:invite:account:h(account:bob@example.com)' }),
    ]);
  });

  it('counts the authenticated actor when the route asks for it, and nothing for an anonymous request', () => {
    const options: RateLimitOptions = { name: 'reauthentication', perActor: { limit: 10, windowSeconds: 900 } };
    expect(routeLimitChecks(options, { ip: '203.0.113.9', body: {} }, hash, 'user:42')).toEqual([
      expect.objectContaining({ scope: 'actor', key: 'route:reauthentication:actor:h(actor:user:42)' }),
    ]);
    expect(routeLimitChecks(options, { ip: '203.0.113.9', body: {} }, hash)).toEqual([]);
  });
});
