import { uuidv7 } from '@quire/core';
import { ContentPlugin } from '@quire/content';
import { IdentityPlugin } from '@quire/identity';
import { WorkspacesPlugin } from '@quire/workspaces';
import { createTestApp, type TestApp } from '@quire/testing';
import { bearer, contentTypeHelpers, type Account } from './content-types-support';

type Field = Record<string, unknown> & { name: string };
/** Stored JSON, read loosely: the assertions compare the values themselves. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Data = Record<string, any>;
/** `published` is null for a locale never published. */
interface Stored {
  shared: Data;
  revision: number;
  locales: Record<string, { draft: Data; published: Data }>;
}

/**
 * A change of a component reaches the entries of every type embedding it, directly or through another component:
 * a field made private leaves their published documents and search text (delivery's `q` must not find an entry by
 * a private value), renamed fields move and removed fields go inside component values of drafts, shared values and
 * published documents, and reference paths follow.
 */
describe('Content types: changing a component updates the entries of the types embedding it', () => {
  let sut: TestApp;
  const helpers = contentTypeHelpers(() => sut);
  const { signUp, newWorkspace } = helpers;
  const stored = async (entryId: string) => (await helpers.stored(entryId)) as Stored;

  beforeAll(async () => {
    sut = await createTestApp({ plugins: [IdentityPlugin, WorkspacesPlugin, ContentPlugin] });
  });
  afterAll(() => sut?.close());

  const HEADING: Field = { name: 'heading', type: 'text' };
  const SECRET: Field = { name: 'secret', type: 'text' };
  const IMAGE: Field = { name: 'image', type: 'media', multiple: false };
  const block = (fields: Field[]) => ({ apiId: 'block', kind: 'component', name: 'Block', fields });
  const BLOCK_FIELDS = [HEADING, SECRET, IMAGE];
  // `section` embeds `block`: `post` embeds `block` only through it.
  const SECTION = {
    apiId: 'section',
    kind: 'component',
    name: 'Section',
    fields: [{ name: 'items', type: 'component', component: 'block', repeatable: true }],
  };
  const PAGE = {
    apiId: 'page',
    kind: 'collection',
    name: 'Page',
    options: { publicRead: true },
    fields: [
      { name: 'title', type: 'text' },
      { name: 'blocks', type: 'component', component: 'block', repeatable: true, localized: true },
      { name: 'sections', type: 'component', component: 'section', repeatable: true, localized: false },
    ],
  };
  const POST = {
    apiId: 'post',
    kind: 'collection',
    name: 'Post',
    options: { publicRead: true },
    fields: [
      { name: 'title', type: 'text' },
      { name: 'body', type: 'component', component: 'section', localized: true },
    ],
  };

  async function workspace() {
    const owner = await signUp();
    const ws = await newWorkspace(owner);
    for (const type of [block(BLOCK_FIELDS), SECTION, PAGE, POST])
      await sut.http.post(`/api/v1/workspaces/${ws.slug}/content-types`).set(bearer(owner)).send(type).expect(201);
    return { owner, ws };
  }

  const changeBlock = (owner: Account, ws: { slug: string }, body: Record<string, unknown>) =>
    sut.http.put(`/api/v1/workspaces/${ws.slug}/content-types/block`).set(bearer(owner)).send(body);

  /** An entry created and (unless `draftOnly`) published in `en` through the entries API. */
  async function entry(owner: Account, ws: { slug: string }, type: string, data: object, draftOnly = false) {
    const base = `/api/v1/workspaces/${ws.slug}`;
    const created = await sut.http
      .post(`${base}/content-types/${type}/entries`)
      .set(bearer(owner))
      .send({ data })
      .expect(201);
    const id = created.body.id as string;
    if (!draftOnly) await sut.http.post(`${base}/entries/${id}/locales/en/publish`).set(bearer(owner)).expect(200);
    return id;
  }

  /** Ids of the entries delivery finds for `q`, anonymously (the types are public). */
  const found = async (ws: { slug: string }, type: string, q: string) =>
    (await sut.http.get(`/api/v1/delivery/${ws.slug}/${type}`).query({ q }).expect(200)).body.data.map(
      (e: { id: string }) => e.id,
    );

  const referencesOf = async (entryId: string) =>
    (
      await sut.dataSource.query(
        `SELECT locale, field_path, target_id FROM content_references WHERE source_entry_id = $1
          ORDER BY locale, field_path`,
        [entryId],
      )
    ).map(
      (r: { locale: string; field_path: string; target_id: string }) => `${r.locale}|${r.field_path}|${r.target_id}`,
    );
  const revisionCount = async (ws: { id: string }) =>
    (
      await sut.dataSource.query(`SELECT count(*)::int AS count FROM content_revisions WHERE workspace_id = $1`, [
        ws.id,
      ])
    )[0].count as number;
  const blockVersion = async (ws: { id: string }) =>
    (
      await sut.dataSource.query(`SELECT version FROM content_types WHERE workspace_id = $1 AND api_id = 'block'`, [
        ws.id,
      ])
    )[0].version as number;
  const generation = async (ws: { id: string }) =>
    Number(
      (
        await sut.dataSource.query(`SELECT generation FROM content_delivery_generations WHERE workspace_id = $1`, [
          ws.id,
        ])
      )[0]?.generation ?? 0,
    );

  it('a component field made private leaves the published documents and search text of every embedding type', async () => {
    const { owner, ws } = await workspace();
    const page = await entry(owner, ws, 'page', {
      title: 'Welcome',
      blocks: [{ heading: 'Hello', secret: 'zebracode' }, { heading: 'Second' }],
    });
    const plain = await entry(owner, ws, 'page', { title: 'Plain', blocks: [{ heading: 'Nothing private' }] });
    const nested = await entry(owner, ws, 'page', {
      title: 'Nested',
      sections: [{ items: [{ heading: 'Deep', secret: 'okapiword' }] }],
    });
    const post = await entry(owner, ws, 'post', {
      title: 'A post',
      body: { items: [{ heading: 'Inside', secret: 'walrusword' }] },
    });
    const draftOnly = await entry(owner, ws, 'page', { title: 'Draft', blocks: [{ secret: 'zebracode' }] }, true);

    // Before: the private-to-be text is findable (the oracle the change must close).
    expect(await found(ws, 'page', 'zebracode')).toEqual([page]);
    expect(await found(ws, 'page', 'okapiword')).toEqual([nested]);
    expect(await found(ws, 'post', 'walrusword')).toEqual([post]);
    const plainBefore = await stored(plain);
    const revisions = await revisionCount(ws);
    const generationBefore = await generation(ws);

    const preview = await changeBlock(owner, ws, {
      definition: block([HEADING, { ...SECRET, private: true }, IMAGE]),
      dryRun: true,
    }).expect(200);
    expect(preview.body).toMatchObject({ refusal: null, wouldMigrate: 3 });
    expect(await found(ws, 'page', 'zebracode')).toEqual([page]);

    const response = await changeBlock(owner, ws, {
      definition: block([HEADING, { ...SECRET, private: true }, IMAGE]),
    }).expect(200);
    // The three published documents holding a secret, in two types, one through `section`; not `plain`.
    expect(response.body.migrated).toBe(3);

    expect((await stored(page)).locales.en.published.blocks).toEqual([{ heading: 'Hello' }, { heading: 'Second' }]);
    // Drafts keep the value: private fields are editable, only never delivered.
    expect((await stored(page)).locales.en.draft.blocks[0].secret).toBe('zebracode');
    expect((await stored(nested)).locales.en.published.sections).toEqual([{ items: [{ heading: 'Deep' }] }]);
    expect((await stored(post)).locales.en.published.body).toEqual({ items: [{ heading: 'Inside' }] });
    expect(await stored(plain)).toEqual(plainBefore);
    expect((await stored(draftOnly)).locales.en.published).toBeNull();

    expect(await found(ws, 'page', 'zebracode')).toEqual([]);
    expect(await found(ws, 'page', 'okapiword')).toEqual([]);
    expect(await found(ws, 'post', 'walrusword')).toEqual([]);
    // The vectors were recomputed, not emptied: the public text is still found.
    expect(await found(ws, 'page', 'Hello')).toEqual([page]);
    expect(await found(ws, 'post', 'Inside')).toEqual([post]);
    // A change of keys, recorded by the component's version: no revision per entry; delivery caches move on.
    expect(await revisionCount(ws)).toBe(revisions);
    expect(await generation(ws)).toBeGreaterThan(generationBefore);
    expect(await blockVersion(ws)).toBe(2);
  });

  it('a component field renamed with `renames` moves in drafts, shared values, published documents and references', async () => {
    const { owner, ws } = await workspace();
    const [m1, m2, m3] = [uuidv7(), uuidv7(), uuidv7()];
    const page = await entry(owner, ws, 'page', {
      title: 'Gallery',
      blocks: [
        { heading: 'One', image: m1 },
        { heading: 'Two', image: m2 },
      ],
      sections: [{ items: [{ image: m3 }] }],
    });
    const post = await entry(
      owner,
      ws,
      'post',
      { title: 'Post', body: { items: [{ heading: 'x', image: m1 }] } },
      true,
    );
    expect(await referencesOf(page)).toEqual([
      `|sections[0].items[0].image|${m3}`,
      `en|blocks[0].image|${m1}`,
      `en|blocks[1].image|${m2}`,
    ]);

    const response = await changeBlock(owner, ws, {
      definition: block([HEADING, SECRET, { ...IMAGE, name: 'picture' }]),
      renames: { image: 'picture' },
    }).expect(200);
    expect(response.body.changes).toEqual([{ kind: 'field-renamed', field: 'picture', from: 'image', to: 'picture' }]);
    expect(response.body.migrated).toBe(2);

    const after = await stored(page);
    expect(after.locales.en.draft.blocks).toEqual([
      { heading: 'One', picture: m1 },
      { heading: 'Two', picture: m2 },
    ]);
    expect(after.locales.en.published.blocks).toEqual(after.locales.en.draft.blocks);
    expect(after.shared.sections).toEqual([{ items: [{ picture: m3 }] }]);
    expect(after.locales.en.published.sections).toEqual([{ items: [{ picture: m3 }] }]);
    expect((await stored(post)).locales.en.draft.body).toEqual({ items: [{ heading: 'x', picture: m1 }] });
    expect(await referencesOf(page)).toEqual([
      `|sections[0].items[0].picture|${m3}`,
      `en|blocks[0].picture|${m1}`,
      `en|blocks[1].picture|${m2}`,
    ]);
    expect(await referencesOf(post)).toEqual([`en|body.items[0].picture|${m1}`]);
    // The entries still read and save under the new component.
    const read = await sut.http.get(`/api/v1/workspaces/${ws.slug}/entries/${page}`).set(bearer(owner)).expect(200);
    expect(read.body.data.blocks[0]).toEqual({ heading: 'One', picture: m1 });
  });

  it('removing a component field that holds data is refused with a report; drop-data removes the values', async () => {
    const { owner, ws } = await workspace();
    const m1 = uuidv7();
    const page = await entry(owner, ws, 'page', { title: 'With image', blocks: [{ heading: 'A' }, { image: m1 }] });
    const post = await entry(owner, ws, 'post', { title: 'Nested', body: { items: [{ image: m1 }] } }, true);
    const untouched = await entry(owner, ws, 'page', { title: 'No image', blocks: [{ heading: 'B' }] });
    const before = { page: await stored(page), post: await stored(post), untouched: await stored(untouched) };
    const without = block([HEADING, SECRET]);

    const refused = await changeBlock(owner, ws, { definition: without }).expect(409);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused.body.type).toBe('urn:quire:problem:content.schema-change-orphans-data');
    expect(refused.body.report.total).toBe(2);
    expect(refused.body.report.entries).toEqual(
      expect.arrayContaining([
        {
          entryId: page,
          locale: 'en',
          state: 'draft',
          fields: [{ path: 'blocks[1].image', message: 'field removed' }],
        },
        {
          entryId: page,
          locale: 'en',
          state: 'published',
          fields: [{ path: 'blocks[1].image', message: 'field removed' }],
        },
        {
          entryId: post,
          locale: 'en',
          state: 'draft',
          fields: [{ path: 'body.items[0].image', message: 'field removed' }],
        },
      ]),
    );
    // Nothing written.
    expect({ page: await stored(page), post: await stored(post), untouched: await stored(untouched) }).toEqual(before);
    expect(await blockVersion(ws)).toBe(1);

    const preview = await changeBlock(owner, ws, { definition: without, migration: 'drop-data', dryRun: true }).expect(
      200,
    );
    expect(preview.body).toMatchObject({ refusal: null, wouldMigrate: 2, report: { orphaned: { total: 2 } } });
    expect(await stored(page)).toEqual(before.page);

    await changeBlock(owner, ws, { definition: without, migration: 'drop-data' }).expect(200);
    const after = await stored(page);
    expect(after.locales.en.draft.blocks).toEqual([{ heading: 'A' }, {}]);
    expect(after.locales.en.published.blocks).toEqual([{ heading: 'A' }, {}]);
    expect((await stored(post)).locales.en.draft.body).toEqual({ items: [{}] });
    expect(await stored(untouched)).toEqual(before.untouched);
    expect(await referencesOf(page)).toEqual([]);
    expect(await referencesOf(post)).toEqual([]);
    expect(await blockVersion(ws)).toBe(2);

    // A component field no entry holds a value of goes without an option.
    await changeBlock(owner, ws, { definition: block([HEADING]) }).expect(200);
    expect(await blockVersion(ws)).toBe(3);
  });
});
