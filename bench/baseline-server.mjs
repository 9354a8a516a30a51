// The raw baseline the benchmarks compare Quire with: node:http and a pg Pool, nothing else. It answers the
// same two requests as Quire with the same JSON:
//   GET /health/live                          → {"status":"ok"}
//   GET /api/v1/workspaces/<slug>/notes?…     → { data: [note…], meta: { page, pageSize, total, pageCount } }
// running the SQL Quire's list endpoint runs (rows page + count) after the same authentication and tenant
// resolution: the session JWT checked, the session looked up, then the workspace by slug with the caller's
// membership and role in one statement; and
//   GET /api/v1/delivery/<slug>/<type>[/slug/<slug>]?… (Authorization: Bearer <delivery key>) → the delivery
//   scenarios, with the statements Quire's delivery API runs (baseline-delivery.mjs)
//   GET /api/v1/me (Authorization: Bearer <session JWT>) → the account, as Quire's /me answers it
// verifying the HS256 signature and expiry with node:crypto, then the session lookup and the account read
// Quire makes (BENCH_JWT_KEY: the base64 HS256 key).
// Environment: DATABASE_URL, BENCH_JWT_KEY, PORT (0 = any free port), DATABASE_POOL_SIZE (default 10, Quire's
// default). Prints `BENCH_READY {"url":…}` when listening.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import pg from 'pg';
import { deliveryBaseline } from './baseline-delivery.mjs';

const { DATABASE_URL, BENCH_JWT_KEY } = process.env;
if (!DATABASE_URL || !BENCH_JWT_KEY) {
  console.error('baseline-server: DATABASE_URL and BENCH_JWT_KEY are required');
  process.exit(1);
}
const pool = new pg.Pool({
  connectionString: DATABASE_URL,
  max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
  application_name: 'quire-bench-baseline',
});
const JWT_KEY = Buffer.from(BENCH_JWT_KEY, 'base64');
const delivery = deliveryBaseline(pool);
const SESSION_SQL = `SELECT s.user_id, s.active_workspace_id FROM identity_sessions s JOIN identity_users u ON u.id = s.user_id
  WHERE s.id = $1 AND s.revoked_at IS NULL AND s.expires_at > now() AND u.closed_at IS NULL`;
const MEMBERSHIP_SQL = `SELECT w.id, m.role FROM workspaces w
  JOIN workspace_members m ON m.workspace_id = w.id AND m.user_id = $2
  WHERE lower(w.slug) = lower($1) AND w.status = 'active'`;
/** The built-in roles the example-notes plugin lets read notes. */
const NOTE_READERS = new Set(['editor', 'author', 'viewer']);
const USER_SQL = `SELECT id, email, display_name, avatar_url, email_verified_at, totp_enabled_at, preferences
  FROM identity_users WHERE id = $1`;
const LIVE = JSON.stringify({ status: 'ok' });
const NOTES_ROUTE = /^\/api\/v1\/workspaces\/([^/]+)\/notes$/;
const ALLOWED = new Set(['page', 'pageSize', 'sort', 'filter[status][eq]']);

const ROWS_SQL = `SELECT id, title, body, status, priority, created_by_id, created_at, updated_at
  FROM example_notes WHERE workspace_id = $1 AND status = $2
  ORDER BY created_at DESC, id ASC LIMIT $3 OFFSET $4`;
const COUNT_SQL = 'SELECT count(*)::int AS total FROM example_notes WHERE workspace_id = $1 AND status = $2';

function send(response, status, body, type = 'application/json; charset=utf-8') {
  response.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
  response.end(body);
}

function problem(response, status, title) {
  send(response, status, JSON.stringify({ type: 'about:blank', title, status }), 'application/problem+json');
}

/** The signed-in user of a request (JWT, then its session), or null. */
async function authenticate(request) {
  const claims = verifyJwt((request.headers.authorization ?? '').replace(/^Bearer /, ''));
  if (!claims) return null;
  const session = (await pool.query(SESSION_SQL, [claims.sid])).rows[0];
  return session?.user_id === claims.sub
    ? { userId: claims.sub, activeWorkspaceId: session.active_workspace_id }
    : null;
}

