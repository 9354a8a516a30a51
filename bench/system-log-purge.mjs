#!/usr/bin/env node
// Compliance scenario `system-log-purge` (issue #8): the retention engine purging 1,000,000 system-log rows, against
// a raw baseline measured in the same run.
//
//   node bench/system-log-purge.mjs [--rows 1000000] [--recent 10000] [--skip-build]
//
// Steps: compile the bench servers (tsc -p bench/tsconfig.json → dist/bench), start an embedded PostgreSQL on a fresh
// data directory (removed at the end), start Quire with every plugin apps/api loads (bench/system-log-bench-server.ts,
// which runs the migrations and makes its one account a platform administrator), then:
//   1. seed `--rows` API request records 181–365 days old (due) and `--recent` of the last 179 days (kept), with one
//      INSERT … SELECT generate_series, and VACUUM ANALYZE;
//   2. time POST /api/v1/retention/runs {"policies":["compliance.system-logs"]} as seen by the client, with the
//      engine's own per-policy rowsAffected and durationMs, while sampling the Quire process's VmRSS
//      (/proc/<pid>/status) every 20 ms: peak minus idle (the mean of 1 s of samples before the call);
//   3. baseline: the same rows seeded again, then one plain `DELETE … WHERE occurred_at < now() - 180 days AND
//      incident_id IS NULL` through pg — one statement, one long transaction holding every deleted row's lock.
// Prints a table and writes bench/results/system-log-purge-<stamp>.json. No test asserts these numbers.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startComplianceQuire } from './lib/compliance-bench.mjs';
import { stopPostgres, withClient } from './lib/embedded-postgres.mjs';
import { describeMachine, loadAverage } from './lib/machine.mjs';
import { cleanupOnExit } from './lib/processes.mjs';
import { sampleRss } from './lib/rss-sampler.mjs';

const root = new URL('..', import.meta.url).pathname;
const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    recent: { type: 'string', default: '10000' },
    'skip-build': { type: 'boolean', default: false },
  },
});
const DUE_ROWS = Number(args.rows);
const RECENT_ROWS = Number(args.recent);
const POLICY = 'compliance.system-logs';

const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const resultsDir = join(root, 'bench/results');
const logsDir = join(resultsDir, 'logs', `system-log-purge-${stamp}`);
const dataDir = join(root, '.quire', `bench-postgres-system-logs-${stamp}`);
mkdirSync(logsDir, { recursive: true });

const cleanup = cleanupOnExit('Quire and PostgreSQL', async () => {
  await stopPostgres();
  rmSync(dataDir, { recursive: true, force: true });
});

/**
 * `due` requests spread over days 181–365 before now (older than the 180-day retention) and `recent` over the last
 * 179 days, shaped like real ones: routes, statuses, actors, workspaces, IPs, user agents. One INSERT per group.
 */
async function seed(db, due, recent) {
  const insert = (count, fromDays, spanDays) =>
    db.query(
      `INSERT INTO compliance_system_logs (id, occurred_at, method, route, status, duration_ms, actor_type, actor_id,
         workspace_id, ip, user_agent, request_id, rate_limited, error_code)
       SELECT gen_random_uuid(),
              now() - make_interval(days => $2::int) - (n::float8 / $1::int) * make_interval(days => $3::int),
              (ARRAY['GET','GET','GET','POST','PATCH','DELETE'])[1 + n % 6],
              (ARRAY['/api/v1/workspaces/:workspace/entries/:id', '/api/v1/auth/me', '/api/v1/auth/sign-in',
                     '/api/v1/workspaces/:workspace/content-types/:apiId/entries',
                     '/api/v1/delivery/:workspace/:type'])[1 + n % 5],
              CASE WHEN n % 50 = 0 THEN 404 WHEN n % 97 = 0 THEN 429 ELSE 200 END,
              n % 250,
              CASE WHEN n % 3 = 0 THEN 'anonymous' ELSE 'user' END,
              CASE WHEN n % 3 = 0 THEN NULL ELSE md5('actor' || (n % 5000))::uuid END,
              md5('workspace' || (n % 200))::uuid,
              '198.51.' || (n % 250) || '.' || (n % 200),
              'Mozilla/5.0 (X11; Linux x86_64) bench/' || (n % 40),
              md5('request' || n),
              n % 97 = 0,
              CASE WHEN n % 50 = 0 THEN 'content.entry-not-found' WHEN n % 97 = 0 THEN 'core.rate-limited' END
         FROM generate_series(1, $1::int) AS n`,
      [count, fromDays, spanDays],
    );
  const started = Date.now();
  await insert(due, 181, 184);
  await insert(recent, 0, 179);
  await db.query('VACUUM ANALYZE compliance_system_logs');
  return (Date.now() - started) / 1000;
}

