import { Injectable, Module } from '@nestjs/common';
import {
  definePlugin,
  EventBus,
  OnQuireEvent,
  OutboxRelay,
  RequestContext,
  TenantDataSource,
  uuidv7,
  type QuireEvent,
} from '@quire/core';
import { createTestApp, type TestApp } from '@quire/testing';

declare module '@quire/core' {
  interface QuireEvents {
    'events-test.note.created': { noteId: string };
    'events-test.note.archived': { noteId: string };
  }
}

interface Delivery {
  event: QuireEvent<'events-test.note.created'>;
  ctx: RequestContext;
}

/** What the handlers saw; both app instances of a test share it, as they share this process. */
const seen = { created: [] as Delivery[], archivedAttempts: new Map<string, number>() };

@Injectable()
class NotesListener {
  @OnQuireEvent('events-test.note.created')
  async onCreated(event: QuireEvent<'events-test.note.created'>, ctx: RequestContext): Promise<void> {
    seen.created.push({ event, ctx });
  }

  // Small delay, default backoff: the retries take a few seconds, not minutes.
  @OnQuireEvent('events-test.note.archived', { retryLimit: 3, retryDelaySeconds: 1 })
  async onArchived(event: QuireEvent<'events-test.note.archived'>): Promise<void> {
    const attempt = (seen.archivedAttempts.get(event.payload.noteId) ?? 0) + 1;
    seen.archivedAttempts.set(event.payload.noteId, attempt);
    if (attempt <= 2) throw new Error(`flaky handler, attempt ${attempt}`);
  }
}

@Module({ providers: [NotesListener] })
class EventsTestModule {}

const EventsTestPlugin = definePlugin({ name: 'events-test', version: '1.0.0', module: EventsTestModule });

/** Polls `check` until it holds; fails after `timeoutMs` (generous: only a broken relay gets near it). */
async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe(EventBus.name, () => {
  let first: TestApp;
  let second: TestApp;
  let sut: EventBus;
  let db: TenantDataSource;
  const workspace = { id: uuidv7(), slug: 'acme' };
  const ctx = RequestContext.system('events-test')
    .withActor({ type: 'user', id: 'alice', label: 'Alice' })
    .withWorkspace(workspace);

  const outboxRows = async (noteId: string): Promise<Array<{ dispatched_at: Date | null }>> =>
    first.dataSource.query(`SELECT dispatched_at FROM quire_outbox WHERE payload->>'noteId' = $1`, [noteId]);
  const completedJobs = async (queue: string, ids: string[]): Promise<number> => {
    const [{ count }] = await first.dataSource.query(
      `SELECT count(*)::int AS count FROM pgboss.job WHERE name = $1 AND id = ANY($2::uuid[]) AND state = 'completed'`,
      [queue, ids],
    );
    return count as number;
  };

  beforeAll(async () => {
    first = await createTestApp({ plugins: [EventsTestPlugin] });
    // A second instance on the same database: relaying and working must still deliver each event once.
    second = await createTestApp({ plugins: [EventsTestPlugin], database: first.database });
    sut = first.app.get(EventBus);
    db = first.app.get(TenantDataSource);
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  it('writes no outbox row when the transaction that published rolls back', async () => {
    await expect(
      db.transaction(ctx, async (tx) => {
        await sut.publish(tx, 'events-test.note.created', { noteId: 'rolled-back' });
        throw new Error('the write failed');
      }),
    ).rejects.toThrow('the write failed');

    expect(await outboxRows('rolled-back')).toEqual([]);
    await first.app.get(OutboxRelay).flush();
    expect(seen.created.filter((d) => d.event.payload.noteId === 'rolled-back')).toEqual([]);
  });

  it('delivers each committed event to its handler exactly once, with two instances relaying', async () => {
    const noteIds = Array.from({ length: 5 }, (_, i) => `committed-${i}`);
    const eventIds = await db.transaction(ctx, async (tx) => {
      const ids: string[] = [];
      for (const noteId of noteIds) ids.push(await sut.publish(tx, 'events-test.note.created', { noteId }));
      return ids;
    });

    await Promise.all([first.app.get(OutboxRelay).flush(), second.app.get(OutboxRelay).flush()]);
    await until(
      async () => (await completedJobs('quire.event.NotesListener.onCreated', eventIds)) === eventIds.length,
      'every delivery completed',
    );

    const delivered = seen.created.filter((d) => eventIds.includes(d.event.id));
    expect(delivered.map((d) => d.event.id).sort()).toEqual([...eventIds].sort());
    for (const noteId of noteIds) expect(await outboxRows(noteId)).toEqual([{ dispatched_at: expect.any(Date) }]);
    expect(await first.app.get(OutboxRelay).flush()).toBe(0);

    const [{ event, ctx: handlerCtx }] = delivered;
    expect(event).toMatchObject({
      name: 'events-test.note.created',
      workspaceId: workspace.id,
      actor: { type: 'user', id: 'alice' },
      requestId: ctx.requestId,
      occurredAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(handlerCtx.workspace?.id).toBe(workspace.id);
    expect(handlerCtx.actor).toMatchObject({ type: 'system', id: 'event:NotesListener.onCreated' });
    expect(handlerCtx.manager).toBeNull();
  });

  it('retries a failing handler with backoff until it succeeds', async () => {
    // Outside a transaction: the row commits on its own.
    const eventId = await sut.publish(ctx, 'events-test.note.archived', { noteId: 'flaky' });
    await first.app.get(OutboxRelay).flush();

    await until(
      async () => (await completedJobs('quire.event.NotesListener.onArchived', [eventId])) === 1,
      'the third attempt succeeded',
    );
    expect(seen.archivedAttempts.get('flaky')).toBe(3);
  });

  it('refuses an event name that does not follow <plugin>.<subject>.<past-tense-verb>', async () => {
    for (const name of [
      'NoteCreated',
      'events-test.note',
      'events-test.note.create',
      'events-test.Note.created',
      'a.b.c.created',
    ]) {
      await expect(sut.publish(ctx, name as never, { noteId: 'invalid' } as never)).rejects.toThrow(
        /"<plugin>\.<subject>\.<past-tense-verb>"/,
      );
    }
    expect(await outboxRows('invalid')).toEqual([]);
    expect(() => OnQuireEvent('events-test.note.create' as never)).toThrow(/Invalid event name/);
  });
});
