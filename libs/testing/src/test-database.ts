import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** Where the jest global setup left the server: a URL of its maintenance database (`postgres`). */
export const TEST_SERVER_URL_ENV = 'QUIRE_TEST_SERVER_URL';

export function testServerUrl(): string {
  const url = process.env[TEST_SERVER_URL_ENV] ?? process.env.TEST_DATABASE_URL;
  if (!url) {
    throw new Error(
      'No test PostgreSQL: run tests through jest (its global setup starts an embedded server) or set TEST_DATABASE_URL.',
    );
  }
  return url;
}

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** A fresh, empty database on the shared test server, so test files never see each other's rows. */
export async function createTestDatabase(prefix = 'quire_test'): Promise<TestDatabase> {
  const serverUrl = testServerUrl();
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await withClient(serverUrl, (client) =>
    client.query(`CREATE DATABASE ${client.escapeIdentifier(name)} TEMPLATE template0`),
  );
  const url = databaseUrl(serverUrl, name);
  return {
    name,
    url,
    drop: () =>
      withClient(serverUrl, (client) =>
        client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`),
      ).then(() => undefined),
  };
}

export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
