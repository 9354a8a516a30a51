// The setup the compliance scenarios (system-log-purge, dsar-export) share: Quire with every plugin apps/api loads
// (bench/system-log-bench-server.ts: migrations run, its one account a platform administrator) on a fresh cluster.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { buildBenchServers } from './build.mjs';
import { startFreshPostgres } from './embedded-postgres.mjs';
import { startQuire } from './processes.mjs';

/**
 * Compiles the bench servers (unless `skipBuild`), starts PostgreSQL in `dataDir` and Quire on it with its data and
 * media under `dataDir` too (the caller removes it at the end). Answers the database URL and Quire's BENCH_READY
 * payload (url, accessToken, …) with its pid.
 */
export async function startComplianceQuire({ dataDir, logsDir, skipBuild }) {
  if (!skipBuild) buildBenchServers(['dist/bench/bench/system-log-bench-server.js']);
  const databaseUrl = await startFreshPostgres(dataDir);
  const quire = await startQuire({
    server: 'system-log-bench-server',
    logsDir,
    timeoutMs: 180_000,
    env: {
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: '0',
      DATABASE_URL: databaseUrl,
      QUIRE_SECRET_KEY: randomBytes(32).toString('base64'),
      QUIRE_DEMO_SEED: 'false',
      QUIRE_DATA_DIR: join(dataDir, 'quire-data'),
      LOG_LEVEL: 'warn',
      MEDIA_STORAGE: 'local',
      MEDIA_LOCAL_ROOT: join(dataDir, 'media'),
    },
  });
  console.log(`Quire on ${quire.url}, pid ${quire.pid}`);
  return { databaseUrl, quire };
}
