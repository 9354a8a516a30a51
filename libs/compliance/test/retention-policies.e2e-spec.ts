import { loadConfig, PluginRegistry, uuidv7, type RetentionPolicy } from '@quire/core';
import { createTestApp, testAccounts, type TestAccount, type TestApp } from '@quire/testing';
import { plugins } from '../../../apps/api/src/quire.config';

/** Where a seeded row belongs and how old it is (the value of the policy's ageColumn). */
interface Seed {
  age: Date;
  workspaceId: string;
  userId: string;
}
type Seeder = (seed: Seed) => Promise<string>;
interface PolicyOutcome {
  policy: string;
  rowsAffected: number;
  rowsHeld: number;
  error: string | null;
}

const DAY = 24 * 60 * 60 * 1000;
/** Inside the installation-wide time-range hold placed below, and due for every policy (even 7 years). */
const IN_HELD_RANGE = new Date('2001-01-01T12:00:00Z');

/**
 * Every retention policy of every plugin the API loads, run by the engine through HTTP on a real database: for each,
 * a due row (removed or anonymized), a row not yet due, and due rows under a workspace hold, a user hold and a
 * time-range hold (all kept). The table of seeders must name every declared policy: a new policy without test data
 * fails here. The dry run before the run must count exactly what the run then changes.
 */
