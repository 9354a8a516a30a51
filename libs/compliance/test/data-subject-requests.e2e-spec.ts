import { loadConfig, uuidv7 } from '@quire/core';
import {
  createTestApp,
  expectValidationProblem,
  startSmtpMailbox,
  testAccounts,
  until,
  type SmtpMailbox,
  type TestAccount,
  type TestApp,
  type TestWorkspace,
} from '@quire/testing';
import { WorkspacesResolver } from '@quire/workspaces';
import { plugins } from '../../../apps/api/src/quire.config';
import { pdf } from '../../media/test/media-files';
import { DataInventoryService } from '../src/inventory/data-inventory.service';
import { SystemLogRecorder } from '../src/system-logs/system-log.recorder';
import { BillingFixturePlugin } from './fixtures/billing-fixture.plugin';
import { binaryParser, readZip } from './fixtures/zip-reader';

interface ManifestEntry {
  plugin: string;
  table: string;
  file: string;
  categories: string[];
  fields: Array<{ column: string; category: string }>;
  withheld: Array<{ column: string; category: string }>;
  legalBasis: string;
  rows: number;
}

let counter = 0;
const unique = () => `${Date.now().toString(36)}-${counter++}`;
const DAY_MS = 24 * 60 * 60 * 1000;
const SELF = '/api/v1/me/privacy/requests';
const ADMIN = '/api/v1/privacy/requests';

