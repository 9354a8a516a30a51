import { createConfig, lintFromString } from '@redocly/openapi-core';
import { ExampleNotesPlugin } from '@quire/plugin-example-notes';
import { createTestApp, FixtureTenancy, fixtureTenancyPlugin, type TestApp } from '@quire/testing';

describe('OpenAPI document', () => {
  let sut: TestApp;
  beforeAll(async () => {
    sut = await createTestApp({ plugins: [fixtureTenancyPlugin(new FixtureTenancy()), ExampleNotesPlugin] });
  });
  afterAll(() => sut?.close());

  it('is served as JSON and lints clean with Redocly’s recommended rules', async () => {
    const res = await sut.http.get('/api/docs-json').expect(200);
    expect(res.body.openapi).toMatch(/^3\./);
    const config = await createConfig({
      extends: ['recommended'],
      // Not applicable: the document is served by the API itself (no separate servers list), and the
      // example license URL is a placeholder until the product has a public site.
      rules: { 'no-server-example.com': 'off', 'info-license-url': 'off' },
    });
    const problems = await lintFromString({ source: JSON.stringify(res.body), absoluteRef: '/api/docs-json', config });
    // Liveness, readiness and the plugin list take no input: no client error (4xx) is possible there.
    const inputless = [
      '/paths/~1health~1live/get/responses',
      '/paths/~1health~1ready/get/responses',
      '/paths/~1api~1v1~1plugins/get/responses',
    ];
    const serious = problems.filter(
      (p) =>
        (p.severity === 'error' || p.severity === 'warn') &&
        !(p.ruleId === 'operation-4xx-response' && inputless.includes(p.location[0]?.pointer?.replace(/^#/, '') ?? '')),
    );
    expect(serious.map((p) => `${p.ruleId}: ${p.message} @ ${p.location[0]?.pointer}`)).toEqual([]);
  });

  it('documents every route with its problem responses and permission', async () => {
    const { body } = await sut.http.get('/api/docs-json').expect(200);
    const list = body.paths['/api/v1/workspaces/{workspace}/notes'].get;
    expect(list['x-permission']).toEqual({ action: 'read', subject: 'Note' });
    expect(Object.keys(list.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403', '404']));
    expect(list.responses['403'].content['application/problem+json']).toBeDefined();
    expect(body.components.schemas.ProblemDetailsDto).toBeDefined();
  });

  it('serves Swagger UI', async () => {
    const res = await sut.http.get('/api/docs').redirects(1).expect(200);
    expect(res.text).toContain('swagger');
  });
});
