import { RateLimit } from './rate-limit.decorator';
import type { RateLimitOptions } from './rate-limit.options';

describe(RateLimit.name, () => {
  it.each<[string, RateLimitOptions, string]>([
    [
      'a name that is not kebab-case',
      { name: 'Sign In', perIp: { limit: 1, windowSeconds: 1 } },
      'name must be kebab-case',
    ],
    ['no scope', { name: 'sign-in' }, 'give at least one of perIp, perAccount, perActor'],
    [
      'a zero limit',
      { name: 'sign-in', perIp: { limit: 0, windowSeconds: 60 } },
      'perIp.limit must be a positive whole number',
    ],
    [
      'a fractional window',
      { name: 'sign-in', perAccount: { limit: 5, windowSeconds: 0.5 } },
      'perAccount.windowSeconds must be a positive whole number',
    ],
    [
      'a nested field',
      { name: 'sign-in', perAccount: { limit: 5, windowSeconds: 60, field: 'user.email' } },
      'perAccount.field must name a top-level body member',
    ],
  ])('refuses %s when the route is declared', (_case, options, message) => {
    expect(() => RateLimit(options)).toThrow(`@RateLimit(${JSON.stringify(options.name)}): ${message}`);
  });

  it('accepts a valid declaration', () => {
    expect(() =>
      RateLimit({
        name: 'sign-in',
        perIp: { limit: 20, windowSeconds: 60 },
        perAccount: { limit: 10, windowSeconds: 900 },
      }),
    ).not.toThrow();
  });
});
