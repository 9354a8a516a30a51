import { randomBytes } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { Body, Controller, HttpCode, Module, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import {
  ApiProblemResponses,
  createWinston,
  Ctx,
  definePlugin,
  Public,
  RateLimit,
  RateLimiter,
  RateLimitKeyHasher,
  WinstonLogger,
  type RequestContext,
} from '@quire/core';
import { createTestApp, createTestDatabase, freePort, type TestApp, type TestDatabase } from '@quire/testing';
import { IsString, MaxLength } from 'class-validator';
import { Redis } from 'ioredis';

// --- a customer-style plugin with one limited route ---------------------------------------------------------

const PER_IP = { limit: 5, windowSeconds: 60 };
const PER_ACCOUNT = { limit: 3, windowSeconds: 900 };

class AttemptDto {
  @IsString()
  @MaxLength(254)
  email!: string;
}

@Controller('rate-limit-probe')
class ProbeController {
  @Post('attempts')
  @Public()
  @HttpCode(200)
  @RateLimit({ name: 'probe-attempt', perIp: PER_IP, perAccount: PER_ACCOUNT })
  @ApiOperation({ summary: 'An attempt limited per IP and per account' })
  @ApiOkResponse({ description: 'The client IP the server saw' })
  @ApiProblemResponses(400)
  attempt(@Ctx() ctx: RequestContext, @Body() _dto: AttemptDto): { ip: string | null } {
    return { ip: ctx.ip };
  }
}

@Module({ controllers: [ProbeController] })
class ProbeModule {}

const ProbePlugin = definePlugin({ name: 'acme-rate-limit-probe', version: '1.0.0', module: ProbeModule });

// --- builders -----------------------------------------------------------------------------------------------

const anEmail = () => `ada.${randomBytes(5).toString('hex')}@example.com`;
let lastOctet = 0;
/** A client address no other test used (TEST-NET-2). */
const anIp = () => `198.51.100.${++lastOctet}`;

/** Redis prefixes of this run: reruns never meet old counts, and afterAll removes every key under them. */
const prefixes: string[] = [];

/** Nest's static logger is process-wide: every app of this file writes into the same capture. */
const lines: Array<Record<string, unknown>> = [];
const stream = new PassThrough();
stream.on('data', (chunk: Buffer) =>
  chunk
    .toString()
    .split('\n')
    .filter(Boolean)
    .forEach((line) => lines.push(JSON.parse(line))),
);
const logger = new WinstonLogger(createWinston({ level: 'info', format: 'json', stream }));
const hitLines = (requestId: string) => lines.filter((l) => l.event === 'rate-limit.hit' && l.requestId === requestId);

describe('Rate limits of routes (@RateLimit)', () => {
  let database: TestDatabase;
  const apps: TestApp[] = [];
  const start = async (env: Record<string, string>) => {
    const app = await createTestApp({ database, plugins: [ProbePlugin], logger, env });
    apps.push(app);
    return app;
  };
  const attempt = (sut: TestApp, email: unknown, forwardedFor?: string, requestId?: string) => {
    const request = sut.http.post('/api/v1/rate-limit-probe/attempts');
    if (forwardedFor) request.set('X-Forwarded-For', forwardedFor);
    if (requestId) request.set('X-Request-Id', requestId);
    return request.send(email === undefined ? {} : { email });
  };
  /** The statuses of several attempts in a row. */
  const statuses = async (sut: TestApp, tries: Array<[email: unknown, forwardedFor?: string]>) => {
    const result: number[] = [];
    for (const [email, forwardedFor] of tries) result.push((await attempt(sut, email, forwardedFor)).status);
    return result;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await database?.drop();
    const redis = new Redis('redis://127.0.0.1:6379');
    for (const prefix of prefixes) {
      const keys = await keysUnder(redis, prefix);
      if (keys.length) await redis.del(...keys);
      expect(await keysUnder(redis, prefix)).toEqual([]);
    }
    await redis.quit();
  });

  describe('behind a trusted proxy (TRUST_PROXY=loopback)', () => {
    let sut: TestApp;
    beforeAll(async () => {
      sut = await start({ ROUTE_RATE_LIMITS: 'true', TRUST_PROXY: 'loopback' });
    });

    it('takes the client IP from the entry the trusted proxy added, not from what the client wrote before it', async () => {
      const ip = anIp();
      expect((await attempt(sut, anEmail(), ip).expect(200)).body).toEqual({ ip });
      expect((await attempt(sut, anEmail(), `203.0.113.66, ${ip}`).expect(200)).body).toEqual({ ip });
    });

    it('limits an account whatever IP the attempts come from and however the email is spelled', async () => {
      const email = anEmail();
      const spellings = [email, ` ${email.toUpperCase()} `, `\t${email.replace('ada', 'ADA')}`, email, email];
      expect(
        await statuses(
          sut,
          spellings.map((spelling) => [spelling, anIp()]),
        ),
      ).toEqual([200, 200, 200, 429, 429]);
      // The same IPs still serve another account: it was the account's count that ran out.
      expect(await statuses(sut, [[anEmail(), anIp()]])).toEqual([200]);
    });

    it('limits an IP across accounts', async () => {
      const ip = anIp();
      expect(
        await statuses(
          sut,
          Array.from({ length: 7 }, () => [anEmail(), ip] as [string, string]),
        ),
      ).toEqual([200, 200, 200, 200, 200, 429, 429]);
      expect(await statuses(sut, [[anEmail(), anIp()]])).toEqual([200]);
    });

    it('cannot be bypassed by writing other addresses in front of the proxy’s entry', async () => {
      const ip = anIp();
      const tries = Array.from(
        { length: 6 },
        (_, i) => [anEmail(), `10.9.8.${i}, 203.0.113.${i}, ${ip}`] as [string, string],
      );
      expect(await statuses(sut, tries)).toEqual([200, 200, 200, 200, 200, 429]);
    });

    it('counts malformed attempts too (the limit runs before validation)', async () => {
      const ip = anIp();
      expect(
        await statuses(sut, [
          [undefined, ip],
          [42, ip],
          [undefined, ip],
          [[], ip],
          [undefined, ip],
        ]),
      ).toEqual([400, 400, 400, 400, 400]);
      expect(await statuses(sut, [[anEmail(), ip]])).toEqual([429]);
    });

    it('does not use up the account’s attempts on requests its IP limit refused', async () => {
      const ip = anIp();
      const email = anEmail();
      await statuses(
        sut,
        Array.from({ length: 5 }, () => [anEmail(), ip] as [string, string]),
      );
      expect(
        await statuses(sut, [
          [email, ip],
          [email, ip],
          [email, ip],
          [email, ip],
        ]),
      ).toEqual([429, 429, 429, 429]);
      expect(
        await statuses(sut, [
          [email, anIp()],
          [email, anIp()],
          [email, anIp()],
          [email, anIp()],
        ]),
      ).toEqual([200, 200, 200, 429]);
    });

    it('answers 429 core.rate-limited with Retry-After, the same for every account', async () => {
      const email = anEmail();
      await statuses(sut, [
        [email, anIp()],
        [email, anIp()],
        [email, anIp()],
      ]);
      const res = await attempt(sut, email, anIp(), 'rl-probe-429-0001').expect(429);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      const retryAfter = Number(res.headers['retry-after']);
      expect(Number.isInteger(retryAfter)).toBe(true);
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(PER_ACCOUNT.windowSeconds);
      expect(res.body).toEqual({
        type: 'urn:quire:problem:core.rate-limited',
        title: 'Too many requests',
        status: 429,
        detail: `Too many attempts; try again in ${retryAfter} seconds.`,
        retryAfter,
        instance: '/api/v1/rate-limit-probe/attempts',
        requestId: 'rl-probe-429-0001',
      });
    });

    it('logs each refusal once as a warning with hashes, never the email', async () => {
      const email = `Grace.${randomBytes(5).toString('hex')}@Example.com`;
      const ip = anIp();
      await statuses(sut, [
        [email, ip],
        [email, ip],
        [email, ip],
      ]);
      expect(lines.filter((l) => l.event === 'rate-limit.hit' && l.ip === ip)).toEqual([]);
      await attempt(sut, email, ip, 'rl-probe-log-0001').expect(429);
      await attempt(sut, email, ip, 'rl-probe-log-0002').expect(429);

      const expectedHash = sut.app.get(RateLimitKeyHasher).hash(`account:${email.toLowerCase()}`);
      for (const requestId of ['rl-probe-log-0001', 'rl-probe-log-0002']) {
        expect(hitLines(requestId)).toEqual([
          {
            level: 'warn',
            message: 'Rate limit probe-attempt (account) refused a request',
            context: 'RateLimit',
            event: 'rate-limit.hit',
            limiter: 'probe-attempt',
            scope: 'account',
            keyHash: expectedHash,
            ip,
            limit: PER_ACCOUNT.limit,
            windowSeconds: PER_ACCOUNT.windowSeconds,
            retryAfter: expect.any(Number),
            requestId,
            timestamp: expect.any(String),
          },
        ]);
      }
      const everything = JSON.stringify(lines).toLowerCase();
      expect(everything).not.toContain(email.toLowerCase());
      expect(everything).not.toContain(email.split('@')[0].toLowerCase());
    });

    it('documents 429 with Retry-After on the limited route, lint-clean', async () => {
      const { body } = await sut.http.get('/api/docs-json').expect(200);
      const responses = body.paths['/api/v1/rate-limit-probe/attempts'].post.responses;
      expect(responses['429'].headers['Retry-After'].schema).toEqual({ type: 'integer' });
      expect(responses['429'].content['application/problem+json']).toBeDefined();
      const config = await createConfig({ extends: ['recommended'] });
      const problems = await lintFromString({ source: JSON.stringify(body), absoluteRef: '/api/docs-json', config });
      const ours = problems.filter(
        (p) =>
          (p.severity === 'error' || p.severity === 'warn') &&
          (p.location[0]?.pointer ?? '').includes('rate-limit-probe'),
      );
      expect(ours.map((p) => `${p.ruleId}: ${p.message} @ ${p.location[0]?.pointer}`)).toEqual([]);
    });
  });

  describe('without TRUST_PROXY', () => {
    it('ignores X-Forwarded-For: rotating it neither changes the client IP nor escapes the IP limit', async () => {
      const sut = await start({ ROUTE_RATE_LIMITS: 'true' });
      const first = await attempt(sut, anEmail(), anIp()).expect(200);
      expect(first.body.ip).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
      const tries = Array.from({ length: 5 }, () => [anEmail(), anIp()] as [string, string]);
      expect(await statuses(sut, tries)).toEqual([200, 200, 200, 200, 429]);
    });
  });

  describe('with ROUTE_RATE_LIMITS=false (the test harness default)', () => {
    it('lets every attempt through, while RateLimiter still counts for callers like API keys', async () => {
      const sut = await start({ ROUTE_RATE_LIMITS: 'false' });
      const email = anEmail();
      expect(
        new Set(
          await statuses(
            sut,
            Array.from({ length: 8 }, () => [email] as [string]),
          ),
        ),
      ).toEqual(new Set([200]));
      const limiter = sut.app.get(RateLimiter);
      await limiter.consume('switch-check', 1, 60);
      expect((await limiter.consume('switch-check', 1, 60)).allowed).toBe(false);
    });
  });

  describe('RateLimiter.consume', () => {
    const stores: Array<[string, () => Promise<TestApp>]> = [
      ['in memory', () => start({})],
      ['on Redis', () => start({ REDIS_URL: 'redis://127.0.0.1:6379', RATE_LIMIT_PREFIX: uniquePrefix() })],
    ];

    describe.each(stores)('%s', (_store, startApp) => {
      let limiter: RateLimiter;
      beforeAll(async () => {
        limiter = (await startApp()).app.get(RateLimiter);
      });

      it('allows `limit` requests per window, then refuses with the seconds to wait', async () => {
        const key = `api-key:${randomBytes(8).toString('hex')}`;
        expect(await limiter.consume(key, 2, 30)).toEqual({ allowed: true, limit: 2, remaining: 1, resetSeconds: 30 });
        expect(await limiter.consume(key, 2, 30)).toMatchObject({ allowed: true, limit: 2, remaining: 0 });
        const refused = await limiter.consume(key, 2, 30);
        expect(refused).toMatchObject({ allowed: false, limit: 2, remaining: 0 });
        expect(refused.resetSeconds).toBeGreaterThanOrEqual(1);
        expect(refused.resetSeconds).toBeLessThanOrEqual(30);
        expect(await limiter.consume(`${key}:other`, 2, 30)).toMatchObject({ allowed: true, remaining: 1 });
      });

      it('refuses invalid arguments', async () => {
        await expect(limiter.consume('', 1, 1)).rejects.toBeInstanceOf(RangeError);
        await expect(limiter.consume('k', -1, 1)).rejects.toBeInstanceOf(RangeError);
      });
    });
  });

  describe('with REDIS_URL: two instances', () => {
    const prefix = uniquePrefix();
    let redis: Redis;
    let one: TestApp;
    let two: TestApp;

    beforeAll(async () => {
      redis = new Redis('redis://127.0.0.1:6379');
      const env = {
        ROUTE_RATE_LIMITS: 'true',
        TRUST_PROXY: 'loopback',
        REDIS_URL: 'redis://127.0.0.1:6379',
        RATE_LIMIT_PREFIX: prefix,
      };
      one = await start(env);
      two = await start(env);
    });
    afterAll(() => redis.quit());

    it('share each count', async () => {
      const email = anEmail();
      const results = [];
      for (const sut of [one, two, one, two, one]) results.push((await attempt(sut, email, anIp())).status);
      expect(results).toEqual([200, 200, 200, 429, 429]);

      const limiter = [one.app.get(RateLimiter), two.app.get(RateLimiter)];
      const key = `api-key:${randomBytes(8).toString('hex')}`;
      expect((await limiter[0].consume(key, 3, 60)).remaining).toBe(2);
      expect((await limiter[1].consume(key, 3, 60)).remaining).toBe(1);
      expect((await limiter[0].consume(key, 3, 60)).remaining).toBe(0);
      expect((await limiter[1].consume(key, 3, 60)).allowed).toBe(false);
    });

    it('store only hashed, prefixed keys that expire, and let the account in again once the lockout is gone', async () => {
      const email = anEmail();
      const ip = anIp();
      for (const sut of [one, two, one, two]) await attempt(sut, email, ip);
      const keyHash = one.app.get(RateLimitKeyHasher).hash(`account:${email}`);
      const blockKey = `${prefix}{route:probe-attempt:account:${keyHash}}:block`;
      const blockTtl = await redis.pttl(blockKey);
      expect(blockTtl).toBeGreaterThan(0);
      expect(blockTtl).toBeLessThanOrEqual(PER_ACCOUNT.windowSeconds * 1000);

      const keys = await keysUnder(redis, prefix);
      for (const key of keys) {
        expect(key).toMatch(
          new RegExp(
            `^${escape(prefix)}\\{(route:probe-attempt:(ip|account):[0-9a-f]{32}|api-key:[0-9a-f]{16}(:other)?)\\}:(hits|block)$`,
          ),
        );
        expect(await redis.pttl(key)).toBeGreaterThan(0);
      }
      const stored = JSON.stringify([keys, await Promise.all(keys.map((key) => redis.get(key)))]);
      expect(stored).not.toContain(email);
      expect(stored).not.toContain(ip);

      // What the block marker's expiry does, without waiting 15 minutes for it:
      await redis.del(blockKey);
      expect((await attempt(two, email, anIp())).status).toBe(200);
    });
  });

  describe('with REDIS_URL unreachable', () => {
    it('starts, logs the outage, and keeps limiting on this instance’s memory', async () => {
      const url = `redis://127.0.0.1:${await freePort()}`;
      const sut = await start({ ROUTE_RATE_LIMITS: 'true', TRUST_PROXY: 'loopback', REDIS_URL: url });
      expect(lines).toContainEqual(
        expect.objectContaining({
          level: 'error',
          context: 'RateLimit',
          message: expect.stringMatching(
            /^Redis of REDIS_URL is unreachable at start \(.+\): rate limits count in this instance's memory/,
          ),
        }),
      );
      const before = lines.length;
      const email = anEmail();
      expect(
        await statuses(sut, [
          [email, anIp()],
          [email, anIp()],
          [email, anIp()],
          [email, anIp()],
        ]),
      ).toEqual([200, 200, 200, 429]);
      const outage = lines
        .slice(before)
        .filter((l) => l.level === 'error' && String(l.message).startsWith('Rate-limit storage (Redis) failed'));
      expect(outage).toHaveLength(1);
    });
  });
});

function uniquePrefix(): string {
  const prefix = `quire-test:${randomBytes(6).toString('hex')}:rl:`;
  prefixes.push(prefix);
  return prefix;
}

async function keysUnder(redis: Redis, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    keys.push(...batch);
    cursor = next;
  } while (cursor !== '0');
  return keys;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
