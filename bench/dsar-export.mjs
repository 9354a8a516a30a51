#!/usr/bin/env node
// Compliance scenario `dsar-export` (issue #8): the ZIP export of a data-subject access request for a person with
// 10,000 content entries, against a raw baseline measured in the same run.
//
//   node bench/dsar-export.mjs [--entries 10000] [--skip-build]
//
// Steps: compile the bench servers (tsc -p bench/tsconfig.json → dist/bench), start an embedded PostgreSQL on a fresh
// data directory (removed at the end), start Quire with every plugin apps/api loads (bench/system-log-bench-server.ts:
// one platform administrator), then:
//   1. sign up the person through the API, create a workspace, a content type and one entry through the API, and
//      copy that entry `--entries - 1` times with one INSERT … SELECT generate_series (then VACUUM ANALYZE);
//   2. as the administrator, record an access request (administrator-attested) and time GET
//      /api/v1/privacy/requests/{id}/export end to end (until the last byte of the ZIP), reading it as a client
//      would, while sampling the Quire process's VmRSS every 20 ms: peak minus idle (mean of 1 s before);
//   3. baseline: the same person's content_entries rows (the columns the export writes) read by one plain SELECT
//      through node-postgres and turned into JSON text, in this process.
// Prints a table and writes bench/results/dsar-export-<stamp>.json. No test asserts these numbers.
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
    entries: { type: 'string', default: '10000' },
    'skip-build': { type: 'boolean', default: false },
  },
});
const ENTRIES = Number(args.entries);

const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const resultsDir = join(root, 'bench/results');
const logsDir = join(resultsDir, 'logs', `dsar-export-${stamp}`);
const dataDir = join(root, '.quire', `bench-postgres-dsar-${stamp}`);
mkdirSync(logsDir, { recursive: true });

const cleanup = cleanupOnExit('Quire and PostgreSQL', async () => {
  await stopPostgres();
  rmSync(dataDir, { recursive: true, force: true });
});

