import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE, DiscoveryModule } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import { TerminusModule } from '@nestjs/terminus';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ClsModule } from 'nestjs-cls';
import { ConfigModule } from '../config/config.module';
import { resolveSecretKey } from '../config/secret-key';
import { SecretCipher } from '../crypto/secret-cipher';
import type { QuireConfig } from '../config/config.schema';
import { DATABASE_URL } from '../database/database.tokens';
import { TenantDataSource } from '../database/tenant-data-source';
import { ProblemDetailsFilter } from '../errors/problem-details.filter';
import { HealthController } from '../health/health.controller';
import { QueueHealthIndicator } from '../health/queue.health';
import { EventBus } from '../events/event-bus';
import { EventRecorders } from '../events/event-recorders';
import { RequestRecorders } from '../http/request-recorders';
import { EventHandlerRegistry } from '../events/event-handler.registry';
import { EventWorkers } from '../events/event-workers';
import { OutboxRelay } from '../events/outbox-relay';
import { JobQueue } from '../jobs/job-queue';
import { OutboundHttp } from '../outbound/outbound-http';
import { Scheduler } from '../jobs/scheduler';
import { pluginOptionsToken } from '../plugin/plugin-options';
import { PluginRegistry } from '../plugin/plugin-registry';
import { PluginsController } from '../plugin/plugins.controller';
import { RateLimitModule } from '../rate-limit/rate-limit.module';
import { TenancyRegistry } from '../tenancy/tenancy.registry';
import { createValidationPipe } from '../validation/validation-pipe';
import { KernelGuard } from './kernel.guard';
import { PluginLifecycle } from './plugin-lifecycle';

export interface KernelModuleOptions {
  config: QuireConfig;
  registry: PluginRegistry;
  databaseUrl: string;
}

/** The kernel's providers, global so that every plugin module can inject them. */
@Global()
@Module({})
export class KernelModule {
  static forRoot({ config, registry, databaseUrl }: KernelModuleOptions): DynamicModule {
    const optionProviders = registry.plugins.map((plugin) => ({
      provide: pluginOptionsToken(plugin.name),
      useValue: plugin.options,
    }));
    return {
      module: KernelModule,
      imports: [
        ConfigModule.forRoot(config),
        DiscoveryModule,
        TerminusModule,
        ScheduleModule.forRoot(),
        // The async context is opened by configureHttp's first middleware, so that even body-parser errors
        // and unknown routes carry the request id.
        ClsModule.forRoot({ global: true, middleware: { mount: false } }),
        RateLimitModule,
        TypeOrmModule.forRoot({
          type: 'postgres',
          url: databaseUrl,
          entities: registry.entities(),
          // Migrations run before the app is built, under a cluster-wide lock (runMigrations).
          migrationsRun: false,
          synchronize: false,
          poolSize: config.DATABASE_POOL_SIZE,
          extra: { application_name: 'quire-api' },
          logging: ['error'],
        }),
      ],
      controllers: [PluginsController, HealthController],
      providers: [
        { provide: PluginRegistry, useValue: registry },
        { provide: DATABASE_URL, useValue: databaseUrl },
        ...optionProviders,
        TenancyRegistry,
        TenantDataSource,
        {
          provide: SecretCipher,
          useFactory: () => new SecretCipher(resolveSecretKey(config), config.QUIRE_SECRET_KEYS_PREVIOUS),
        },
        JobQueue,
        OutboundHttp,
        EventHandlerRegistry,
        OutboxRelay,
        EventWorkers,
        EventRecorders,
        RequestRecorders,
        EventBus,
        Scheduler,
        QueueHealthIndicator,
        PluginLifecycle,
        { provide: APP_GUARD, useClass: KernelGuard },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
      ],
      exports: [
        PluginRegistry,
        DATABASE_URL,
        TenancyRegistry,
        TenantDataSource,
        SecretCipher,
        JobQueue,
        OutboundHttp,
        EventBus,
        EventRecorders,
        RequestRecorders,
        OutboxRelay,
        Scheduler,
        ...optionProviders.map((p) => p.provide),
      ],
    };
  }
}

/** The application's root: the kernel plus every loaded plugin's module, in dependency order. */
@Module({})
export class QuireAppModule {
  static forRoot(options: KernelModuleOptions): DynamicModule {
    const pluginModules = options.registry.plugins.flatMap((plugin) =>
      plugin.definition.module ? [plugin.definition.module] : [],
    );
    return { module: QuireAppModule, imports: [KernelModule.forRoot(options), ...pluginModules] };
  }
}
