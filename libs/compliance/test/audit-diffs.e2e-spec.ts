import { definePlugin, EventBus, loadConfig, RequestContext, type QuireEventName } from '@quire/core';
import {
  createTestApp,
  startSmtpMailbox,
  testAccounts,
  type SmtpMailbox,
  type TestAccount,
  type TestApp,
  type TestWorkspace,
} from '@quire/testing';
import { WorkspacesResolver } from '@quire/workspaces';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { plugins } from '../../../apps/api/src/quire.config';
import { REDACTED } from '../src/audit-log/audit-redaction';

type Row = Record<string, unknown>;

/** A customer's plugin that declares a sensitive column, as any plugin may: its diffs must never show the value. */
@Entity({ name: 'acme_patients' })
class AcmePatient {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'user_id', type: 'uuid' }) userId!: string;
  @Column({ name: 'blood_type', type: 'text' }) bloodType!: string;
}

const AcmePatientsPlugin = definePlugin({
  name: 'acme-patients',
  version: '1.0.0',
  entities: [AcmePatient],
  dataInventory: [
    {
      table: 'acme_patients',
      subjectColumn: 'user_id',
      fields: [
        { column: 'user_id', category: 'identity' },
        { column: 'blood_type', category: 'profile', sensitive: true, description: 'Health data (GDPR art. 9)' },
      ],
      purpose: 'Care',
      legalBasis: 'consent',
      retention: 'While the account is open',
      onErasure: 'delete',
    },
  ],
});

/** 1×1 transparent PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/**
 * Field-level before/after in the audit log, end to end: real updates through the API of each plugin, and the record
 * each leaves, with only the fields that changed, secrets and declared-sensitive fields redacted.
 */
