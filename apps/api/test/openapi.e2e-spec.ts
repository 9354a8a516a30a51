import { createConfig, lintFromString } from '@redocly/openapi-core';
import { loadConfig } from '@quire/core';
import { createTestApp, type TestApp } from '@quire/testing';
import { plugins } from '../src/quire.config';

type Operation = { responses: Record<string, unknown>; security?: unknown[]; requestBody?: unknown };

/** The OpenAPI document of the installation as apps/api assembles it: every loaded plugin's endpoints. */
describe('OpenAPI document of the installation', () => {
  let sut: TestApp;
  let document: { paths: Record<string, Record<string, Operation>> };

  beforeAll(async () => {
    sut = await createTestApp({ plugins: plugins(loadConfig({})) });
    document = (await sut.http.get('/api/docs-json').expect(200)).body;
  });
  afterAll(() => sut?.close());

  const operations = () =>
    Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ path, method, operation })),
    );

  it('lints clean with Redocly’s recommended rules', async () => {
    const config = await createConfig({
      extends: ['recommended'],
      rules: { 'no-server-example.com': 'off', 'info-license-url': 'off' },
    });
    const problems = await lintFromString({ source: JSON.stringify(document), absoluteRef: '/api/docs-json', config });
    // Input-less kernel routes cannot fail with a 4xx; the SSO start, callback and ACS answer with a redirect.
    const inputless = ['~1health~1live/get', '~1health~1ready/get', '~1api~1v1~1plugins/get'];
    const redirectOnly = ['{connectionId}~1start/get', 'oidc~1callback/get', 'saml~1acs/post'];
    const serious = problems.filter((p) => {
      const pointer = p.location[0]?.pointer ?? '';
      if (p.severity !== 'error' && p.severity !== 'warn') return false;
      if (p.ruleId === 'operation-4xx-response' && inputless.some((route) => pointer.includes(route))) return false;
      return !(p.ruleId === 'operation-2xx-response' && redirectOnly.some((route) => pointer.includes(route)));
    });
    expect(serious.map((p) => `${p.ruleId}: ${p.message} @ ${p.location[0]?.pointer}`)).toEqual([]);
  });

  it('documents 401 on every operation that needs a credential, and 400 on every one that takes a body', () => {
    const missing = operations().flatMap(({ path, method, operation }) => {
      const isPublic = Array.isArray(operation.security) && operation.security.length === 0;
      const gaps: string[] = [];
      if (!isPublic && !operation.responses['401']) gaps.push(`${method.toUpperCase()} ${path}: no 401`);
      if (operation.requestBody && !operation.responses['400']) gaps.push(`${method.toUpperCase()} ${path}: no 400`);
      return gaps;
    });
    expect(missing).toEqual([]);
  });

  it('documents the public content delivery API', () => {
    for (const path of [
      '/api/v1/delivery/{workspace}/{type}',
      '/api/v1/delivery/{workspace}/{type}/{id}',
      '/api/v1/delivery/{workspace}/{type}/slug/{slug}',
    ]) {
      const get = document.paths[path]?.get;
      expect(get?.security).toEqual([]);
      expect(Object.keys(get?.responses ?? {})).toEqual(expect.arrayContaining(['200', '304', '400', '404']));
    }
  });

  it('includes every identity flow', () => {
    const paths = Object.keys(document.paths);
    for (const path of [
      '/api/v1/auth/sign-in',
      '/api/v1/auth/email-code/verify',
      '/api/v1/auth/two-factor',
      '/api/v1/auth/password-reset/confirm',
      '/api/v1/me/two-factor/setup',
      '/api/v1/workspaces/{workspace}/api-keys',
      '/api/v1/workspaces/{workspace}/sso/connections',
      '/api/v1/admin/impersonation',
    ]) {
      expect(paths).toContain(path);
    }
  });
});
