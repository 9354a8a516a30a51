import { BUILT_IN_ROLES, loadConfig, type BuiltInRole } from '@quire/core';
import { WorkspacesResolver } from '@quire/workspaces';
import { createTestApp, type TestApp } from '@quire/testing';
import { plugins } from '../src/quire.config';

type Who = BuiltInRole | 'non-member';

const MANAGERS: Who[] = ['owner', 'admin'];
const READERS: Who[] = ['owner', 'admin', 'editor', 'author', 'reviewer', 'viewer'];
const EVERY_ROLE: Who[] = [...BUILT_IN_ROLES];

/**
 * Who passes the permission check of each workspace route of the installation (apps/api's plugins).
 * The one table: a route the OpenAPI document lists without an entry here fails the test, and so does an entry
 * for a route that no longer exists. A non-member is never allowed anywhere (404, never 403).
 */
const ALLOWED: Record<string, Who[]> = {
  'GET /api/v1/workspaces/{workspace}': EVERY_ROLE,
  'PATCH /api/v1/workspaces/{workspace}': MANAGERS,
  'DELETE /api/v1/workspaces/{workspace}': ['owner'],
  'GET /api/v1/workspaces/{workspace}/members': READERS,
  'PATCH /api/v1/workspaces/{workspace}/members/{userId}': MANAGERS,
  // Every role may try (to leave); the service refuses removing someone else below admin.
  'DELETE /api/v1/workspaces/{workspace}/members/{userId}': EVERY_ROLE,
  'GET /api/v1/workspaces/{workspace}/teams': READERS,
  'POST /api/v1/workspaces/{workspace}/teams': MANAGERS,
  'GET /api/v1/workspaces/{workspace}/teams/{teamId}': READERS,
  'PATCH /api/v1/workspaces/{workspace}/teams/{teamId}': MANAGERS,
  'DELETE /api/v1/workspaces/{workspace}/teams/{teamId}': MANAGERS,
  'PUT /api/v1/workspaces/{workspace}/teams/{teamId}/members/{userId}': MANAGERS,
  'DELETE /api/v1/workspaces/{workspace}/teams/{teamId}/members/{userId}': MANAGERS,
  // Roles: members read them (not the auditor); owners and admins manage custom ones (within their own rights).
  'GET /api/v1/workspaces/{workspace}/roles': READERS,
  'POST /api/v1/workspaces/{workspace}/roles': MANAGERS,
  'GET /api/v1/workspaces/{workspace}/roles/{roleId}': READERS,
  'PATCH /api/v1/workspaces/{workspace}/roles/{roleId}': MANAGERS,
  'DELETE /api/v1/workspaces/{workspace}/roles/{roleId}': MANAGERS,
  'GET /api/v1/workspaces/{workspace}/permission-catalog': READERS,
  // The console loads the member's own rules: every role may read its own.
  'GET /api/v1/workspaces/{workspace}/my-ability': EVERY_ROLE,
  // Settings are read with the workspace, written by whoever edits it; {plugin} is filled like any id (an unknown plugin).
  'GET /api/v1/workspaces/{workspace}/settings': EVERY_ROLE,
  'GET /api/v1/workspaces/{workspace}/settings/{plugin}': EVERY_ROLE,
  'PUT /api/v1/workspaces/{workspace}/settings/{plugin}': MANAGERS,
  // Invitations: owners and admins only.
  'GET /api/v1/workspaces/{workspace}/invitations': MANAGERS,
  'POST /api/v1/workspaces/{workspace}/invitations': MANAGERS,
  'DELETE /api/v1/workspaces/{workspace}/invitations/{id}': MANAGERS,
  'POST /api/v1/workspaces/{workspace}/invitations/{id}/resend': MANAGERS,
  'GET /api/v1/workspaces/{workspace}/api-keys': MANAGERS,
  'POST /api/v1/workspaces/{workspace}/api-keys': MANAGERS,
  'GET /api/v1/workspaces/{workspace}/api-keys/{id}': MANAGERS,
  'DELETE /api/v1/workspaces/{workspace}/api-keys/{id}': MANAGERS,
  'GET /api/v1/workspaces/{workspace}/sso/connections': MANAGERS,
  'POST /api/v1/workspaces/{workspace}/sso/connections': MANAGERS,
  'GET /api/v1/workspaces/{workspace}/sso/connections/{id}': MANAGERS,
  'PATCH /api/v1/workspaces/{workspace}/sso/connections/{id}': MANAGERS,
  'DELETE /api/v1/workspaces/{workspace}/sso/connections/{id}': MANAGERS,
  'GET /api/v1/workspaces/{workspace}/sso/domains': MANAGERS,
  'POST /api/v1/workspaces/{workspace}/sso/domains': MANAGERS,
  'POST /api/v1/workspaces/{workspace}/sso/domains/{id}/verify': MANAGERS,
  'DELETE /api/v1/workspaces/{workspace}/sso/domains/{id}': MANAGERS,
  // The data inventory (record of processing): owners, admins and auditors, as the audit log.
  'GET /api/v1/workspaces/{workspace}/data-inventory': ['owner', 'admin', 'auditor'],
  // Content types: members read the model; owners and admins change it (diff is a read: it writes nothing).
  'GET /api/v1/workspaces/{workspace}/content-types': READERS,
  'POST /api/v1/workspaces/{workspace}/content-types': MANAGERS,
  'GET /api/v1/workspaces/{workspace}/content-types/{apiId}': READERS,
  'PUT /api/v1/workspaces/{workspace}/content-types/{apiId}': MANAGERS,
  'DELETE /api/v1/workspaces/{workspace}/content-types/{apiId}': MANAGERS,
  'GET /api/v1/workspaces/{workspace}/content-types/{apiId}/versions': READERS,
  'GET /api/v1/workspaces/{workspace}/content-types/{apiId}/versions/{version}': READERS,
  'GET /api/v1/workspaces/{workspace}/content-schema': READERS,
  'POST /api/v1/workspaces/{workspace}/content-schema/diff': READERS,
  'POST /api/v1/workspaces/{workspace}/content-schema/apply': MANAGERS,
  // Entries: members read them; editors and authors write (authors their own: the service answers 403 for others');
  // editors publish; deleting a locale version is a delete, restoring a revision a restore.
  'GET /api/v1/workspaces/{workspace}/content-types/{apiId}/entries': READERS,
  'POST /api/v1/workspaces/{workspace}/content-types/{apiId}/entries': ['owner', 'admin', 'editor', 'author'],
  'GET /api/v1/workspaces/{workspace}/entries/{id}': READERS,
  'PATCH /api/v1/workspaces/{workspace}/entries/{id}': ['owner', 'admin', 'editor', 'author'],
  'POST /api/v1/workspaces/{workspace}/entries/{id}/locales/{locale}': ['owner', 'admin', 'editor', 'author'],
  'DELETE /api/v1/workspaces/{workspace}/entries/{id}/locales/{locale}': ['owner', 'admin', 'editor', 'author'],
  'POST /api/v1/workspaces/{workspace}/entries/{id}/locales/{locale}/publish': ['owner', 'admin', 'editor'],
  'POST /api/v1/workspaces/{workspace}/entries/{id}/locales/{locale}/unpublish': ['owner', 'admin', 'editor'],
  // Scheduling: every reader sees a locale's schedules; whoever may publish schedules and cancels.
  'GET /api/v1/workspaces/{workspace}/entries/{id}/locales/{locale}/schedules': READERS,
  'POST /api/v1/workspaces/{workspace}/entries/{id}/locales/{locale}/schedules': ['owner', 'admin', 'editor'],
  'DELETE /api/v1/workspaces/{workspace}/entries/{id}/locales/{locale}/schedules/{scheduleId}': [
    'owner',
    'admin',
    'editor',
  ],
  // Releases: whoever may publish entries sees, builds, schedules and runs them.
  'GET /api/v1/workspaces/{workspace}/releases': ['owner', 'admin', 'editor'],
  'POST /api/v1/workspaces/{workspace}/releases': ['owner', 'admin', 'editor'],
  'GET /api/v1/workspaces/{workspace}/releases/{id}': ['owner', 'admin', 'editor'],
  'PATCH /api/v1/workspaces/{workspace}/releases/{id}': ['owner', 'admin', 'editor'],
  'DELETE /api/v1/workspaces/{workspace}/releases/{id}': ['owner', 'admin', 'editor'],
  'POST /api/v1/workspaces/{workspace}/releases/{id}/items': ['owner', 'admin', 'editor'],
  'DELETE /api/v1/workspaces/{workspace}/releases/{id}/items/{itemId}': ['owner', 'admin', 'editor'],
  'POST /api/v1/workspaces/{workspace}/releases/{id}/validate': ['owner', 'admin', 'editor'],
  'POST /api/v1/workspaces/{workspace}/releases/{id}/publish': ['owner', 'admin', 'editor'],
  'GET /api/v1/workspaces/{workspace}/entries/{id}/revisions': READERS,
  'GET /api/v1/workspaces/{workspace}/entries/{id}/preview-url': READERS,
  'POST /api/v1/workspaces/{workspace}/preview-tokens': READERS,
  'GET /api/v1/workspaces/{workspace}/entries/{id}/revisions/compare': READERS,
  'GET /api/v1/workspaces/{workspace}/entries/{id}/revisions/{number}': READERS,
  'POST /api/v1/workspaces/{workspace}/entries/{id}/revisions/{number}/restore': ['owner', 'admin', 'editor', 'author'],
  // Trash: authors trash, restore and erase their own entries (checked per entry); every reader sees the trash.
  'DELETE /api/v1/workspaces/{workspace}/entries/{id}': ['owner', 'admin', 'editor', 'author'],
  // Locks: every reader sees who edits; whoever may update the entry takes, renews, takes over and releases.
  'GET /api/v1/workspaces/{workspace}/entries/{id}/lock': READERS,
  'PUT /api/v1/workspaces/{workspace}/entries/{id}/lock': ['owner', 'admin', 'editor', 'author'],
  'DELETE /api/v1/workspaces/{workspace}/entries/{id}/lock': ['owner', 'admin', 'editor', 'author'],
  'GET /api/v1/workspaces/{workspace}/trash': READERS,
  'POST /api/v1/workspaces/{workspace}/trash/{id}/restore': ['owner', 'admin', 'editor', 'author'],
  'DELETE /api/v1/workspaces/{workspace}/trash/{id}': ['owner', 'admin', 'editor', 'author'],
  // Import and export: the whole model and every draft, private fields included (update on ContentType).
  'GET /api/v1/workspaces/{workspace}/content-export': MANAGERS,
  'POST /api/v1/workspaces/{workspace}/content-import': MANAGERS,
  // The live event stream: every reader subscribes; each event is then filtered by what the subscriber may read.
  'GET /api/v1/workspaces/{workspace}/events': READERS,
  // Webhooks send the workspace's events outside: access-control configuration, owners' and admins' only.
  'GET /api/v1/workspaces/{workspace}/webhooks': MANAGERS,
  'POST /api/v1/workspaces/{workspace}/webhooks': MANAGERS,
  'GET /api/v1/workspaces/{workspace}/webhooks/dead-letters': MANAGERS,
  'GET /api/v1/workspaces/{workspace}/webhooks/{id}': MANAGERS,
  'PATCH /api/v1/workspaces/{workspace}/webhooks/{id}': MANAGERS,
  'DELETE /api/v1/workspaces/{workspace}/webhooks/{id}': MANAGERS,
  'POST /api/v1/workspaces/{workspace}/webhooks/{id}/rotate-secret': MANAGERS,
  'POST /api/v1/workspaces/{workspace}/webhooks/{id}/ping': MANAGERS,
  'GET /api/v1/workspaces/{workspace}/webhooks/{id}/deliveries': MANAGERS,
  'GET /api/v1/workspaces/{workspace}/webhooks/{id}/deliveries/{deliveryId}': MANAGERS,
  'POST /api/v1/workspaces/{workspace}/webhooks/{id}/deliveries/{deliveryId}/replay': MANAGERS,
  // Editorial workflow: owners and admins manage workflows, members who work on content read them; every reader
  // sees an entry locale's stage and publications and may ask to move it (the transition's roles decide, in the
  // service); editors and reviewers approve, editors assign.
  'GET /api/v1/workspaces/{workspace}/workflows': ['owner', 'admin', 'editor', 'author', 'reviewer'],
  'POST /api/v1/workspaces/{workspace}/workflows': MANAGERS,
  'GET /api/v1/workspaces/{workspace}/workflows/{id}': ['owner', 'admin', 'editor', 'author', 'reviewer'],
  'PUT /api/v1/workspaces/{workspace}/workflows/{id}': MANAGERS,
  'DELETE /api/v1/workspaces/{workspace}/workflows/{id}': MANAGERS,
  'GET /api/v1/workspaces/{workspace}/entries/{id}/locales/{locale}/workflow': READERS,
  'POST /api/v1/workspaces/{workspace}/entries/{id}/locales/{locale}/stage': READERS,
  'POST /api/v1/workspaces/{workspace}/entries/{id}/locales/{locale}/approvals': [
    'owner',
    'admin',
    'editor',
    'reviewer',
  ],
  'PUT /api/v1/workspaces/{workspace}/entries/{id}/locales/{locale}/assignment': ['owner', 'admin', 'editor'],
  'GET /api/v1/workspaces/{workspace}/entries/{id}/locales/{locale}/publications': READERS,
  // Labels: readers see them, editors manage them; whoever may update an entry labels it (authors their own).
  'GET /api/v1/workspaces/{workspace}/labels': READERS,
  'POST /api/v1/workspaces/{workspace}/labels': ['owner', 'admin', 'editor'],
  'PATCH /api/v1/workspaces/{workspace}/labels/{id}': ['owner', 'admin', 'editor'],
  'DELETE /api/v1/workspaces/{workspace}/labels/{id}': ['owner', 'admin', 'editor'],
  'GET /api/v1/workspaces/{workspace}/entries/{id}/labels': READERS,
  'PUT /api/v1/workspaces/{workspace}/entries/{id}/labels/{labelId}': ['owner', 'admin', 'editor', 'author'],
  'DELETE /api/v1/workspaces/{workspace}/entries/{id}/labels/{labelId}': ['owner', 'admin', 'editor', 'author'],
  // Comments: readers read them; members who work on content comment, edit and delete their own (checked per
  // comment); owners and admins delete any.
  'GET /api/v1/workspaces/{workspace}/entries/{id}/comments': READERS,
  'POST /api/v1/workspaces/{workspace}/entries/{id}/comments': ['owner', 'admin', 'editor', 'author', 'reviewer'],
  'PATCH /api/v1/workspaces/{workspace}/entries/{id}/comments/{commentId}': [
    'owner',
    'admin',
    'editor',
    'author',
    'reviewer',
  ],
  'DELETE /api/v1/workspaces/{workspace}/entries/{id}/comments/{commentId}': [
    'owner',
    'admin',
    'editor',
    'author',
    'reviewer',
  ],
  // Media: members read the library and download files; editors manage it; authors upload and change or delete
  // the assets they uploaded (checked per asset, and per asset in bulk); folders are editors'.
  'GET /api/v1/workspaces/{workspace}/media': READERS,
  'POST /api/v1/workspaces/{workspace}/media': ['owner', 'admin', 'editor', 'author'],
  'GET /api/v1/workspaces/{workspace}/media/usage': READERS,
  'POST /api/v1/workspaces/{workspace}/media/import': ['owner', 'admin', 'editor', 'author'],
  'POST /api/v1/workspaces/{workspace}/media-uploads': ['owner', 'admin', 'editor', 'author'],
  'PATCH /api/v1/workspaces/{workspace}/media-uploads/{id}': ['owner', 'admin', 'editor', 'author'],
  'DELETE /api/v1/workspaces/{workspace}/media-uploads/{id}': ['owner', 'admin', 'editor', 'author'],
  'POST /api/v1/workspaces/{workspace}/media/bulk/move': ['owner', 'admin', 'editor', 'author'],
  'POST /api/v1/workspaces/{workspace}/media/bulk/tags': ['owner', 'admin', 'editor', 'author'],
  'POST /api/v1/workspaces/{workspace}/media/bulk/delete': ['owner', 'admin', 'editor', 'author'],
  'GET /api/v1/workspaces/{workspace}/media/{id}': READERS,
  'PATCH /api/v1/workspaces/{workspace}/media/{id}': ['owner', 'admin', 'editor', 'author'],
  'DELETE /api/v1/workspaces/{workspace}/media/{id}': ['owner', 'admin', 'editor', 'author'],
  'GET /api/v1/workspaces/{workspace}/media/{id}/file': READERS,
  'POST /api/v1/workspaces/{workspace}/media/{id}/signed-url': READERS,
  // "Used in": served by content, for whoever reads entries (the list holds only the entries they may read).
  'GET /api/v1/workspaces/{workspace}/media/{id}/usages': READERS,
  'GET /api/v1/workspaces/{workspace}/media-folders': READERS,
  'POST /api/v1/workspaces/{workspace}/media-folders': ['owner', 'admin', 'editor'],
  'GET /api/v1/workspaces/{workspace}/media-folders/{id}': READERS,
  'PATCH /api/v1/workspaces/{workspace}/media-folders/{id}': ['owner', 'admin', 'editor'],
  'DELETE /api/v1/workspaces/{workspace}/media-folders/{id}': ['owner', 'admin', 'editor'],
  // Audit log: owners, admins and auditors read, export and verify it; nothing writes it through a route.
  'GET /api/v1/workspaces/{workspace}/audit-log': ['owner', 'admin', 'auditor'],
  'GET /api/v1/workspaces/{workspace}/audit-log/export': ['owner', 'admin', 'auditor'],
  'POST /api/v1/workspaces/{workspace}/audit-log/verify': ['owner', 'admin', 'auditor'],
  'GET /api/v1/workspaces/{workspace}/compliance-report': ['owner', 'admin', 'auditor'],
  // Legal holds: owners and admins place and release them; auditors read them.
  'POST /api/v1/workspaces/{workspace}/legal-holds': MANAGERS,
  'GET /api/v1/workspaces/{workspace}/legal-holds': ['owner', 'admin', 'auditor'],
  'GET /api/v1/workspaces/{workspace}/legal-holds/{id}': ['owner', 'admin', 'auditor'],
  'POST /api/v1/workspaces/{workspace}/legal-holds/{id}/release': MANAGERS,
};

