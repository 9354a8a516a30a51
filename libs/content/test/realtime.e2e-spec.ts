import { IdentityPlugin } from '@quire/identity';
import { WorkspacesPlugin } from '@quire/workspaces';
import { drainAndClose } from '@quire/core';
import { createTestApp, type TestApp } from '@quire/testing';
import { ContentPlugin } from '../src/content.plugin';
import { ContentEventHub } from '../src/realtime/content-event-hub';
import type { ContentTypeDefinition } from '../src/schema/field-definition';
import { bearer, entriesHelpers, type Account, type Workspace } from './entries-support';

const typeNamed = (apiId: string): ContentTypeDefinition => ({
  apiId,
  kind: 'collection',
  name: apiId,
  fields: [{ name: 'title', type: 'text', required: true }],
});

interface StreamMessage {
  id?: string;
  event?: string;
  data?: {
    id: string;
    name: string;
    occurredAt: string;
    actor: { type: string; id: string };
    payload: Record<string, unknown>;
  };
}

/** Generous: events arrive in milliseconds, a busy CI machine may take seconds. */
const WAIT_MS = 10_000;

/** A reader of one event stream over real HTTP, collecting its messages. */
class EventStream {
  readonly messages: StreamMessage[] = [];
  private readonly controller = new AbortController();
  private buffer = '';
  private waiters: Array<() => void> = [];
  status = 0;
  contentType = '';
  body: { type?: string } | null = null;
  /** Resolves when the server ends the stream (or close() aborts it). */
  ended: Promise<void> = Promise.resolve();

  async open(url: string, account: Account): Promise<this> {
    const response = await fetch(url, { headers: bearer(account), signal: this.controller.signal });
    this.status = response.status;
    this.contentType = response.headers.get('content-type') ?? '';
    if (!this.contentType.startsWith('text/event-stream')) {
      this.body = await response.json();
      return this;
    }
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    this.ended = (async () => {
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          this.take(decoder.decode(value, { stream: true }));
        }
      } catch {
        // Aborted by close().
      }
    })();
    return this;
  }

  /** Resolves with the first message matching, or rejects after a generous wait. */
  async waitFor(match: (m: StreamMessage) => boolean): Promise<StreamMessage> {
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const found = this.messages.find(match);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no such message; got ${JSON.stringify(this.names())}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 200);
      });
    }
  }

  names(): string[] {
    return this.messages.map((m) => `${m.event}:${String(m.data?.payload?.contentType ?? '')}`);
  }

  close(): void {
    this.controller.abort();
  }

  private take(text: string): void {
    this.buffer += text;
    let end: number;
    while ((end = this.buffer.indexOf('\n\n')) >= 0) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      const message: StreamMessage = {};
      for (const line of block.split('\n')) {
        if (line.startsWith('id: ')) message.id = line.slice(4);
        else if (line.startsWith('event: ')) message.event = line.slice(7);
        else if (line.startsWith('data: ')) message.data = JSON.parse(line.slice(6));
      }
      if (message.event) this.messages.push(message);
    }
    for (const wake of this.waiters.splice(0)) wake();
  }
}

