// The raw baseline of the delivery scenarios (node:http + pg, used by baseline-server.mjs): the statements Quire's
// delivery API runs for the same requests, with the same SQL text and the same JSON:
//   1. the API key by its SHA-256 hash (identity's statement; Quire caches an active key ≤ 1 s per instance, the
//      baseline asks every time), 2. the workspace the key is bound to (the workspaces resolver's statement),
//   3. the delivery state (generation, locales, fallbacks), then for a 304 nothing more, else
//   4. the page with its count (one statement) or the entry by slug, 5. one statement for the populated level.
// The types (post, category) are read once at start, as Quire's per-generation type catalog does. ETags are the
// same hash of the same key as Quire's, so If-None-Match answers 304 on both sides.
import { createHash } from 'node:crypto';

const KEY_SQL = `SELECT k.id, k.workspace_id, k.name, k.prefix, k.kind, k.scopes, k.expires_at, k.rate_limit_per_minute
         FROM identity_api_keys k LEFT JOIN identity_users u ON u.id = k.created_by
        WHERE k.secret_hash = $1 AND k.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > now())
          AND u.closed_at IS NULL`;
const WORKSPACE_SQL = `SELECT w.id, w.slug FROM workspaces w
          WHERE w.status = 'active' AND (lower(w.slug) = lower($1)
    OR w.id = (SELECT r.workspace_id FROM workspace_slug_redirects r WHERE lower(r.old_slug) = lower($1))) AND w.id = $2::uuid`;
const STATE_SQL = `SELECT COALESCE(g.generation, 0)::text AS generation, w.default_locale, w.enabled_locales,
              w.settings -> $2::text -> 'localeFallbacks' AS fallbacks
         FROM workspaces w LEFT JOIN content_delivery_generations g ON g.workspace_id = w.id
        WHERE w.id = $1`;
const COLUMNS = `l.entry_id, l.content_type_id, l.locale, l.published_data, l.published_at,
  l.first_published_at`;
const PUBLISHED = (a) => `${a}.published_data IS NOT NULL AND NOT ${a}.in_trash`;
const MANY_SQL = `SELECT ${COLUMNS} FROM content_entry_locales l
        WHERE l.workspace_id = $1 AND l.entry_id = ANY($2::uuid[]) AND l.locale = ANY($3::text[])
          AND ${PUBLISHED('l')}`;
const SLUG_SQL = `SELECT ${COLUMNS} FROM content_entry_locales l
        WHERE l.workspace_id = $1 AND l.content_type_id = $2 AND l.locale = ANY($3::text[]) AND ${PUBLISHED('l')}
          AND l.entry_id = (
            SELECT s.entry_id FROM content_entry_locales s
             WHERE s.workspace_id = $1 AND s.content_type_id = $2 AND s.locale = ANY($3::text[])
               AND ${PUBLISHED('s')} AND s.published_data @> $4::jsonb
             ORDER BY array_position($3::text[], s.locale), s.entry_id LIMIT 1)`;

const ROUTE = /^\/api\/v1\/delivery\/([^/]+)\/([a-z0-9-]+)(?:\/slug\/([^/]+))?$/;
const ALLOWED = new Set(['page', 'pageSize', 'sort', 'filter[category][eq]', 'populate', 'q', 'locale']);

