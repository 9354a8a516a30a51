import { loadConfig, uuidv7 } from '@quire/core';
import { ContentPlugin } from '@quire/content';
import { IdentityPlugin, identityOptionsFromConfig } from '@quire/identity';
import { createTestApp, startSmtpMailbox, type SmtpMailbox, type TestApp } from '@quire/testing';
import { WebhooksPlugin } from '@quire/webhooks';
import { WorkspacesPlugin } from '@quire/workspaces';
import { WebhookDeliveryWorker } from '../src/delivery/webhook-delivery.worker';
import {
  bearer,
  contentHelpers,
  member,
  newWorkspace,
  signUp,
  startReceiver,
  verifierFromDocs,
  webhookApi,
  type Account,
  type Receiver,
  type SignatureVerifier,
  type Workspace,
} from './webhook-support';

/**
 * Deliveries end to end: real content events through the API, the kernel's outbox and queue, a real HTTP receiver
 * on loopback (allowed with OUTBOUND_ALLOWED_NETWORKS=127.0.0.1/32), the signature checked with the code of
 * docs/webhooks.md, a real SMTP server for the mail to admins. Small retry settings keep the suite short.
 */
describe('Webhook deliveries', () => {
  let sut: TestApp;
  let smtp: SmtpMailbox;
  let receiver: Receiver;
  let forbidden: Receiver;
  let verify: SignatureVerifier;

  beforeAll(async () => {
    smtp = await startSmtpMailbox();
    receiver = await startReceiver('127.0.0.1');
    // Loopback too, but not in the allowed networks: nothing may ever reach it.
    forbidden = await startReceiver('127.0.0.2');
    verify = verifierFromDocs();
    const env = { SMTP_URL: smtp.url, OUTBOUND_ALLOWED_NETWORKS: '127.0.0.1/32' };
    sut = await createTestApp({
      plugins: [
        IdentityPlugin.with(identityOptionsFromConfig(loadConfig(env))),
        WorkspacesPlugin,
        ContentPlugin,
        WebhooksPlugin.with({
          retryLimit: 2,
          retryDelaySeconds: 1,
          timeoutMs: 1000,
          maxResponseBytes: 1024,
          disableAfterDeadDeliveries: 2,
        }),
      ],
      env,
    });
  });
  afterAll(async () => {
    await sut?.close();
    await receiver?.close();
    await forbidden?.close();
    await smtp?.close();
  });

  let paths = 0;
  /** A workspace with an owner and a webhook to a fresh receiver path answering as `behaviour` says. */
  async function setUp(
    behaviour: Parameters<Receiver['on']>[1],
    body: Record<string, unknown> = { events: ['content.entry.*'] },
  ) {
    const owner = await signUp(sut, 'owner');
    const workspace = await newWorkspace(sut, owner);
    const api = webhookApi(sut, workspace, owner);
    const path = `/hooks/${++paths}`;
    const url = receiver.on(path, behaviour);
    const webhook = await api.create({ url, ...body });
    return { owner, workspace, api, path, url, webhook, content: contentHelpers(sut, workspace, owner) };
  }
  const ping = (workspace: Workspace, owner: Account, webhookId: string) =>
    sut.http.post(`/api/v1/workspaces/${workspace.slug}/webhooks/${webhookId}/ping`).set(bearer(owner));

  it('delivers content events created and published through the API, signed as the docs verify', async () => {
    const { owner, workspace, api, path, webhook, content } = await setUp(() => ({ status: 204 }));
    await content.type('article');
    const entryId = await content.entry('article', 'Hello webhooks');
    await content.publish(entryId);

    const [created, published] = await api.settled(webhook.id, 2);
    expect([created, published].map((d) => [d.event, d.status])).toEqual([
      ['content.entry.created', 'succeeded'],
      ['content.entry.published', 'succeeded'],
    ]);

    const requests = receiver.requests(path);
    expect(requests.map((r) => r.headers['quire-event'])).toEqual(['content.entry.created', 'content.entry.published']);
    const request = requests[1];
    expect(verify(webhook.secret, request.headers['quire-signature'], request.rawBody)).toEqual(request.json);
    expect(request.headers).toMatchObject({
      'content-type': 'application/json',
      'quire-webhook-id': webhook.id,
      'quire-delivery-id': published.id,
      'quire-event': 'content.entry.published',
      'quire-attempt': '1',
      'quire-signature': expect.stringMatching(/^t=\d+,v1=[0-9a-f]{64}$/),
    });
    expect(request.json).toEqual({
      id: published.eventId,
      event: 'content.entry.published',
      occurredAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      workspace: { id: workspace.id, slug: workspace.slug },
      actor: { type: 'user', id: owner.userId },
      data: { entryId, contentType: 'article', locale: 'en', revision: expect.any(Number) },
    });
    // The payload's id is the event's: it is the outbox row the publish wrote.
    const [outbox] = await sut.dataSource.query(`SELECT event_name FROM quire_outbox WHERE id = $1`, [
      published.eventId,
    ]);
    expect(outbox).toEqual({ event_name: 'content.entry.published' });

    // The documented check refuses a tampered body, a wrong secret and a stale timestamp.
    const header = String(request.headers['quire-signature']);
    expect(() => verify(webhook.secret, header, Buffer.from(`${request.rawBody.toString()} `))).toThrow(
      'No valid signature',
    );
    expect(() => verify('whsec_wrong', header, request.rawBody)).toThrow('No valid signature');
    expect(() => verify(webhook.secret, header, request.rawBody, -1)).toThrow('Timestamp outside the tolerance');

    const detail = await api.delivery(webhook.id, published.id);
    expect(detail.payload).toEqual(request.json);
    expect(detail.attempts).toEqual([
      {
        attempt: 1,
        startedAt: expect.any(String),
        durationMs: expect.any(Number),
        url: `${receiver.url}${path}`,
        responseStatus: 204,
        responseExcerpt: null,
        error: null,
        outcome: 'succeeded',
      },
    ]);
  });

  it('sends only the events and content types a webhook subscribes to', async () => {
    const { api, path, webhook, content } = await setUp(() => ({ status: 200 }), {
      events: ['content.entry.published'],
      contentTypes: ['news'],
    });
    await content.type('article');
    await content.type('news');
    await content.publish(await content.entry('article', 'Not this one'));
    await content.publish(await content.entry('news', 'This one'));

    const [delivery] = await api.settled(webhook.id, 1);
    expect(delivery.event).toBe('content.entry.published');
    expect(receiver.requests(path).map((r) => (r.json.data as { contentType: string }).contentType)).toEqual(['news']);
    expect(await api.deliveries(webhook.id)).toHaveLength(1);
  });

  it('retries after a failing receiver and logs every attempt with its status and timing', async () => {
    const { owner, workspace, api, path, webhook } = await setUp((i) =>
      i === 0 ? { status: 500, body: 'database down' } : { status: 200, body: 'ok' },
    );
    await ping(workspace, owner, webhook.id).expect(202);

    const [delivery] = await api.settled(webhook.id);
    const detail = await api.delivery(webhook.id, delivery.id);

    expect(detail).toMatchObject({ status: 'succeeded', attemptCount: 2, lastStatus: 200, lastError: null });
    expect(detail.attempts.map((a) => [a.attempt, a.responseStatus, a.outcome, a.error, a.responseExcerpt])).toEqual([
      [1, 500, 'failed', 'HTTP 500', 'database down'],
      [2, 200, 'succeeded', null, 'ok'],
    ]);
    for (const attempt of detail.attempts) expect(attempt.durationMs).toBeGreaterThanOrEqual(0);
    // Each attempt is signed anew and numbered; the payload is the same.
    const [first, second] = receiver.requests(path);
    expect([first.headers['quire-attempt'], second.headers['quire-attempt']]).toEqual(['1', '2']);
    expect(second.rawBody.equals(first.rawBody)).toBe(true);
    expect(verify(webhook.secret, second.headers['quire-signature'], second.rawBody)).toMatchObject({
      event: 'webhooks.subscription.pinged',
      data: { webhookId: webhook.id },
    });
  });

  it('ends in the dead-letter list after the last retry; a replay sends the same payload again', async () => {
    let healthy = false;
    const { owner, workspace, api, path, webhook } = await setUp(() =>
      healthy ? { status: 200 } : { status: 503, body: 'maintenance' },
    );
    await ping(workspace, owner, webhook.id).expect(202);

    const [dead] = await api.settled(webhook.id);
    expect(dead).toMatchObject({ status: 'dead', attemptCount: 3, maxAttempts: 3, lastStatus: 503 });
    const deadLetters = await sut.http
      .get(`${api.base}/dead-letters`)
      .query({ 'filter[webhookId]': webhook.id })
      .set(bearer(owner))
      .expect(200);
    expect(deadLetters.body.data.map((d: { id: string }) => d.id)).toEqual([dead.id]);
    expect(
      (await api.deliveries(webhook.id, '?filter[status]=dead&fields=id,status')).map((d) => Object.keys(d).sort()),
    ).toEqual([['id', 'status']]);

    healthy = true;
    const replay = await sut.http
      .post(`${api.base}/${webhook.id}/deliveries/${dead.id}/replay`)
      .set(bearer(owner))
      .expect(202);
    expect(replay.body).toMatchObject({ replayOf: dead.id, eventId: dead.eventId, status: 'pending' });

    await api.settled(webhook.id, 1, (d) => d.id === replay.body.id && d.status === 'succeeded');
    const requests = receiver.requests(path);
    const last = requests[requests.length - 1];
    expect(requests).toHaveLength(4);
    expect(last.headers['quire-delivery-id']).toBe(replay.body.id);
    expect(last.rawBody.equals(requests[0].rawBody)).toBe(true);
    expect(verify(webhook.secret, last.headers['quire-signature'], last.rawBody)).toMatchObject({ id: dead.eventId });
    // The dead letter stays what it was; the workspace's event log has the replay.
    expect((await api.delivery(webhook.id, dead.id)).status).toBe('dead');
    const [event] = await sut.dataSource.query(
      `SELECT payload FROM quire_outbox WHERE event_name = 'webhooks.delivery.replayed' AND payload->>'replayOf' = $1`,
      [dead.id],
    );
    expect(event.payload).toEqual({ subscriptionId: webhook.id, deliveryId: replay.body.id, replayOf: dead.id });
  });

  it('disables a webhook after dead deliveries in a row, mails owners and admins, and is enabled again', async () => {
    const { owner, workspace, api, path, webhook } = await setUp(() => ({ status: 500 }));
    const admin = await member(sut, workspace, 'admin');
    const editor = await member(sut, workspace, 'editor');

    await ping(workspace, owner, webhook.id).expect(202);
    await api.settled(webhook.id, 1);
    await ping(workspace, owner, webhook.id).expect(202);
    await api.settled(webhook.id, 2);

    const disabled = (await sut.http.get(`${api.base}/${webhook.id}`).set(bearer(owner)).expect(200)).body;
    expect(disabled).toMatchObject({
      enabled: false,
      deadDeliveriesInARow: 2,
      disabledReason: '2 deliveries in a row failed every attempt; the last error: HTTP 500',
      disabledAt: expect.any(String),
    });
    for (const to of [owner.email, admin.email]) {
      const mail = await smtp.waitForMail(to, 'was disabled');
      expect(mail.subject).toBe('A webhook of Hooks Inc on Quire was disabled');
      expect(mail.text).toContain(`the webhook to ${receiver.url}${path}`);
      expect(mail.text).toContain('The last error was: HTTP 500');
    }
    expect(smtp.mailsTo(editor.email, 'was disabled')).toEqual([]);
    const [event] = await sut.dataSource.query(
      `SELECT payload FROM quire_outbox WHERE event_name = 'webhooks.subscription.disabled' AND workspace_id = $1`,
      [workspace.id],
    );
    expect(event.payload).toEqual({
      subscriptionId: webhook.id,
      url: `${receiver.url}${path}`,
      deadDeliveries: 2,
      reason: 'HTTP 500',
    });

    // Disabled: nothing is sent, and asking for it is a conflict.
    const refused = await ping(workspace, owner, webhook.id).expect(409);
    expect(refused.body.type).toBe('urn:quire:problem:webhooks.subscription-disabled');

    const enabled = await sut.http
      .patch(`${api.base}/${webhook.id}`)
      .set(bearer(owner))
      .send({ enabled: true })
      .expect(200);
    expect(enabled.body).toMatchObject({
      enabled: true,
      deadDeliveriesInARow: 0,
      disabledReason: null,
      disabledAt: null,
    });
    await ping(workspace, owner, webhook.id).expect(202);
    await api.settled(webhook.id, 3);
    expect((await sut.http.get(`${api.base}/${webhook.id}`).set(bearer(owner)).expect(200)).body).toMatchObject({
      enabled: true,
      deadDeliveriesInARow: 1,
    });
  });

  it('refuses, at delivery time, a redirect from the allowed receiver to a loopback address that is not allowed', async () => {
    const target = `${forbidden.url}/internal`;
    const { owner, workspace, api, path, webhook } = await setUp(() => ({
      status: 307,
      headers: { location: target },
    }));
    await ping(workspace, owner, webhook.id).expect(202);

    const [dead] = await api.settled(webhook.id);
    const detail = await api.delivery(webhook.id, dead.id);

    expect(detail.status).toBe('dead');
    expect(detail.attempts).toHaveLength(3);
    for (const attempt of detail.attempts) {
      expect(attempt).toMatchObject({ outcome: 'failed', url: target, responseStatus: null });
      expect(attempt.error).toMatch(/^address-refused: 127\.0\.0\.2 is a loopback address, which this installation/);
    }
    expect(receiver.requests(path)).toHaveLength(3);
    expect(forbidden.connections).toBe(0);
  });

  it('refuses an address that became private after the webhook was stored, when it sends', async () => {
    const { owner, workspace, api, webhook } = await setUp(() => ({ status: 200 }));
    // As if the URL's name now resolved elsewhere, or the installation's allowed networks changed.
    await sut.dataSource.query(`UPDATE webhook_subscriptions SET url = $2 WHERE id = $1`, [
      webhook.id,
      `${forbidden.url}/hook`,
    ]);
    await ping(workspace, owner, webhook.id).expect(202);

    const [dead] = await api.settled(webhook.id);
    const detail = await api.delivery(webhook.id, dead.id);

    expect(detail.attempts.map((a) => a.error?.split(':')[0])).toEqual([
      'address-refused',
      'address-refused',
      'address-refused',
    ]);
    expect(forbidden.connections).toBe(0);
  });

  it('records a receiver that does not answer in time, and one that answers too much, as failed attempts', async () => {
    const slow = await setUp(() => 'hang');
    const large = await setUp(() => 'large');
    await ping(slow.workspace, slow.owner, slow.webhook.id).expect(202);
    await ping(large.workspace, large.owner, large.webhook.id).expect(202);

    const [timedOut] = await slow.api.settled(slow.webhook.id);
    const [tooLarge] = await large.api.settled(large.webhook.id);

    const slowAttempts = (await slow.api.delivery(slow.webhook.id, timedOut.id)).attempts;
    expect(timedOut).toMatchObject({ status: 'dead', attemptCount: 3 });
    expect(slowAttempts[0]).toMatchObject({
      outcome: 'failed',
      responseStatus: null,
      error: 'timeout: no complete response within the time limit',
    });
    const largeAttempts = (await large.api.delivery(large.webhook.id, tooLarge.id)).attempts;
    expect(tooLarge).toMatchObject({ status: 'dead', lastStatus: 200 });
    expect(largeAttempts[0]).toMatchObject({
      outcome: 'failed',
      responseStatus: 200,
      error: 'response-too-large: response body larger than 1024 bytes',
    });
    expect(largeAttempts[0].responseExcerpt).toBe('y'.repeat(1024));
  });

  it('signs with the new and the previous secret for a while after a rotation', async () => {
    const { owner, workspace, api, path, webhook } = await setUp(() => ({ status: 200 }));
    const rotated = await sut.http.post(`${api.base}/${webhook.id}/rotate-secret`).set(bearer(owner)).expect(200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(webhook.secret);

    await ping(workspace, owner, webhook.id).expect(202);
    await api.settled(webhook.id);

    const [request] = receiver.requests(path);
    expect(String(request.headers['quire-signature'])).toMatch(/^t=\d+,v1=[0-9a-f]{64},v1=[0-9a-f]{64}$/);
    expect(verify(rotated.body.secret, request.headers['quire-signature'], request.rawBody)).toEqual(request.json);
    expect(verify(webhook.secret, request.headers['quire-signature'], request.rawBody)).toEqual(request.json);
  });

  it('sends nothing for other workspaces or while disabled, and cancels a delivery that falls due while disabled', async () => {
    const { owner, workspace, api, path, webhook, content } = await setUp(() => ({ status: 200 }));
    const other = await setUp(() => ({ status: 200 }));
    await other.content.type('article');
    await other.content.entry('article', 'Elsewhere');
    await other.api.settled(other.webhook.id);
    expect(receiver.requests(path)).toEqual([]);

    await content.type('article');
    await sut.http.patch(`${api.base}/${webhook.id}`).set(bearer(owner)).send({ enabled: false }).expect(200);
    await content.entry('article', 'While disabled');
    await ping(workspace, owner, webhook.id).expect(409);
    // A delivery queued before the webhook was disabled, whose attempt comes now.
    const deliveryId = uuidv7();
    await sut.dataSource.query(
      `INSERT INTO webhook_deliveries (id, workspace_id, subscription_id, event_id, event_name, body, max_attempts)
       VALUES ($1, $2, $3, $4, 'content.entry.created', '{"id":"queued"}', 3)`,
      [deliveryId, workspace.id, webhook.id, uuidv7()],
    );
    await sut.app.get(WebhookDeliveryWorker).deliver({ deliveryId, workspaceId: workspace.id }, 0);

    expect(await api.deliveries(webhook.id)).toEqual([
      expect.objectContaining({
        id: deliveryId,
        status: 'cancelled',
        attemptCount: 0,
        lastError: 'the webhook was disabled before this delivery was sent',
      }),
    ]);
    expect(receiver.requests(path)).toEqual([]);

    // Enabled again, the cancelled delivery can be replayed.
    await sut.http.patch(`${api.base}/${webhook.id}`).set(bearer(owner)).send({ enabled: true }).expect(200);
    const replay = await sut.http
      .post(`${api.base}/${webhook.id}/deliveries/${deliveryId}/replay`)
      .set(bearer(owner))
      .expect(202);
    await api.settled(webhook.id, 1, (d) => d.id === replay.body.id && d.status === 'succeeded');
    expect(receiver.requests(path).map((r) => r.rawBody.toString())).toEqual(['{"id":"queued"}']);
  });
});
