import type { LoggerService, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { QuireConfig } from '../config/config.schema';
import { runMigrations } from '../database/run-migrations';
import { configureHttp } from '../http/configure-http';
import { setupOpenApi } from '../openapi/setup-openapi';
import { PluginRegistry } from '../plugin/plugin-registry';
import type { QuirePlugin } from '../plugin/plugin.types';
import { CorePlugin } from './core.plugin';
import { QuireAppModule } from './quire-app.module';
import { QUIRE_VERSION } from './version';

export interface CreateQuireAppOptions {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  plugins: QuirePlugin<any>[];
  config: QuireConfig;
  /** Resolved connection URL: DATABASE_URL, or the embedded server's. */
  databaseUrl: string;
  logger?: LoggerService | LogLevel[] | false;
}

export const API_PREFIX = 'api/v1';

/**
 * Builds the application from its plugins: validates the declarations (refusing to start on any problem),
 * runs migrations, wires HTTP and OpenAPI. Does not listen; `bootstrap` and the test harness do.
 */
export async function createQuireApp(options: CreateQuireAppOptions): Promise<NestExpressApplication> {
  const registry = PluginRegistry.resolve([CorePlugin, ...options.plugins]);
  await runMigrations(options.databaseUrl, registry.entities(), registry.migrations());
  const app = await NestFactory.create<NestExpressApplication>(
    QuireAppModule.forRoot({ config: options.config, registry, databaseUrl: options.databaseUrl }),
    { bodyParser: false, abortOnError: false, logger: options.logger ?? undefined },
  );
  app.setGlobalPrefix(API_PREFIX, { exclude: ['health/live', 'health/ready'] });
  configureHttp(app, options.config);
  setupOpenApi(app, QUIRE_VERSION);
  try {
    await app.init();
  } catch (error) {
    // Release the pool, queue and timers of the half-started app before reporting why it failed.
    await app.close().catch(() => undefined);
    throw error;
  }
  return app;
}
