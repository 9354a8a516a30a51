import { createTestApp, FixtureTenancy, fixtureTenancyPlugin, type TestApp } from '@quire/testing';

describe('kernel smoke', () => {
  let sut: TestApp;
  beforeAll(async () => {
    sut = await createTestApp({ plugins: [fixtureTenancyPlugin(new FixtureTenancy())] });
  });
  afterAll(() => sut?.close());

  it('answers health and plugins', async () => {
    const live = await sut.http.get('/health/live');
    expect(live.body).toEqual({ status: 'ok' });
    const ready = await sut.http.get('/health/ready');
    expect(ready.body).toMatchObject({ status: 'ok' });
    const plugins = await sut.http.get('/api/v1/plugins').expect(200);
    expect(plugins.body.data.map((p: { name: string }) => p.name)).toEqual(['core', 'fixture-tenancy']);
    expect(plugins.body.data[0].contributes.retention).toEqual(['core.dispatched-events', 'core.job-runs']);
    const missing = await sut.http.get('/api/v1/nope').expect(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    expect(missing.body).toMatchObject({ status: 404, title: 'Not found' });
  });
});