describe('Retention policies (every declared policy)', () => {
  let sut: TestApp;
  let operator: TestAccount;
  let counter = 0;
  const unique = () => `${Date.now().toString(36)}-${counter++}`;
  const { platformAdmin, bearer } = testAccounts(() => sut);
  const sql = <T = Record<string, unknown>>(query: string, params: unknown[] = []): Promise<T[]> =>
    sut.dataSource.query(query, params);

  async function newUser(closedAt: Date | null = null): Promise<string> {
    const id = uuidv7();
    await sql(`INSERT INTO identity_users (id, email, display_name, closed_at) VALUES ($1, $2, 'Seeded', $3)`, [
      id,
      `seeded-${unique()}@example.com`,
      closedAt,
    ]);
    return id;
  }

  async function newWorkspace(closedAt: Date | null = null): Promise<string> {
    const id = uuidv7();
    await sql(`INSERT INTO workspaces (id, name, slug, status, closed_at) VALUES ($1, 'Seeded', $2, $3, $4)`, [
      id,
      `seeded-${unique()}`,
      closedAt ? 'closed' : 'active',
      closedAt,
    ]);
    return id;
  }

  async function contentType(workspaceId: string): Promise<string> {
    const id = uuidv7();
    await sql(
      `INSERT INTO content_types (id, workspace_id, api_id, kind, name, definition)
       VALUES ($1, $2, $3, 'collection', 'Seeded', '{"fields": []}'::jsonb)`,
      [id, workspaceId, `seeded-${counter++}`],
    );
    return id;
  }

  async function entry(s: Seed, deletedAt: Date | null): Promise<string> {
    const id = uuidv7();
    await sql(
      `INSERT INTO content_entries (id, workspace_id, content_type_id, created_by, deleted_at)
       VALUES ($1, $2, $3, $4, $5)`,
      [id, s.workspaceId, await contentType(s.workspaceId), s.userId, deletedAt],
    );
    return id;
  }

  async function insert(table: string, values: Record<string, unknown>): Promise<string> {
    const id = (values['id'] as string | undefined) ?? uuidv7();
    const row = { id, ...values };
    const columns = Object.keys(row);
    await sql(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`,
      Object.values(row),
    );
    return id;
  }

  const later = (date: Date, days: number) => new Date(date.getTime() + days * DAY);

  /** One seeder per declared policy: inserts one row the policy's condition matches, with the given age. */
  const seeders: Record<string, Seeder> = {
    'core.dispatched-events': (s) =>
      insert('quire_outbox', {
        workspace_id: s.workspaceId,
        event_name: 'seeded.thing.happened',
        payload: {},
        actor: { type: 'system', id: 'seeded' },
        created_at: s.age,
        dispatched_at: s.age,
      }),
    'core.job-runs': (s) =>
      insert('quire_job_runs', {
        job_name: 'seeded.job',
        plugin: 'seeded',
        scheduled_for: s.age,
        instance_id: 'seeded',
        status: 'succeeded',
        started_at: s.age,
      }),
    'identity.closed-accounts': (s) => newUser(s.age),
    'identity.expired-sessions': (s) =>
      insert('identity_sessions', {
        user_id: s.userId,
        family_id: uuidv7(),
        refresh_token_hash: `hash-${unique()}`,
        last_seen_at: s.age,
        expires_at: s.age,
      }),
    'identity.expired-codes': (s) =>
      insert('identity_one_time_codes', {
        email: `code-${unique()}@example.com`,
        user_id: s.userId,
        purpose: 'sign-in',
        code_hash: `hash-${unique()}`,
        expires_at: s.age,
      }),
    'identity.mail-outbox': (s) =>
      insert('identity_mail_outbox', {
        recipient: `mail-${unique()}@example.com`,
        template: 'seeded',
        subject: 'Seeded',
        text_body: '',
        html_body: '',
        status: 'sent',
        created_at: s.age,
      }),
    'identity.revoked-api-keys': (s) =>
      insert('identity_api_keys', {
        workspace_id: s.workspaceId,
        name: 'Seeded',
        prefix: `rk${unique()}`,
        secret_hash: `hash-${unique()}`,
        scopes: [],
        kind: 'delivery',
        created_by: s.userId,
        revoked_at: s.age,
      }),
    'identity.expired-api-keys': (s) =>
      insert('identity_api_keys', {
        workspace_id: s.workspaceId,
        name: 'Seeded',
        prefix: `ek${unique()}`,
        secret_hash: `hash-${unique()}`,
        scopes: [],
        kind: 'delivery',
        created_by: s.userId,
        expires_at: s.age,
      }),
    'identity.sso-states': async (s) => {
      const connection = await insert('identity_sso_connections', {
        workspace_id: s.workspaceId,
        kind: 'oidc',
        name: 'Seeded',
        config: {},
        default_role: 'viewer',
      });
      return insert('identity_sso_states', {
        connection_id: connection,
        state_hash: `state-${unique()}`,
        browser_hash: 'browser',
        return_to: '/',
        expires_at: s.age,
      });
    },
    'workspaces.closed-workspaces': (s) => newWorkspace(s.age),
    'workspaces.ended-invitations': (s) =>
      insert('workspace_invitations', {
        workspace_id: s.workspaceId,
        email: `invited-${unique()}@example.com`,
        role: 'viewer',
        token_hash: `hash-${unique()}`,
        status: 'accepted',
        responded_at: s.age,
        expires_at: later(s.age, 7),
        accepted_user_id: s.userId,
      }),
    'workspaces.expired-invitations': (s) =>
      insert('workspace_invitations', {
        workspace_id: s.workspaceId,
        email: `invited-${unique()}@example.com`,
        role: 'viewer',
        token_hash: `hash-${unique()}`,
        status: 'pending',
        expires_at: s.age,
      }),
    'content.trashed-entries': (s) => entry(s, s.age),
    'content.expired-entry-locks': async (s) =>
      insert('content_entry_locks', {
        workspace_id: s.workspaceId,
        entry_id: await entry(s, null),
        holder_user_id: s.userId,
        acquired_at: later(s.age, -1),
        heartbeat_at: later(s.age, -1),
        expires_at: s.age,
      }),
    'content.expired-preview-tokens': (s) =>
      insert('content_preview_tokens', {
        workspace_id: s.workspaceId,
        token_hash: `hash-${unique()}`,
        created_by: s.userId,
        expires_at: s.age,
      }),
    'webhooks.delivery-log': async (s) => {
      const subscription = await insert('webhook_subscriptions', {
        workspace_id: s.workspaceId,
        url: 'https://hooks.quire-test.invalid/',
        events: ['content.entry.published'],
        secret_ciphertext: 'sealed',
      });
      return insert('webhook_deliveries', {
        workspace_id: s.workspaceId,
        subscription_id: subscription,
        event_id: uuidv7(),
        event_name: 'content.entry.published',
        actor_id: s.userId,
        body: '{}',
        status: 'succeeded',
        max_attempts: 3,
        created_at: s.age,
      });
    },
    // Only a chain's oldest records are purged: the seeded ones take sequences below every real record of the
    // workspace's chain (its creation is audited there, and sealed whenever the sealer gets to it), in seeding order,
    // so a due row seeded first is the chain's oldest whatever the sealer did in between.
    'compliance.audit-log': (s) =>
      insert('compliance_audit_log', {
        workspace_id: s.workspaceId,
        sequence: -1_000_000 + counter++,
        event_id: uuidv7(),
        occurred_at: s.age,
        actor_type: 'user',
        actor_id: s.userId,
        action: 'seeded.thing.happened',
        prev_hash: 'seeded',
        hash: `seeded-${unique()}`,
      }),
    'compliance.system-logs': (s) =>
      insert('compliance_system_logs', {
        occurred_at: s.age,
        method: 'GET',
        route: '/api/v1/seeded',
        status: 200,
        duration_ms: 1,
        actor_type: 'user',
        actor_id: s.userId,
        workspace_id: s.workspaceId,
        request_id: `req-${unique()}`,
      }),
    'compliance.incidents': (s) =>
      insert('compliance_incidents', {
        reason: 'Seeded',
        from_time: later(s.age, -2),
        until_time: later(s.age, -1),
        opened_by: s.userId,
        closed_at: s.age,
        closed_by: s.userId,
      }),
    // Consent history goes 3 years after the account closed: the row's user is closed long ago.
    'compliance.consent-records': async (s) =>
      insert('compliance_consent_records', {
        user_id: await newUser(new Date(Date.now() - 4 * 365 * DAY)),
        purpose: 'marketing',
        granted: true,
        source: 'console',
        occurred_at: s.age,
      }),
    'compliance.consents': async (s) => {
      const userId = await newUser(new Date(Date.now() - 4 * 365 * DAY));
      await sql(
        `INSERT INTO compliance_consents (user_id, purpose, granted, source, changed_at)
         VALUES ($1, 'marketing', true, 'console', $2)`,
        [userId, s.age],
      );
      return userId;
    },
    'compliance.data-subject-requests': (s) =>
      insert('compliance_data_subject_requests', {
        user_id: s.userId,
        type: 'access',
        status: 'completed',
        requested_by: s.userId,
        channel: 'self-service',
        verification_method: 'email-code',
        due_at: s.age,
        completed_at: s.age,
        created_at: s.age,
        updated_at: s.age,
      }),
  };

  beforeAll(async () => {
    sut = await createTestApp({ plugins: plugins(loadConfig({ NODE_ENV: 'test' })) });
    operator = await platformAdmin();
  });
  afterAll(async () => {
    await sut?.close();
  });

  const declared = (): Array<{ plugin: string; policy: RetentionPolicy }> =>
    sut.app
      .get(PluginRegistry)
      .plugins.flatMap((plugin) =>
        (plugin.definition.retention ?? []).map((policy) => ({ plugin: plugin.name, policy })),
      );

  async function placeHold(body: Record<string, unknown>): Promise<void> {
    await sut.http
      .post('/api/v1/legal-holds')
      .set(bearer(operator))
      .send({ reason: 'Retention test', ...body })
      .expect(201);
  }

  /** The row still matches its policy: not deleted, and (for anonymizing policies) not anonymized yet. */
  async function stillMatches(policy: RetentionPolicy, id: string): Promise<boolean> {
    const condition = policy.condition ? ` AND (${policy.condition})` : '';
    const rows = await sql(`SELECT 1 FROM ${policy.table} WHERE ${policy.idColumn ?? 'id'} = $1${condition}`, [id]);
    return rows.length > 0;
  }

  it('has test data for every declared policy, and every policy is listed with its resolved duration', async () => {
    const names = declared().map(({ policy }) => policy.name);
    expect(names.filter((name) => !(name in seeders))).toEqual([]);
    const listed = await sut.http.get('/api/v1/retention/policies').set(bearer(operator)).expect(200);
    expect(listed.body.data.map((p: { name: string }) => p.name)).toEqual(names);
    expect(listed.body.data.find((p: { name: string }) => p.name === 'content.trashed-entries')).toMatchObject({
      plugin: 'content',
      table: 'content_entries',
      action: 'delete',
      keep: { kind: 'plan', option: 'content.trashRetentionDays', byPlan: { default: 14, free: 14, scale: 60 } },
    });
    expect(listed.body.data.find((p: { name: string }) => p.name === 'compliance.audit-log')).toMatchObject({
      keep: { kind: 'setting', option: 'compliance.auditLogRetentionDays', days: 7 * 365 },
    });
  });

  it('removes or anonymizes due rows, keeps rows not yet due and rows under each kind of hold; dry run = run', async () => {
    const freeWorkspace = await newWorkspace();
    await placeHold({
      scope: 'time-range',
      heldFrom: later(IN_HELD_RANGE, -1).toISOString(),
      heldUntil: later(IN_HELD_RANGE, 1).toISOString(),
    });
    const listed = await sut.http.get('/api/v1/retention/policies').set(bearer(operator)).expect(200);
    const keepDays = new Map<string, number>(
      listed.body.data.map((p: { name: string; keep: { days?: number; byPlan?: { default: number } } }) => [
        p.name,
        p.keep.days ?? p.keep.byPlan!.default,
      ]),
    );

    const seeded = new Map<string, { due: string; kept: string[]; held: number }>();
    for (const { policy } of declared()) {
      const days = keepDays.get(policy.name)!;
      const seed = seeders[policy.name]!;
      const due = later(new Date(), -(days + 5));
      const notDue = later(new Date(), -days / 2);
      const rows = {
        due: await seed({ age: due, workspaceId: freeWorkspace, userId: await newUser() }),
        kept: [
          await seed({ age: notDue, workspaceId: freeWorkspace, userId: await newUser() }),
          await seed({ age: IN_HELD_RANGE, workspaceId: freeWorkspace, userId: await newUser() }),
        ],
        held: 1,
      };
      const id = policy.idColumn ?? 'id';
      if (policy.workspaceColumn) {
        const row = await seed({ age: due, workspaceId: await newWorkspace(), userId: await newUser() });
        const [{ held }] = await sql<{ held: string }>(
          `SELECT ${policy.workspaceColumn} AS held FROM ${policy.table} WHERE ${id} = $1`,
          [row],
        );
        await placeHold({ scope: 'workspace', workspaceId: held });
        rows.kept.push(row);
        rows.held++;
      }
      if (policy.userColumn) {
        const row = await seed({ age: due, workspaceId: freeWorkspace, userId: await newUser() });
        const [{ held }] = await sql<{ held: string | null }>(
          `SELECT ${policy.userColumn} AS held FROM ${policy.table} WHERE ${id} = $1`,
          [row],
        );
        // A row without a person (an expired invitation nobody accepted) cannot be held by a user hold.
        if (held !== null) {
          await placeHold({ scope: 'user', userId: held });
          rows.kept.push(row);
          rows.held++;
        }
      }
      seeded.set(policy.name, rows);
    }

    const dry = await sut.http.post('/api/v1/retention/dry-run').set(bearer(operator)).send({}).expect(200);
    const run = await sut.http.post('/api/v1/retention/runs').set(bearer(operator)).send({}).expect(200);

    expect(dry.body).toMatchObject({ dryRun: true, trigger: 'manual', status: 'succeeded' });
    expect(run.body).toMatchObject({ dryRun: false, trigger: 'manual', status: 'succeeded' });
    const byPolicy = (body: { results: PolicyOutcome[] }) =>
      new Map(body.results.map((outcome) => [outcome.policy, outcome]));
    const predicted = byPolicy(dry.body);
    const done = byPolicy(run.body);
    for (const { policy } of declared()) {
      const rows = seeded.get(policy.name)!;
      const outcome = done.get(policy.name)!;
      expect({ policy: policy.name, error: outcome.error }).toEqual({ policy: policy.name, error: null });
      // The dry run counted exactly what the run changed, and the holds it reported.
      expect({ policy: policy.name, rows: outcome.rowsAffected, held: outcome.rowsHeld }).toEqual({
        policy: policy.name,
        rows: predicted.get(policy.name)!.rowsAffected,
        held: predicted.get(policy.name)!.rowsHeld,
      });
      expect(outcome.rowsAffected).toBeGreaterThanOrEqual(1);
      expect(outcome.rowsHeld).toBeGreaterThanOrEqual(rows.held);
      expect({ policy: policy.name, due: await stillMatches(policy, rows.due) }).toEqual({
        policy: policy.name,
        due: false,
      });
      for (const kept of rows.kept) {
        expect({ policy: policy.name, kept, matches: await stillMatches(policy, kept) }).toEqual({
          policy: policy.name,
          kept,
          matches: true,
        });
      }
    }

    // Nothing left that is due and not held: the next dry run predicts no change.
    const after = await sut.http.post('/api/v1/retention/dry-run').set(bearer(operator)).send({}).expect(200);
    for (const outcome of after.body.results as PolicyOutcome[]) {
      expect({ policy: outcome.policy, rows: outcome.rowsAffected }).toEqual({ policy: outcome.policy, rows: 0 });
    }
  });
});
