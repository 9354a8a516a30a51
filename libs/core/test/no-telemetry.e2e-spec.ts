import diagnostics from 'node:diagnostics_channel';
import type { Socket } from 'node:net';
import { ExampleNotesPlugin } from '@quire/plugin-example-notes';
import { createTestApp, FixtureTenancy, fixtureTenancyPlugin, fixtureToken } from '@quire/testing';

/**
 * Promise P21: a self-hosted installation makes no outbound calls unless the operator configures an
 * integration. Every TCP client socket the process opens while Quire boots, serves and runs its background
 * work is observed (Node's `net.client.socket` channel): each must go to the loopback database.
 */
describe('no telemetry', () => {
  const destinations: string[] = [];
  const observe = (message: unknown) => {
    const socket = (message as { socket: Socket }).socket;
    // The channel fires before the socket connects: record where it is about to go, even if it never gets there.
    const connect = socket.connect;
    socket.connect = function (this: Socket, ...args: unknown[]) {
      const target = (Array.isArray(args[0]) ? args[0][0] : args[0]) as { host?: string; path?: string } | undefined;
      destinations.push(`attempt ${target?.path ? `unix:${target.path}` : (target?.host ?? 'localhost')}`);
      return (connect as (...a: unknown[]) => Socket).apply(this, args);
    } as typeof socket.connect;
    socket.on('lookup', (_error: Error | null, _address: string, _family: number, host: string) =>
      destinations.push(`lookup ${host}`),
    );
    socket.on('connect', () => destinations.push(`connect ${socket.remoteAddress}`));
    socket.on('error', (error: NodeJS.ErrnoException & { address?: string; hostname?: string }) =>
      destinations.push(`failed ${error.address ?? error.hostname ?? 'unknown'}`),
    );
  };
  beforeAll(() => diagnostics.subscribe('net.client.socket', observe));
  afterAll(() => diagnostics.unsubscribe('net.client.socket', observe));

  it('opens connections only to the configured database', async () => {
    const tenancy = new FixtureTenancy();
    const sut = await createTestApp({ plugins: [fixtureTenancyPlugin(tenancy), ExampleNotesPlugin] });
    const acme = tenancy.addWorkspace('acme');
    tenancy.grant(acme, 'alice', [{ action: 'manage', subject: 'all' }]);
    try {
      await sut.http.get('/health/ready').expect(200);
      await sut.http.get('/api/docs-json').expect(200);
      await sut.http
        .post('/api/v1/workspaces/acme/notes')
        .set('Authorization', fixtureToken('alice'))
        .send({ title: 'hi' })
        .expect(201);
      await sut.http.get('/api/v1/workspaces/acme/notes').set('Authorization', fixtureToken('alice')).expect(200);
      await new Promise((resolve) => setTimeout(resolve, 1500)); // let the relay, queue and scheduler tick
    } finally {
      await sut.close();
    }
    expect(destinations.length).toBeGreaterThan(0); // the observer works: the database connections are seen
    const outbound = destinations.filter((d) => !/ (127\.0\.0\.1|::1|localhost|unix:.*)$/.test(d));
    expect(outbound).toEqual([]);
  });
});