/** Routes answering an endless stream: only the status and headers are read, then the connection is dropped. */
const STREAMING = new Set(['GET /api/v1/workspaces/{workspace}/events']);
/** Routes taking multipart/form-data (an upload): sent a text part, so the body type passes and the role decides. */
const MULTIPART = new Set(['POST /api/v1/workspaces/{workspace}/media']);
/** Routes taking raw bytes (a tus PATCH): sent some, with tus's body type. */
const OCTET_STREAM = new Set(['PATCH /api/v1/workspaces/{workspace}/media-uploads/{id}']);

const UNKNOWN_ID = '0192f0c4-7a3e-7c1d-8e2f-123456789abc';
let ipCounter = 0;
let counter = 0;

describe('Permission matrix of workspace routes', () => {
  let sut: TestApp;
  let routes: string[];

  beforeAll(async () => {
    sut = await createTestApp({ plugins: plugins(loadConfig({})) });
    const document = (await sut.http.get('/api/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    routes = Object.entries(document.paths)
      .filter(([path]) => path.startsWith('/api/v1/workspaces/{workspace}'))
      .flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`));
  });
  afterAll(() => sut?.close());

  /** GET of a streaming route: a problem is read whole; an open stream counts as allowed and is closed at once. */
  async function openStream(path: string, token: string): Promise<{ status: number; body: { type?: string } }> {
    const controller = new AbortController();
    const response = await fetch(`${sut.url}${path}`, {
      headers: { Authorization: `Bearer ${token}` },
      signal: controller.signal,
    });
    if (response.headers.get('content-type')?.startsWith('text/event-stream')) {
      controller.abort();
      return { status: response.status, body: {} };
    }
    return { status: response.status, body: (await response.json()) as { type?: string } };
  }

  async function signUp(): Promise<{ userId: string; token: string }> {
    const response = await sut.http
      .post('/api/v1/auth/sign-up')
      .set('X-Forwarded-For', `198.51.100.${(ipCounter++ % 250) + 1}`)
      .send({
        email: `matrix-${Date.now().toString(36)}-${counter++}@example.com`,
        password: 'correct horse battery staple 42',
        displayName: 'M',
      })
      .expect(201);
    return { userId: response.body.user.id, token: response.body.accessToken };
  }

  it('has exactly one entry per workspace route', () => {
    expect(routes.length).toBeGreaterThan(20);
    expect([...routes].sort()).toEqual(Object.keys(ALLOWED).sort());
  });

  it.each([...BUILT_IN_ROLES, 'non-member'] as Who[])(
    '%s: every route allows or refuses as the table says',
    async (who) => {
      const founder = await signUp();
      const slug = `matrix-${Date.now().toString(36)}-${counter++}`;
      await sut.http
        .post('/api/v1/workspaces')
        .set('Authorization', `Bearer ${founder.token}`)
        .send({ name: 'Matrix', slug })
        .expect(201);
      const [{ id: workspaceId }] = await sut.dataSource.query(`SELECT id FROM workspaces WHERE slug = $1`, [slug]);
      const tester = await signUp();
      if (who !== 'non-member') {
        await sut.app.get(WorkspacesResolver).ensureMember(workspaceId, tester.userId, 'viewer');
        await sut.dataSource.query(`UPDATE workspace_members SET role = $3 WHERE workspace_id = $1 AND user_id = $2`, [
          workspaceId,
          tester.userId,
          who,
        ]);
      }
      // Closing the workspace goes last: it ends every other check.
      const ordered = [...routes].sort(
        (a, b) =>
          Number(a === 'DELETE /api/v1/workspaces/{workspace}') - Number(b === 'DELETE /api/v1/workspaces/{workspace}'),
      );
      const mismatches: string[] = [];
      for (const route of ordered) {
        const [method, template] = route.split(' ');
        const path = template.replace('{workspace}', slug).replace(/\{[A-Za-z]+\}/g, UNKNOWN_ID);
        let request = sut.http[method.toLowerCase() as 'get'](path).set('Authorization', `Bearer ${tester.token}`);
        if (MULTIPART.has(route)) request = request.field('title', 'matrix');
        else if (OCTET_STREAM.has(route))
          request = request.set('Content-Type', 'application/offset+octet-stream').send(Buffer.from('matrix'));
        else if (['POST', 'PATCH', 'PUT'].includes(method)) request = request.send({});
        const response = STREAMING.has(route) ? await openStream(path, tester.token) : await request;
        const type = String(response.body?.type ?? '');
        const outcome = type.endsWith(':core.workspace-not-found')
          ? 'not-found'
          : type.endsWith(':core.forbidden')
            ? 'forbidden'
            : 'allowed';
        const expected =
          who === 'non-member' ? 'not-found' : (ALLOWED[route] ?? []).includes(who) ? 'allowed' : 'forbidden';
        if (outcome !== expected)
          mismatches.push(`${route}: expected ${expected}, got ${outcome} (${response.status} ${type})`);
      }
      expect(mismatches).toEqual([]);
    },
  );
});
