import { IdentityPlugin } from '@quire/identity';
import { createTestApp, type TestApp } from '@quire/testing';

describe('identity plugin', () => {
  let sut: TestApp;
  beforeAll(async () => {
    sut = await createTestApp({ plugins: [IdentityPlugin] });
  });
  afterAll(() => sut?.close());

  it('loads: declarations pass the registry, migrations create its tables', async () => {
    const plugins = await sut.http.get('/api/v1/plugins').expect(200);
    const identity = plugins.body.data.find((p: { name: string }) => p.name === 'identity');
    expect(identity.contributes.tables).toEqual(
      expect.arrayContaining([
        'identity_users',
        'identity_sessions',
        'identity_one_time_codes',
        'identity_recovery_codes',
        'identity_mail_outbox',
      ]),
    );
    expect(identity.contributes.retention).toEqual(
      expect.arrayContaining(['identity.closed-accounts', 'identity.expired-sessions']),
    );
  });

  it('keeps emails unique regardless of case', async () => {
    await sut.dataSource.query(
      `INSERT INTO identity_users (id, email, display_name) VALUES (gen_random_uuid(), 'Alice@Example.com', 'Alice')`,
    );
    await expect(
      sut.dataSource.query(
        `INSERT INTO identity_users (id, email, display_name) VALUES (gen_random_uuid(), 'alice@example.com', 'Alice 2')`,
      ),
    ).rejects.toThrow(/identity_users_email/);
  });
});
