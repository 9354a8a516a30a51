import { ThrottlerStorageService } from '@nestjs/throttler';
import { RateLimiter } from './rate-limiter';

describe(`${RateLimiter.name} on @nestjs/throttler's memory storage`, () => {
  let storage: ThrottlerStorageService;
  let sut: RateLimiter;

  beforeEach(() => {
    jest.useFakeTimers({ now: new Date('2026-11-23T10:00:00Z') });
    storage = new ThrottlerStorageService();
    sut = new RateLimiter(storage);
  });
  afterEach(() => {
    storage.onApplicationShutdown();
    jest.useRealTimers();
  });

  it('allows `limit` requests per window, counting down what remains', async () => {
    const decisions = [];
    for (let i = 0; i < 3; i++) decisions.push(await sut.consume('k', 3, 60));
    expect(decisions).toEqual([
      { allowed: true, limit: 3, remaining: 2, resetSeconds: 60 },
      { allowed: true, limit: 3, remaining: 1, resetSeconds: 60 },
      { allowed: true, limit: 3, remaining: 0, resetSeconds: 60 },
    ]);
  });

  it('refuses the request past the limit and locks the key out for one window', async () => {
    for (let i = 0; i < 3; i++) await sut.consume('k', 3, 60);
    jest.advanceTimersByTime(20_000);
    expect(await sut.consume('k', 3, 60)).toEqual({ allowed: false, limit: 3, remaining: 0, resetSeconds: 60 });
    jest.advanceTimersByTime(30_000);
    // The lockout runs from the refused request, not from the first one of the window.
    expect(await sut.consume('k', 3, 60)).toEqual({ allowed: false, limit: 3, remaining: 0, resetSeconds: 30 });
    jest.advanceTimersByTime(30_001);
    expect(await sut.consume('k', 3, 60)).toMatchObject({ allowed: true, remaining: 2 });
  });

  it('counts each key on its own', async () => {
    for (let i = 0; i < 4; i++) await sut.consume('a', 3, 60);
    expect(await sut.consume('a', 3, 60)).toMatchObject({ allowed: false });
    expect(await sut.consume('b', 3, 60)).toMatchObject({ allowed: true, remaining: 2 });
  });

  it.each([
    ['an empty key', '', 3, 60, 'A rate-limit key must be a string of 1 to 256 characters'],
    ['an overlong key', 'k'.repeat(257), 3, 60, 'A rate-limit key must be a string of 1 to 256 characters'],
    ['a zero limit', 'k', 0, 60, 'A rate limit must be a positive whole number, got 0'],
    ['a fractional limit', 'k', 1.5, 60, 'A rate limit must be a positive whole number, got 1.5'],
    ['a zero window', 'k', 3, 0, 'A rate-limit window must be a positive whole number of seconds, got 0'],
  ])('refuses %s', async (_case, key, limit, window, message) => {
    await expect(sut.consume(key, limit, window)).rejects.toThrow(new RangeError(message));
  });
});
