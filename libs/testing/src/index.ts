// @quire/testing: the harness Quire's own tests and customers' plugin tests share.
export * from './test-database';
export * from './test-app';
export * from './fixtures/fixture-tenancy';
export * from './fixtures/fixture-tenancy.plugin';
export * from './fixtures/test-accounts';
export * from './free-port';
export * from './expect-problem';
export * from './smtp-mailbox';
export * from './s3-server';
