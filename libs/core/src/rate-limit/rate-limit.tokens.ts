/**
 * The @nestjs/throttler `ThrottlerStorage` every limit counts in: the library's memory storage, or Redis when
 * REDIS_URL is set. Inject it to give @nestjs/throttler's own ThrottlerModule the same shared storage.
 */
export const RATE_LIMIT_STORAGE = Symbol('RATE_LIMIT_STORAGE');
