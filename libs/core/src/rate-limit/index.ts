export * from './rate-limit.tokens';
export * from './rate-limiter';
export * from './rate-limited.error';
export * from './rate-limit.options';
export * from './rate-limit.decorator';
export * from './rate-limit-keys';
