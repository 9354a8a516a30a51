#!/usr/bin/env node
// `npm run bench`: load benchmarks of Quire against a raw node:http baseline measured in the same run, plus
// the Express vs Fastify adapter comparison. Everything listens on 127.0.0.1 and all load goes there.
//
//   node bench/run.mjs [--duration 10] [--warmup 2] [--connections 50] [--only health,notes,me,delivery,adapters]
//                      [--only media-memory,media-upload,media-variant]  (bench/media-bench.mjs; not in the default)
//                      [--skip-build] [--count-requests 100] [--profile] [--log-level info]
//
// --profile writes a V8 CPU profile of the Quire server (node --cpu-prof) next to the logs; summarise it with
// `node bench/profile-summary.mjs <file.cpuprofile>`. --log-level sets Quire's LOG_LEVEL (default info, as in
// production: one access-log line per request); `--log-level warn` shows what those lines cost.
//
// Steps: compile the TypeScript bench servers (tsc -p bench/tsconfig.json → dist/bench), start one embedded
// PostgreSQL (.quire/bench-postgres, with pg_stat_statements), start Quire (which runs its migrations), seed
// 10,000 notes, start the baseline and adapter servers, check that every server returns the same list, count
// SQL statements per request, run autocannon per scenario, print a table, write bench/results/<stamp>.json,
// and stop every child process and PostgreSQL, also on failure or Ctrl-C.
// No test asserts these numbers: they are for humans deciding things.
import { hkdfSync, randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { buildBenchServers } from './lib/build.mjs';
import { PG_PASSWORD, startPostgres, stopPostgres, withClient } from './lib/embedded-postgres.mjs';
import { describeMachine, loadAverage } from './lib/machine.mjs';
import { cleanupOnExit, startQuire, startServer } from './lib/processes.mjs';
import { MEDIA_SCENARIOS, runMediaBenches } from './media-bench.mjs';

const root = new URL('..', import.meta.url).pathname;
const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '2' },
    connections: { type: 'string', default: '50' },
    only: { type: 'string', default: 'health,notes,me,delivery,adapters' },
    'skip-build': { type: 'boolean', default: false },
    'count-requests': { type: 'string', default: '100' },
    profile: { type: 'boolean', default: false },
    'log-level': { type: 'string', default: 'info' },
  },
});
const DURATION = Math.min(10, Number(args.duration)); // bounded: at most 10 s per scenario on these 2-core machines
const WARMUP = Math.min(5, Number(args.warmup));
const CONNECTIONS = Math.min(200, Number(args.connections));
const COUNT_REQUESTS = Math.min(1000, Number(args['count-requests']));
const ONLY = new Set(args.only.split(',').map((s) => s.trim()));

const SEED_NOTES = 10_000;
const NOTES_QUERY = 'sort=-createdAt&pageSize=20&filter[status][eq]=published';
/** The notes list of the run's workspace (a new one per run: its slug is known once Quire has started). */
const notesPath = (workspaceSlug) => `/api/v1/workspaces/${workspaceSlug}/notes?${NOTES_QUERY}`;
/** Delivery scenarios: published posts of one type, each in one of the categories (a second type). */
const SEED_POSTS = 100_000;
const SEED_CATEGORIES = 20;
/** Each post title names one of 100 topics (`topic0`…`topic99`): a search for one matches 1% of the posts. */
const SEARCH_WORD = 'topic42';
const ROLES = { quire: 'bench_quire', baseline: 'bench_baseline', adapter: 'bench_adapter' };

const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const resultsDir = join(root, 'bench/results');
const logsDir = join(resultsDir, 'logs', stamp);
mkdirSync(logsDir, { recursive: true });
/** Quire's local media storage (and the media baseline's files) for this run only: removed at the end. */
const mediaRoot = join(root, '.quire/bench-media', stamp);

