import { applyDecorators, SetMetadata, UseGuards } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { RateLimitGuard } from './rate-limit.guard';
import { RATE_LIMIT_METADATA, type RateLimitOptions } from './rate-limit.options';

/**
 * Limits a route per client IP and/or per account. Every request counts (before the handler runs, after the body
 * is parsed); a refused one gets 429 `core.rate-limited` with `Retry-After`, and one warn line is logged.
 *
 *   @RateLimit({ name: 'sign-in', perIp: { limit: 20, windowSeconds: 60 }, perAccount: { limit: 10, windowSeconds: 900 } })
 */
export function RateLimit(options: RateLimitOptions): MethodDecorator {
  assertValidOptions(options);
  return applyDecorators(
    SetMetadata(RATE_LIMIT_METADATA, Object.freeze({ ...options })),
    UseGuards(RateLimitGuard),
    ApiResponse({
      status: 429,
      description: 'Too many attempts: try again after the seconds in Retry-After.',
      headers: {
        'Retry-After': {
          description: 'Seconds until the limit lets requests through again',
          schema: { type: 'integer' },
        },
      },
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDetailsDto' } } },
    }),
  );
}

/** A wrong declaration is a programming error: it fails when the controller is loaded, not on the first request. */
function assertValidOptions(options: RateLimitOptions): void {
  const where = `@RateLimit(${JSON.stringify(options.name)})`;
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(options.name ?? '')) throw new Error(`${where}: name must be kebab-case`);
  if (!options.perIp && !options.perAccount && !options.perActor) {
    throw new Error(`${where}: give at least one of perIp, perAccount, perActor`);
  }
  const windows = { perIp: options.perIp, perAccount: options.perAccount, perActor: options.perActor };
  for (const [scope, window] of Object.entries(windows)) {
    if (!window) continue;
    if (!Number.isInteger(window.limit) || window.limit < 1) {
      throw new Error(`${where}: ${scope}.limit must be a positive whole number`);
    }
    if (!Number.isInteger(window.windowSeconds) || window.windowSeconds < 1) {
      throw new Error(`${where}: ${scope}.windowSeconds must be a positive whole number`);
    }
  }
  if (options.perAccount?.field !== undefined && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(options.perAccount.field)) {
    throw new Error(`${where}: perAccount.field must name a top-level body member`);
  }
}
