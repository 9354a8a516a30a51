import { Inject, Injectable, Logger, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ClsServiceManager } from 'nestjs-cls';
import { CTX_KEY } from '../context/ctx.decorator';
import type { RequestContext } from '../context/request-context';
import { QUIRE_CONFIG } from '../config/config.module';
import type { QuireConfig } from '../config/config.schema';
import { requestIdOf } from '../http/request-id';
import { RateLimitKeyHasher } from './rate-limit-keys';
import { RATE_LIMIT_METADATA, type RateLimitOptions } from './rate-limit.options';
import { RateLimitedError } from './rate-limited.error';
import { RateLimiter } from './rate-limiter';
import { routeLimitChecks } from './route-limit-checks';

/**
 * Enforces `@RateLimit` on its route. Runs after the kernel guard (global guards first) and after body parsing,
 * before validation and the handler, so that malformed attempts count too. Checks the IP first and stops at the
 * first refusal, so a client refused for its IP does not also use up the account's attempts.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly logger = new Logger('RateLimit');

  constructor(
    private readonly reflector: Reflector,
    private readonly limiter: RateLimiter,
    private readonly hasher: RateLimitKeyHasher,
    @Inject(QUIRE_CONFIG) private readonly config: QuireConfig,
  ) {}

  async canActivate(execution: ExecutionContext): Promise<boolean> {
    if (!this.config.ROUTE_RATE_LIMITS || execution.getType() !== 'http') return true;
    const options = this.reflector.get<RateLimitOptions | undefined>(RATE_LIMIT_METADATA, execution.getHandler());
    if (!options) return true;
    const request = execution.switchToHttp().getRequest<Request>();
    const actor = ClsServiceManager.getClsService().get<RequestContext | undefined>(CTX_KEY)?.actor;
    const actorKey = actor?.id ? `${actor.type}:${actor.id}` : undefined;
    for (const check of routeLimitChecks(options, request, (value) => this.hasher.hash(value), actorKey)) {
      const decision = await this.limiter.consume(check.key, check.limit, check.windowSeconds);
      if (decision.allowed) continue;
      // One line per refused request; the email never appears, only its keyed hash.
      this.logger.warn(`Rate limit ${options.name} (${check.scope}) refused a request`, {
        event: 'rate-limit.hit',
        limiter: options.name,
        scope: check.scope,
        keyHash: check.keyHash,
        ip: request.ip ?? null,
        limit: check.limit,
        windowSeconds: check.windowSeconds,
        retryAfter: decision.resetSeconds,
        requestId: requestIdOf(request) ?? null,
      });
      throw new RateLimitedError(decision.resetSeconds);
    }
    return true;
  }
}
