import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { EntityClass, MigrationClass } from '../plugin/plugin.types';

// Any fixed 64-bit number, shared by every Quire instance: the lock that serialises migrations.
const MIGRATION_LOCK_KEY = 7_143_245_111_902n;

/**
 * Runs pending migrations of every plugin, each in its own transaction, under a PostgreSQL advisory lock:
 * N instances starting at once take turns, and the later ones find nothing left to do.
 */
export async function runMigrations(
  databaseUrl: string,
  entities: EntityClass[],
  migrations: MigrationClass[],
): Promise<string[]> {
  const logger = new Logger('Migrations');
  // Two connections: one holds the lock while TypeORM runs the migrations on the other.
  const dataSource = new DataSource({
    type: 'postgres',
    url: databaseUrl,
    entities,
    migrations,
    poolSize: 2,
    logging: ['error'],
  });
  await dataSource.initialize();
  const runner = dataSource.createQueryRunner();
  try {
    await runner.connect();
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY.toString()]);
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      for (const migration of applied) logger.log(`Applied ${migration.name}`);
      return applied.map((m) => m.name);
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY.toString()]);
    }
  } finally {
    await runner.release();
    await dataSource.destroy();
  }
}