async function listNotes(request, response, slug, params) {
  const caller = await authenticate(request);
  if (!caller) return problem(response, 401, 'Authentication required');
  const membership = (await pool.query(MEMBERSHIP_SQL, [slug, caller.userId])).rows[0];
  if (!membership) return problem(response, 404, 'Workspace not found');
  if (!NOTE_READERS.has(membership.role)) return problem(response, 403, 'Forbidden');
  const workspaceId = membership.id;
  for (const key of params.keys())
    if (!ALLOWED.has(key)) return problem(response, 400, `Unknown query parameter ${key}`);
  const page = Number(params.get('page') ?? 1);
  const pageSize = Number(params.get('pageSize') ?? 20);
  const status = params.get('filter[status][eq]') ?? 'published';
  const sort = params.get('sort') ?? '-createdAt';
  if (!Number.isSafeInteger(page) || page < 1 || !Number.isSafeInteger(pageSize) || pageSize < 1 || pageSize > 100) {
    return problem(response, 400, 'Bad page or pageSize');
  }
  if (sort !== '-createdAt' || (status !== 'published' && status !== 'draft'))
    return problem(response, 400, 'Unsupported query');
  // Two round trips like Quire's getManyAndCount: the page, then the total.
  const rows = await pool.query(ROWS_SQL, [workspaceId, status, pageSize, (page - 1) * pageSize]);
  const count = await pool.query(COUNT_SQL, [workspaceId, status]);
  const total = count.rows[0].total;
  const data = rows.rows.map((row) => ({
    id: row.id,
    title: row.title,
    body: row.body,
    status: row.status,
    priority: row.priority,
    createdById: row.created_by_id,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  }));
  send(
    response,
    200,
    JSON.stringify({ data, meta: { page, pageSize, total, pageCount: Math.ceil(total / pageSize) } }),
  );
}

/** The claims of a valid, unexpired HS256 JWT, or null. */
function verifyJwt(token) {
  const [header, payload, signature] = token.split('.');
  if (!signature) return null;
  const expected = createHmac('sha256', JWT_KEY).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  if (JSON.parse(Buffer.from(header, 'base64url').toString()).alg !== 'HS256') return null;
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
  return claims.exp * 1000 > Date.now() ? claims : null;
}

async function me(request, response) {
  const caller = await authenticate(request);
  if (!caller) return problem(response, 401, 'Authentication required');
  // The bench sessions never switch workspaces: a session with one is out of this baseline's scope.
  if (caller.activeWorkspaceId) return problem(response, 501, 'Active workspaces are not in the baseline');
  const { rows } = await pool.query(USER_SQL, [caller.userId]);
  const user = rows[0];
  send(
    response,
    200,
    JSON.stringify({
      id: user.id,
      email: user.email,
      displayName: user.display_name,
      avatarUrl: user.avatar_url,
      emailVerified: user.email_verified_at !== null,
      twoFactorEnabled: user.totp_enabled_at !== null,
      preferences: user.preferences ?? {},
      activeWorkspace: null,
      activeTeamId: null,
    }),
  );
}

const server = createServer((request, response) => {
  const url = new URL(request.url ?? '/', 'http://localhost');
  if (request.method === 'GET' && url.pathname === '/health/live') return send(response, 200, LIVE);
  if (request.method === 'GET' && url.pathname === '/api/v1/me') {
    return void me(request, response).catch((error) => {
      console.error(error);
      if (!response.headersSent) problem(response, 500, 'Internal error');
    });
  }
  if (request.method === 'GET' && url.pathname.startsWith('/api/v1/delivery/')) {
    return void delivery(request, response, url, send, problem)
      .then((handled) => handled || problem(response, 404, 'Not found'))
      .catch((error) => {
        console.error(error);
        if (!response.headersSent) problem(response, 500, 'Internal error');
      });
  }
  const match = request.method === 'GET' ? NOTES_ROUTE.exec(url.pathname) : null;
  if (!match) return problem(response, 404, 'Not found');
  listNotes(request, response, decodeURIComponent(match[1]), url.searchParams).catch((error) => {
    console.error(error);
    if (!response.headersSent) problem(response, 500, 'Internal error');
  });
});

server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  process.stdout.write(`BENCH_READY ${JSON.stringify({ url: `http://127.0.0.1:${server.address().port}` })}\n`);
});

process.once('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
  pool.end().finally(() => process.exit(0));
});
