// @quire/core: the only package a plugin imports from the kernel.
export * from './plugin/plugin.types';
export * from './plugin/define-plugin';
export * from './plugin/plugin-options';
export * from './plugin/plugin-registry';
export * from './plugin/plugin-registry.errors';

export * from './config/config.schema';
export * from './config/load-config';
export * from './config/config.module';
export * from './config/secret-key';

export * from './context/actor';
export * from './context/request-context';
export * from './context/ctx.decorator';

export * from './database/uuid-v7';
export * from './database/uuid-v7.entity';
export * from './database/tenant-owned.entity';
export * from './database/tenant-repository';
export * from './database/tenant-data-source';
export * from './database/embedded-database';
export * from './database/database.tokens';

export * from './permissions/permission.types';
export * from './permissions/define-permissions';
export * from './permissions/ability.factory';
export * from './permissions/can.decorator';
export * from './permissions/scopes';

export * from './tenancy/tenancy.ports';
export * from './tenancy/tenancy.decorators';
export * from './tenancy/tenancy.registry';

export * from './errors/quire-error';
export * from './errors/core.errors';
export * from './errors/problem-details';

export * from './http/accepts.decorator';
export * from './http/request-recorders';
export * from './openapi/api-problem-responses.decorator';
export * from './openapi/setup-openapi';

export * from './jobs/job.types';
export * from './jobs/job-queue';
export * from './jobs/scheduler';
export type { JobRun, JobRunStatus } from './jobs/entities/job-run.entity';

export * from './events/quire-events';
export * from './events/event-name';
export * from './events/event-bus';
export * from './events/field-changes';
export * from './events/event-recorders';
export * from './events/on-event.decorator';
export * from './events/outbox-relay';

export * from './logging/redact';
export * from './logging/winston-logger';

export * from './kernel/version';
export * from './kernel/core.plugin';
export * from './kernel/create-quire-app';
export * from './kernel/bootstrap';
export { PluginLifecycle } from './kernel/plugin-lifecycle';

export * from './validation/uuid-param.decorator';
export {
  compileJsonSchema,
  type JsonSchemaCompilation,
  type JsonSchemaProblem,
  type JsonSchemaValidator,
} from './validation/json-schema';
export * from './openapi/api-list-query.decorator';
export * from './query/index';
export * from './database/tenant-list';
export * from './plugin/plugin-summary';
export * from './permissions/ability-to-sql';
export * from './kernel/drain-and-close';
export * from './crypto/secret-cipher';
export * from './outbound/address-policy';
export * from './outbound/outbound-request.error';
export * from './outbound/outbound-http';
export * from './rate-limit/index';
