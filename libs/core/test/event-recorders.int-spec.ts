import { Injectable, Module, type OnModuleInit } from '@nestjs/common';
import {
  definePlugin,
  EventBus,
  EventRecorders,
  RequestContext,
  TenantDataSource,
  uuidv7,
  type EventRecorder,
  type RecordedEvent,
} from '@quire/core';
import { createTestApp, type TestApp } from '@quire/testing';
import type { EntityManager } from 'typeorm';

declare module '@quire/core' {
  interface QuireEvents {
    'recorders-test.note.created': { noteId: string };
  }
}

/** Records what it is given, and whether the outbox row was visible in the same transaction; fails on demand. */
@Injectable()
class ProbeRecorder implements EventRecorder, OnModuleInit {
  readonly seen: Array<RecordedEvent & { outboxRowVisible: boolean }> = [];
  failFor: string | null = null;

  constructor(private readonly recorders: EventRecorders) {}

  onModuleInit(): void {
    this.recorders.register(this);
  }

  async record(manager: EntityManager, event: RecordedEvent): Promise<void> {
    const rows: unknown[] = await manager.query(`SELECT 1 FROM quire_outbox WHERE id = $1`, [event.id]);
    this.seen.push({ ...event, outboxRowVisible: rows.length === 1 });
    if ((event.payload as { noteId: string }).noteId === this.failFor) throw new Error('recorder failed');
  }
}

@Module({ providers: [ProbeRecorder] })
class RecordersTestModule {}

const RecordersTestPlugin = definePlugin({ name: 'recorders-test', version: '1.0.0', module: RecordersTestModule });

describe(EventRecorders.name, () => {
  let sut: TestApp;
  let probe: ProbeRecorder;
  const workspace = { id: uuidv7(), slug: 'acme' };
  const ctx = RequestContext.forRequest({ requestId: 'req-1', ip: '203.0.113.9', userAgent: 'probe/1' })
    .withActor({ type: 'user', id: 'alice', impersonatorId: 'admin-1' })
    .withWorkspace(workspace);
  const outboxCount = async (noteId: string): Promise<number> =>
    (await sut.dataSource.query(`SELECT 1 FROM quire_outbox WHERE payload->>'noteId' = $1`, [noteId])).length;

  beforeAll(async () => {
    sut = await createTestApp({ plugins: [RecordersTestPlugin] });
    probe = sut.app.get(ProbeRecorder);
  });
  afterAll(() => sut?.close());

  it('gives each recorder the event, its request IP and user agent, in the publishing transaction', async () => {
    const id = await sut.app
      .get(TenantDataSource)
      .transaction(ctx, (tx) => sut.app.get(EventBus).publish(tx, 'recorders-test.note.created', { noteId: 'a' }));
    const seen = probe.seen.find((event) => event.id === id);
    expect(seen).toMatchObject({
      name: 'recorders-test.note.created',
      workspaceId: workspace.id,
      actor: { type: 'user', id: 'alice', impersonatorId: 'admin-1' },
      requestId: 'req-1',
      payload: { noteId: 'a' },
      ip: '203.0.113.9',
      userAgent: 'probe/1',
      outboxRowVisible: true,
    });
    expect(Number.isNaN(Date.parse(seen!.occurredAt))).toBe(false);
  });

  it('rolls the write back when a recorder fails, inside a transaction or outside one', async () => {
    probe.failFor = 'refused';
    await expect(
      sut.app
        .get(TenantDataSource)
        .transaction(ctx, (tx) =>
          sut.app.get(EventBus).publish(tx, 'recorders-test.note.created', { noteId: 'refused' }),
        ),
    ).rejects.toThrow('recorder failed');
    await expect(
      sut.app.get(EventBus).publish(ctx, 'recorders-test.note.created', { noteId: 'refused' }),
    ).rejects.toThrow('recorder failed');
    expect(await outboxCount('refused')).toBe(0);
    probe.failFor = null;
  });
});