const cleanup = cleanupOnExit('servers and PostgreSQL', async () => {
  await stopPostgres();
  rmSync(mediaRoot, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------------------
// Database, seed

/** One kept cluster (.quire/bench-postgres, with pg_stat_statements), a role per server and the bench database. */
async function startBenchPostgres() {
  const dataDir = join(root, '.quire/bench-postgres');
  const { port, url } = await startPostgres({
    dataDir,
    persistent: true,
    flags: [
      '-c',
      'max_connections=200',
      '-c',
      'shared_preload_libraries=pg_stat_statements',
      '-c',
      'pg_stat_statements.track=all',
    ],
  });
  await withClient(url('postgres', 'postgres'), async (db) => {
    for (const role of Object.values(ROLES)) {
      const { rowCount } = await db.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
      if (!rowCount) await db.query(`CREATE ROLE ${role} LOGIN PASSWORD '${PG_PASSWORD}'`);
    }
    const { rowCount } = await db.query("SELECT 1 FROM pg_database WHERE datname = 'quire_bench'");
    if (!rowCount) await db.query(`CREATE DATABASE quire_bench OWNER ${ROLES.quire}`);
  });
  const admin = url('postgres', 'quire_bench');
  await withClient(admin, async (db) => {
    await db.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    const { rows } = await db.query('SHOW server_version');
    console.log(`PostgreSQL ${rows[0].server_version} on 127.0.0.1:${port} (data ${dataDir})`);
  });
  return { port, admin, urlFor: (role) => url(role, 'quire_bench') };
}

/**
 * 100,000 published posts (title, slug, body, a category among 20) and the categories, as publishing leaves them:
 * published_data, published_at spread over 100,000 minutes, search_vector weighted A (title) and B (body). The
 * types are rows like the content-types API writes. One INSERT … SELECT generate_series per table.
 */
async function seedDelivery(adminUrl, workspaceId) {
  return withClient(adminUrl, async (db) => {
    const { rows } = await db.query("SELECT current_setting('server_version_num')::int >= 180000 AS v7");
    const id = rows[0].v7 ? 'uuidv7()' : 'gen_random_uuid()';
    // The bench database is kept between runs: only this run's content stays.
    await db.query(
      'TRUNCATE content_entry_locales, content_references, content_revisions, content_entries, content_type_versions, content_types',
    );
    const type = async (apiId, fields) => {
      const definition = { apiId, kind: 'collection', name: apiId, fields };
      const { rows: created } = await db.query(
        `INSERT INTO content_types (id, workspace_id, api_id, kind, name, definition)
         VALUES (${id}, $1, $2, 'collection', $2, $3) RETURNING id`,
        [workspaceId, apiId, JSON.stringify(definition)],
      );
      return created[0].id;
    };
    const categoryType = await type('category', [{ name: 'name', type: 'text' }]);
    const postType = await type('post', [
      { name: 'title', type: 'text' },
      { name: 'slug', type: 'slug', sourceField: 'title' },
      { name: 'body', type: 'longText' },
      { name: 'category', type: 'relation', target: 'category', localized: false },
    ]);
    const insert = (typeId, count, data, title, body) =>
      db.query(
        `WITH src AS (SELECT i, ${id} AS id FROM generate_series(1, $3::int) AS i),
              entries AS (INSERT INTO content_entries (id, workspace_id, content_type_id, revision)
                          SELECT id, $1, $2, 1 FROM src)
         INSERT INTO content_entry_locales (id, workspace_id, entry_id, content_type_id, locale, draft_data, published_data,
                                            published_at, first_published_at, published_revision, search_vector)
         SELECT ${id}, $1, src.id, $2, 'en', d.data, d.data, now() - src.i * interval '1 minute',
                now() - src.i * interval '1 minute', 1,
                setweight(to_tsvector('english', ${title}), 'A') || setweight(to_tsvector('english', ${body}), 'B')
           FROM src CROSS JOIN LATERAL (SELECT ${data} AS data) d`,
        [workspaceId, typeId, count],
      );
    await insert(
      categoryType,
      SEED_CATEGORIES,
      `jsonb_build_object('name', 'Category ' || src.i)`,
      `d.data->>'name'`,
      `''`,
    );
    const { rows: categories } = await db.query(
      `SELECT entry_id FROM content_entry_locales WHERE content_type_id = $1 ORDER BY published_at DESC`,
      [categoryType],
    );
    await db.query('CREATE TEMP TABLE bench_categories (n int, id uuid)');
    await db.query(
      'INSERT INTO bench_categories SELECT n - 1, id FROM unnest($1::uuid[]) WITH ORDINALITY AS c(id, n)',
      [categories.map((c) => c.entry_id)],
    );
    await insert(
      postType,
      SEED_POSTS,
      `jsonb_build_object('title', 'Post ' || src.i || ' on topic' || (src.i % 100), 'slug', 'post-' || src.i,
         'body', 'Notes about theme' || (src.i * 7 % 50) || ' and the harbour, ' || repeat('lorem ipsum ', 8),
         'category', (SELECT c.id FROM bench_categories c WHERE c.n = src.i % ${SEED_CATEGORIES}))`,
      `d.data->>'title'`,
      `d.data->>'body'`,
    );
    await db.query(
      `INSERT INTO content_delivery_generations (workspace_id, generation) VALUES ($1, 1)
       ON CONFLICT (workspace_id) DO UPDATE SET generation = content_delivery_generations.generation + 1`,
      [workspaceId],
    );
    await db.query('VACUUM ANALYZE content_entries');
    await db.query('VACUUM ANALYZE content_entry_locales');
    await db.query(
      `GRANT SELECT ON content_types, content_entry_locales, content_delivery_generations, identity_api_keys,
         workspace_slug_redirects TO ${ROLES.baseline}`,
    );
    console.log(`Seeded ${SEED_POSTS} published posts in ${SEED_CATEGORIES} categories`);
    return { category: categories[3].entry_id };
  });
}

async function seed(adminUrl, workspaceId, workspaceSlug) {
  await withClient(adminUrl, async (db) => {
    const { rows } = await db.query("SELECT current_setting('server_version_num')::int >= 180000 AS v7");
    const id = rows[0].v7 ? 'uuidv7()' : 'gen_random_uuid()';
    await db.query('TRUNCATE example_notes');
    await db.query(
      `INSERT INTO example_notes (id, workspace_id, title, body, status, priority, created_by_id, created_at, updated_at)
       SELECT ${id}, $1, 'Note ' || i, repeat('Lorem ipsum dolor sit amet. ', 8),
              CASE WHEN i % 2 = 0 THEN 'published' ELSE 'draft' END, i % 6, 'editor',
              now() - i * interval '1 minute', now() - i * interval '1 minute'
       FROM generate_series(1, $2::int) AS i`,
      [workspaceId, SEED_NOTES],
    );
    await db.query('VACUUM ANALYZE example_notes');
    for (const role of [ROLES.baseline, ROLES.adapter]) await db.query(`GRANT SELECT ON example_notes TO ${role}`);
    await db.query(
      `GRANT SELECT ON identity_sessions, identity_users, workspaces, workspace_members TO ${ROLES.baseline}`,
    );
  });
  console.log(`Seeded ${SEED_NOTES} notes in workspace ${workspaceSlug} (${workspaceId}), half published`);
}

// ---------------------------------------------------------------------------------------------------------
// Checks and measurements

async function getJson(url, headers = {}, expectStatus = 200) {
  const response = await fetch(url, { headers });
  const body = await response.text();
  if (response.status !== expectStatus) throw new Error(`GET ${url} → ${response.status}: ${body.slice(0, 300)}`);
  return expectStatus === 304 ? { etag: response.headers.get('etag') } : JSON.parse(body);
}

/** Quire's and the baseline's delivery answers must be the same JSON (and the same ETag) before they are timed. */
async function checkSameDelivery(quireUrl, baselineUrl, paths, headers) {
  for (const [name, path] of Object.entries(paths)) {
    const [q, b] = await Promise.all([
      fetch(`${quireUrl}${path}`, { headers }),
      fetch(`${baselineUrl}${path}`, { headers }),
    ]);
    const [qBody, bBody] = [await q.json(), await b.json()];
    if (q.status !== 200 || !isDeepStrictEqual(qBody, bBody)) {
      throw new Error(
        `delivery ${name}: Quire (${q.status}) and baseline (${b.status}) differ:\n${JSON.stringify(qBody).slice(0, 400)}\nvs\n${JSON.stringify(bBody).slice(0, 400)}`,
      );
    }
    if (q.headers.get('etag') !== b.headers.get('etag')) throw new Error(`delivery ${name}: ETags differ`);
    const rows = Array.isArray(qBody.data) ? `${qBody.data.length} rows, total ${qBody.meta.total}` : '1 entry';
    console.log(`Same delivery ${name} from quire and baseline: ${rows}`);
  }
}

/** Every server must answer the same list before their speeds are compared. */
async function checkSameAnswers(targets, headers) {
  const answers = {};
  for (const [name, url] of Object.entries(targets)) answers[name] = await getJson(url, headers);
  const [reference, ...others] = Object.keys(answers);
  const first = answers[reference];
  if (first.data.length !== 20 || first.meta.total !== SEED_NOTES / 2) {
    throw new Error(
      `${reference} list is not the seeded page: ${JSON.stringify(first.meta)}, ${first.data.length} rows`,
    );
  }
  for (const name of others) {
    if (!isDeepStrictEqual(answers[name], first)) {
      throw new Error(
        `${name} answers a different list than ${reference}:\n${JSON.stringify(answers[name]).slice(0, 400)}\nvs\n${JSON.stringify(first).slice(0, 400)}`,
      );
    }
  }
  console.log(`Same list from ${Object.keys(answers).join(', ')}: 20 rows, total ${first.meta.total}`);
}

/**
 * SQL statements one request costs, from pg_stat_statements: reset, N sequential requests, read back the
 * statements of the server's own role. Background work of the same role (the outbox dispatcher, pg-boss) is
 * measured in an idle window as long as the requests took, and subtracted.
 */
async function countQueries(adminUrl, role, url, headers, expectStatus = 200) {
  const read = (db) =>
    db
      .query(
        `SELECT s.query, s.calls::int AS calls, s.mean_exec_time AS ms FROM pg_stat_statements s JOIN pg_roles r ON r.oid = s.userid
         WHERE r.rolname = $1 AND s.dbid = (SELECT oid FROM pg_database WHERE datname = current_database())`,
        [role],
      )
      .then(({ rows }) => new Map(rows.map((row) => [row.query.replace(/\s+/g, ' '), row])));
  const reset = () => withClient(adminUrl, (db) => db.query('SELECT pg_stat_statements_reset()'));

  await reset();
  const started = Date.now();
  for (let i = 0; i < COUNT_REQUESTS; i++) await getJson(url, headers, expectStatus);
  const elapsed = Date.now() - started;
  const loaded = await withClient(adminUrl, read);
  await reset();
  await new Promise((resolve) => setTimeout(resolve, elapsed));
  const idle = await withClient(adminUrl, read);

  const statements = [...loaded]
    .map(([query, row]) => ({
      calls: row.calls,
      meanExecMs: Math.round(row.ms * 1000) / 1000,
      background: idle.get(query)?.calls ?? 0,
      query: query.slice(0, 300),
    }))
    .sort((a, b) => b.calls - a.calls);
  const total = statements.reduce((sum, s) => sum + s.calls, 0);
  const background = [...idle.values()].reduce((sum, row) => sum + row.calls, 0);
  return {
    requests: COUNT_REQUESTS,
    windowMs: elapsed,
    perRequest: Math.round((Math.max(0, total - background) / COUNT_REQUESTS) * 100) / 100,
    callsDuringRequests: total,
    backgroundCallsInIdleWindow: background,
    statements,
  };
}

async function load(title, url, headers) {
  const options = { url, connections: CONNECTIONS, headers, timeout: 10 };
  await autocannon({ ...options, duration: WARMUP, title: `${title} (warm-up)` });
  const r = await autocannon({ ...options, duration: DURATION, title });
  return {
    title,
    url,
    connections: CONNECTIONS,
    durationSeconds: r.duration,
    requests: r.requests.total,
    reqPerSec: r.requests.average,
    latencyMs: {
      mean: r.latency.average,
      p50: r.latency.p50,
      p97_5: r.latency.p97_5,
      p99: r.latency.p99,
      max: r.latency.max,
    },
    errors: r.errors,
    timeouts: r.timeouts,
    non2xx: r.non2xx,
    statusCodes: r.statusCodeStats,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Report

const fmt = (n, digits = 0) =>
  n === undefined || n === null || Number.isNaN(n)
    ? '-'
    : n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function printTable(rows) {
  const header = ['scenario', 'server', 'req/s', 'p50 ms', 'p97.5 ms', 'p99 ms', 'errors', 'non-2xx', 'ratio'];
  const lines = rows.map((r) => [
    r.scenario,
    r.server,
    fmt(r.result.reqPerSec),
    fmt(r.result.latencyMs.p50),
    fmt(r.result.latencyMs.p97_5),
    fmt(r.result.latencyMs.p99),
    fmt(r.result.errors),
    fmt(r.result.non2xx),
    r.ratio ?? '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => String(l[i]).length)));
  const render = (cells) =>
    cells.map((c, i) => (i < 2 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  console.log(`\n${render(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  for (const line of lines) console.log(render(line));
}

function ratio(a, b) {
  return a && b ? Math.round((a / b) * 100) / 100 : null;
}

// ---------------------------------------------------------------------------------------------------------

async function main() {
  const started = Date.now();
  const machine = describeMachine();
  // Other work on the machine skews every figure: the load average before and after says how quiet it was.
  const loadBefore = loadAverage();
  console.log(`Load average before: ${loadBefore.join(' ')}`);
  console.log(`Load: ${CONNECTIONS} connections, ${WARMUP} s warm-up + ${DURATION} s per scenario; logs in ${logsDir}`);
  if (!args['skip-build']) {
    buildBenchServers(['dist/bench/bench/quire-bench-server.js', 'dist/bench/bench/adapters/adapter-server.js']);
  }
  const db = await startBenchPostgres();

  const profile = args.profile ? ['--cpu-prof', `--cpu-prof-dir=${logsDir}`] : [];
  const secretKey = randomBytes(32).toString('base64');
  // The access-token key Quire derives from its secret key (libs/identity/src/sessions/access-token-key.ts).
  const jwtKey = Buffer.from(
    hkdfSync('sha256', Buffer.from(secretKey, 'base64'), '', 'quire:access-token', 32),
  ).toString('base64');
  const quire = await startQuire({
    name: 'quire-express',
    server: 'quire-bench-server',
    nodeArgs: profile,
    logsDir,
    env: {
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: '0',
      DATABASE_URL: db.urlFor(ROLES.quire),
      QUIRE_SECRET_KEY: secretKey,
      QUIRE_DEMO_SEED: 'false',
      QUIRE_DATA_DIR: '.quire/bench-data',
      LOG_LEVEL: args['log-level'],
      MEDIA_STORAGE: 'local',
      MEDIA_LOCAL_ROOT: mediaRoot,
      // The 1 GB upload of media-memory: past the default 100 MB limit, within the bench server's quota.
      MEDIA_MAX_UPLOAD_BYTES: '2gb',
      BENCH_MEDIA_QUOTA_BYTES: String(100 * 1024 ** 3),
    },
  });
  console.log(`Quire (Express) on ${quire.url}, pid ${quire.pid}`);
  // Media first: the memory scenario takes the server's idle figure before any other load.
  const mediaRows = [];
  const media = MEDIA_SCENARIOS.some((name) => ONLY.has(name))
    ? await runMediaBenches({
        only: ONLY,
        quire,
        mediaRoot,
        startBaseline: (env) =>
          startServer({ name: 'baseline-media', args: ['bench/baseline-media.mjs'], env, logsDir }),
        timing: { warmup: WARMUP, duration: DURATION },
        connections: CONNECTIONS,
        rows: mediaRows,
        ratio,
      })
    : null;
  await seed(db.admin, quire.workspaceId, quire.workspaceSlug);
  const seededDelivery = ONLY.has('delivery') ? await seedDelivery(db.admin, quire.workspaceId) : null;
  const NOTES_PATH = notesPath(quire.workspaceSlug);
  const session = { authorization: `Bearer ${quire.accessToken}` };

  const baseline = await startServer({
    name: 'baseline',
    args: ['bench/baseline-server.mjs'],
    env: { DATABASE_URL: db.urlFor(ROLES.baseline), BENCH_JWT_KEY: jwtKey },
    logsDir,
  });
  console.log(`Baseline (node:http + pg) on ${baseline.url}, pid ${baseline.pid}`);

  const adapters = {};
  if (ONLY.has('adapters')) {
    for (const name of ['express', 'fastify']) {
      adapters[name] = await startServer({
        name: `adapter-${name}`,
        args: ['dist/bench/bench/adapters/adapter-server.js', '--adapter', name],
        env: { DATABASE_URL: db.urlFor(ROLES.adapter), NODE_ENV: 'production' },
        logsDir,
      });
      console.log(`Adapter bench app (Nest on ${name}) on ${adapters[name].url}, pid ${adapters[name].pid}`);
    }
  }
  const adapterNotes = (a) =>
    `${a.url}/notes?workspace=${quire.workspaceId}&sort=-createdAt&pageSize=20&status=published`;

  await checkSameAnswers(
    {
      quire: `${quire.url}${NOTES_PATH}`,
      baseline: `${baseline.url}${NOTES_PATH}`,
      ...Object.fromEntries(Object.entries(adapters).map(([name, a]) => [`adapter-${name}`, adapterNotes(a)])),
    },
    session,
  );

  const [quireMe, baselineMe] = [
    await getJson(`${quire.url}/api/v1/me`, session),
    await getJson(`${baseline.url}/api/v1/me`, session),
  ];
  if (!isDeepStrictEqual(quireMe, baselineMe)) {
    throw new Error(
      `baseline /me differs from Quire's:\n${JSON.stringify(baselineMe)}\nvs\n${JSON.stringify(quireMe)}`,
    );
  }
  // Delivery: list (one filter, populate), by slug, full-text; then the list revalidated (304) and from cache.
  const deliveryKey = { authorization: `Bearer ${quire.deliveryKey}` };
  const deliveryBase = `/api/v1/delivery/${quire.workspaceSlug}/post`;
  const DELIVERY = seededDelivery && {
    list: `${deliveryBase}?sort=-publishedAt&pageSize=20&filter[category][eq]=${seededDelivery.category}&populate=category`,
    slug: `${deliveryBase}/slug/post-${SEED_POSTS / 2}`,
    search: `${deliveryBase}?q=${SEARCH_WORD}`,
  };
  let deliveryEtag = null;
  if (DELIVERY) {
    await checkSameDelivery(quire.url, baseline.url, DELIVERY, deliveryKey);
    deliveryEtag = (await fetch(`${quire.url}${DELIVERY.list}`, { headers: deliveryKey })).headers.get('etag');
  }
  const revalidate = { ...deliveryKey, 'if-none-match': deliveryEtag };
  const uncached = { ...deliveryKey, 'cache-control': 'no-cache' };

  const queries = {
    quire: await countQueries(db.admin, ROLES.quire, `${quire.url}${NOTES_PATH}`, session),
    baseline: await countQueries(db.admin, ROLES.baseline, `${baseline.url}${NOTES_PATH}`, session),
    quireMe: await countQueries(db.admin, ROLES.quire, `${quire.url}/api/v1/me`, session),
    baselineMe: await countQueries(db.admin, ROLES.baseline, `${baseline.url}/api/v1/me`, session),
  };
  if (DELIVERY) {
    for (const [name, path] of Object.entries(DELIVERY)) {
      // `Cache-Control: no-cache` makes Quire render anew instead of answering from its response cache.
      queries[`quireDelivery_${name}`] = await countQueries(db.admin, ROLES.quire, `${quire.url}${path}`, uncached);
      queries[`baselineDelivery_${name}`] = await countQueries(
        db.admin,
        ROLES.baseline,
        `${baseline.url}${path}`,
        deliveryKey,
      );
    }
    queries.quireDelivery_304 = await countQueries(
      db.admin,
      ROLES.quire,
      `${quire.url}${DELIVERY.list}`,
      revalidate,
      304,
    );
    queries.baselineDelivery_304 = await countQueries(
      db.admin,
      ROLES.baseline,
      `${baseline.url}${DELIVERY.list}`,
      revalidate,
      304,
    );
    queries.quireDelivery_cacheHit = await countQueries(
      db.admin,
      ROLES.quire,
      `${quire.url}${DELIVERY.list}`,
      deliveryKey,
    );
  }
  if (adapters.express)
    queries.adapterExpress = await countQueries(db.admin, ROLES.adapter, adapterNotes(adapters.express), {});
  console.log('\nSQL statements per request (pg_stat_statements; notes list, then GET /me):');
  for (const [name, q] of Object.entries(queries)) {
    console.log(
      `  ${name}: ${q.perRequest} per request (${q.callsDuringRequests} statements during ${q.requests} requests, ` +
        `${q.backgroundCallsInIdleWindow} in an idle window as long)`,
    );
    for (const s of q.statements) {
      const note = s.background ? ` (idle window: ${s.background})` : '';
      console.log(
        `    ${String(s.calls).padStart(5)} × ${s.meanExecMs.toFixed(3).padStart(7)} ms  ${s.query.slice(0, 120)}${note}`,
      );
    }
  }

  const rows = [];
  // Quire and the raw baseline on the same path, one after the other.
  const againstBaseline = async (name, scenario, path, headers, baselineLabel) => {
    const q = await load(`${name} quire`, `${quire.url}${path}`, headers);
    const b = await load(`${name} baseline`, `${baseline.url}${path}`, headers);
    rows.push({
      scenario,
      server: 'Quire (Express)',
      result: q,
      ratio: `${ratio(q.reqPerSec, b.reqPerSec)}× baseline`,
    });
    rows.push({ scenario, server: baselineLabel, result: b, ratio: '1×' });
  };
  if (ONLY.has('health')) {
    await againstBaseline('health', 'GET /health/live', '/health/live', {}, 'baseline node:http');
  }
  if (ONLY.has('notes')) {
    await againstBaseline('notes', 'GET notes list', NOTES_PATH, session, 'baseline node:http+pg');
  }
  if (DELIVERY) {
    await againstBaseline(
      'delivery-list',
      'delivery list (filter, populate)',
      DELIVERY.list,
      uncached,
      'baseline node:http+pg',
    );
    await againstBaseline('delivery-slug', 'delivery by slug', DELIVERY.slug, uncached, 'baseline node:http+pg');
    await againstBaseline(
      'delivery-search',
      `delivery q=${SEARCH_WORD}`,
      DELIVERY.search,
      uncached,
      'baseline node:http+pg',
    );
    await againstBaseline(
      'delivery-304',
      'delivery list If-None-Match (304)',
      DELIVERY.list,
      revalidate,
      'baseline 304',
    );
    // The cache hit against the baseline's (uncached) list: what a repeated request costs on each side.
    const hit = await load('delivery-hit quire', `${quire.url}${DELIVERY.list}`, deliveryKey);
    const list = rows.find((r) => r.scenario.startsWith('delivery list (') && r.server.startsWith('baseline'));
    rows.push({
      scenario: 'delivery list, response cache hit',
      server: 'Quire (Express)',
      result: hit,
      ratio: `${ratio(hit.reqPerSec, list?.result.reqPerSec)}× baseline list`,
    });
  }
  if (ONLY.has('me')) {
    await againstBaseline('me', 'GET /me (session JWT)', '/api/v1/me', session, 'baseline node:http+pg');
  }
  if (ONLY.has('adapters')) {
    for (const [route, path] of [
      ['GET /live', '/live'],
      ['GET /notes', null],
    ]) {
      const e = await load(
        `adapter express ${route}`,
        path ? `${adapters.express.url}${path}` : adapterNotes(adapters.express),
        {},
      );
      const f = await load(
        `adapter fastify ${route}`,
        path ? `${adapters.fastify.url}${path}` : adapterNotes(adapters.fastify),
        {},
      );
      rows.push({ scenario: `adapter ${route}`, server: 'Nest + Express', result: e, ratio: '1×' });
      rows.push({
        scenario: `adapter ${route}`,
        server: 'Nest + Fastify',
        result: f,
        ratio: `${ratio(f.reqPerSec, e.reqPerSec)}× Express`,
      });
    }
  }

  rows.push(...mediaRows);
  printTable(rows);
  const report = {
    date: new Date().toISOString(),
    machine,
    settings: {
      connections: CONNECTIONS,
      warmupSeconds: WARMUP,
      durationSeconds: DURATION,
      seedNotes: SEED_NOTES,
      notesPath: NOTES_PATH,
      delivery: DELIVERY && { seedPosts: SEED_POSTS, categories: SEED_CATEGORIES, paths: DELIVERY },
    },
    queriesPerRequest: queries,
    media,
    scenarios: rows.map((r) => ({ scenario: r.scenario, server: r.server, ratio: r.ratio, ...r.result })),
    wallSeconds: Math.round((Date.now() - started) / 1000),
    loadAverage: { before: loadBefore, after: loadAverage() },
  };
  console.log(`Load average after: ${report.loadAverage.after.join(' ')}`);
  const file = join(resultsDir, `${stamp}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nResults: ${file} (${report.wallSeconds} s)`);
}

let exitCode = 0;
try {
  await main();
} catch (error) {
  console.error(`\nbench failed: ${error?.stack ?? error}`);
  exitCode = 1;
} finally {
  await cleanup();
}
process.exit(exitCode);
