import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ConfigError, loadConfig } from '../config/load-config';
import type { QuireConfig } from '../config/config.schema';
import { resolveSecretKey } from '../config/secret-key';
import { EmbeddedDatabase } from '../database/embedded-database';
import { createWinston, WinstonLogger } from '../logging/winston-logger';
import type { QuirePlugin } from '../plugin/plugin.types';
import { PluginRegistryError } from '../plugin/plugin-registry.errors';
import { createQuireApp } from './create-quire-app';
import { drainAndClose } from './drain-and-close';
import { PluginLifecycle } from './plugin-lifecycle';

export interface BootstrapOptions {
  /** The plugins, or a function choosing and configuring them from the validated configuration. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  plugins: QuirePlugin<any>[] | ((config: QuireConfig) => QuirePlugin<any>[]);
  env?: NodeJS.ProcessEnv;
}

export interface RunningServer {
  app: NestExpressApplication;
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts a Quire server: validated configuration, logging, the database (embedded when DATABASE_URL is
 * unset), the app with its plugins, HTTP, and a graceful shutdown on SIGTERM/SIGINT. Any start-up problem
 * is printed as one clear message and the process exits with status 1.
 */
export async function bootstrap(options: BootstrapOptions & { listen?: boolean }): Promise<RunningServer> {
  let config: QuireConfig;
  try {
    config = loadConfig(options.env ?? process.env);
  } catch (error) {
    return fail(error);
  }
  const logger = new WinstonLogger(createWinston({ level: config.LOG_LEVEL, format: config.LOG_FORMAT }));
  Logger.overrideLogger(logger);
  const log = new Logger('Bootstrap');
  let embedded: EmbeddedDatabase | null = null;
  try {
    resolveSecretKey(config);
    const databaseUrl = config.DATABASE_URL ?? (await startEmbedded(config, (db) => (embedded = db)));
    const plugins = typeof options.plugins === 'function' ? options.plugins(config) : options.plugins;
    const app = await createQuireApp({ plugins, config, databaseUrl, logger });
    if (options.listen === false) {
      // Migrations ran while the app initialised; nothing else to do.
      await app.close();
      await (embedded as EmbeddedDatabase | null)?.stop();
      log.log('Migrations are up to date');
      return { app, url: '', stop: async () => undefined };
    }
    if (config.QUIRE_DEMO_SEED) await app.get(PluginLifecycle).seedDemo();
    await app.listen(config.PORT, config.HOST);
    const url = `http://${config.HOST}:${(app.getHttpServer().address() as { port: number }).port}`;
    log.log(`Quire listening on ${url} (API ${url}/api/v1, docs ${url}/api/docs, console ${url}/admin)`);
    const stop = onceOnly(() => shutdown(app, embedded, config.SHUTDOWN_TIMEOUT_MS));
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      process.once(signal, () => {
        log.log(`${signal} received: draining requests and stopping`);
        void stop().then(() => process.exit(0));
      });
    }
    return { app, url, stop };
  } catch (error) {
    await (embedded as EmbeddedDatabase | null)?.stop().catch(() => undefined);
    return fail(error);
  }
}

/** Runs every plugin's pending migrations and exits (`npm run migrate`). */
export async function migrate(options: BootstrapOptions): Promise<void> {
  await bootstrap({ ...options, listen: false });
}

async function startEmbedded(config: QuireConfig, keep: (db: EmbeddedDatabase) => void): Promise<string> {
  const db = new EmbeddedDatabase({
    dataDir: join(config.QUIRE_DATA_DIR, 'postgres'),
    port: config.EMBEDDED_POSTGRES_PORT,
    database: 'quire',
  });
  keep(db);
  return db.start();
}

async function shutdown(
  app: NestExpressApplication,
  embedded: EmbeddedDatabase | null,
  timeoutMs: number,
): Promise<void> {
  await drainAndClose(app, timeoutMs);
  await embedded?.stop();
}

function fail(error: unknown): never {
  if (error instanceof ConfigError || error instanceof PluginRegistryError) {
    console.error(error.message);
  } else {
    console.error(`Quire could not start: ${(error as Error)?.message ?? String(error)}`);
    if (process.env.NODE_ENV !== 'production' && error instanceof Error && error.stack) console.error(error.stack);
  }
  process.exit(1);
}

function onceOnly<T>(fn: () => Promise<T>): () => Promise<T> {
  let result: Promise<T> | null = null;
  return () => (result ??= fn());
}
