import { loadConfig } from '@quire/core';
import { identityOptionsFromConfig, IdentityPlugin } from '@quire/identity';
import {
  createTestApp,
  startSmtpMailbox,
  testAccounts,
  type SmtpMailbox,
  type TestAccount,
  type TestApp,
  type TestWorkspace,
} from '@quire/testing';
import { WorkspacesPlugin } from '@quire/workspaces';
import { plugins } from '../../../apps/api/src/quire.config';
import { CompliancePlugin } from '../src';
import { findUndeclaredPersonalColumns } from '../src/inventory/undeclared-personal-columns';

describe('Data inventory', () => {
  let sut: TestApp;
  let owner: TestAccount;
  let workspace: TestWorkspace;
  const { signUp, newWorkspace, member, platformAdmin, bearer } = testAccounts(() => sut);
  const inventoryOf = (slug: string) => `/api/v1/workspaces/${slug}/data-inventory`;

  beforeAll(async () => {
    // As apps/api runs it: every plugin of the installation, no SMTP_URL, media on local disk.
    sut = await createTestApp({ plugins: plugins(loadConfig({ NODE_ENV: 'test' })) });
    owner = await signUp('owner');
    workspace = await newWorkspace(owner);
  });
  afterAll(async () => {
    await sut?.close();
  });

  it("answers JSON with every plugin's declared tables, categories and no processor when none is configured", async () => {
    const response = await sut.http.get(inventoryOf(workspace.slug)).set(bearer(owner)).expect(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    const tables = (response.body.activities as Array<{ plugin: string; table: string }>).map(
      (a) => `${a.plugin}:${a.table}`,
    );
    for (const plugin of plugins(loadConfig({ NODE_ENV: 'test' }))) {
      for (const entry of plugin.definition.dataInventory ?? []) {
        expect(tables).toContain(`${plugin.definition.name}:${entry.table}`);
      }
    }
    const sessions = response.body.activities.find((a: { table: string }) => a.table === 'identity_sessions');
    expect(sessions).toMatchObject({
      plugin: 'identity',
      subjectColumn: 'user_id',
      legalBasis: 'legitimate-interest',
      onErasure: 'delete',
    });
    expect(sessions.fields).toContainEqual(expect.objectContaining({ column: 'ip', category: 'technical' }));
    const contact = response.body.categories.find((c: { category: string }) => c.category === 'contact');
    expect(contact.fields).toContainEqual(
      expect.objectContaining({ plugin: 'identity', table: 'identity_users', column: 'email' }),
    );
    expect(response.body.processors).toEqual([]);
  });

  it('answers the record of processing as Markdown, by ?format=markdown or Accept: text/markdown', async () => {
    const byQuery = await sut.http
      .get(`${inventoryOf(workspace.id)}?format=markdown`)
      .set(bearer(owner))
      .expect(200);
    expect(byQuery.headers['content-type']).toMatch(/^text\/markdown; charset=utf-8/);
    for (const section of [
      '# Record of processing activities',
      '## Controller',
      '## Purposes of the processing',
      '## Categories of data subjects',
      '## Categories of personal data',
      '## Recipients and processors',
      '## Retention',
      '## Technical and organisational security measures',
    ]) {
      expect(byQuery.text.split('\n')).toContain(section);
    }
    expect(byQuery.text).toContain('`identity_sessions`');
    expect(byQuery.text).toContain('No outside processor is configured');

    const byAccept = await sut.http
      .get(inventoryOf(workspace.slug))
      .set(bearer(owner))
      .set('Accept', 'text/markdown')
      .expect(200);
    expect(byAccept.text).toContain('# Record of processing activities');
  });

  it('refuses an unknown format with a 400 naming the parameter', async () => {
    const response = await sut.http
      .get(`${inventoryOf(workspace.slug)}?format=pdf`)
      .set(bearer(owner))
      .expect(400);
    expect(response.headers['content-type']).toMatch(/problem\+json/);
    expect(JSON.stringify(response.body.errors)).toContain('format');
  });

  it('is read by owners, admins and auditors; an editor or viewer is refused', async () => {
    for (const role of ['admin', 'auditor']) {
      await sut.http
        .get(inventoryOf(workspace.slug))
        .set(bearer(await member(workspace, role)))
        .expect(200);
    }
    for (const role of ['editor', 'viewer']) {
      const refused = await sut.http
        .get(inventoryOf(workspace.slug))
        .set(bearer(await member(workspace, role)))
        .expect(403);
      expect(refused.body.type).toMatch(/^urn:quire:problem:/);
    }
    await sut.http.get(inventoryOf(workspace.slug)).expect(401);
  });

  it('answers 404 for another workspace, and for one that does not exist', async () => {
    const stranger = await signUp('stranger');
    const other = await newWorkspace(stranger);
    const refused = await sut.http.get(inventoryOf(other.slug)).set(bearer(owner)).expect(404);
    expect(refused.body.type).toMatch(/core\.workspace-not-found$/);
    await sut.http.get(inventoryOf('no-such-workspace')).set(bearer(owner)).expect(404);
  });

  it('answers the installation-wide inventory to platform administrators only', async () => {
    const admin = await platformAdmin();
    const json = await sut.http.get('/api/v1/data-inventory').set(bearer(admin)).expect(200);
    expect(json.body.activities.length).toBeGreaterThan(10);
    const markdown = await sut.http.get('/api/v1/data-inventory?format=markdown').set(bearer(admin)).expect(200);
    expect(markdown.text).toContain('# Record of processing activities');

    const refused = await sut.http.get('/api/v1/data-inventory').set(bearer(owner)).expect(403);
    expect(refused.body.type).toMatch(/identity\.platform-admin-required$/);
    await sut.http.get('/api/v1/data-inventory').expect(401);
  });

  it("leaves no personal-looking column of the running app's entities undeclared", () => {
    const loaded = plugins(loadConfig({ NODE_ENV: 'test' })).map((p) => ({
      name: p.definition.name,
      definition: p.definition,
    }));
    // TypeORM's metadata of the running app: tables and stored columns exactly as it maps them.
    const tables = sut.dataSource.entityMetadatas
      .filter((m) => typeof m.target === 'function')
      .map((m) => ({
        entity: m.target as (...args: never[]) => unknown,
        table: m.tablePath,
        columns: m.columns.map((c) => c.databaseName),
      }));
    expect(findUndeclaredPersonalColumns(loaded, tables)).toEqual([]);
  });
});

describe('Data inventory with SMTP configured', () => {
  let smtp: SmtpMailbox;
  let sut: TestApp;
  const { platformAdmin, bearer } = testAccounts(() => sut);

  beforeAll(async () => {
    smtp = await startSmtpMailbox();
    const env = { SMTP_URL: smtp.url };
    sut = await createTestApp({
      plugins: [IdentityPlugin.with(identityOptionsFromConfig(loadConfig(env))), WorkspacesPlugin, CompliancePlugin],
      env,
    });
  });
  afterAll(async () => {
    await sut?.close();
    await smtp?.close();
  });

  it('lists the SMTP server as a processor, by host only', async () => {
    const admin = await platformAdmin();
    const response = await sut.http.get('/api/v1/data-inventory').set(bearer(admin)).expect(200);
    expect(response.body.processors).toEqual([
      {
        plugin: 'identity',
        name: 'SMTP mail server',
        location: new URL(smtp.url).host,
        purpose: expect.any(String),
        categories: ['contact', 'communication'],
      },
    ]);
    const markdown = await sut.http.get('/api/v1/data-inventory?format=markdown').set(bearer(admin)).expect(200);
    expect(markdown.text).toContain(`| SMTP mail server | ${new URL(smtp.url).host} |`);
  });
});
