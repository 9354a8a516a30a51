import { loadConfig, uuidv7 } from '@quire/core';
import { WorkspacesResolver } from '@quire/workspaces';
import { createTestApp, type TestApp } from '@quire/testing';
import { plugins } from '../src/quire.config';

let counter = 0;

/** A 1×1 PNG, for the upload route and B's asset. */
const ONE_PIXEL_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/**
 * A member (owner) of workspace A tries every workspace route of the installation against workspace B: B's
 * routes with B's record ids, and A's routes with B's record ids. Every attempt is refused, and B is unchanged.
 */
describe('Cross-tenant isolation of workspace routes', () => {
  let sut: TestApp;
  let routes: Array<{ method: string; template: string; hasBody: boolean }>;

  beforeAll(async () => {
    sut = await createTestApp({ plugins: plugins(loadConfig({})) });
    const document = (await sut.http.get('/api/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, { requestBody?: unknown }>>;
    };
    routes = Object.entries(document.paths)
      .filter(([path]) => path.startsWith('/api/v1/workspaces/{workspace}'))
      .flatMap(([template, methods]) =>
        Object.entries(methods).map(([method, operation]) => ({
          method: method.toUpperCase(),
          template,
          hasBody: operation.requestBody !== undefined,
        })),
      );
  });
  afterAll(() => sut?.close());

  async function signUp(): Promise<{ userId: string; token: string }> {
    const response = await sut.http
      .post('/api/v1/auth/sign-up')
      .set('X-Forwarded-For', `192.0.2.${(counter % 250) + 1}`)
      .send({
        email: `tenant-${Date.now().toString(36)}-${counter++}@example.com`,
        password: 'correct horse battery staple 42',
        displayName: 'T',
      })
      .expect(201);
    return { userId: response.body.user.id, token: response.body.accessToken };
  }

  async function workspace(owner: { token: string }): Promise<{ id: string; slug: string }> {
    const slug = `tenant-${Date.now().toString(36)}-${counter++}`;
    const response = await sut.http
      .post('/api/v1/workspaces')
      .set('Authorization', `Bearer ${owner.token}`)
      .send({ name: 'T', slug })
      .expect(201);
    return { id: response.body.id, slug };
  }

  /** Everything of B an attacker could aim at, as rows to compare before and after. */
  const snapshotOf = async (workspaceId: string) => ({
    workspace: await sut.dataSource.query(
      `SELECT name, slug, status, settings, updated_at FROM workspaces WHERE id = $1`,
      [workspaceId],
    ),
    members: await sut.dataSource.query(
      `SELECT user_id, role FROM workspace_members WHERE workspace_id = $1 ORDER BY user_id`,
      [workspaceId],
    ),
    teams: await sut.dataSource.query(`SELECT id, name, updated_at FROM teams WHERE workspace_id = $1`, [workspaceId]),
    invitations: await sut.dataSource.query(
      `SELECT id, email, role, status, token_hash, expires_at, updated_at FROM workspace_invitations WHERE workspace_id = $1`,
      [workspaceId],
    ),
    roles: await sut.dataSource.query(
      `SELECT id, key, name, rules, updated_at FROM workspace_roles WHERE workspace_id = $1`,
      [workspaceId],
    ),
    teamMembers: await sut.dataSource.query(`SELECT team_id, user_id FROM team_members WHERE workspace_id = $1`, [
      workspaceId,
    ]),
    keys: await sut.dataSource.query(`SELECT id, name, revoked_at FROM identity_api_keys WHERE workspace_id = $1`, [
      workspaceId,
    ]),
    connections: await sut.dataSource.query(
      `SELECT id, name, enabled, updated_at FROM identity_sso_connections WHERE workspace_id = $1`,
      [workspaceId],
    ),
    domains: await sut.dataSource.query(
      `SELECT id, domain, verified_at FROM identity_sso_domains WHERE workspace_id = $1`,
      [workspaceId],
    ),
    contentTypes: await sut.dataSource.query(
      `SELECT id, api_id, version, definition, updated_at FROM content_types WHERE workspace_id = $1`,
      [workspaceId],
    ),
    entries: await sut.dataSource.query(
      `SELECT id, shared_data, revision, updated_at, deleted_at FROM content_entries WHERE workspace_id = $1`,
      [workspaceId],
    ),
    entryLocales: await sut.dataSource.query(
      `SELECT entry_id, locale, draft_data, published_data, updated_at FROM content_entry_locales WHERE workspace_id = $1 ORDER BY entry_id, locale`,
      [workspaceId],
    ),
    releases: await sut.dataSource.query(
      `SELECT r.id, r.name, r.scheduled_at, r.status, (SELECT count(*) FROM content_release_items i WHERE i.release_id = r.id) AS items
         FROM content_releases r WHERE r.workspace_id = $1 ORDER BY r.id`,
      [workspaceId],
    ),
    schedules: await sut.dataSource.query(
      `SELECT id, action, run_at, status FROM content_schedules WHERE workspace_id = $1 ORDER BY id`,
      [workspaceId],
    ),
    // The audit log: a refused request records nothing in B's chain, and nothing of it changes (the sealing columns
    // are left out: the sealer chains B's newest records on its timer between the two snapshots).
    auditLog: await sut.dataSource.query(
      `SELECT id, occurred_at, action, actor_id, subject_id, changes FROM compliance_audit_log
        WHERE workspace_id = $1 ORDER BY id`,
      [workspaceId],
    ),
    legalHolds: await sut.dataSource.query(
      `SELECT id, scope, reason, released_at FROM compliance_legal_holds WHERE workspace_id = $1 ORDER BY id`,
      [workspaceId],
    ),
    webhooks: await sut.dataSource.query(
      `SELECT id, url, events, enabled, description, secret_ciphertext, previous_secret_ciphertext, updated_at
         FROM webhook_subscriptions WHERE workspace_id = $1 ORDER BY id`,
      [workspaceId],
    ),
    // Which deliveries exist (their attempts go on in the background: status and counts are not compared).
    webhookDeliveries: await sut.dataSource.query(
      `SELECT id, subscription_id, event_id, replay_of_id FROM webhook_deliveries WHERE workspace_id = $1 ORDER BY id`,
      [workspaceId],
    ),
    workflows: await sut.dataSource.query(
      `SELECT id, name, stages, transitions, updated_at FROM content_workflows WHERE workspace_id = $1 ORDER BY id`,
      [workspaceId],
    ),
    workflowStates: await sut.dataSource.query(
      `SELECT entry_id, locale, stage, visit_id FROM content_workflow_states WHERE workspace_id = $1 ORDER BY id`,
      [workspaceId],
    ),
    approvals: await sut.dataSource.query(
      `SELECT id, revision, approver_id FROM content_workflow_approvals WHERE workspace_id = $1 ORDER BY id`,
      [workspaceId],
    ),
    assignments: await sut.dataSource.query(
      `SELECT entry_id, locale, user_id, role FROM content_entry_assignments WHERE workspace_id = $1 ORDER BY id`,
      [workspaceId],
    ),
    publications: await sut.dataSource.query(
      `SELECT id, revision FROM content_publications WHERE workspace_id = $1 ORDER BY id`,
      [workspaceId],
    ),
    labels: await sut.dataSource.query(
      `SELECT id, name, color, updated_at FROM content_labels WHERE workspace_id = $1 ORDER BY id`,
      [workspaceId],
    ),
    entryLabels: await sut.dataSource.query(
      `SELECT entry_id, label_id FROM content_entry_labels WHERE workspace_id = $1 ORDER BY id`,
      [workspaceId],
    ),
    comments: await sut.dataSource.query(
      `SELECT id, body, edited_at FROM content_entry_comments WHERE workspace_id = $1 ORDER BY id`,
      [workspaceId],
    ),
    mentions: await sut.dataSource.query(
      `SELECT comment_id, user_id FROM content_comment_mentions WHERE workspace_id = $1 ORDER BY id`,
      [workspaceId],
    ),
    mediaAssets: await sut.dataSource.query(
      `SELECT id, file_name, title, folder_id, tags, visibility, storage_key, updated_at
         FROM media_assets WHERE workspace_id = $1 ORDER BY id`,
      [workspaceId],
    ),
    mediaFolders: await sut.dataSource.query(
      `SELECT id, name, parent_id, updated_at FROM media_folders WHERE workspace_id = $1 ORDER BY id`,
      [workspaceId],
    ),
    references: await sut.dataSource.query(
      `SELECT source_entry_id, locale, field_path, target_kind, target_id FROM content_references
        WHERE workspace_id = $1 ORDER BY source_entry_id, locale, field_path, target_id`,
      [workspaceId],
    ),
  });

  it("refuses every route of B, and B's ids in A's routes; B is unchanged", async () => {
    const attacker = await signUp();
    const victim = await signUp();
    const colleague = await signUp();
    const a = await workspace(attacker);
    const b = await workspace(victim);
    const asVictim = { Authorization: `Bearer ${victim.token}` };
    await sut.app.get(WorkspacesResolver).ensureMember(b.id, colleague.userId, 'editor');
    const team = (
      await sut.http.post(`/api/v1/workspaces/${b.slug}/teams`).set(asVictim).send({ name: 'Secret' }).expect(201)
    ).body.id;
    await sut.http
      .put(`/api/v1/workspaces/${b.slug}/teams/${team}/members/${colleague.userId}`)
      .set(asVictim)
      .expect(200);
    const key = (
      await sut.http
        .post(`/api/v1/workspaces/${b.slug}/api-keys`)
        .set(asVictim)
        .send({ name: 'B key', kind: 'management', scopes: ['read:Workspace'] })
        .expect(201)
    ).body.id;
    const role = (
      await sut.http
        .post(`/api/v1/workspaces/${b.slug}/roles`)
        .set(asVictim)
        .send({ key: 'b-secret-role', name: 'Secret role', rules: [{ action: 'read', subject: 'Team' }] })
        .expect(201)
    ).body.id;
    const invitation = (
      await sut.http
        .post(`/api/v1/workspaces/${b.slug}/invitations`)
        .set(asVictim)
        .send({ email: `b-invitee-${counter++}@example.com`, role: 'editor' })
        .expect(201)
    ).body.id;
    const connection = uuidv7();
    await sut.dataSource.query(
      `INSERT INTO identity_sso_connections (id, workspace_id, kind, name, config, default_role) VALUES ($1, $2, 'oidc', 'B SSO', '{}', 'viewer')`,
      [connection, b.id],
    );
    const domain = uuidv7();
    await sut.dataSource.query(
      `INSERT INTO identity_sso_domains (id, workspace_id, domain, verification_token) VALUES ($1, $2, 'b-corp.example', 'token')`,
      [domain, b.id],
    );
    const contentType = 'b-secret-type';
    await sut.http
      .post(`/api/v1/workspaces/${b.slug}/content-types`)
      .set(asVictim)
      .send({
        apiId: contentType,
        kind: 'collection',
        name: 'Secret type',
        fields: [
          { name: 'title', type: 'text' },
          { name: 'picture', type: 'media' },
        ],
      })
      .expect(201);
    const entry = (
      await sut.http
        .post(`/api/v1/workspaces/${b.slug}/content-types/${contentType}/entries`)
        .set(asVictim)
        .send({ data: { title: 'B secret entry' } })
        .expect(201)
    ).body.id;
    const trashed = (
      await sut.http
        .post(`/api/v1/workspaces/${b.slug}/content-types/${contentType}/entries`)
        .set(asVictim)
        .send({ data: { title: 'B secret trashed entry' } })
        .expect(201)
    ).body.id;
    await sut.http.delete(`/api/v1/workspaces/${b.slug}/entries/${trashed}`).set(asVictim).expect(200);
    const schedule = (
      await sut.http
        .post(`/api/v1/workspaces/${b.slug}/entries/${entry}/locales/en/schedules`)
        .set(asVictim)
        .send({ action: 'publish', runAt: new Date(Date.now() + 3_600_000).toISOString() })
        .expect(201)
    ).body.id;
    const release = (
      await sut.http.post(`/api/v1/workspaces/${b.slug}/releases`).set(asVictim).send({ name: 'B release' }).expect(201)
    ).body.id;
    const releaseItem = (
      await sut.http
        .post(`/api/v1/workspaces/${b.slug}/releases/${release}/items`)
        .set(asVictim)
        .send({ entryId: entry, locale: 'en', action: 'publish' })
        .expect(201)
    ).body.items[0].id;
    // The editorial workflow: a workflow on the type, the entry moved and approved, assigned, labelled, commented.
    const workflow = (
      await sut.http
        .post(`/api/v1/workspaces/${b.slug}/workflows`)
        .set(asVictim)
        .send({
          name: 'B flow',
          stages: [
            { key: 'draft', name: 'Draft' },
            { key: 'review', name: 'Review' },
          ],
          transitions: [{ from: 'draft', to: 'review', roles: ['owner'] }],
          contentTypes: [contentType],
        })
        .expect(201)
    ).body.id;
    await sut.http
      .post(`/api/v1/workspaces/${b.slug}/entries/${entry}/locales/en/stage`)
      .set(asVictim)
      .send({ stage: 'review' })
      .expect(200);
    await sut.http
      .post(`/api/v1/workspaces/${b.slug}/entries/${entry}/locales/en/approvals`)
      .set(asVictim)
      .send({})
      .expect(200);
    await sut.http
      .put(`/api/v1/workspaces/${b.slug}/entries/${entry}/locales/en/assignment`)
      .set(asVictim)
      .send({ assigneeId: colleague.userId })
      .expect(200);
    const label = (
      await sut.http
        .post(`/api/v1/workspaces/${b.slug}/labels`)
        .set(asVictim)
        .send({ name: 'B secret label' })
        .expect(201)
    ).body.id;
    await sut.http.put(`/api/v1/workspaces/${b.slug}/entries/${entry}/labels/${label}`).set(asVictim).expect(200);
    const comment = (
      await sut.http
        .post(`/api/v1/workspaces/${b.slug}/entries/${entry}/comments`)
        .set(asVictim)
        .send({ body: 'B secret comment', mentions: [colleague.userId] })
        .expect(201)
    ).body.id;
    // A webhook of B with one delivery (a ping) to a name that never resolves; its events happen in no test step.
    const webhook = (
      await sut.http
        .post(`/api/v1/workspaces/${b.slug}/webhooks`)
        .set(asVictim)
        .send({
          url: 'https://b-hooks.quire-test.invalid/quire',
          events: ['content.import.completed'],
          description: 'B secret hook',
        })
        .expect(201)
    ).body.id;
    const webhookDelivery = (
      await sut.http.post(`/api/v1/workspaces/${b.slug}/webhooks/${webhook}/ping`).set(asVictim).expect(202)
    ).body.id;
    // The media library: a folder and an asset in it (a 1×1 PNG).
    const mediaFolder = (
      await sut.http
        .post(`/api/v1/workspaces/${b.slug}/media-folders`)
        .set(asVictim)
        .send({ name: 'B secret folder' })
        .expect(201)
    ).body.id;
    const asset = (
      await sut.http
        .post(`/api/v1/workspaces/${b.slug}/media`)
        .set(asVictim)
        .field('folderId', mediaFolder)
        .field('title', 'B secret asset')
        .attach('file', ONE_PIXEL_PNG, 'b-secret-asset.png')
        .expect(201)
    ).body.id;
    // A resumable upload B started (tus): its id must not let A look, send bytes or abandon it.
    const upload = (
      (
        await sut.http
          .post(`/api/v1/workspaces/${b.slug}/media-uploads`)
          .set(asVictim)
          .set('Tus-Resumable', '1.0.0')
          .set('Upload-Length', '100')
          .set('Upload-Metadata', `filename ${Buffer.from('b-secret-asset.png').toString('base64')}`)
          .expect(201)
      ).headers.location as string
    )
      .split('/')
      .pop() as string;
    // B's entry uses the asset: "used in" (media/{id}/usages) has something of B to leak.
    await sut.http
      .patch(`/api/v1/workspaces/${b.slug}/entries/${entry}`)
      .set(asVictim)
      .send({ locale: 'en', data: { picture: asset } })
      .expect(200);
    // A legal hold B placed on itself: A must neither read nor release it.
    const legalHold = (
      await sut.http
        .post(`/api/v1/workspaces/${b.slug}/legal-holds`)
        .set(asVictim)
        .send({ scope: 'workspace', reason: 'B secret litigation' })
        .expect(201)
    ).body.id;
    const before = await snapshotOf(b.id);

    const idFor = (template: string, name: string): string => {
      if (name === 'teamId') return team;
      if (name === 'userId') return colleague.userId;
      if (name === 'roleId') return role;
      if (name === 'apiId' || name === 'type') return contentType;
      if (name === 'version') return '1';
      if (name === 'number') return '1';
      if (name === 'locale') return 'en';
      if (name === 'scheduleId') return schedule;
      if (name === 'itemId') return releaseItem;
      if (name === 'deliveryId') return webhookDelivery;
      if (template.includes('/webhooks/{id}')) return webhook;
      if (template.includes('/legal-holds/{id}')) return legalHold;
      if (name === 'labelId') return label;
      if (name === 'commentId') return comment;
      if (template.includes('/workflows/{id}')) return workflow;
      if (template.includes('/labels/{id}')) return label;
      if (template.includes('/releases/{id}')) return release;
      if (template.includes('/media-uploads/{id}')) return upload;
      if (template.includes('/media/{id}')) return asset;
      if (template.includes('/media-folders/{id}')) return mediaFolder;
      if (template.includes('/entries/{id}')) return entry;
      if (template.includes('/trash/{id}')) return trashed;
      // Not a record of B: a loaded plugin's name (none of apps/api's plugins declares settings yet: a 404 either way).
      if (name === 'plugin') return 'identity';
      if (template.includes('/api-keys/')) return key;
      if (template.includes('/invitations/')) return invitation;
      if (template.includes('/sso/connections/')) return connection;
      if (template.includes('/sso/domains/')) return domain;
      throw new Error(`No record of B for {${name}} in ${template}: extend idFor`);
    };
    const fill = (template: string, reference: string) =>
      template
        .replace('{workspace}', reference)
        .replace(/\{([A-Za-z]+)\}/g, (_, name: string) => idFor(template, name));

    /** A valid body, so that a refusal in A's routes is the record's 404, not a 400 about the body. */
    const bodyFor = (method: string, template: string): Record<string, unknown> => {
      if (template.endsWith('/media/{id}')) return { title: 'pwned', folderId: null };
      if (template.endsWith('/members/{userId}') && !template.includes('/teams/')) return { role: 'owner' };
      if (template.endsWith('/teams') || template.endsWith('/teams/{teamId}')) return { name: 'pwned' };
      if (template.endsWith('/roles')) return { key: 'pwned', name: 'pwned', rules: [] };
      if (template.endsWith('/content-types/{apiId}'))
        return {
          definition: { apiId: contentType, kind: 'collection', name: 'pwned', fields: [] },
          migration: 'drop-data',
        };
      if (template.endsWith('/content-types'))
        return { apiId: 'pwned-type', kind: 'collection', name: 'pwned', fields: [] };
      if (template.endsWith('/roles/{roleId}')) return { name: 'pwned', rules: [] };
      if (template.endsWith('/content-types/{apiId}/entries')) return { data: { title: 'pwned' } };
      if (template.endsWith('/entries/{id}')) return { locale: 'en', data: { title: 'pwned' } };
      if (template.endsWith('/entries/{id}/lock')) return { takeOver: true };
      if (template.endsWith('/releases/{id}/items')) return { entryId: entry, locale: 'en', action: 'unpublish' };
      if (template.endsWith('/schedules'))
        return { action: 'unpublish', runAt: new Date(Date.now() + 3_600_000).toISOString() };
      if (template.endsWith('/workflows') || template.endsWith('/workflows/{id}'))
        return { name: 'pwned', stages: [{ key: 'draft', name: 'Draft' }] };
      if (template.endsWith('/stage')) return { stage: 'draft' };
      if (template.endsWith('/assignment')) return { assigneeId: null, reviewerIds: [] };
      if (template.endsWith('/comments') || template.endsWith('/comments/{commentId}')) return { body: 'pwned' };
      if (template.endsWith('/webhooks'))
        return { url: 'https://pwned.quire-test.invalid/', events: ['content.entry.published'] };
      if (template.endsWith('/webhooks/{id}')) return { description: 'pwned', enabled: false };
      if (template.endsWith('/legal-holds')) return { scope: 'workspace', reason: 'pwned' };
      if (template.endsWith('/legal-holds/{id}/release')) return { reason: 'pwned' };
      if (template.endsWith('/sso/connections/{id}')) return { name: 'pwned', enabled: false };
      if (template.endsWith('/sso/domains')) return { domain: 'pwned.example' };
      if (template.endsWith('/api-keys')) return { name: 'pwned', kind: 'management', scopes: ['read:Workspace'] };
      if (template.endsWith('/invitations')) return { email: 'pwned@example.com', role: 'owner' };
      if (template === '/api/v1/workspaces/{workspace}') return { name: 'pwned' };
      return method === 'POST' ? {} : { name: 'pwned' };
    };

    const leaks: string[] = [];
    for (const { method, template, hasBody } of routes) {
      const attempts = [fill(template, b.slug), fill(template, b.id)];
      // A's own routes without a record id are A's business; with one, they get B's ids.
      const hasRecordId = /\{(?!workspace\}|plugin\})[A-Za-z]+\}/.test(template);
      if (hasRecordId) attempts.push(fill(template, a.slug));
      for (const path of attempts) {
        let request = sut.http[method.toLowerCase() as 'get'](path).set('Authorization', `Bearer ${attacker.token}`);
        // An upload is multipart: sent a file, so that only the workspace and the record can refuse it.
        if (hasBody && template.endsWith('/media') && method === 'POST') {
          request = request.attach('file', ONE_PIXEL_PNG, 'pwned.png');
        } else if (hasBody) request = request.send(bodyFor(method, template));
        const response = await request;
        const ownRoute = path.includes(`/workspaces/${a.slug}/`);
        const refused = ownRoute
          ? response.status === 404
          : response.status === 404 && String(response.body?.type).endsWith(':core.workspace-not-found');
        if (!refused)
          leaks.push(`${method} ${path}: ${response.status} ${JSON.stringify(response.body).slice(0, 200)}`);
        for (const secret of [
          'Secret',
          'B key',
          'B SSO',
          'b-corp.example',
          'b-secret-role',
          'b-invitee-',
          'b-secret-type',
          'B secret entry',
          'B secret folder',
          'B secret asset',
          'b-secret-asset',
          'B secret hook',
          'b-hooks.quire-test.invalid',
          'B secret label',
          'B secret comment',
          'B flow',
          colleague.userId,
        ]) {
          if (response.status < 400 && JSON.stringify(response.body).includes(secret))
            leaks.push(`${method} ${path} shows ${secret}`);
        }
      }
    }
    expect(leaks).toEqual([]);
    expect(await snapshotOf(b.id)).toEqual(before);
    expect(routes.length).toBeGreaterThan(20);
  });
});
