import { PassThrough } from 'node:stream';
import { Module } from '@nestjs/common';
import { createWinston, definePlugin, PluginRegistryError, WinstonLogger } from '@quire/core';
import { createTestApp, FixtureTenancy, fixtureTenancyPlugin, type TestApp } from '@quire/testing';

describe('HTTP conventions of the kernel', () => {
  let sut: TestApp;
  const lines: Array<Record<string, unknown>> = [];

  beforeAll(async () => {
    const stream = new PassThrough();
    stream.on('data', (chunk: Buffer) =>
      chunk
        .toString()
        .split('\n')
        .filter(Boolean)
        .forEach((line) => lines.push(JSON.parse(line))),
    );
    sut = await createTestApp({
      plugins: [fixtureTenancyPlugin(new FixtureTenancy())],
      env: { CORS_ORIGINS: 'https://console.example.com' },
      logger: new WinstonLogger(createWinston({ level: 'info', format: 'json', stream })),
    });
  });
  afterAll(() => sut?.close());

  it('refuses query parameters on an endpoint that takes none, naming them', async () => {
    const res = await sut.http.get('/api/v1/plugins?verbose=1&x=2').expect(400);
    expect(res.body.errors).toEqual([
      { path: 'verbose', message: 'unknown query parameter "verbose"; this endpoint takes none' },
      { path: 'x', message: 'unknown query parameter "x"; this endpoint takes none' },
    ]);
  });

  it('sends security headers', async () => {
    const res = await sut.http.get('/health/live').expect(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['strict-transport-security']).toBeDefined();
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('allows CORS only for configured origins', async () => {
    const allowed = await sut.http
      .options('/api/v1/plugins')
      .set('Origin', 'https://console.example.com')
      .set('Access-Control-Request-Method', 'GET');
    expect(allowed.headers['access-control-allow-origin']).toBe('https://console.example.com');
    const other = await sut.http
      .options('/api/v1/plugins')
      .set('Origin', 'https://evil.example')
      .set('Access-Control-Request-Method', 'GET');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('echoes a safe X-Request-Id and replaces an unsafe one', async () => {
    const echoed = await sut.http.get('/health/live').set('X-Request-Id', 'trace-12345678').expect(200);
    expect(echoed.headers['x-request-id']).toBe('trace-12345678');
    const replaced = await sut.http.get('/health/live').set('X-Request-Id', '<script>alert(1)</script>').expect(200);
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers unknown routes and methods with a 404 problem', async () => {
    const res = await sut.http.delete('/api/v1/plugins').expect(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({
      type: 'urn:quire:problem:core.route-not-found',
      detail: 'No route DELETE /api/v1/plugins.',
    });
  });

  it('logs one JSON line per request carrying its request id, never the query string', async () => {
    const res = await sut.http.get('/api/v1/plugins?token=secret-value').set('X-Request-Id', 'log-check-0001');
    expect(res.status).toBe(400);
    const line = lines.find((l) => l.requestId === 'log-check-0001' && l.context === 'HTTP');
    expect(line).toMatchObject({
      level: 'info',
      method: 'GET',
      path: '/api/v1/plugins',
      status: 400,
      requestId: 'log-check-0001',
    });
    expect(JSON.stringify(lines)).not.toContain('secret-value');
  });
});

describe('booting with broken plugins', () => {
  it('refuses a plugin with a missing dependency, naming the plugin and the fix', async () => {
    const broken = definePlugin({ name: 'acme-reviews', version: '1.0.0', requires: { workspaces: '^1.0.0' } });
    const attempt = createTestApp({ plugins: [broken] });
    await expect(attempt).rejects.toBeInstanceOf(PluginRegistryError);
    await expect(attempt).rejects.toThrow(/Plugin "acme-reviews": .*workspaces.*Fix: /);
  });

  it('refuses to start when a plugin fails to initialise, naming it', async () => {
    @Module({})
    class FailingModule {}
    const failing = definePlugin({
      name: 'acme-failing',
      version: '1.0.0',
      module: FailingModule,
      hooks: {
        onBootstrap() {
          throw new Error('licence server unreachable');
        },
      },
    });
    await expect(createTestApp({ plugins: [failing] })).rejects.toThrow(
      'Plugin "acme-failing" failed in onBootstrap: licence server unreachable',
    );
  });
});
