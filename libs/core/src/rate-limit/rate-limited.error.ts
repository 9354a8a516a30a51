import { QuireError } from '../errors/quire-error';

/**
 * 429: a rate limit refused the request. `Retry-After` (header) and `retryAfter` (body) say in how many seconds
 * the caller may try again; nothing says which limit or key, so the answer is the same for every email.
 */
export class RateLimitedError extends QuireError {
  constructor(retryAfterSeconds: number) {
    const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
    super({
      code: 'core.rate-limited',
      status: 429,
      title: 'Too many requests',
      detail: `Too many attempts; try again in ${seconds} seconds.`,
      extensions: { retryAfter: seconds },
      headers: { 'Retry-After': String(seconds) },
    });
  }
}