/** POST with node:http (no client timeout: a purge may take longer than fetch's 300 s header timeout). */
function post(url, token, body) {
  return new Promise((resolve, reject) => {
    const payload = JSON.stringify(body);
    const request = http.request(url, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(payload),
      },
    });
    request.on('response', (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode, body: Buffer.concat(chunks).toString('utf8') }));
    });
    request.on('error', reject);
    request.end(payload);
  });
}

async function purgeThroughQuire(quire) {
  const { result, rss } = await sampleRss(quire.pid, async () => {
    const started = process.hrtime.bigint();
    const response = await post(`${quire.url}/api/v1/retention/runs`, quire.accessToken, { policies: [POLICY] });
    return { response, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
  });
  const { response, seconds } = result;
  if (response.status !== 200) throw new Error(`POST /retention/runs answered ${response.status}: ${response.body}`);
  const run = JSON.parse(response.body);
  const outcome = run.results.find((r) => r.policy === POLICY);
  if (!outcome || outcome.error) throw new Error(`the policy did not run cleanly: ${response.body}`);
  return { seconds, rowsAffected: outcome.rowsAffected, engineDurationMs: outcome.durationMs, ...rss };
}

async function baselineDelete(db) {
  const started = process.hrtime.bigint();
  const { rowCount } = await db.query(
    `DELETE FROM compliance_system_logs WHERE occurred_at < now() - interval '180 days' AND incident_id IS NULL`,
  );
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, rowsAffected: rowCount };
}

async function main() {
  const machine = describeMachine();
  const loadBefore = loadAverage();
  console.log(`Load average before: ${loadBefore.join(' ')}; logs in ${logsDir}`);
  const { databaseUrl, quire } = await startComplianceQuire({ dataDir, logsDir, skipBuild: args['skip-build'] });

  const result = await withClient(databaseUrl, async (db) => {
    const seedSeconds = await seed(db, DUE_ROWS, RECENT_ROWS);
    console.log(`Seeded ${DUE_ROWS} due + ${RECENT_ROWS} recent rows in ${seedSeconds.toFixed(1)} s`);
    const quirePurge = await purgeThroughQuire(quire);
    const left = Number((await db.query('SELECT count(*) FROM compliance_system_logs')).rows[0].count);
    console.log(
      `Quire purge: ${quirePurge.rowsAffected} rows in ${quirePurge.seconds.toFixed(2)} s ` +
        `(engine ${(quirePurge.engineDurationMs / 1000).toFixed(2)} s); RSS idle ${quirePurge.idleRssMiB.toFixed(0)} ` +
        `MiB, peak ${quirePurge.peakRssMiB.toFixed(0)} MiB (+${quirePurge.peakAboveIdleMiB.toFixed(1)} MiB); ` +
        `${left} rows left`,
    );
    await db.query('TRUNCATE compliance_system_logs');
    await seed(db, DUE_ROWS, RECENT_ROWS);
    const baseline = await baselineDelete(db);
    console.log(`Baseline single DELETE: ${baseline.rowsAffected} rows in ${baseline.seconds.toFixed(2)} s`);
    return { seedSeconds, quirePurge, rowsLeftAfterQuire: left, baseline };
  });

  const loadAfter = loadAverage();
  const ratio = result.quirePurge.seconds / result.baseline.seconds;
  console.log('\n| Scenario | Rows | Time | Peak RSS above idle |');
  console.log('| --- | ---: | ---: | ---: |');
  console.log(
    `| Quire retention run (${POLICY}) | ${result.quirePurge.rowsAffected} | ${result.quirePurge.seconds.toFixed(2)} s ` +
      `| +${result.quirePurge.peakAboveIdleMiB.toFixed(1)} MiB |`,
  );
  console.log(
    `| Baseline: one DELETE statement | ${result.baseline.rowsAffected} | ${result.baseline.seconds.toFixed(2)} s | — |`,
  );
  console.log(`Quire / baseline time: ${ratio.toFixed(2)}×; load average after: ${loadAfter.join(' ')}`);
  const file = join(resultsDir, `system-log-purge-${stamp}.json`);
  writeFileSync(
    file,
    JSON.stringify(
      { stamp, machine, loadBefore, loadAfter, dueRows: DUE_ROWS, recentRows: RECENT_ROWS, ...result, ratio },
      null,
      2,
    ),
  );
  console.log(`Results: ${file}`);
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => cleanup());