async function api(quire, method, path, token, body) {
  const response = await fetch(`${quire.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status >= 300) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  return text ? JSON.parse(text) : null;
}

/** The person: signed up through the API, with a workspace, a content type and one entry made through it. */
async function seedPerson(quire, db) {
  const email = `person-${Date.now().toString(36)}@example.com`;
  const signUp = await fetch(`${quire.url}/api/v1/auth/sign-up`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, displayName: 'Bench Person', password: 'violet harbour lantern 42' }),
  });
  const person = await signUp.json();
  const token = person.accessToken;
  const slug = `dsar-${Date.now().toString(36)}`;
  await api(quire, 'POST', '/api/v1/workspaces', token, { name: 'DSAR Bench', slug });
  await api(quire, 'POST', `/api/v1/workspaces/${slug}/content-types`, token, {
    apiId: 'article',
    kind: 'collection',
    name: 'Article',
    fields: [
      { name: 'title', type: 'text' },
      { name: 'body', type: 'text' },
    ],
  });
  const entry = await api(quire, 'POST', `/api/v1/workspaces/${slug}/content-types/article/entries`, token, {
    data: { title: 'Entry 0', body: 'A paragraph of text that is about as long as a short article summary is.' },
  });
  const started = Date.now();
  // Copies of the API-made entry, each with its own id, title and time.
  await db.query(
    `INSERT INTO content_entries (id, workspace_id, content_type_id, shared_data, revision, created_by, updated_by,
       created_at, updated_at)
     SELECT gen_random_uuid(), e.workspace_id, e.content_type_id,
            e.shared_data || jsonb_build_object('title', 'Entry ' || n), e.revision, e.created_by, e.updated_by,
            e.created_at + n * interval '1 second', e.updated_at + n * interval '1 second'
       FROM content_entries e, generate_series(1, $2::int) AS n
      WHERE e.id = $1`,
    [entry.id, ENTRIES - 1],
  );
  await db.query('VACUUM ANALYZE content_entries');
  return { userId: person.user.id, seedSeconds: (Date.now() - started) / 1000 };
}

/** GET with node:http, reading the body as a client would; answers bytes and time to the last byte. */
function download(url, token) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const request = http.get(url, { headers: { authorization: `Bearer ${token}` } }, (response) => {
      let bytes = 0;
      response.on('data', (chunk) => (bytes += chunk.length));
      response.on('end', () =>
        resolve({
          status: response.statusCode,
          type: response.headers['content-type'],
          bytes,
          seconds: Number(process.hrtime.bigint() - started) / 1e9,
        }),
      );
      response.on('error', reject);
    });
    request.on('error', reject);
  });
}

async function exportThroughQuire(quire, userId) {
  const request = await api(quire, 'POST', '/api/v1/privacy/requests', quire.accessToken, {
    userId,
    type: 'access',
    verification: { method: 'administrator-attested', note: 'bench' },
  });
  const { result, rss } = await sampleRss(quire.pid, () =>
    download(`${quire.url}/api/v1/privacy/requests/${request.id}/export`, quire.accessToken),
  );
  if (result.status !== 200) throw new Error(`export answered ${result.status}`);
  const done = await api(quire, 'GET', `/api/v1/privacy/requests/${request.id}`, quire.accessToken);
  const entries = done.result.tables.find((t) => t.table === 'content_entries');
  return {
    ...result,
    status: done.status,
    rows: done.result.rows,
    contentEntries: entries?.rows,
    ...rss,
  };
}

/** The same rows, the columns the export writes, by one SELECT through node-postgres, as JSON text. */
async function baselineSelect(db, userId) {
  const heapBefore = process.memoryUsage().heapUsed;
  const started = process.hrtime.bigint();
  const { rows } = await db.query(
    `SELECT id, created_by, updated_by, deleted_by, shared_data, created_at, updated_at
       FROM content_entries WHERE created_by = $1 ORDER BY id`,
    [userId],
  );
  let bytes = 0;
  for (const row of rows) bytes += JSON.stringify(row).length + 2;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return {
    rows: rows.length,
    bytes,
    seconds,
    heapGrowthMiB: (process.memoryUsage().heapUsed - heapBefore) / 1024 ** 2,
  };
}

async function main() {
  const machine = describeMachine();
  const loadBefore = loadAverage();
  console.log(`Load average before: ${loadBefore.join(' ')}; logs in ${logsDir}`);
  const { databaseUrl, quire } = await startComplianceQuire({ dataDir, logsDir, skipBuild: args['skip-build'] });

  const result = await withClient(databaseUrl, async (db) => {
    const { userId, seedSeconds } = await seedPerson(quire, db);
    console.log(`Seeded ${ENTRIES} content entries of one person in ${seedSeconds.toFixed(1)} s`);
    const quireExport = await exportThroughQuire(quire, userId);
    console.log(
      `Quire export: ${quireExport.bytes} bytes (${quireExport.rows} rows, ${quireExport.contentEntries} entries) in ` +
        `${quireExport.seconds.toFixed(2)} s; RSS idle ${quireExport.idleRssMiB.toFixed(0)} MiB, peak ` +
        `${quireExport.peakRssMiB.toFixed(0)} MiB (+${quireExport.peakAboveIdleMiB.toFixed(1)} MiB); ` +
        `request ${quireExport.status}`,
    );
    const baseline = await baselineSelect(db, userId);
    console.log(
      `Baseline SELECT → JSON: ${baseline.rows} rows, ${baseline.bytes} bytes in ${baseline.seconds.toFixed(2)} s`,
    );
    return { seedSeconds, quireExport, baseline };
  });

  const loadAfter = loadAverage();
  const ratio = result.quireExport.seconds / result.baseline.seconds;
  console.log('\n| Scenario | Rows | Bytes | Time | Peak RSS above idle |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  console.log(
    `| Quire ZIP export (GET …/export) | ${result.quireExport.rows} | ${result.quireExport.bytes} | ` +
      `${result.quireExport.seconds.toFixed(2)} s | +${result.quireExport.peakAboveIdleMiB.toFixed(1)} MiB |`,
  );
  console.log(
    `| Baseline: one SELECT → JSON (node-postgres) | ${result.baseline.rows} | ${result.baseline.bytes} | ` +
      `${result.baseline.seconds.toFixed(2)} s | heap +${result.baseline.heapGrowthMiB.toFixed(1)} MiB |`,
  );
  console.log(`Quire / baseline time: ${ratio.toFixed(2)}×; load average after: ${loadAfter.join(' ')}`);
  const file = join(resultsDir, `dsar-export-${stamp}.json`);
  writeFileSync(
    file,
    JSON.stringify({ stamp, machine, loadBefore, loadAfter, entries: ENTRIES, ...result, ratio }, null, 2),
  );
  console.log(`Results: ${file}`);
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => cleanup());
