import type { RateLimitOptions } from './rate-limit.options';
import { clientAddress, normaliseAccount } from './rate-limit-keys';

export type RateLimitScope = 'ip' | 'account' | 'actor';

/** One count a request makes against a route's limit. */
export interface RouteLimitCheck {
  scope: RateLimitScope;
  /** The storage key: `route:<name>:<scope>:<keyHash>`. */
  key: string;
  /** Keyed hash of the IP or email: what logs show instead of the email. */
  keyHash: string;
  limit: number;
  windowSeconds: number;
}

/**
 * The counts a request makes, IP first. Keys derive only from what an attacker cannot vary at will: the client
 * IP as Express resolved it (X-Forwarded-For only from trusted proxies) and the normalised email; never the raw
 * path or other headers. A body without a usable email has no account count (the route's validation refuses it).
 * The actor (`type:id` of the authenticated user or key) has a count only when the request is authenticated.
 */
export function routeLimitChecks(
  options: RateLimitOptions,
  request: { ip?: string; body?: unknown },
  hash: (value: string) => string,
  actor?: string,
): RouteLimitCheck[] {
  const checks: RouteLimitCheck[] = [];
  const check = (scope: RateLimitScope, value: string, window: { limit: number; windowSeconds: number }) => {
    const keyHash = hash(`${scope}:${value}`);
    checks.push({
      scope,
      key: `route:${options.name}:${scope}:${keyHash}`,
      keyHash,
      limit: window.limit,
      windowSeconds: window.windowSeconds,
    });
  };
  if (options.perIp) check('ip', clientAddress(request.ip), options.perIp);
  if (options.perAccount) {
    const field = options.perAccount.field ?? 'email';
    const body = request.body;
    const isObject = body !== null && typeof body === 'object' && !Array.isArray(body);
    const account = normaliseAccount(
      isObject && Object.hasOwn(body, field) ? (body as Record<string, unknown>)[field] : undefined,
    );
    if (account !== undefined) check('account', account, options.perAccount);
  }
  if (options.perActor && actor !== undefined) check('actor', actor, options.perActor);
  return checks;
}
