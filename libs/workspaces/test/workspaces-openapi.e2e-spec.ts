import { createConfig, lintFromString } from '@redocly/openapi-core';
import { IdentityPlugin } from '@quire/identity';
import { WorkspacesPlugin } from '@quire/workspaces';
import { createTestApp, type TestApp } from '@quire/testing';

type Operation = { responses: Record<string, unknown>; security?: unknown[]; requestBody?: unknown };

/** The workspaces plugin's part of the OpenAPI document, before apps/api loads it. */
describe('OpenAPI document with workspaces', () => {
  let sut: TestApp;
  let document: { paths: Record<string, Record<string, Operation>> };

  beforeAll(async () => {
    sut = await createTestApp({ plugins: [IdentityPlugin, WorkspacesPlugin] });
    document = (await sut.http.get('/api/docs-json').expect(200)).body;
  });
  afterAll(() => sut?.close());

  const workspacePaths = () => Object.keys(document.paths).filter((path) => path.startsWith('/api/v1/workspaces'));

  it('lists every workspaces route', () => {
    expect(workspacePaths()).toEqual(
      expect.arrayContaining([
        '/api/v1/workspaces',
        '/api/v1/workspaces/{workspace}',
        '/api/v1/workspaces/{workspace}/members',
        '/api/v1/workspaces/{workspace}/members/{userId}',
        '/api/v1/workspaces/{workspace}/teams',
        '/api/v1/workspaces/{workspace}/teams/{teamId}',
        '/api/v1/workspaces/{workspace}/teams/{teamId}/members/{userId}',
        '/api/v1/workspaces/{workspace}/roles',
        '/api/v1/workspaces/{workspace}/roles/{roleId}',
        '/api/v1/workspaces/{workspace}/permission-catalog',
      ]),
    );
  });

  it('lints clean with Redocly’s recommended rules on the workspaces routes', async () => {
    const config = await createConfig({
      extends: ['recommended'],
      rules: { 'no-server-example.com': 'off', 'info-license-url': 'off' },
    });
    const problems = await lintFromString({ source: JSON.stringify(document), absoluteRef: '/api/docs-json', config });
    const ours = problems.filter(
      (p) =>
        (p.severity === 'error' || p.severity === 'warn') &&
        (p.location[0]?.pointer ?? '').includes('~1api~1v1~1workspaces') &&
        !(p.location[0]?.pointer ?? '').includes('api-keys') &&
        !(p.location[0]?.pointer ?? '').includes('sso'),
    );
    expect(ours.map((p) => `${p.ruleId}: ${p.message} @ ${p.location[0]?.pointer}`)).toEqual([]);
  });

  it('documents 401 on every workspaces operation, and 400 on every one that takes a body', () => {
    const missing = workspacePaths().flatMap((path) =>
      Object.entries(document.paths[path]).flatMap(([method, operation]) => {
        const gaps: string[] = [];
        if (!operation.responses['401']) gaps.push(`${method.toUpperCase()} ${path}: no 401`);
        if (operation.requestBody && !operation.responses['400']) gaps.push(`${method.toUpperCase()} ${path}: no 400`);
        return gaps;
      }),
    );
    expect(missing).toEqual([]);
  });
});