/** Delivery for the bench's `post` and `category` types; `types` = { post: {id, fields}, category: {id, fields} }. */
export function deliveryBaseline(pool) {
  let types = null;
  async function loadTypes(workspaceId) {
    const { rows } = await pool.query(`SELECT id, api_id, definition FROM content_types WHERE workspace_id = $1`, [
      workspaceId,
    ]);
    types = Object.fromEntries(rows.map((r) => [r.api_id, { id: r.id, fields: r.definition.fields }]));
    types.byId = Object.fromEntries(rows.map((r) => [r.id, { id: r.id, fields: r.definition.fields }]));
  }

  return async function handle(request, response, url, send, problem) {
    const match = ROUTE.exec(url.pathname);
    if (!match) return false;
    const [, workspaceRef, typeApiId, slug] = match;
    const secret = (request.headers.authorization ?? '').replace(/^Bearer /, '');
    const key = (await pool.query(KEY_SQL, [createHash('sha256').update(secret, 'utf8').digest('hex')])).rows[0];
    if (!key || !key.scopes.includes('read:PublishedEntry')) return (problem(response, 404, 'Not found'), true);
    const workspace = (await pool.query(WORKSPACE_SQL, [decodeURIComponent(workspaceRef), key.workspace_id])).rows[0];
    if (!workspace) return (problem(response, 404, 'Workspace not found'), true);
    const state = (await pool.query(STATE_SQL, [workspace.id, 'content'])).rows[0];
    if (!types) await loadTypes(workspace.id);
    const type = types[typeApiId];
    if (!type) return (problem(response, 404, 'Not found'), true);
    for (const name of url.searchParams.keys()) if (!ALLOWED.has(name)) return (problem(response, 400, name), true);

    const params = new URLSearchParams(url.search);
    params.sort();
    const path = slug ? `${typeApiId}/slug/${encodeURIComponent(decodeURIComponent(slug))}` : typeApiId;
    const normalized = params.toString() ? `${path}?${params}` : path;
    const fingerprint = JSON.stringify([state.default_locale, state.enabled_locales, state.fallbacks ?? {}]);
    const etag = `"${createHash('sha256')
      .update(`${workspace.id}\n${state.generation}\n${fingerprint}\nkey\n${normalized}`)
      .digest('base64url')
      .slice(0, 27)}"`;
    const headers = { ETag: etag, 'Cache-Control': 'private, max-age=60', Vary: 'Authorization' };
    if (request.headers['if-none-match'] === etag) {
      response.writeHead(304, headers);
      response.end();
      return true;
    }
    const locale = url.searchParams.get('locale') ?? state.default_locale;
    const populate = url.searchParams.get('populate') === 'category';
    let body;
    if (slug) {
      const { rows } = await pool.query(SLUG_SQL, [
        workspace.id,
        type.id,
        [locale],
        JSON.stringify({ slug: decodeURIComponent(slug) }),
      ]);
      if (rows.length === 0) return (problem(response, 404, 'Not found'), true);
      body = { data: (await shapeAll(workspace.id, rows, type, populate, locale))[0] };
    } else {
      const pageSize = Number(url.searchParams.get('pageSize') ?? 20);
      const page = Number(url.searchParams.get('page') ?? 1);
      const values = [workspace.id, type.id, locale];
      const conditions = [
        `{a}.workspace_id = $1`,
        `{a}.content_type_id = $2`,
        `{a}.locale = $3`,
        `{a}.published_data IS NOT NULL`,
        `NOT {a}.in_trash`,
      ];
      const category = url.searchParams.get('filter[category][eq]');
      if (category) {
        values.push(JSON.stringify({ category: category.toLowerCase() }));
        conditions.push(`{a}.published_data @> $${values.length}::jsonb`);
      }
      let order = '{a}.published_at DESC, {a}.id ASC';
      const q = url.searchParams.get('q');
      if (q) {
        values.push('english', q);
        const tsquery = `websearch_to_tsquery($${values.length - 1}::regconfig, $${values.length})`;
        conditions.push(`{a}.search_vector @@ ${tsquery}`);
        if (!url.searchParams.has('sort')) order = `ts_rank({a}.search_vector, ${tsquery}) DESC, {a}.id ASC`;
      }
      values.push(pageSize, (page - 1) * pageSize);
      const where = conditions.join(' AND ');
      const sql = `SELECT ${COLUMNS},
        (SELECT count(*) FROM content_entry_locales c WHERE ${where.replaceAll('{a}', 'c')})::int AS total
       FROM content_entry_locales l WHERE ${where.replaceAll('{a}', 'l')}
      ORDER BY ${order.replaceAll('{a}', 'l')} LIMIT $${values.length - 1} OFFSET $${values.length}`;
      const { rows } = await pool.query(sql, values);
      const total = rows[0]?.total ?? 0;
      body = {
        data: await shapeAll(workspace.id, rows, type, populate, locale),
        meta: { page, pageSize, total, pageCount: Math.ceil(total / pageSize) },
      };
    }
    const text = JSON.stringify(body);
    response.writeHead(200, {
      ...headers,
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(text),
    });
    response.end(text);
    return true;
  };

  async function shapeAll(workspaceId, rows, type, populate, locale) {
    let related = new Map();
    if (populate) {
      const ids = [...new Set(rows.map((r) => r.published_data.category).filter(Boolean))];
      const loaded = ids.length ? (await pool.query(MANY_SQL, [workspaceId, ids, [locale]])).rows : [];
      related = new Map(loaded.map((r) => [r.entry_id, r]));
    }
    return rows.map((row) => {
      const entry = shape(row, type);
      if (populate) {
        const target = related.get(row.published_data.category);
        entry.category = target ? shape(target, types.byId[target.content_type_id]) : null;
      }
      return entry;
    });
  }
}

function shape(row, type) {
  const out = {
    id: row.entry_id,
    locale: row.locale,
    publishedAt: row.published_at.toISOString(),
    firstPublishedAt: row.first_published_at ? row.first_published_at.toISOString() : null,
  };
  for (const field of type.fields) {
    if (field.private) continue;
    out[field.name] = row.published_data[field.name] ?? null;
  }
  return out;
}
