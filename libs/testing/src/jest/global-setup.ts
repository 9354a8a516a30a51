import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { EmbeddedDatabase } from '../../../core/src/database/embedded-database';
import { freePort } from '../free-port';
import { databaseUrl, TEST_SERVER_URL_ENV, withClient } from '../test-database';

declare global {
  var __quireEmbeddedTestDb: EmbeddedDatabase | undefined;
}

/**
 * One PostgreSQL for the whole jest run: TEST_DATABASE_URL when set (CI's PostgreSQL 15), else an embedded
 * server kept under .quire/test-postgres and reused across runs. Test files each create their own database.
 */
export default async function globalSetup(): Promise<void> {
  Logger.overrideLogger(['error', 'warn']);
  if (process.env[TEST_SERVER_URL_ENV]) return; // another project's setup already did it in this run
  if (process.env.TEST_DATABASE_URL) {
    process.env[TEST_SERVER_URL_ENV] = process.env.TEST_DATABASE_URL;
  } else {
    const port = await freePort();
    const db = new EmbeddedDatabase({ dataDir: unusedDataDir(), port, database: 'postgres' });
    await db.start();
    globalThis.__quireEmbeddedTestDb = db;
    process.env[TEST_SERVER_URL_ENV] = db.urlFor('postgres');
  }
  await dropLeftoverDatabases(process.env[TEST_SERVER_URL_ENV]!);
}

/** Databases of an earlier run that was killed before its teardown. */
async function dropLeftoverDatabases(serverUrl: string): Promise<void> {
  await withClient(databaseUrl(serverUrl, 'postgres'), async (client) => {
    const { rows } = await client.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE 'quire\\_test\\_%' AND datname NOT IN (
         SELECT datname FROM pg_stat_activity WHERE datname IS NOT NULL)`,
    );
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(datname)}`);
  });
}

/** The first cluster folder no running jest is using, so two runs in one checkout never fight over one. */
function unusedDataDir(): string {
  const base = join(__dirname, '../../../../.quire/test-postgres');
  for (let i = 0; i < 8; i++) {
    const dir = i === 0 ? base : `${base}-${i}`;
    const pidFile = join(dir, 'postmaster.pid');
    if (!existsSync(pidFile)) return dir;
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    if (!isAlive(pid)) return dir;
  }
  throw new Error(
    'Eight jest runs are already using embedded PostgreSQL test clusters in .quire/; wait for one to end.',
  );
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