describe('Data-subject requests', () => {
  let sut: TestApp;
  let smtp: SmtpMailbox;
  let admin: TestAccount;

  const { signUp, newWorkspace, platformAdmin, bearer } = testAccounts(() => sut, {
    userAgent: 'dsar-test-agent/1.0',
  });

  /** The code of the latest privacy-request mail to `account`, read from the real SMTP mailbox. */
  async function mailedCode(account: TestAccount, count = 1): Promise<string> {
    const mail = await smtp.waitForMail(account.email, 'privacy request', count);
    const code = /\b(\d{6})\b/.exec(mail.text)?.[1];
    if (!code) throw new Error(`No code in: ${mail.text}`);
    return code;
  }

  async function download(path: string, account: TestAccount): Promise<Map<string, string>> {
    const response = await sut.http
      .get(path)
      .set(bearer(account))
      .buffer(true)
      .parse((res, done) => binaryParser(res, done))
      .expect(200);
    expect(response.headers['content-type']).toBe('application/zip');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="personal-data-/);
    return readZip(response.body as Buffer);
  }

  const manifestOf = (files: Map<string, string>) =>
    JSON.parse(files.get('manifest.json')!) as {
      userId: string;
      type: string;
      entries: ManifestEntry[];
      excluded: unknown[];
    };

  /** A verified self-service request of `type`, through the mailed code. */
  async function verifiedOwnRequest(account: TestAccount, type: string, details?: object) {
    const mails = smtp.mailsTo(account.email, 'privacy request').length;
    const created = await sut.http.post(SELF).set(bearer(account)).send({ type, details }).expect(201);
    const code = await mailedCode(account, mails + 1);
    const verified = await sut.http
      .post(`${SELF}/${created.body.id}/verify`)
      .set(bearer(account))
      .send({ code })
      .expect(200);
    return verified.body as { id: string; status: string; result: Record<string, unknown> | null };
  }

  const auditActions = async (requestId: string): Promise<string[]> =>
    (
      (await sut.dataSource.query(
        `SELECT action FROM compliance_audit_log WHERE subject_id = $1 ORDER BY occurred_at, sequence`,
        [requestId],
      )) as Array<{ action: string }>
    ).map((row) => row.action);

  beforeAll(async () => {
    smtp = await startSmtpMailbox();
    const env = { SMTP_URL: smtp.url, OUTBOUND_ALLOWED_NETWORKS: '127.0.0.1/32' };
    sut = await createTestApp({ plugins: [...plugins(loadConfig(env)), BillingFixturePlugin], env });
    admin = await platformAdmin();
  });
  afterAll(async () => {
    await sut?.close();
    await smtp?.close();
  });

  describe('self-service', () => {
    it('creates a request due in 30 days, mails a code, verifies it and streams the export as a ZIP', async () => {
      const person = await signUp('self');
      const created = await sut.http.post(SELF).set(bearer(person)).send({ type: 'access' }).expect(201);
      expect(created.body).toMatchObject({
        userId: person.userId,
        type: 'access',
        status: 'awaiting-verification',
        channel: 'self-service',
        requestedBy: person.userId,
        verificationMethod: 'email-code',
        overdue: false,
      });
      expect(Date.parse(created.body.dueAt) - Date.parse(created.body.createdAt)).toBe(30 * DAY_MS);

      // No export before the person proved who they are.
      const early = await sut.http.get(`${SELF}/${created.body.id}/export`).set(bearer(person)).expect(409);
      expect(early.body.type).toBe('urn:quire:problem:compliance.data-subject-request-status-conflict');

      const code = await mailedCode(person);
      const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
      const refused = await sut.http
        .post(`${SELF}/${created.body.id}/verify`)
        .set(bearer(person))
        .send({ code: wrong })
        .expect(400);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(refused.body).toMatchObject({
        type: 'urn:quire:problem:compliance.data-subject-request-code-invalid',
        attemptsLeft: 4,
      });
      expect(refused.body.errors).toEqual([expect.objectContaining({ path: 'code' })]);

      const verified = await sut.http
        .post(`${SELF}/${created.body.id}/verify`)
        .set(bearer(person))
        .send({ code })
        .expect(200);
      expect(verified.body).toMatchObject({ status: 'verified' });
      expect(verified.body.verifiedAt).toEqual(expect.any(String));

      const files = await download(`${SELF}/${created.body.id}/export`, person);
      const manifest = manifestOf(files);
      expect(manifest).toMatchObject({ userId: person.userId, type: 'access' });
      const users = manifest.entries.find((e) => e.table === 'identity_users')!;
      expect(users).toMatchObject({ plugin: 'identity', file: 'identity/identity_users.json', rows: 1 });
      expect(users.withheld.map((w) => w.column)).toEqual(expect.arrayContaining(['password_hash', 'totp_secret']));
      const rows = JSON.parse(files.get('identity/identity_users.json')!) as Array<Record<string, unknown>>;
      expect(rows).toEqual([expect.objectContaining({ id: person.userId, email: person.email })]);
      expect(rows[0]).not.toHaveProperty('password_hash');
      expect(files.get('identity/identity_users.json')).not.toMatch(/argon2|\$2[aby]\$/);
      // Every inventory table has its file, empty or not.
      for (const entry of manifest.entries) expect(files.has(entry.file)).toBe(true);

      const done = await sut.http.get(`${SELF}/${created.body.id}`).set(bearer(person)).expect(200);
      expect(done.body).toMatchObject({ status: 'completed', overdue: false });
      expect(done.body.result).toMatchObject({ files: manifest.entries.length + 1 });
      expect(await auditActions(created.body.id)).toEqual([
        'compliance.data-subject-request.received',
        'compliance.data-subject-request.verified',
        'compliance.data-subject-request.completed',
      ]);

      const listed = await sut.http.get(SELF).set(bearer(person)).expect(200);
      expect(listed.body.data.map((r: { id: string }) => r.id)).toEqual([created.body.id]);
    });

    it('limits portability to data provided on consent or contract, and says so in the manifest', async () => {
      const person = await signUp('portable');
      const request = await verifiedOwnRequest(person, 'portability');
      const manifest = manifestOf(await download(`${SELF}/${request.id}/export`, person));
      expect(manifest.type).toBe('portability');
      expect(manifest.entries.length).toBeGreaterThan(0);
      for (const entry of manifest.entries) expect(['contract', 'consent']).toContain(entry.legalBasis);
      expect(manifest.excluded).toContainEqual(
        expect.objectContaining({ table: 'identity_sessions', legalBasis: 'legitimate-interest' }),
      );
    });

    it('ends the code after five wrong tries, and cancels', async () => {
      const person = await signUp('guesser');
      const created = await sut.http.post(SELF).set(bearer(person)).send({ type: 'objection' }).expect(201);
      const code = await mailedCode(person);
      const wrong = String((Number(code) + 7) % 1_000_000).padStart(6, '0');
      for (let attempt = 0; attempt < 5; attempt++) {
        await sut.http.post(`${SELF}/${created.body.id}/verify`).set(bearer(person)).send({ code: wrong }).expect(400);
      }
      const exhausted = await sut.http
        .post(`${SELF}/${created.body.id}/verify`)
        .set(bearer(person))
        .send({ code })
        .expect(400);
      expect(exhausted.body).toMatchObject({ reason: 'exhausted', attemptsLeft: 0 });
      const malformed = await sut.http
        .post(`${SELF}/${created.body.id}/verify`)
        .set(bearer(person))
        .send({})
        .expect(400);
      expectValidationProblem(malformed, ['code']);

      const cancelled = await sut.http.post(`${SELF}/${created.body.id}/cancel`).set(bearer(person)).expect(200);
      expect(cancelled.body).toMatchObject({ status: 'cancelled' });
      await sut.http.post(`${SELF}/${created.body.id}/cancel`).set(bearer(person)).expect(409);
      expect(await auditActions(created.body.id)).toEqual([
        'compliance.data-subject-request.received',
        'compliance.data-subject-request.cancelled',
      ]);
    });

    it('refuses an overlapping request of the same type with 409 naming the open one', async () => {
      const person = await signUp('twice');
      const first = await sut.http.post(SELF).set(bearer(person)).send({ type: 'access' }).expect(201);
      const second = await sut.http.post(SELF).set(bearer(person)).send({ type: 'access' }).expect(409);
      expect(second.body).toMatchObject({
        type: 'urn:quire:problem:compliance.data-subject-request-overlapping',
        openRequestId: first.body.id,
      });
      expect(second.body.detail).toContain(first.body.id);
      // Another type is not an overlap; an administrator's request of the same type is one.
      await sut.http.post(SELF).set(bearer(person)).send({ type: 'portability' }).expect(201);
      const byAdmin = await sut.http
        .post(ADMIN)
        .set(bearer(admin))
        .send({ userId: person.userId, type: 'access', verification: { method: 'email-code' } })
        .expect(409);
      expect(byAdmin.body.openRequestId).toBe(first.body.id);
      // Once cancelled, a new one may be made.
      await sut.http.post(`${SELF}/${first.body.id}/cancel`).set(bearer(person)).expect(200);
      await sut.http.post(SELF).set(bearer(person)).send({ type: 'access' }).expect(201);
    });

    it("refuses another person's data to anyone but a platform administrator", async () => {
      const person = await signUp('owner-of-data');
      const snoop = await signUp('snoop');
      const request = await verifiedOwnRequest(person, 'access');

      const other = await sut.http
        .post(SELF)
        .set(bearer(snoop))
        .send({ type: 'access', userId: person.userId })
        .expect(403);
      expect(other.body.type).toBe('urn:quire:problem:compliance.data-subject-request-forbidden');
      // Someone else's request is not found through the self-service routes (nor its existence revealed).
      for (const path of [`${SELF}/${request.id}`, `${SELF}/${request.id}/export`]) {
        const response = await sut.http.get(path).set(bearer(snoop)).expect(404);
        expect(response.body.type).toBe('urn:quire:problem:compliance.data-subject-request-not-found');
      }
      for (const call of [
        sut.http.get(`${ADMIN}/${request.id}/export`),
        sut.http.get(ADMIN),
        sut.http.get(`${ADMIN}/${request.id}`),
        sut.http.post(ADMIN).send({ userId: person.userId, type: 'access', verification: { method: 'email-code' } }),
        sut.http.post(`${ADMIN}/${request.id}/reject`).send({ reason: 'because' }),
      ]) {
        const response = await call.set(bearer(snoop)).expect(403);
        expect(response.body.type).toBe('urn:quire:problem:compliance.data-subject-request-forbidden');
      }
      await sut.http.get(SELF).expect(401);
    });

    it('validates the request: type, details per type, and no email in a rectification', async () => {
      const person = await signUp('validated');
      expectValidationProblem(await sut.http.post(SELF).set(bearer(person)).send({ type: 'delete' }).expect(400), [
        'type',
      ]);
      const email = await sut.http
        .post(SELF)
        .set(bearer(person))
        .send({ type: 'rectification', details: { email: 'new@example.com' } })
        .expect(400);
      expect(email.body.type).toBe('urn:quire:problem:compliance.rectification-email-refused');
      expectValidationProblem(
        await sut.http
          .post(SELF)
          .set(bearer(person))
          .send({ type: 'rectification', details: { displayName: '', colour: 'red' } })
          .expect(400),
        ['details.displayName', 'details.colour'],
      );
      await sut.http.get(`${SELF}/not-a-uuid`).set(bearer(person)).expect(400);
    });

    it('applies a self-service rectification and objection once verified', async () => {
      const person = await signUp('rectify');
      const rectified = await verifiedOwnRequest(person, 'rectification', { displayName: 'Ada Byron', language: 'fr' });
      expect(rectified).toMatchObject({
        status: 'completed',
        result: { rectified: ['displayName', 'preferences.language'] },
      });
      const me = await sut.http.get('/api/v1/me').set(bearer(person)).expect(200);
      expect(me.body).toMatchObject({ displayName: 'Ada Byron' });

      await sut.http.put('/api/v1/me/consents/marketing').set(bearer(person)).send({ granted: true }).expect(200);
      const objection = await verifiedOwnRequest(person, 'objection', { purposes: ['marketing'] });
      expect(objection).toMatchObject({ status: 'completed', result: { consentsWithdrawn: ['marketing'] } });
      const consents = await sut.http.get('/api/v1/me/consents').set(bearer(person)).expect(200);
      expect(consents.body.data).toContainEqual(expect.objectContaining({ purpose: 'marketing', granted: false }));
    });
  });

  describe('administrators', () => {
    it('records an attested request, flags it overdue past its due date and filters on it', async () => {
      const person = await signUp('late');
      const created = await sut.http
        .post(ADMIN)
        .set(bearer(admin))
        .send({
          userId: person.userId,
          type: 'access',
          verification: { method: 'administrator-attested', note: 'Passport checked at the front desk' },
        })
        .expect(201);
      expect(created.body).toMatchObject({
        status: 'verified',
        channel: 'administrator',
        requestedBy: admin.userId,
        verificationMethod: 'administrator-attested',
        verificationNote: 'Passport checked at the front desk',
        overdue: false,
      });
      await sut.dataSource.query(
        `UPDATE compliance_data_subject_requests SET due_at = now() - interval '1 day' WHERE id = $1`,
        [created.body.id],
      );
      const late = await sut.http.get(`${ADMIN}/${created.body.id}`).set(bearer(admin)).expect(200);
      expect(late.body.overdue).toBe(true);
      const overdue = await sut.http
        .get(ADMIN)
        .query({ 'filter[overdue]': 'true', pageSize: '200' })
        .set(bearer(admin))
        .expect(200);
      expect(overdue.body.data.map((r: { id: string }) => r.id)).toContain(created.body.id);
      expect(overdue.body.data.every((r: { overdue: boolean }) => r.overdue)).toBe(true);
      const onTime = await sut.http
        .get(ADMIN)
        .query({ 'filter[overdue]': 'false', 'filter[userId]': person.userId })
        .set(bearer(admin))
        .expect(200);
      expect(onTime.body.data).toEqual([]);
      const bad = await sut.http.get(ADMIN).query({ 'filter[status]': 'lost' }).set(bearer(admin)).expect(400);
      expect(JSON.stringify(bad.body.errors)).toMatch(/status/);

      // Answered late, it is no longer overdue.
      const files = await download(`${ADMIN}/${created.body.id}/export`, admin);
      expect(manifestOf(files).userId).toBe(person.userId);
      const answered = await sut.http.get(`${ADMIN}/${created.body.id}`).set(bearer(admin)).expect(200);
      expect(answered.body).toMatchObject({ status: 'completed', overdue: false });
    });

    it('answers 404 for an unknown user and 400 for an attestation without a note', async () => {
      const unknown = await sut.http
        .post(ADMIN)
        .set(bearer(admin))
        .send({ userId: uuidv7(), type: 'access', verification: { method: 'email-code' } })
        .expect(404);
      expect(unknown.body.type).toBe('urn:quire:problem:compliance.data-subject-not-found');
      const person = await signUp('no-note');
      expectValidationProblem(
        await sut.http
          .post(ADMIN)
          .set(bearer(admin))
          .send({ userId: person.userId, type: 'access', verification: { method: 'administrator-attested' } })
          .expect(400),
        ['verification.note'],
      );
    });

    it('verifies by the code the person received, rejects with a reason, and completes a rectification', async () => {
      const person = await signUp('by-mail');
      const created = await sut.http
        .post(ADMIN)
        .set(bearer(admin))
        .send({
          userId: person.userId,
          type: 'rectification',
          details: { displayName: 'Corrected Name' },
          verification: { method: 'email-code' },
        })
        .expect(201);
      expect(created.body.status).toBe('awaiting-verification');
      const code = await mailedCode(person);
      await sut.http.post(`${ADMIN}/${created.body.id}/verify`).set(bearer(admin)).send({ code }).expect(200);
      // An administrator's request waits for the administrator.
      const waiting = await sut.http.get(`${ADMIN}/${created.body.id}`).set(bearer(admin)).expect(200);
      expect(waiting.body.status).toBe('verified');
      const wrongStep = await sut.http.post(`${ADMIN}/${created.body.id}/erase`).set(bearer(admin)).expect(409);
      expect(wrongStep.body.type).toBe('urn:quire:problem:compliance.data-subject-request-type-mismatch');
      const completed = await sut.http.post(`${ADMIN}/${created.body.id}/complete`).set(bearer(admin)).expect(200);
      expect(completed.body).toMatchObject({ status: 'completed', result: { rectified: ['displayName'] } });
      const [row] = await sut.dataSource.query(`SELECT display_name FROM identity_users WHERE id = $1`, [
        person.userId,
      ]);
      expect(row.display_name).toBe('Corrected Name');

      const toReject = await sut.http
        .post(ADMIN)
        .set(bearer(admin))
        .send({ userId: person.userId, type: 'access', verification: { method: 'email-code' } })
        .expect(201);
      expectValidationProblem(
        await sut.http.post(`${ADMIN}/${toReject.body.id}/reject`).set(bearer(admin)).send({}).expect(400),
        ['reason'],
      );
      const rejected = await sut.http
        .post(`${ADMIN}/${toReject.body.id}/reject`)
        .set(bearer(admin))
        .send({ reason: 'Identity could not be confirmed' })
        .expect(200);
      expect(rejected.body).toMatchObject({ status: 'rejected', rejectedReason: 'Identity could not be confirmed' });
      expect(await auditActions(toReject.body.id)).toEqual([
        'compliance.data-subject-request.received',
        'compliance.data-subject-request.rejected',
      ]);
    });

    it('restricts processing with a legal hold, which then blocks erasure, naming the hold', async () => {
      const person = await signUp('restricted');
      const restriction = await sut.http
        .post(ADMIN)
        .set(bearer(admin))
        .send({
          userId: person.userId,
          type: 'restriction',
          verification: { method: 'administrator-attested', note: 'Signed letter, signature compared' },
        })
        .expect(201);
      const completed = await sut.http.post(`${ADMIN}/${restriction.body.id}/complete`).set(bearer(admin)).expect(200);
      const holdId = completed.body.result.legalHoldId as string;
      const [hold] = await sut.dataSource.query(
        `SELECT scope, user_id, reason FROM compliance_legal_holds WHERE id = $1`,
        [holdId],
      );
      expect(hold).toEqual({
        scope: 'user',
        user_id: person.userId,
        reason: `processing restricted by request ${restriction.body.id}`,
      });

      for (const call of [
        sut.http.post(SELF).set(bearer(person)).send({ type: 'erasure' }),
        sut.http
          .post(ADMIN)
          .set(bearer(admin))
          .send({
            userId: person.userId,
            type: 'erasure',
            verification: { method: 'administrator-attested', note: 'Known' },
          }),
      ]) {
        const refused = await call.expect(409);
        expect(refused.body).toMatchObject({
          type: 'urn:quire:problem:compliance.erasure-under-legal-hold',
          legalHoldId: holdId,
        });
        expect(refused.body.detail).toContain(holdId);
      }

      // A hold placed after the request was verified still stops the erasure when it runs.
      await sut.http
        .post(`/api/v1/legal-holds/${holdId}/release`)
        .set(bearer(admin))
        .send({ reason: 'Restriction lifted' })
        .expect(200);
      const erasure = await sut.http
        .post(ADMIN)
        .set(bearer(admin))
        .send({
          userId: person.userId,
          type: 'erasure',
          verification: { method: 'administrator-attested', note: 'Known' },
        })
        .expect(201);
      const litigation = await sut.http
        .post('/api/v1/legal-holds')
        .set(bearer(admin))
        .send({ scope: 'user', userId: person.userId, reason: 'Litigation 2026-117' })
        .expect(201);
      const blocked = await sut.http.post(`${ADMIN}/${erasure.body.id}/erase`).set(bearer(admin)).expect(409);
      expect(blocked.body).toMatchObject({ legalHoldId: litigation.body.id, legalHoldReason: 'Litigation 2026-117' });
      const still = await sut.http.get(`${ADMIN}/${erasure.body.id}`).set(bearer(admin)).expect(200);
      expect(still.body.status).toBe('verified');
      const [account] = await sut.dataSource.query(`SELECT email, closed_at FROM identity_users WHERE id = $1`, [
        person.userId,
      ]);
      expect(account).toEqual({ email: person.email, closed_at: null });
    });
  });

  describe('a person with data in every plugin', () => {
    let person: TestAccount;
    let colleague: TestAccount;
    let workspace: TestWorkspace;
    const api = () => `/api/v1/workspaces/${workspace.slug}`;
    /** Tables that get no rows for this person through the API, and why. */
    const withoutRows: Record<string, string> = {};

    beforeAll(async () => {
      person = await signUp('everywhere');
      colleague = await signUp('colleague');
      workspace = await newWorkspace(person);
      await sut.app.get(WorkspacesResolver).ensureMember(workspace.id, colleague.userId, 'editor');
      const elsewhere = await newWorkspace(colleague);

      const ok = async (what: string, call: Promise<{ status: number; body: unknown }>, status = [200, 201, 204]) => {
        const response = await call;
        if (!status.includes(response.status)) {
          throw new Error(`Seeding ${what} answered ${response.status}: ${JSON.stringify(response.body)}`);
        }
        return response.body as Record<string, string>;
      };
      // identity: an API key; workspaces: a team, invitations sent and received.
      await ok(
        'api key',
        sut.http
          .post(`${api()}/api-keys`)
          .set(bearer(person))
          .send({ name: 'CI key', kind: 'management', scopes: ['read:ApiKey'] }),
      );
      const team = await ok('team', sut.http.post(`${api()}/teams`).set(bearer(person)).send({ name: 'Editors' }));
      await ok('team member', sut.http.put(`${api()}/teams/${team.id}/members/${person.userId}`).set(bearer(person)));
      await ok(
        'invitation sent',
        sut.http
          .post(`${api()}/invitations`)
          .set(bearer(person))
          .send({ email: `guest-${unique()}@example.com`, role: 'viewer' }),
      );
      await ok(
        'invitation received',
        sut.http
          .post(`/api/v1/workspaces/${elsewhere.slug}/invitations`)
          .set(bearer(colleague))
          .send({ email: person.email, role: 'viewer' }),
      );
      // content: a type, an entry, a label on it, a comment, a mention, an assignment.
      await ok(
        'content type',
        sut.http
          .post(`${api()}/content-types`)
          .set(bearer(person))
          .send({ apiId: 'article', kind: 'collection', name: 'Article', fields: [{ name: 'title', type: 'text' }] }),
      );
      const entry = await ok(
        'entry',
        sut.http
          .post(`${api()}/content-types/article/entries`)
          .set(bearer(person))
          .send({ data: { title: 'Mine' } }),
      );
      const label = await ok('label', sut.http.post(`${api()}/labels`).set(bearer(person)).send({ name: 'Legal' }));
      await ok('entry label', sut.http.put(`${api()}/entries/${entry.id}/labels/${label.id}`).set(bearer(person)));
      await ok(
        'comment',
        sut.http.post(`${api()}/entries/${entry.id}/comments`).set(bearer(person)).send({ body: 'Please review, Ada' }),
      );
      await ok(
        'mention',
        sut.http
          .post(`${api()}/entries/${entry.id}/comments`)
          .set(bearer(colleague))
          .send({ body: 'Noted', mentions: [person.userId] }),
      );
      await ok(
        'assignment',
        sut.http
          .put(`${api()}/entries/${entry.id}/locales/en/assignment`)
          .set(bearer(person))
          .send({ assigneeId: person.userId }),
      );
      await ok(
        'custom role',
        sut.http
          .post(`${api()}/roles`)
          .set(bearer(person))
          .send({ key: 'team-readers', name: 'Team readers', rules: [{ action: 'read', subject: 'Team' }] }),
      );
      await ok('lock', sut.http.put(`${api()}/entries/${entry.id}/lock`).set(bearer(person)).send({}));
      await ok('preview token', sut.http.post(`${api()}/preview-tokens`).set(bearer(person)).send({}));
      await ok('release', sut.http.post(`${api()}/releases`).set(bearer(person)).send({ name: 'Launch' }));
      // media and webhooks.
      await ok('media folder', sut.http.post(`${api()}/media-folders`).set(bearer(person)).send({ name: 'People' }));
      await ok(
        'media upload',
        sut.http
          .post(`${api()}/media`)
          .set(bearer(person))
          .field('title', 'Passport scan')
          .attach('file', pdf('me'), 'passport-me.pdf'),
      );
      await ok(
        'webhook',
        sut.http
          .post(`${api()}/webhooks`)
          .set(bearer(person))
          .send({ url: 'https://hooks.quire-test.invalid/quire', events: ['content.entry.published'] }),
      );
      // Publishing fills the publication records and sends the subscribed webhook (a delivery caused by the person).
      await ok('publish', sut.http.post(`${api()}/entries/${entry.id}/locales/en/publish`).set(bearer(person)));
      await until(
        async () =>
          (await sut.dataSource.query(`SELECT 1 FROM webhook_deliveries WHERE actor_id = $1 LIMIT 1`, [person.userId]))
            .length > 0,
        'the webhook delivery of the publish is recorded',
      );
      // compliance: a consent.
      await ok('consent', sut.http.put('/api/v1/me/consents/marketing').set(bearer(person)).send({ granted: true }));
      // The fixture billing plugin has no API: its invoices are written as billing would.
      for (const amount of [1900, 4900]) {
        await sut.dataSource.query(
          `INSERT INTO billing_invoices (id, user_id, customer_name, billing_address, amount_cents, currency)
           VALUES ($1, $2, 'Everywhere Person', '1 Main Street, Springfield', $3, 'EUR')`,
          [uuidv7(), person.userId, amount],
        );
      }

      Object.assign(withoutRows, {
        'identity:identity_recovery_codes': 'only with two-factor authentication, which needs an authenticator app',
        'content:content_schedules': 'no scheduled publish',
        'content:content_workflows': 'no custom workflow',
        'content:content_workflow_states': 'the entry never moved through a workflow stage',
        'content:content_workflow_approvals': 'no approval given',
        'compliance:compliance_incidents': 'incidents are opened by operators; none concerns this person',
        'compliance:compliance_legal_holds':
          'a hold would refuse the erasure this suite tests; holds have their own suite',
      });
    });

    it('exports each declared category, with rows, in one ZIP', async () => {
      const request = await sut.http
        .post(ADMIN)
        .set(bearer(admin))
        .send({
          userId: person.userId,
          type: 'access',
          verification: { method: 'administrator-attested', note: 'Badge' },
        })
        .expect(201);
      // API requests are logged in batches: the person's are written before the export reads them.
      await sut.app.get(SystemLogRecorder).flush();
      const files = await download(`${ADMIN}/${request.body.id}/export`, admin);
      const manifest = manifestOf(files);

      const inventory = sut.app.get(DataInventoryService).get();
      // Sensitive fields (credentials) are withheld: their category shows as withheld on a table with rows.
      const missing = inventory.categories
        .map((c) => c.category)
        .filter(
          (category) =>
            !manifest.entries.some(
              (e) => e.rows > 0 && [...e.fields, ...e.withheld].some((f) => f.category === category),
            ),
        );
      expect(missing).toEqual([]);
      expect(inventory.categories.map((c) => c.category)).toEqual(expect.arrayContaining(['financial', 'consent']));

      // Every table either has rows or is listed above with the reason it has none for this person.
      const empty = manifest.entries.filter((e) => e.rows === 0).map((e) => `${e.plugin}:${e.table}`);
      const unexplained = empty.filter((table) => !(table in withoutRows));
      expect(unexplained).toEqual([]);
      // …and the list of reasons is exact: no table said to be empty has rows.
      expect(Object.keys(withoutRows).filter((table) => !empty.includes(table))).toEqual([]);
      for (const entry of manifest.entries.filter((e) => e.rows > 0)) {
        const rows = JSON.parse(files.get(entry.file)!) as unknown[];
        expect({ file: entry.file, rows: rows.length }).toEqual({ file: entry.file, rows: entry.rows });
      }
      const billing = manifest.entries.find((e) => e.table === 'billing_invoices')!;
      expect(billing).toMatchObject({ plugin: 'billing-fixture', rows: 2, legalBasis: 'legal-obligation' });
    });

    it('refuses erasure while the person is the only owner of a workspace others use, naming it', async () => {
      const refused = await sut.http.post(SELF).set(bearer(person)).send({ type: 'erasure' }).expect(409);
      expect(refused.body).toMatchObject({
        type: 'urn:quire:problem:compliance.erasure-sole-owner',
        workspaceId: workspace.id,
        workspaceSlug: workspace.slug,
      });
    });

    it('erases every declared column of every plugin, keeps the invoices and says why, and ends the sessions', async () => {
      await sut.dataSource.query(
        `UPDATE workspace_members SET role = 'owner' WHERE workspace_id = $1 AND user_id = $2`,
        [workspace.id, colleague.userId],
      );
      const erased = await verifiedOwnRequest(person, 'erasure');
      expect(erased.status).toBe('completed');
      const result = erased.result as {
        erased: Array<{ plugin: string; table: string; action: string; rows: number }>;
        kept: Array<{ plugin: string; table: string; rows: number; reason: string }>;
      };
      expect(result.kept).toContainEqual({
        plugin: 'billing-fixture',
        table: 'billing_invoices',
        rows: 2,
        reason: expect.stringMatching(/legal-obligation.*7 years/),
      });
      expect(result.erased).toContainEqual(expect.objectContaining({ table: 'identity_sessions', action: 'delete' }));
      expect(result.erased).toContainEqual(
        expect.objectContaining({ table: 'identity_users', action: 'anonymize', rows: 1 }),
      );

      // The query over the inventory: for every table erasure touches, every declared field of the person's rows
      // is NULL or an erased placeholder.
      const inventory = sut.app.get(DataInventoryService).get();
      const keys = [person.userId, person.email, person.email.toLowerCase()];
      const leftovers = async (): Promise<string[]> => {
        const found: string[] = [];
        for (const activity of inventory.activities.filter((a) => a.onErasure !== 'keep')) {
          for (const field of activity.fields) {
            const column = `"${field.column}"`;
            const [{ n }] = await sut.dataSource.query(
              `SELECT count(*)::int AS n FROM "${activity.table}"
              WHERE "${activity.subjectColumn}"::text = ANY($1)
                AND ${column} IS NOT NULL
                AND ${column}::text NOT IN ('erased', '00000000-0000-0000-0000-000000000000', '{}', '[]', 'false', '0')
                AND ${column}::text NOT LIKE 'erased+%@erased.invalid'`,
              [keys],
            );
            if (n > 0) found.push(`${activity.table}.${field.column}: ${n}`);
          }
        }
        return found;
      };
      // The erasing request was the person's own: its system-log record is erased once the response is sent.
      await until(async () => (await leftovers()).length === 0, 'the erasing request is swept').catch(() => undefined);
      await sut.app.get(SystemLogRecorder).flush();
      expect(await leftovers()).toEqual([]);

      const [{ invoices }] = await sut.dataSource.query(
        `SELECT count(*)::int AS invoices FROM billing_invoices WHERE user_id = $1`,
        [person.userId],
      );
      expect(invoices).toBe(2);
      const [account] = await sut.dataSource.query(`SELECT email, closed_at FROM identity_users WHERE id = $1`, [
        person.userId,
      ]);
      expect(account.email).toBe(`erased+${person.userId}@erased.invalid`);
      expect(account.closed_at).not.toBeNull();
      const [{ keys: live }] = await sut.dataSource.query(
        `SELECT count(*)::int AS keys FROM identity_api_keys WHERE workspace_id = $1 AND revoked_at IS NULL`,
        [workspace.id],
      );
      expect(live).toBe(0);
      await sut.http.get('/api/v1/me').set(bearer(person)).expect(401);
      // The colleague's workspace and content stay.
      const entries = await sut.http.get(`${api()}/content-types/article/entries`).set(bearer(colleague)).expect(200);
      expect(entries.body.data).toHaveLength(1);

      expect(await auditActions(erased.id)).toEqual([
        'compliance.data-subject-request.received',
        'compliance.data-subject-request.verified',
        'compliance.data-subject-request.erasure-completed',
        'compliance.data-subject-request.completed',
      ]);
    });
  });
});