describe('Content realtime event stream', () => {
  let sut: TestApp;
  const h = entriesHelpers(() => sut);
  let owner: Account;
  let editor: Account;
  let viewer: Account;
  let postReader: Account;
  let ws: Workspace;
  let other: Workspace;
  let otherOwner: Account;
  const streams: EventStream[] = [];

  beforeAll(async () => {
    sut = await createTestApp({ plugins: [IdentityPlugin, WorkspacesPlugin, ContentPlugin] });
    owner = await h.signUp();
    ws = await h.newWorkspace(owner);
    editor = await h.member(ws, 'editor');
    viewer = await h.member(ws, 'viewer');
    await h.seedType(ws, typeNamed('post'));
    await h.seedType(ws, typeNamed('page'));
    const role = await sut.http
      .post(`/api/v1/workspaces/${ws.slug}/roles`)
      .set(bearer(owner))
      .send({
        key: 'post-reader',
        name: 'Post reader',
        rules: [{ action: 'read', subject: 'Entry', conditions: { contentType: 'post' } }],
      });
    expect(role.status).toBe(201);
    postReader = await h.member(ws, 'post-reader');
    otherOwner = await h.signUp();
    other = await h.newWorkspace(otherOwner);
    await h.seedType(other, typeNamed('post'));
  });

  afterEach(() => {
    for (const stream of streams.splice(0)) stream.close();
  });

  afterAll(async () => {
    await sut?.close();
  });

  const eventsUrl = (workspace: Workspace) => `${sut.url}/api/v1/workspaces/${workspace.slug}/events`;

  async function subscribe(workspace: Workspace, as: Account): Promise<EventStream> {
    const stream = await new EventStream().open(eventsUrl(workspace), as);
    streams.push(stream);
    return stream;
  }

  async function createEntry(type: string, title: string, workspace = ws, as = editor): Promise<string> {
    const response = await sut.http
      .post(`/api/v1/workspaces/${workspace.slug}/content-types/${type}/entries`)
      .set(bearer(as))
      .send({ data: { title } })
      .expect(201);
    return response.body.id;
  }

  it('streams an entry created and published by another member, as server-sent events', async () => {
    const stream = await subscribe(ws, viewer);
    expect(stream.status).toBe(200);
    expect(stream.contentType).toMatch(/^text\/event-stream/);

    const id = await createEntry('post', 'Hello');
    await sut.http
      .post(`/api/v1/workspaces/${ws.slug}/entries/${id}/locales/en/publish`)
      .set(bearer(editor))
      .expect((r) => expect(r.status).toBeLessThan(300));

    const created = await stream.waitFor((m) => m.event === 'content.entry.created' && m.data?.payload.entryId === id);
    expect(created.data).toEqual({
      id: created.id,
      name: 'content.entry.created',
      occurredAt: expect.any(String),
      actor: { type: 'user', id: editor.userId },
      payload: expect.objectContaining({ entryId: id, contentType: 'post', locale: 'en' }),
    });
    const [row] = await sut.dataSource.query(`SELECT event_name FROM quire_outbox WHERE id = $1`, [created.id]);
    expect(row.event_name).toBe('content.entry.created');
    await stream.waitFor((m) => m.event === 'content.entry.published' && m.data?.payload.entryId === id);
  });

  it('hides events of entries the subscriber may not read (a role reading only posts)', async () => {
    const restricted = await subscribe(ws, postReader);
    const everything = await subscribe(ws, viewer);
    expect(restricted.status).toBe(200);

    const pageId = await createEntry('page', 'Secret page');
    const postId = await createEntry('post', 'Public post');

    // Events reach every stream in commit order: once the later post is in, the earlier page would be too.
    await everything.waitFor((m) => m.data?.payload.entryId === postId);
    await restricted.waitFor((m) => m.data?.payload.entryId === postId);
    expect(everything.messages.some((m) => m.data?.payload.entryId === pageId)).toBe(true);
    expect(restricted.messages.filter((m) => m.data?.payload.entryId === pageId)).toEqual([]);
    expect(restricted.messages.every((m) => m.data?.payload.contentType === 'post')).toBe(true);
  });

  it('answers 404 to a non-member and never streams another workspace', async () => {
    const outsider = await subscribe(ws, otherOwner);
    expect(outsider.status).toBe(404);
    expect(outsider.body?.type).toBe('urn:quire:problem:core.workspace-not-found');

    const stream = await subscribe(ws, owner);
    const foreign = await createEntry('post', 'Elsewhere', other, otherOwner);
    const mine = await createEntry('post', 'Here');
    await stream.waitFor((m) => m.data?.payload.entryId === mine);
    expect(stream.messages.filter((m) => m.data?.payload.entryId === foreign)).toEqual([]);
  });

  it('emits nothing for a refused save or a rolled-back transaction', async () => {
    const stream = await subscribe(ws, owner);
    await sut.http
      .post(`/api/v1/workspaces/${ws.slug}/content-types/post/entries`)
      .set(bearer(editor))
      .send({ data: { title: 42 } })
      .expect(400);
    // An outbox row written in a transaction that rolls back: its NOTIFY is never delivered.
    const runner = sut.dataSource.createQueryRunner();
    await runner.startTransaction();
    await runner.query(
      `INSERT INTO quire_outbox (id, workspace_id, event_name, payload, actor) VALUES (gen_random_uuid(), $1,
       'content.entry.created', $2, '{"type":"system","id":null}')`,
      [ws.id, JSON.stringify({ entryId: '00000000-0000-7000-8000-000000000000', contentType: 'post' })],
    );
    await runner.rollbackTransaction();
    await runner.release();

    const marker = await createEntry('post', 'Marker');
    await stream.waitFor((m) => m.data?.payload.entryId === marker);
    expect(stream.messages.map((m) => m.data?.payload.entryId)).toEqual(
      stream.messages.map(() => marker), // only the marker's own events
    );
  });

  it('forgets a subscriber when the client disconnects', async () => {
    const hub = sut.app.get(ContentEventHub);
    await until(() => hub.subscriberCount === 0); // the streams of earlier tests, aborted after each
    const stream = await subscribe(ws, viewer);
    expect(hub.subscriberCount).toBe(1);
    stream.close();
    await until(() => hub.subscriberCount === 0);
    expect(hub.subscriberCount).toBe(0);
  });
});

describe('Content realtime event stream at shutdown', () => {
  it('ends open streams when the app drains, so stopping does not wait for them', async () => {
    const sut = await createTestApp({ plugins: [IdentityPlugin, WorkspacesPlugin, ContentPlugin] });
    const h = entriesHelpers(() => sut);
    const owner = await h.signUp();
    const ws = await h.newWorkspace(owner);
    const stream = await new EventStream().open(`${sut.url}/api/v1/workspaces/${ws.slug}/events`, owner);
    expect(stream.status).toBe(200);
    // A force timeout far beyond the test's own: finishing at all shows the stream did not hold the drain.
    await drainAndClose(sut.app, 600_000);
    await stream.ended;
    expect(sut.app.get(ContentEventHub).subscriberCount).toBe(0);
    await sut.database.drop();
  });
});

async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
}