describe('Audit log: field-level diffs', () => {
  let sut: TestApp;
  let smtp: SmtpMailbox;
  let owner: TestAccount;
  let workspace: TestWorkspace;
  const { signUp, newWorkspace, bearer } = testAccounts(() => sut);
  const ws = () => `/api/v1/workspaces/${workspace.slug}`;

  /** The audit records of `action` in the workspace, oldest first, read through the audit-log API. */
  async function recordsOf(action: string, subjectId?: string): Promise<Row[]> {
    const query: Record<string, string> = { 'filter[action]': action, sort: 'occurredAt', pageSize: '200' };
    if (subjectId) query['filter[subjectId]'] = subjectId;
    const response = await sut.http.get(`${ws()}/audit-log`).query(query).set(bearer(owner)).expect(200);
    return response.body.data as Row[];
  }

  beforeAll(async () => {
    smtp = await startSmtpMailbox();
    const env = { SMTP_URL: smtp.url, OUTBOUND_ALLOWED_NETWORKS: '127.0.0.1/32', TRUST_PROXY: 'loopback' };
    sut = await createTestApp({ plugins: [...plugins(loadConfig(env)), AcmePatientsPlugin], env });
    owner = await signUp('owner');
    workspace = await newWorkspace(owner, { name: 'Diffs' });
  });
  afterAll(async () => {
    await sut?.close();
    await smtp?.close();
  });

  it('records a workspace rename with the name before and after, and nothing unchanged', async () => {
    await sut.http.patch(ws()).set(bearer(owner)).send({ name: 'Diffs Renamed', timeZone: 'UTC' }).expect(200);
    const [record] = await recordsOf('workspaces.workspace.updated');
    expect(record).toMatchObject({
      actorId: owner.userId,
      subjectType: 'workspaces.workspace',
      subjectId: workspace.id,
    });
    // The time zone was sent unchanged: only the name is in the diff.
    expect(record!['changes']).toEqual({ name: { before: 'Diffs', after: 'Diffs Renamed' } });
  });

  it('records an entry draft edit with the changed field only', async () => {
    await sut.http
      .post(`${ws()}/content-types`)
      .set(bearer(owner))
      .send({
        apiId: 'article',
        kind: 'collection',
        name: 'Article',
        fields: [
          { name: 'title', type: 'text' },
          { name: 'body', type: 'text' },
        ],
      })
      .expect(201);
    const entry = await sut.http
      .post(`${ws()}/content-types/article/entries`)
      .set(bearer(owner))
      .send({ data: { title: 'First title', body: 'Unchanged body' } })
      .expect(201);
    const id = entry.body.id as string;
    await sut.http
      .patch(`${ws()}/entries/${id}`)
      .set(bearer(owner))
      .send({ locale: 'en', data: { title: 'Second title', body: 'Unchanged body' } })
      .expect(200);
    const [record] = await recordsOf('content.entry.updated', id);
    expect(record!['changes']).toEqual({ title: { before: 'First title', after: 'Second title' } });
    // Content events promise receivers no field values: the diff is the audit log's alone.
    const [event]: Array<{ payload: Row }> = await sut.dataSource.query(
      `SELECT payload FROM quire_outbox WHERE event_name = 'content.entry.updated' AND payload->>'entryId' = $1`,
      [id],
    );
    expect(event!.payload).not.toHaveProperty('changes');
    expect(JSON.stringify(event!.payload)).not.toContain('Second title');
  });

  it('records a content type change with the changed field definition', async () => {
    await sut.http
      .put(`${ws()}/content-types/article`)
      .set(bearer(owner))
      .send({
        definition: {
          apiId: 'article',
          name: 'Article',
          kind: 'collection',
          fields: [
            { name: 'title', type: 'text', required: true },
            { name: 'body', type: 'text' },
          ],
        },
      })
      .expect(200);
    const [record] = await recordsOf('content.type.updated');
    expect(record!['changes']).toEqual({
      'fields.title': {
        before: expect.not.objectContaining({ required: true }),
        after: expect.objectContaining({ name: 'title', type: 'text', required: true }),
      },
    });
  });

  it('records a media alt-text edit', async () => {
    const uploaded = await sut.http
      .post(`${ws()}/media`)
      .set(bearer(owner))
      .attach('file', PNG, 'pixel.png')
      .expect(201);
    const id = uploaded.body.id as string;
    await sut.http.patch(`${ws()}/media/${id}`).set(bearer(owner)).send({ altText: 'A single pixel' }).expect(200);
    const [record] = await recordsOf('media.asset.updated', id);
    expect(record!['changes']).toEqual({ altText: { before: null, after: 'A single pixel' } });
  });

  it('records a webhook URL change without the query, which may hold a token', async () => {
    const created = await sut.http
      .post(`${ws()}/webhooks`)
      .set(bearer(owner))
      .send({ url: 'http://127.0.0.1:9/hook', events: ['content.entry.*'] })
      .expect(201);
    const id = created.body.id as string;
    await sut.http
      .patch(`${ws()}/webhooks/${id}`)
      .set(bearer(owner))
      .send({ url: 'http://127.0.0.1:9/other?token=s3cr3t-receiver-token' })
      .expect(200);
    const [record] = await recordsOf('webhooks.subscription.updated', id);
    expect(record!['changes']).toEqual({
      url: { before: 'http://127.0.0.1:9/hook', after: 'http://127.0.0.1:9/other?…' },
    });
    expect(JSON.stringify(record)).not.toContain('s3cr3t');
    expect(JSON.stringify(record)).not.toContain(created.body.secret as string);
  });

  it('records a member role change', async () => {
    const member = await signUp('member');
    await sut.app.get(WorkspacesResolver).ensureMember(workspace.id, member.userId, 'viewer');
    await sut.http.patch(`${ws()}/members/${member.userId}`).set(bearer(owner)).send({ role: 'editor' }).expect(200);
    const [record] = await recordsOf('workspaces.member.role-changed', member.userId);
    expect(record!['changes']).toEqual({ role: { before: 'viewer', after: 'editor' } });
  });

  it('redacts a declared-sensitive field and secret-like keys, keeping the rest', async () => {
    const ctx = RequestContext.system('acme-patients-test').withWorkspace(workspace);
    await sut.app
      .get(EventBus)
      .publish(
        ctx,
        'acme-patients.patient.updated' as QuireEventName,
        { patientId: '0190a5a0-0000-7000-8000-000000000002' } as never,
        {
          changes: {
            bloodType: { before: 'A+', after: 'B-' },
            nickname: { before: 'Al', after: 'Ally' },
            keyHash: { before: 'sha256:aaaa', after: 'sha256:bbbb' },
            clientSecret: { before: 'old-client-secret', after: 'new-client-secret' },
          },
        },
      );
    const [record] = await recordsOf('acme-patients.patient.updated');
    expect(record!['changes']).toEqual({
      bloodType: REDACTED,
      nickname: { before: 'Al', after: 'Ally' },
      keyHash: REDACTED,
      clientSecret: REDACTED,
    });
    expect(JSON.stringify(record)).not.toMatch(/A\+|B-|sha256|client-secret/);
  });
});
