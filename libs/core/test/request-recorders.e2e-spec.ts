import { Body, Controller, Get, Injectable, Module, Param, Post, type OnModuleInit } from '@nestjs/common';
import {
  Can,
  Ctx,
  definePlugin,
  definePermissions,
  QuireError,
  RequestRecorders,
  type RequestContext,
  type RequestRecord,
  type RequestRecorder,
} from '@quire/core';
import { createTestApp, FixtureTenancy, fixtureTenancyPlugin, fixtureToken, type TestApp } from '@quire/testing';

class ProbeMissingError extends QuireError {
  constructor() {
    super({ code: 'recorders-probe.thing-not-found', status: 404, title: 'Not found', detail: 'No such thing.' });
  }
}

@Controller('workspaces/:workspace/things')
class ThingsController {
  @Get(':id')
  @Can('read', 'Thing')
  get(@Ctx() ctx: RequestContext, @Param('id') id: string): { id: string; workspace: string } {
    if (id === 'missing') throw new ProbeMissingError();
    return { id, workspace: ctx.workspaceId };
  }

  @Post()
  @Can('create', 'Thing')
  create(@Body() body: Record<string, unknown>): Record<string, unknown> {
    return body;
  }
}

/** Collects every record; the other two recorders fail, thrown and rejected, and must change nothing. */
@Injectable()
class ProbeRecorders implements OnModuleInit {
  readonly seen: RequestRecord[] = [];
  constructor(private readonly recorders: RequestRecorders) {}

  onModuleInit(): void {
    const throwing: RequestRecorder = {
      record: () => {
        throw new Error('recorder threw');
      },
    };
    const rejecting: RequestRecorder = { record: () => Promise.reject(new Error('recorder rejected')) };
    this.recorders.register(throwing);
    this.recorders.register(rejecting);
    this.recorders.register({ record: (record) => void this.seen.push(record) });
  }
}

@Module({ controllers: [ThingsController], providers: [ProbeRecorders] })
class ProbeModule {}

const ProbePlugin = definePlugin({
  name: 'recorders-probe',
  version: '1.0.0',
  module: ProbeModule,
  permissions: definePermissions({ subjects: ['Thing'], actions: ['read', 'create'], grants: {} }),
});

describe(RequestRecorders.name, () => {
  let sut: TestApp;
  let probe: ProbeRecorders;
  const tenancy = new FixtureTenancy();
  const workspace = tenancy.addWorkspace('acme');
  tenancy.grant(workspace, 'alice', [{ action: 'read', subject: 'Thing' }]);

  /** The record of the request answered with this X-Request-Id: recorders run once the response is closed. */
  async function recordOf(response: { headers: Record<string, string> }): Promise<RequestRecord> {
    const requestId = response.headers['x-request-id'];
    for (let turn = 0; turn < 100; turn++) {
      const found = probe.seen.find((record) => record.requestId === requestId);
      if (found) return found;
      await new Promise((resolve) => setImmediate(resolve));
    }
    throw new Error(`no record of ${requestId}`);
  }

  beforeAll(async () => {
    sut = await createTestApp({ plugins: [fixtureTenancyPlugin(tenancy), ProbePlugin] });
    probe = sut.app.get(ProbeRecorders);
  });
  afterAll(() => sut?.close());

  it('hands each finished request to every recorder, with the route pattern, actor and workspace', async () => {
    const response = await sut.http
      .get('/api/v1/workspaces/acme/things/42')
      .set('Authorization', fixtureToken('alice'))
      .set('User-Agent', 'probe/1')
      .expect(200);
    const record = await recordOf(response);
    expect(record).toMatchObject({
      method: 'GET',
      route: '/api/v1/workspaces/:workspace/things/:id',
      status: 200,
      actorType: 'user',
      actorId: 'alice',
      impersonatorId: null,
      workspaceId: workspace.id,
      userAgent: 'probe/1',
      rateLimited: false,
      errorCode: null,
    });
    expect(record.durationMs).toBeGreaterThanOrEqual(0);
    expect(record.occurredAt).toBeInstanceOf(Date);
  });

  it('names the problem code of an error, and who was refused', async () => {
    const missing = await sut.http
      .get('/api/v1/workspaces/acme/things/missing')
      .set('Authorization', fixtureToken('alice'))
      .expect(404);
    expect(await recordOf(missing)).toMatchObject({ status: 404, errorCode: 'recorders-probe.thing-not-found' });
    const forbidden = await sut.http
      .post('/api/v1/workspaces/acme/things')
      .set('Authorization', fixtureToken('alice'))
      .send({ password: 'never recorded' })
      .expect(403);
    const record = await recordOf(forbidden);
    expect(record).toMatchObject({ status: 403, actorId: 'alice', workspaceId: workspace.id });
    expect(record.errorCode).toMatch(/forbidden/);
    expect(JSON.stringify(record)).not.toContain('never recorded');
    const anonymous = await sut.http.get('/api/v1/workspaces/acme/things/1').expect(401);
    expect(await recordOf(anonymous)).toMatchObject({ actorType: 'anonymous', actorId: null, workspaceId: null });
  });

  it('records a malformed body and an unknown route without a route pattern', async () => {
    const malformed = await sut.http
      .post('/api/v1/workspaces/acme/things')
      .set('Authorization', fixtureToken('alice'))
      .set('Content-Type', 'application/json')
      .send('{"broken"')
      .expect(400);
    expect(await recordOf(malformed)).toMatchObject({ status: 400, errorCode: 'core.malformed-json' });
    const unknown = await sut.http.get('/api/v1/nothing/here').expect(404);
    expect(await recordOf(unknown)).toMatchObject({ route: null, errorCode: 'core.route-not-found' });
  });

  it('does not record what is not the API (health probes)', async () => {
    const health = await sut.http.get('/health/live').expect(200);
    const api = await sut.http.get('/api/v1/nothing').expect(404);
    await recordOf(api);
    expect(probe.seen.some((record) => record.requestId === health.headers['x-request-id'])).toBe(false);
  });
});
