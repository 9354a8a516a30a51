import { CompliancePlugin } from '@quire/compliance';
import { uuidv7 } from '@quire/core';
import { ContentPlugin } from '@quire/content';
import { IdentityPlugin } from '@quire/identity';
import { createTestApp, expectValidationProblem, type TestApp } from '@quire/testing';
import { WebhooksPlugin } from '@quire/webhooks';
import { WorkspacesPlugin } from '@quire/workspaces';
import {
  bearer,
  member,
  newWorkspace,
  signUp,
  startReceiver,
  type Account,
  type Receiver,
  type Workspace,
} from './webhook-support';

/**
 * Managing webhooks through HTTP with the default configuration: no network is allowed beyond public addresses, so
 * every loopback, private and link-local URL is refused when it is stored.
 */
describe('Webhooks API', () => {
  let sut: TestApp;
  let receiver: Receiver;
  let owner: Account;
  let workspace: Workspace;
  let base: string;

  const valid = { url: 'https://hooks.quire-test.invalid/quire', events: ['content.entry.published'] };

  beforeAll(async () => {
    receiver = await startReceiver('127.0.0.1');
    sut = await createTestApp({
      plugins: [
        IdentityPlugin,
        WorkspacesPlugin,
        ContentPlugin,
        WebhooksPlugin.with({ maxWebhooksPerWorkspace: 3 }),
        // Its retention engine runs the policy webhooks.delivery-log.
        CompliancePlugin,
      ],
    });
    owner = await signUp(sut, 'api-owner');
    workspace = await newWorkspace(sut, owner);
    base = `/api/v1/workspaces/${workspace.slug}/webhooks`;
  });
  afterAll(async () => {
    await sut?.close();
    await receiver?.close();
  });

  const create = (body: Record<string, unknown>, as: Account = owner) => sut.http.post(base).set(bearer(as)).send(body);

  describe('the event catalog', () => {
    it("lists the loaded plugins' public events to any signed-in caller", async () => {
      const response = await sut.http.get('/api/v1/webhook-events').set(bearer(owner)).expect(200);

      const names = response.body.data.map((e: { name: string }) => e.name);
      expect(names).toEqual(
        expect.arrayContaining([
          'content.entry.created',
          'content.entry.updated',
          'content.entry.published',
          'content.entry.unpublished',
          'content.entry.deleted',
          'content.entry.restored',
          'content.entry.purged',
          'content.type.created',
          'content.type.updated',
          'content.type.deleted',
          'content.release.published',
          'content.release.failed',
        ]),
      );
      expect(response.body.data[0]).toEqual({
        name: expect.any(String),
        description: expect.any(String),
        plugin: 'content',
      });
      // Locks and webhooks' own configuration events are not offered.
      expect(names).not.toContain('content.entry.locked');
      expect(names.filter((n: string) => n.startsWith('webhooks.'))).toEqual([]);
    });

    it('needs a credential', async () => {
      await sut.http.get('/api/v1/webhook-events').expect(401);
    });
  });

  describe('refusing private destinations when a webhook is stored', () => {
    it.each([
      ['a loopback address', 'http://127.0.0.1:8080/hook'],
      ['another loopback address', 'http://127.0.0.2/hook'],
      ['a private address', 'http://10.0.0.1/hook'],
      ['a private class-B address', 'https://172.16.0.5/hook'],
      ['the cloud metadata service', 'http://169.254.169.254/latest/meta-data/'],
      ['the IPv6 loopback', 'http://[::1]:3000/hook'],
      ['an IPv4-mapped loopback', 'http://[::ffff:127.0.0.1]/hook'],
      ['localhost', 'http://localhost:3000/hook'],
      ['a decimal loopback literal', 'http://2130706433/hook'],
      ['an octal private literal', 'http://012.0.0.1/hook'],
      ['the unspecified address', 'http://0.0.0.0/hook'],
      ['a unique-local IPv6 address', 'http://[fd12:3456::1]/hook'],
      ['a carrier-grade NAT address', 'http://100.64.1.1/hook'],
    ])('refuses %s (%s) with webhooks.url-not-allowed naming url', async (_what, url) => {
      const response = await create({ ...valid, url }).expect(400);

      expect(response.body).toMatchObject({
        type: 'urn:quire:problem:webhooks.url-not-allowed',
        status: 400,
        errors: [{ path: 'url', message: expect.stringContaining('which this installation does not allow') }],
      });
    });

    it('refuses what is not an http(s) URL, and credentials in the URL', async () => {
      for (const url of [
        'ftp://hooks.example.com/x',
        'file:///etc/passwd',
        'not a url',
        'https://u:p@hooks.example.com/',
      ]) {
        const response = await create({ ...valid, url }).expect(400);
        expect([url, response.body.type, response.body.errors[0].path]).toEqual([
          url,
          'urn:quire:problem:webhooks.url-not-allowed',
          'url',
        ]);
      }
    });

    it('refuses a private URL on update too, and the webhook keeps its URL', async () => {
      const { id } = (await create(valid).expect(201)).body;

      const response = await sut.http.patch(`${base}/${id}`).set(bearer(owner)).send({ url: 'http://192.168.1.1/' });

      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([{ path: 'url', message: expect.stringContaining('192.168.1.1') }]);
      expect((await sut.http.get(`${base}/${id}`).set(bearer(owner)).expect(200)).body.url).toBe(valid.url);
      await sut.http.delete(`${base}/${id}`).set(bearer(owner)).expect(204);
    });

    it('accepts a loopback receiver once the installation allows its network', async () => {
      const allowing = await createTestApp({
        plugins: [IdentityPlugin, WorkspacesPlugin, ContentPlugin, WebhooksPlugin],
        env: { OUTBOUND_ALLOWED_NETWORKS: '127.0.0.1/32' },
        database: sut.database,
      });
      try {
        const response = await allowing.http
          .post(base)
          .set(bearer(owner))
          .send({ ...valid, url: `${receiver.url}/hook`, events: ['*'] });
        expect(response.status).toBe(201);
        expect(response.body.url).toBe(`${receiver.url}/hook`);
        const refused = await allowing.http
          .post(base)
          .set(bearer(owner))
          .send({ ...valid, url: 'http://127.0.0.2/hook' })
          .expect(400);
        expect(refused.body.type).toBe('urn:quire:problem:webhooks.url-not-allowed');
        await allowing.http.delete(`${base}/${response.body.id}`).set(bearer(owner)).expect(204);
      } finally {
        await allowing.close();
      }
    });
  });

  describe('events a webhook subscribes to', () => {
    it('refuses an unknown event name, naming the field', async () => {
      const response = await create({
        ...valid,
        events: ['content.entry.published', 'content.entry.exploded', 'media.*', 'Content.Entry', '**'],
      }).expect(400);

      expectValidationProblem(response, ['events[1]', 'events[2]', 'events[3]', 'events[4]']);
      expect(response.body.errors.map((e: { path: string }) => e.path)).not.toContain('events[0]');
      expect(response.body.errors[0].message).toContain('unknown event "content.entry.exploded"');
    });

    it('refuses an empty list and a missing url', async () => {
      const response = await create({ events: [] }).expect(400);

      expectValidationProblem(response, ['url', 'events']);
    });

    it('accepts names and patterns, dropping duplicates', async () => {
      const response = await create({
        ...valid,
        events: ['content.entry.*', 'content.type.created', 'content.entry.*', '*'],
      }).expect(201);

      expect(response.body.events).toEqual(['content.entry.*', 'content.type.created', '*']);
      await sut.http.delete(`${base}/${response.body.id}`).set(bearer(owner)).expect(204);
    });
  });

  describe('managing webhooks', () => {
    it('creates with a secret shown once and stored sealed, lists, changes and deletes', async () => {
      const created = await create({ ...valid, description: 'Build', contentTypes: ['article', 'article'] }).expect(
        201,
      );
      const { id, secret } = created.body;
      expect(created.body).toMatchObject({
        url: valid.url,
        events: valid.events,
        contentTypes: ['article'],
        description: 'Build',
        enabled: true,
        deadDeliveriesInARow: 0,
        createdBy: owner.userId,
      });
      expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);

      const [row] = await sut.dataSource.query(`SELECT secret_ciphertext FROM webhook_subscriptions WHERE id = $1`, [
        id,
      ]);
      expect(row.secret_ciphertext).toMatch(/^v1:/);
      expect(row.secret_ciphertext).not.toContain(secret.slice(6));
      const shown = await sut.http.get(`${base}/${id}`).set(bearer(owner)).expect(200);
      const listed = await sut.http.get(base).query({ 'filter[enabled]': 'true' }).set(bearer(owner)).expect(200);
      expect(JSON.stringify([shown.body, listed.body])).not.toContain(secret);
      expect(listed.body.data.map((w: { id: string }) => w.id)).toContain(id);

      const changed = await sut.http
        .patch(`${base}/${id}`)
        .set(bearer(owner))
        .send({ events: ['content.*'], description: 'Rebuild', contentTypes: null, enabled: false })
        .expect(200);
      expect(changed.body).toMatchObject({
        events: ['content.*'],
        description: 'Rebuild',
        contentTypes: null,
        enabled: false,
      });

      await sut.http.delete(`${base}/${id}`).set(bearer(owner)).expect(204);
      const gone = await sut.http.get(`${base}/${id}`).set(bearer(owner)).expect(404);
      expect(gone.body.type).toBe('urn:quire:problem:webhooks.subscription-not-found');

      const events = await sut.dataSource.query(
        `SELECT event_name, payload FROM quire_outbox WHERE payload->>'subscriptionId' = $1 ORDER BY id`,
        [id],
      );
      expect(events).toEqual([
        {
          event_name: 'webhooks.subscription.created',
          payload: { subscriptionId: id, url: valid.url, events: valid.events },
        },
        {
          event_name: 'webhooks.subscription.updated',
          payload: {
            subscriptionId: id,
            url: valid.url,
            changed: ['events', 'contentTypes', 'description', 'enabled'],
            changes: {
              events: { before: valid.events, after: ['content.*'] },
              contentTypes: { before: ['article'], after: null },
              description: { before: 'Build', after: 'Rebuild' },
              enabled: { before: true, after: false },
            },
          },
        },
        { event_name: 'webhooks.subscription.deleted', payload: { subscriptionId: id, url: valid.url } },
      ]);
    });

    it('rotates the secret: a new one, answered once, recorded without the secret', async () => {
      const { id, secret } = (
        await create({ ...valid, url: 'https://hooks.quire-test.invalid/x?token=abc' }).expect(201)
      ).body;

      const rotated = await sut.http.post(`${base}/${id}/rotate-secret`).set(bearer(owner)).expect(200);

      expect(rotated.body.secret).toMatch(/^whsec_/);
      expect(rotated.body.secret).not.toBe(secret);
      const events = await sut.dataSource.query(
        `SELECT event_name, payload::text AS payload FROM quire_outbox WHERE payload->>'subscriptionId' = $1 ORDER BY id`,
        [id],
      );
      expect(events.map((e: { event_name: string }) => e.event_name)).toEqual([
        'webhooks.subscription.created',
        'webhooks.secret.rotated',
      ]);
      // Neither secret nor the URL's query string reaches the event log.
      const logged = events.map((e: { payload: string }) => e.payload).join('\n');
      for (const hidden of [secret, rotated.body.secret, 'token=abc']) expect(logged).not.toContain(hidden);
      expect(logged).toContain('https://hooks.quire-test.invalid/x?…');
      await sut.http.delete(`${base}/${id}`).set(bearer(owner)).expect(204);
    });

    it('answers unknown ids, malformed ids and unknown deliveries with 404s and 400s', async () => {
      const { id } = (await create(valid).expect(201)).body;
      const unknown = '0192f0c4-7a3e-7c1d-8e2f-123456789abc';

      await sut.http.get(`${base}/${unknown}`).set(bearer(owner)).expect(404);
      expectValidationProblem(await sut.http.get(`${base}/not-a-uuid`).set(bearer(owner)).expect(400), ['id']);
      const delivery = await sut.http.get(`${base}/${id}/deliveries/${unknown}`).set(bearer(owner)).expect(404);
      expect(delivery.body.type).toBe('urn:quire:problem:webhooks.delivery-not-found');
      await sut.http.post(`${base}/${id}/deliveries/${unknown}/replay`).set(bearer(owner)).expect(404);
      expectValidationProblem(
        await sut.http.get(`${base}/${id}/deliveries?filter[secret]=1`).set(bearer(owner)).expect(400),
        ['filter[secret]'],
      );
      await sut.http.delete(`${base}/${id}`).set(bearer(owner)).expect(204);
    });

    it('refuses more webhooks than a workspace may have', async () => {
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) ids.push((await create(valid).expect(201)).body.id);

      const response = await create(valid).expect(409);

      expect(response.body).toMatchObject({ type: 'urn:quire:problem:webhooks.limit-reached', limit: 3 });
      for (const id of ids) await sut.http.delete(`${base}/${id}`).set(bearer(owner)).expect(204);
    });
  });

  describe('the delivery log retention', () => {
    it('erases finished deliveries older than 30 days with their attempts, and keeps the rest', async () => {
      const { id } = (await create(valid).expect(201)).body;
      const insert = async (status: string, ageDays: number): Promise<string> => {
        const deliveryId = uuidv7();
        await sut.dataSource.query(
          `INSERT INTO webhook_deliveries
             (id, workspace_id, subscription_id, event_id, event_name, body, status, max_attempts, created_at)
           VALUES ($1, $2, $3, $4, 'content.entry.published', '{}', $5, 3, now() - make_interval(days => $6))`,
          [deliveryId, workspace.id, id, uuidv7(), status, ageDays],
        );
        await sut.dataSource.query(
          `INSERT INTO webhook_delivery_attempts
             (id, workspace_id, delivery_id, attempt, started_at, duration_ms, url, outcome)
           VALUES ($1, $2, $3, 1, now(), 5, 'https://hooks.quire-test.invalid/', 'failed')`,
          [uuidv7(), workspace.id, deliveryId],
        );
        return deliveryId;
      };
      const oldSucceeded = await insert('succeeded', 31);
      const oldDead = await insert('dead', 45);
      const oldRetrying = await insert('retrying', 31);
      const recentDead = await insert('dead', 29);

      // The compliance retention engine runs the policy, as its daily job does.
      const operator = await signUp(sut, 'operator');
      await sut.dataSource.query(`UPDATE identity_users SET platform_admin = true WHERE id = $1`, [operator.userId]);
      const run = await sut.http
        .post('/api/v1/retention/runs')
        .set(bearer(operator))
        .send({ policies: ['webhooks.delivery-log'] })
        .expect(200);

      expect(run.body).toMatchObject({
        status: 'succeeded',
        results: [{ policy: 'webhooks.delivery-log', rowsAffected: 2 }],
      });
      const left = await sut.dataSource.query(`SELECT id FROM webhook_deliveries WHERE subscription_id = $1`, [id]);
      expect(left.map((row: { id: string }) => row.id).sort()).toEqual([oldRetrying, recentDead].sort());
      const attempts = await sut.dataSource.query(
        `SELECT count(*)::int AS count FROM webhook_delivery_attempts WHERE delivery_id = ANY($1::uuid[])`,
        [[oldSucceeded, oldDead]],
      );
      expect(attempts).toEqual([{ count: 0 }]);
      await sut.http.delete(`${base}/${id}`).set(bearer(owner)).expect(204);
    });
  });

  describe('who may', () => {
    it('lets an admin manage webhooks, and refuses weaker roles with 403', async () => {
      const admin = await member(sut, workspace, 'admin');
      const { id } = (await create(valid, admin).expect(201)).body;

      for (const role of ['editor', 'author', 'reviewer', 'viewer', 'auditor']) {
        const weaker = await member(sut, workspace, role);
        const attempts = [
          sut.http.get(base).set(bearer(weaker)),
          sut.http.post(base).set(bearer(weaker)).send(valid),
          sut.http.get(`${base}/${id}`).set(bearer(weaker)),
          sut.http.patch(`${base}/${id}`).set(bearer(weaker)).send({ enabled: false }),
          sut.http.delete(`${base}/${id}`).set(bearer(weaker)),
          sut.http.post(`${base}/${id}/rotate-secret`).set(bearer(weaker)),
          sut.http.get(`${base}/${id}/deliveries`).set(bearer(weaker)),
          sut.http.get(`${base}/dead-letters`).set(bearer(weaker)),
        ];
        for (const response of await Promise.all(attempts)) {
          expect([role, response.status, response.body.type]).toEqual([role, 403, 'urn:quire:problem:core.forbidden']);
        }
      }
      await sut.http.delete(`${base}/${id}`).set(bearer(admin)).expect(204);
    });

    it("refuses another workspace's owner: its routes answer 404, and its own routes do not reach our ids", async () => {
      const { id } = (await create(valid).expect(201)).body;
      const stranger = await signUp(sut, 'stranger');
      const theirs = await newWorkspace(sut, stranger);

      await sut.http.get(`${base}/${id}`).set(bearer(stranger)).expect(404);
      await sut.http.get(base).set(bearer(stranger)).expect(404);
      const own = `/api/v1/workspaces/${theirs.slug}/webhooks/${id}`;
      for (const response of [
        await sut.http.get(own).set(bearer(stranger)),
        await sut.http.patch(own).set(bearer(stranger)).send({ url: 'https://evil.quire-test.invalid/' }),
        await sut.http.post(`${own}/rotate-secret`).set(bearer(stranger)),
        await sut.http.post(`${own}/ping`).set(bearer(stranger)),
        await sut.http.delete(own).set(bearer(stranger)),
      ]) {
        expect([response.status, response.body.type]).toEqual([
          404,
          'urn:quire:problem:webhooks.subscription-not-found',
        ]);
      }
      expect((await sut.http.get(`${base}/${id}`).set(bearer(owner)).expect(200)).body.url).toBe(valid.url);
      await sut.http.delete(`${base}/${id}`).set(bearer(owner)).expect(204);
    });
  });
});
