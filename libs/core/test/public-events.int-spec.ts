import { Injectable, Module } from '@nestjs/common';
import {
  definePlugin,
  EventBus,
  OnPublicQuireEvents,
  OutboxRelay,
  PluginRegistry,
  RequestContext,
  TenantDataSource,
  uuidv7,
  type QuireEventEnvelope,
} from '@quire/core';
import { createTestApp, until, type TestApp } from '@quire/testing';

declare module '@quire/core' {
  interface QuireEvents {
    'public-test.note.created': { noteId: string };
    'public-test.note.archived': { noteId: string };
    'public-test-other.tag.added': { tag: string };
  }
}

const seen: QuireEventEnvelope[] = [];

@Injectable()
class EverythingPublicListener {
  @OnPublicQuireEvents({ retryLimit: 1, retryDelaySeconds: 1 })
  async onPublic(event: QuireEventEnvelope): Promise<void> {
    seen.push(event);
  }
}

@Module({ providers: [EverythingPublicListener] })
class ListenerModule {}

/** Offers one of its two events; the listener lives in another plugin, as webhooks do. */
const NotesPlugin = definePlugin({
  name: 'public-test',
  version: '1.0.0',
  publicEvents: [{ name: 'public-test.note.created', description: 'A note was written' }],
});
const TagsPlugin = definePlugin({
  name: 'public-test-other',
  version: '1.0.0',
  module: ListenerModule,
  publicEvents: [{ name: 'public-test-other.tag.added', description: 'A tag was added' }],
});

describe(OnPublicQuireEvents.name, () => {
  let sut: TestApp;
  const ctx = RequestContext.system('public-test').withWorkspace({ id: uuidv7(), slug: 'acme' });

  beforeAll(async () => {
    sut = await createTestApp({ plugins: [NotesPlugin, TagsPlugin] });
  });
  afterAll(() => sut?.close());

  it('delivers every public event of every loaded plugin to the handler, and no other event', async () => {
    const bus = sut.app.get(EventBus);
    const ids = await sut.app
      .get(TenantDataSource)
      .transaction(ctx, async (tx) => [
        await bus.publish(tx, 'public-test.note.created', { noteId: 'n1' }),
        await bus.publish(tx, 'public-test.note.archived', { noteId: 'n1' }),
        await bus.publish(tx, 'public-test-other.tag.added', { tag: 'news' }),
      ]);
    await sut.app.get(OutboxRelay).flush();

    await until(() => seen.length >= 2, 'both public events were handled');
    // The relay queued the handler's jobs at flush: none for the event its plugin keeps to itself.
    const queued = await sut.dataSource.query(`SELECT id FROM pgboss.job WHERE name = $1 ORDER BY id`, [
      'quire.event.EverythingPublicListener.onPublic',
    ]);
    expect(queued.map((job: { id: string }) => job.id)).toEqual([ids[0], ids[2]]);
    expect(seen.map((e) => [e.id, e.name]).sort()).toEqual(
      [
        [ids[0], 'public-test.note.created'],
        [ids[2], 'public-test-other.tag.added'],
      ].sort(),
    );
    expect(seen[0]).toMatchObject({ workspaceId: ctx.workspaceId, actor: { type: 'system' } });
    expect(
      sut.app
        .get(PluginRegistry)
        .publicEvents()
        .map((e) => e.name),
    ).toEqual(['public-test.note.created', 'public-test-other.tag.added']);
  });
});
