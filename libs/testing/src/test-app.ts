import type { LoggerService } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createQuireApp, loadConfig, PluginLifecycle, type QuireConfig, type QuirePlugin } from '@quire/core';
import supertest from 'supertest';
import { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from './test-database';

export interface TestAppOptions {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  plugins?: QuirePlugin<any>[];
  /** Environment variables on top of the test defaults. */
  env?: Record<string, string>;
  /** Reuse a database (e.g. a second instance on the same data); default: a fresh one. */
  database?: TestDatabase;
  /** Where the app logs; default: errors and warnings to the console. */
  logger?: LoggerService;
}

export interface TestApp {
  app: NestExpressApplication;
  /** `http://127.0.0.1:<port>` of the listening server. */
  url: string;
  http: ReturnType<typeof supertest>;
  config: QuireConfig;
  database: TestDatabase;
  dataSource: DataSource;
  close(): Promise<void>;
}

/**
 * The real application on a real PostgreSQL, listening on a loopback port: what end-to-end tests of the
 * kernel, of built-in plugins and of customers' plugins all use. Each call gets its own database unless
 * one is passed in.
 */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const ownsDatabase = !options.database;
  const database = options.database ?? (await createTestDatabase());
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.QUIRE_TEST_LOG_LEVEL ?? 'error',
    LOG_FORMAT: 'pretty',
    QUIRE_DEMO_SEED: 'false',
    QUIRE_DATA_DIR: '.quire/test-data',
    QUIRE_SECRET_KEY: 'cXVpcmUtdGVzdC1rZXktbm90LWZvci1wcm9kdWN0aW8=',
    PORT: '0',
    // Suites sign in far more often from 127.0.0.1 than any person would; rate-limit tests turn this on.
    ROUTE_RATE_LIMITS: 'false',
    // Thousands of sign-ups across the suites: the production cost would spend minutes of CPU on nothing tested.
    PASSWORD_HASH_COST: 'm=1024,t=1,p=1',
    ...options.env,
  });
  let app: NestExpressApplication;
  try {
    app = await createQuireApp({
      plugins: options.plugins ?? [],
      config,
      databaseUrl: database.url,
      logger: options.logger ?? ['error', 'warn'],
    });
  } catch (error) {
    if (ownsDatabase) await database.drop();
    throw error;
  }
  // As `npm start` does (bootstrap.ts) when a suite turns the demo seed on.
  if (config.QUIRE_DEMO_SEED) await app.get(PluginLifecycle).seedDemo();
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    http: supertest(app.getHttpServer()),
    config,
    database,
    dataSource: app.get(DataSource),
    async close() {
      await app.close();
      if (ownsDatabase) await database.drop();
    },
  };
}
