import { loadConfig } from '../config/load-config';

describe('rate-limit configuration', () => {
  it('trusts no proxy, uses memory and enforces route limits by default', () => {
    const config = loadConfig({});
    expect(config.TRUST_PROXY).toBe(false);
    expect(config.REDIS_URL).toBeUndefined();
    expect(config.RATE_LIMIT_PREFIX).toBe('quire:rl:');
    expect(config.ROUTE_RATE_LIMITS).toBe(true);
  });

  it.each([
    ['none', false],
    ['1', 1],
    ['3', 3],
    ['loopback', ['loopback']],
    [
      ' loopback, 10.0.0.0/8 ,192.168.1.7, fd00::/8, uniquelocal, linklocal',
      ['loopback', '10.0.0.0/8', '192.168.1.7', 'fd00::/8', 'uniquelocal', 'linklocal'],
    ],
    ['2001:db8::1', ['2001:db8::1']],
  ])('reads TRUST_PROXY=%j', (raw, expected) => {
    expect(loadConfig({ TRUST_PROXY: raw }).TRUST_PROXY).toEqual(expected);
  });

  it('refuses to trust every hop, which would let each client choose its IP', () => {
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(
      'TRUST_PROXY must not be "true" (every client could choose its own IP); give the hop count or the proxies (got "true")',
    );
  });

  it.each([
    ['0', 'TRUST_PROXY as a hop count must be between 1 and 10 (got "0")'],
    ['11', 'TRUST_PROXY as a hop count must be between 1 and 10 (got "11")'],
    ['10.0.0.0/33', '("10.0.0.0/33" is none of these)'],
    ['loopback,proxy.internal', '("proxy.internal" is none of these)'],
    ['fd00::/129', '("fd00::/129" is none of these)'],
    ['10.0.0.1/8/8', '("10.0.0.1/8/8" is none of these)'],
    [
      ',',
      'TRUST_PROXY must be none, a hop count (1-10) or a comma-separated list of loopback, linklocal, uniquelocal, IP addresses and CIDR subnets',
    ],
  ])('refuses TRUST_PROXY=%j', (raw, message) => {
    expect(() => loadConfig({ TRUST_PROXY: raw })).toThrow(message);
  });

  it('reads REDIS_URL and refuses other URLs without echoing them (they may carry a password)', () => {
    expect(loadConfig({ REDIS_URL: 'rediss://:pw@cache.internal:6380/2' }).REDIS_URL).toBe(
      'rediss://:pw@cache.internal:6380/2',
    );
    expect(() => loadConfig({ REDIS_URL: 'http://:hunter2@cache.internal' })).toThrow(
      /^Invalid configuration: REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL$/,
    );
  });

  it('reads RATE_LIMIT_PREFIX and ROUTE_RATE_LIMITS', () => {
    const config = loadConfig({ RATE_LIMIT_PREFIX: 'cms-eu:rl:', ROUTE_RATE_LIMITS: 'false' });
    expect(config.RATE_LIMIT_PREFIX).toBe('cms-eu:rl:');
    expect(config.ROUTE_RATE_LIMITS).toBe(false);
    expect(() => loadConfig({ RATE_LIMIT_PREFIX: 'has space' })).toThrow(
      'RATE_LIMIT_PREFIX must be 1-64 characters of letters, digits and : _ . - (got "has space")',
    );
  });
});
