import { IdentityPlugin } from '@quire/identity';
import { WorkspacesPlugin } from '@quire/workspaces';
import { createTestApp, expectValidationProblem, type TestApp } from '@quire/testing';
import { ContentPlugin } from '../src/content.plugin';
import type { ContentTypeDefinition } from '../src/schema/field-definition';
import { bearer, entriesHelpers, type Account, type Workspace } from './entries-support';

const NOTE_TYPE: ContentTypeDefinition = {
  apiId: 'note',
  kind: 'collection',
  name: 'Note',
  fields: [{ name: 'text', type: 'text' }],
};

describe('Content entry locks', () => {
  let sut: TestApp;
  const h = entriesHelpers(() => sut);
  let owner: Account;
  let editor: Account;
  let author: Account;
  let viewer: Account;
  let ws: Workspace;
  let other: Workspace;
  let otherOwner: Account;

  beforeAll(async () => {
    sut = await createTestApp({ plugins: [IdentityPlugin, WorkspacesPlugin, ContentPlugin] });
    owner = await h.signUp();
    ws = await h.newWorkspace(owner);
    editor = await h.member(ws, 'editor');
    author = await h.member(ws, 'author');
    viewer = await h.member(ws, 'viewer');
    await h.seedType(ws, NOTE_TYPE);
    otherOwner = await h.signUp();
    other = await h.newWorkspace(otherOwner);
    await h.seedType(other, NOTE_TYPE);
  });

  afterAll(async () => {
    await sut?.close();
  });

  const lockPath = (workspace: Workspace, id: string) => `/api/v1/workspaces/${workspace.slug}/entries/${id}/lock`;

  async function newEntry(workspace = ws, as = owner): Promise<string> {
    const response = await sut.http
      .post(`/api/v1/workspaces/${workspace.slug}/content-types/note/entries`)
      .set(bearer(as))
      .send({ data: { text: 'hello' } })
      .expect(201);
    return response.body.id;
  }

  const lockRow = async (entryId: string) =>
    (
      await sut.dataSource.query(
        `SELECT holder_user_id, acquired_at, heartbeat_at, expires_at FROM content_entry_locks WHERE entry_id = $1`,
        [entryId],
      )
    )[0] as { holder_user_id: string; acquired_at: Date; heartbeat_at: Date; expires_at: Date } | undefined;

  const events = async (entryId: string): Promise<string[]> =>
    (
      await sut.dataSource.query(
        `SELECT event_name FROM quire_outbox WHERE workspace_id = $1 AND payload->>'entryId' = $2 AND event_name LIKE '%lock%' ORDER BY id`,
        [ws.id, entryId],
      )
    ).map((row: { event_name: string }) => row.event_name);

  /** Moves the lock's clock back, as if `seconds` had passed since its last heartbeat. */
  const age = (entryId: string, seconds: number) =>
    sut.dataSource.query(
      `UPDATE content_entry_locks SET acquired_at = acquired_at - make_interval(secs => $2),
              heartbeat_at = heartbeat_at - make_interval(secs => $2), expires_at = expires_at - make_interval(secs => $2)
        WHERE entry_id = $1`,
      [entryId, seconds],
    );

  it('is free at first, then held by the member who acquires it, with the TTL as its lifetime', async () => {
    const id = await newEntry();
    expect((await sut.http.get(lockPath(ws, id)).set(bearer(viewer)).expect(200)).body).toEqual({ lock: null });

    const acquired = await sut.http.put(lockPath(ws, id)).set(bearer(editor)).send({}).expect(200);
    expect(acquired.body).toMatchObject({
      lock: { entryId: id, holder: { id: editor.userId, displayName: 'E' }, heldByYou: true, ttlSeconds: 120 },
      previousHolder: null,
      warning: null,
    });
    const row = await lockRow(id);
    expect(row?.holder_user_id).toBe(editor.userId);
    expect(row!.expires_at.getTime() - row!.heartbeat_at.getTime()).toBe(120_000);
    expect(new Date(acquired.body.lock.expiresAt).getTime()).toBe(row!.expires_at.getTime());

    // Every reader sees who holds it; not as theirs.
    const seen = await sut.http.get(lockPath(ws, id)).set(bearer(viewer)).expect(200);
    expect(seen.body.lock).toMatchObject({ holder: { id: editor.userId }, heldByYou: false });
    expect(await events(id)).toEqual(['content.entry.locked']);
  });

  it('a heartbeat extends the lock and keeps when it was acquired, without another event', async () => {
    const id = await newEntry();
    await sut.http.put(lockPath(ws, id)).set(bearer(editor)).expect(200);
    await age(id, 90);
    const aged = await lockRow(id);

    const renewed = await sut.http.put(lockPath(ws, id)).set(bearer(editor)).send({}).expect(200);
    const row = await lockRow(id);
    expect(row!.expires_at.getTime()).toBeGreaterThan(aged!.expires_at.getTime());
    expect(row!.heartbeat_at.getTime()).toBeGreaterThan(aged!.heartbeat_at.getTime());
    expect(row!.acquired_at.getTime()).toBe(aged!.acquired_at.getTime());
    expect(renewed.body.lock.acquiredAt).toBe(aged!.acquired_at.toISOString());
    expect(renewed.body.previousHolder).toBeNull();
    expect(await events(id)).toEqual(['content.entry.locked']);
  });

  it('a second editor gets a 409 naming the holder and the expiry, and the lock stays', async () => {
    const id = await newEntry();
    await sut.http.put(lockPath(ws, id)).set(bearer(editor)).expect(200);
    const before = await lockRow(id);

    const refused = await sut.http.put(lockPath(ws, id)).set(bearer(owner)).send({ takeOver: false }).expect(409);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused.body.type).toMatch(/content\.entry-locked$/);
    expect(refused.body.holder).toEqual({ id: editor.userId, displayName: 'E' });
    expect(refused.body.expiresAt).toBe(before!.expires_at.toISOString());
    expect(await lockRow(id)).toEqual(before);
  });

  it('takeOver passes the lock with a warning naming the previous holder', async () => {
    const id = await newEntry();
    await sut.http.put(lockPath(ws, id)).set(bearer(editor)).expect(200);
    const before = await lockRow(id);

    const taken = await sut.http.put(lockPath(ws, id)).set(bearer(owner)).send({ takeOver: true }).expect(200);
    expect(taken.body.lock).toMatchObject({ holder: { id: owner.userId }, heldByYou: true });
    expect(taken.body.previousHolder).toEqual({
      id: editor.userId,
      displayName: 'E',
      expiresAt: before!.expires_at.toISOString(),
    });
    expect(taken.body.warning).toMatch(/took over the lock from E/);
    expect((await lockRow(id))?.holder_user_id).toBe(owner.userId);
    expect(await events(id)).toEqual(['content.entry.locked', 'content.entry.lock-overridden']);

    // The one taken over from can neither renew nor release it any more.
    const renew = await sut.http.put(lockPath(ws, id)).set(bearer(editor)).expect(409);
    expect(renew.body.holder.id).toBe(owner.userId);
    const release = await sut.http.delete(lockPath(ws, id)).set(bearer(editor)).expect(409);
    expect(release.body.type).toMatch(/content\.entry-locked$/);
    expect((await lockRow(id))?.holder_user_id).toBe(owner.userId);
  });

  it('the holder releases it; releasing a free entry is a no-op', async () => {
    const id = await newEntry();
    await sut.http.put(lockPath(ws, id)).set(bearer(editor)).expect(200);
    await sut.http.delete(lockPath(ws, id)).set(bearer(editor)).expect(204);
    expect(await lockRow(id)).toBeUndefined();
    expect((await sut.http.get(lockPath(ws, id)).set(bearer(owner)).expect(200)).body).toEqual({ lock: null });
    await sut.http.delete(lockPath(ws, id)).set(bearer(editor)).expect(204);
    expect(await events(id)).toEqual(['content.entry.locked', 'content.entry.unlocked']);

    // Free again: someone else takes it without takeOver.
    await sut.http.put(lockPath(ws, id)).set(bearer(owner)).expect(200);
  });

  it('an expired lock is free: not shown, taken without takeOver and without previousHolder', async () => {
    const id = await newEntry();
    await sut.http.put(lockPath(ws, id)).set(bearer(editor)).expect(200);
    await age(id, 121);

    expect((await sut.http.get(lockPath(ws, id)).set(bearer(owner)).expect(200)).body).toEqual({ lock: null });
    const taken = await sut.http.put(lockPath(ws, id)).set(bearer(owner)).expect(200);
    expect(taken.body).toMatchObject({ lock: { holder: { id: owner.userId } }, previousHolder: null, warning: null });
    const row = await lockRow(id);
    expect(row?.holder_user_id).toBe(owner.userId);
    expect(row!.acquired_at.getTime()).toBe(row!.heartbeat_at.getTime());
    expect(await events(id)).toEqual(['content.entry.locked', 'content.entry.locked']);

    // The editor whose lock expired comes back: they are refused, not handed the lock back.
    await sut.http.put(lockPath(ws, id)).set(bearer(editor)).expect(409);
    // An expired lock of someone else is cleared by anyone's release.
    await age(id, 121);
    await sut.http.delete(lockPath(ws, id)).set(bearer(editor)).expect(204);
    expect(await lockRow(id)).toBeUndefined();
  });

  it('two editors racing for a free entry: exactly one wins, the other is told who', async () => {
    for (let round = 0; round < 5; round++) {
      const id = await newEntry();
      const [first, second] = await Promise.all([
        sut.http.put(lockPath(ws, id)).set(bearer(editor)).send({}),
        sut.http.put(lockPath(ws, id)).set(bearer(owner)).send({}),
      ]);
      const statuses = [first.status, second.status].sort();
      expect(statuses).toEqual([200, 409]);
      const winner = first.status === 200 ? editor : owner;
      const loser = first.status === 200 ? second : first;
      expect(loser.body.holder.id).toBe(winner.userId);
      expect((await lockRow(id))?.holder_user_id).toBe(winner.userId);
      expect(await events(id)).toEqual(['content.entry.locked']);
    }
  });

  it('a viewer sees the lock but may not take or release it (403); an author only on their own entries', async () => {
    const id = await newEntry();
    const forbidden = await sut.http.put(lockPath(ws, id)).set(bearer(viewer)).send({}).expect(403);
    expect(forbidden.headers['content-type']).toMatch(/application\/problem\+json/);
    await sut.http.delete(lockPath(ws, id)).set(bearer(viewer)).expect(403);
    await sut.http.put(lockPath(ws, id)).set(bearer(author)).send({}).expect(403);
    expect(await lockRow(id)).toBeUndefined();

    const own = await newEntry(ws, author);
    await sut.http.put(lockPath(ws, own)).set(bearer(author)).send({}).expect(200);
  });

  it("another workspace's entry, a trashed entry and an unknown id are 404; a bad body is a 400", async () => {
    const foreign = await newEntry(other, otherOwner);
    for (const call of [
      sut.http.get(lockPath(ws, foreign)).set(bearer(owner)),
      sut.http.put(lockPath(ws, foreign)).set(bearer(owner)).send({ takeOver: true }),
      sut.http.delete(lockPath(ws, foreign)).set(bearer(owner)),
    ]) {
      const response = await call;
      expect(response.status).toBe(404);
      expect(response.body.type).toMatch(/content\.entry-not-found$/);
    }
    expect(await lockRow(foreign)).toBeUndefined();

    const trashed = await newEntry();
    await sut.http.delete(`/api/v1/workspaces/${ws.slug}/entries/${trashed}`).set(bearer(owner)).expect(200);
    await sut.http.put(lockPath(ws, trashed)).set(bearer(owner)).expect(404);
    await sut.http.get(lockPath(ws, '0190a0a0-0000-7000-8000-000000000000')).set(bearer(owner)).expect(404);

    const id = await newEntry();
    const bad = await sut.http.put(lockPath(ws, id)).set(bearer(owner)).send({ takeOver: 'yes' }).expect(400);
    expectValidationProblem(bad, ['takeOver']);
    expect(await lockRow(id)).toBeUndefined();
  });

  it('saving a draft does not need the lock (soft lock)', async () => {
    const id = await newEntry();
    await sut.http.put(lockPath(ws, id)).set(bearer(editor)).expect(200);
    await sut.http
      .patch(`/api/v1/workspaces/${ws.slug}/entries/${id}`)
      .set(bearer(owner))
      .send({ locale: 'en', data: { text: 'changed while locked' } })
      .expect(200);
  });
});
