import { RequestContext, type QuireEvent } from '@quire/core';
import { expectValidationProblem } from '@quire/testing';
import { AssetDeletedListener } from '../src/media-references/asset-deleted.listener';
import { REMOVAL_BATCH_SIZE } from '../src/media-references/media-reference-remover';
import type { ContentTypeDefinition } from '../src/schema/field-definition';
import { png, pdf } from '../../media/test/media-files';
import { createMediaTestApp, type MediaTestApp } from '../../media/test/media-support';
import { bearer, entriesHelpers, type Account, type Workspace } from './entries-support';

const UNKNOWN_ID = '0192f0c4-7a3e-7c1d-8e2f-123456789abc';

const block: ContentTypeDefinition = {
  apiId: 'block',
  kind: 'component',
  name: 'Block',
  fields: [
    { name: 'heading', type: 'text' },
    { name: 'image', type: 'media' },
  ],
};
const post: ContentTypeDefinition = {
  apiId: 'post',
  kind: 'collection',
  name: 'Post',
  options: { seo: true, publicRead: true },
  fields: [
    { name: 'title', type: 'text' },
    { name: 'cover', type: 'media', localized: false },
    { name: 'gallery', type: 'media', multiple: true },
    { name: 'blocks', type: 'component', component: 'block', repeatable: true },
    { name: 'attachment', type: 'media', allowedTypes: ['application/pdf'] },
  ],
};
const page: ContentTypeDefinition = {
  apiId: 'page',
  kind: 'collection',
  name: 'Page',
  options: { publicRead: true },
  fields: [
    { name: 'title', type: 'text' },
    { name: 'image', type: 'media', required: true, allowedTypes: ['image'] },
  ],
};

interface Usage {
  entryId: string;
  contentType: string;
  title: string | null;
  inTrash: boolean;
  places: Array<{ fieldPath: string; locale: string | null; draft: boolean; published: boolean }>;
}

describe('Media references from content', () => {
  let media: MediaTestApp;
  const h = entriesHelpers(() => media.sut);
  let owner: Account;
  let ws: Workspace;
  let other: Workspace;
  let seed = 7000;

  beforeAll(async () => {
    media = await createMediaTestApp('local');
    owner = await h.signUp();
    ws = await h.newWorkspace(owner, ['en', 'de']);
    other = await h.newWorkspace(owner, ['en']);
    for (const type of [block, post, page]) await h.seedType(ws, type);
  });
  afterAll(() => media?.close());

  const http = () => media.sut.http;
  const api = (w: Workspace, rest: string) => `/api/v1/workspaces/${w.slug}${rest}`;

  async function upload(w: Workspace, file?: Buffer, name = 'picture.png'): Promise<string> {
    const response = await http()
      .post(api(w, '/media'))
      .set(bearer(owner))
      .attach('file', file ?? (await png(8, 8, seed++)), name)
      .expect(201);
    return response.body.id as string;
  }

  async function createEntry(type: string, data: Record<string, unknown>, locale = 'en'): Promise<string> {
    const response = await http()
      .post(api(ws, `/content-types/${type}/entries`))
      .set(bearer(owner))
      .send({
        locale,
        data,
      });
    expect(response.status).toBe(201);
    return response.body.id as string;
  }

  const save = (id: string, locale: string, data: Record<string, unknown>) =>
    http()
      .patch(api(ws, `/entries/${id}`))
      .set(bearer(owner))
      .send({ locale, data });

  async function publish(id: string, locale = 'en'): Promise<void> {
    await http()
      .post(api(ws, `/entries/${id}/locales/${locale}/publish`))
      .set(bearer(owner))
      .expect(200);
  }

  async function usages(assetId: string, as: Account = owner, query = ''): Promise<{ data: Usage[]; total: number }> {
    const response = await http()
      .get(api(ws, `/media/${assetId}/usages${query}`))
      .set(bearer(as))
      .expect(200);
    return { data: response.body.data, total: response.body.meta.total };
  }

  const revisionCount = async (entryId: string): Promise<number> =>
    Number(
      (
        await media.sut.dataSource.query(`SELECT count(*)::int AS n FROM content_revisions WHERE entry_id = $1`, [
          entryId,
        ])
      )[0].n,
    );

  /** Rows of the workspace that hold the asset anywhere: references, drafts, shared values, published documents. */
  async function holding(assetId: string): Promise<number> {
    const [row] = await media.sut.dataSource.query(
      `SELECT (SELECT count(*) FROM content_references WHERE target_id = $1)
            + (SELECT count(*) FROM content_entries WHERE workspace_id = $2 AND shared_data::text LIKE '%' || $1 || '%')
            + (SELECT count(*) FROM content_entry_locales WHERE workspace_id = $2
                 AND (draft_data::text LIKE '%' || $1 || '%' OR published_data::text LIKE '%' || $1 || '%')) AS n`,
      [assetId, ws.id],
    );
    return Number(row.n);
  }

  /** Waits for the queue's handler: until nothing holds the asset, for a bounded number of checks. */
  async function untilRemoved(assetId: string): Promise<void> {
    for (let attempt = 0; attempt < 300; attempt++) {
      if ((await holding(assetId)) === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`asset ${assetId} still referenced after 300 checks`);
  }

  describe('saving drafts', () => {
    it('refuses ids that are no asset of this workspace, naming each path, and stores nothing', async () => {
      const mine = await upload(ws);
      const theirs = await upload(other);
      const [{ n: before }] = await media.sut.dataSource.query(
        `SELECT count(*)::int AS n FROM content_entries WHERE workspace_id = $1`,
        [ws.id],
      );
      const response = await http()
        .post(api(ws, '/content-types/post/entries'))
        .set(bearer(owner))
        .send({
          locale: 'en',
          data: {
            title: 'Broken',
            cover: UNKNOWN_ID,
            gallery: [mine, theirs],
            blocks: [{ heading: 'x', image: mine }, { image: UNKNOWN_ID }],
            seo: { ogImage: mine.toUpperCase() },
          },
        });
      expect(response.status).toBe(400);
      expectValidationProblem(response, ['cover', 'gallery', 'blocks[1].image', 'seo.ogImage']);
      const paths = (response.body.errors as Array<{ path: string; message: string }>).map((e) => e.path);
      expect(paths).not.toContain('blocks[0].image');
      expect(response.body.errors).toContainEqual({
        path: 'gallery',
        message: `links to ${theirs}, which is not an asset of this workspace's media library`,
      });
      const [{ n: after }] = await media.sut.dataSource.query(
        `SELECT count(*)::int AS n FROM content_entries WHERE workspace_id = $1`,
        [ws.id],
      );
      expect(after).toBe(before);
    });

    it('refuses an asset of a type the field does not allow, on create and on save', async () => {
      const picture = await upload(ws);
      const document = await upload(ws, pdf(`allowed-${seed++}`), 'manual.pdf');
      const refused = await http()
        .post(api(ws, '/content-types/page/entries'))
        .set(bearer(owner))
        .send({ locale: 'en', data: { title: 'Page', image: document } });
      expectValidationProblem(refused, ['image']);
      expect(refused.body.errors[0].message).toBe(
        `links to ${document}, a application/pdf file; this field accepts image`,
      );

      const id = await createEntry('post', { title: 'Typed', attachment: document, cover: picture });
      const wrong = await save(id, 'en', { attachment: picture });
      expectValidationProblem(wrong, ['attachment']);
      expect((await h.stored(id)).locales.en.draft).toMatchObject({ attachment: document });
      expect(await h.references(id)).toEqual(
        [
          { locale: '', fieldPath: 'cover', targetKind: 'media', targetId: picture },
          { locale: 'en', fieldPath: 'attachment', targetKind: 'media', targetId: document },
        ].sort((a, b) => a.locale.localeCompare(b.locale)),
      );
    });

    it('refuses an id that another workspace uses, on a save of an existing entry', async () => {
      const theirs = await upload(other);
      const id = await createEntry('post', { title: 'Fine' });
      const response = await save(id, 'en', { blocks: [{ image: theirs }] });
      expectValidationProblem(response, ['blocks[0].image']);
    });
  });

  it('removes an asset used by more entries than one batch holds, every one of them', async () => {
    const many = REMOVAL_BATCH_SIZE * 2 + 17;
    const asset = await upload(ws);
    const keep = await upload(ws);
    const [{ id: typeId }] = await media.sut.dataSource.query(
      `SELECT id FROM content_types WHERE workspace_id = $1 AND api_id = 'post'`,
      [ws.id],
    );
    // Half published (its document holds the asset too); each with a revision to diff against.
    await media.sut.dataSource.query(
      `WITH src AS (SELECT i, gen_random_uuid() AS id FROM generate_series(1, $4::int) AS i),
            entries AS (
              INSERT INTO content_entries (id, workspace_id, content_type_id, shared_data, revision)
              SELECT id, $1, $2, jsonb_build_object('cover', $3::text), 1 FROM src),
            revisions AS (
              INSERT INTO content_revisions (id, workspace_id, entry_id, number, kind, snapshot, actor_type)
              SELECT gen_random_uuid(), $1, id, 1, 'create',
                     jsonb_build_object('shared', jsonb_build_object('cover', $3::text),
                                        'locales', jsonb_build_object('en', jsonb_build_object('title', 'Bulk ' || i,
                                                                       'gallery', jsonb_build_array($3::text, $5::text)))),
                     'system'
                FROM src),
            refs AS (
              INSERT INTO content_references (id, workspace_id, source_entry_id, locale, field_path, target_kind, target_id)
              SELECT gen_random_uuid(), $1, id, l.locale, l.path, 'media', l.target
                FROM src CROSS JOIN (VALUES ('', 'cover', $3::uuid), ('en', 'gallery', $3::uuid), ('en', 'gallery', $5::uuid))
                     AS l(locale, path, target))
       INSERT INTO content_entry_locales (id, workspace_id, entry_id, content_type_id, locale, draft_data,
                                          published_data, published_at, first_published_at)
       SELECT gen_random_uuid(), $1, id, $2, 'en', d.draft,
              CASE WHEN i % 2 = 0 THEN d.draft || jsonb_build_object('cover', $3::text) END,
              CASE WHEN i % 2 = 0 THEN now() END, CASE WHEN i % 2 = 0 THEN now() END
         FROM src CROSS JOIN LATERAL (SELECT jsonb_build_object('title', 'Bulk ' || i,
                'gallery', jsonb_build_array($3::text, $5::text)) AS draft) d`,
      [ws.id, typeId, asset, many, keep],
    );
    expect((await usages(asset, owner, '?pageSize=1')).total).toBe(many);
    await http()
      .delete(api(ws, `/media/${asset}`))
      .set(bearer(owner))
      .expect(204);
    await untilRemoved(asset);
    const [counts] = await media.sut.dataSource.query(
      `SELECT count(*) FILTER (WHERE r.kind = 'reference-removed')::int AS removed,
              count(DISTINCT r.entry_id) FILTER (WHERE r.kind = 'reference-removed')::int AS entries,
              (SELECT count(*)::int FROM content_references WHERE target_id = $2) AS kept,
              (SELECT count(*)::int FROM quire_outbox
                WHERE event_name = 'content.entry.media-removed' AND payload->>'assetId' = $3) AS events
         FROM content_revisions r WHERE r.workspace_id = $1`,
      [ws.id, keep, asset],
    );
    expect(counts).toEqual({ removed: many, entries: many, kept: many, events: many });
    const published: Array<{ published_data: Record<string, unknown> }> = await media.sut.dataSource.query(
      `SELECT published_data FROM content_entry_locales WHERE workspace_id = $1 AND published_data->'gallery' IS NOT NULL
          AND draft_data->>'title' LIKE 'Bulk %'`,
      [ws.id],
    );
    expect(published).toHaveLength(Math.floor(many / 2));
    expect(published.every((row) => row.published_data.cover === null)).toBe(true);
    expect(published.every((row) => JSON.stringify(row.published_data.gallery) === JSON.stringify([keep]))).toBe(true);
  });

  describe('used in, and deleting an asset', () => {
    let x: string;
    let y: string;
    let rich: string;
    let draftOnly: string;
    let publishedOnly: string;
    let untouched: string;
    let trashed: string;
    let required: string;
    let postReader: Account;
    const revisionsBefore = new Map<string, number>();

    beforeAll(async () => {
      x = await upload(ws);
      y = await upload(ws);
      // Shared cover, a list and a component in en, a list in de; en published.
      rich = await createEntry('post', {
        title: 'Rich',
        cover: x,
        gallery: [x, y],
        blocks: [{ heading: 'One', image: x }, { image: y }],
      });
      await http()
        .post(api(ws, `/entries/${rich}/locales/de`))
        .set(bearer(owner))
        .send({})
        .expect(201);
      expect((await save(rich, 'de', { title: 'Reich', gallery: [x] })).status).toBe(200);
      await publish(rich, 'en');
      // The SEO block's image, in a draft never published.
      draftOnly = await createEntry('post', { title: 'Draft only', seo: { ogImage: x } });
      // Published with x, then a draft that moved on to y: only the published version holds x.
      publishedOnly = await createEntry('page', { title: 'Published only', image: x });
      await publish(publishedOnly);
      expect((await save(publishedOnly, 'en', { image: y })).status).toBe(200);
      // Published with x in a required field, draft unchanged since.
      required = await createEntry('page', { title: 'Required', image: x });
      await publish(required);
      untouched = await createEntry('post', { title: 'Untouched', gallery: [y] });
      trashed = await createEntry('post', { title: 'Trashed', cover: x });
      await http()
        .delete(api(ws, `/entries/${trashed}`))
        .set(bearer(owner))
        .expect(200);

      const role = await http()
        .post(api(ws, '/roles'))
        .set(bearer(owner))
        .send({
          key: 'post-reader',
          name: 'Post reader',
          rules: [{ action: 'read', subject: 'Entry', conditions: { contentType: 'post' } }],
        });
      expect(role.status).toBe(201);
      postReader = await h.member(ws, 'post-reader');
    });

    it('lists exactly the entries using the asset, with each place', async () => {
      const { data, total } = await usages(x);
      expect(total).toBe(5);
      const byId = new Map(data.map((item) => [item.entryId, item]));
      expect([...byId.keys()].sort()).toEqual([rich, draftOnly, publishedOnly, required, trashed].sort());
      expect(byId.get(rich)).toMatchObject({ contentType: 'post', title: 'Rich', inTrash: false });
      expect(byId.get(rich)!.places).toEqual([
        { fieldPath: 'cover', locale: null, draft: true, published: true },
        { fieldPath: 'gallery', locale: 'de', draft: true, published: false },
        { fieldPath: 'blocks[0].image', locale: 'en', draft: true, published: true },
        { fieldPath: 'gallery', locale: 'en', draft: true, published: true },
      ]);
      expect(byId.get(draftOnly)!.places).toEqual([
        { fieldPath: 'seo.ogImage', locale: 'en', draft: true, published: false },
      ]);
      expect(byId.get(publishedOnly)!.places).toEqual([
        { fieldPath: 'image', locale: 'en', draft: false, published: true },
      ]);
      expect(byId.get(trashed)).toMatchObject({ inTrash: true, places: [{ fieldPath: 'cover', locale: null }] });
      expect((await usages(y)).data.map((item) => item.entryId).sort()).toEqual(
        [rich, publishedOnly, untouched].sort(),
      );
    });

    it('pages, filters, and hides the entries the caller may not read', async () => {
      const first = await usages(x, owner, '?pageSize=2');
      const second = await usages(x, owner, '?pageSize=2&page=2');
      const third = await usages(x, owner, '?pageSize=2&page=3');
      expect([first.total, first.data.length, second.data.length, third.data.length]).toEqual([5, 2, 2, 1]);
      expect(new Set([...first.data, ...second.data, ...third.data].map((i) => i.entryId)).size).toBe(5);
      expect((await usages(x, owner, '?filter[contentType][eq]=page')).data.map((i) => i.entryId).sort()).toEqual(
        [publishedOnly, required].sort(),
      );
      const limited = await usages(x, postReader);
      expect(limited.total).toBe(3);
      expect(limited.data.every((item) => item.contentType === 'post')).toBe(true);
    });

    it('answers 404 for an id no asset of this workspace has, and 400 for a malformed one or query', async () => {
      const theirs = await upload(other);
      for (const id of [UNKNOWN_ID, theirs]) {
        const response = await http()
          .get(api(ws, `/media/${id}/usages`))
          .set(bearer(owner))
          .expect(404);
        expect(response.body.type).toBe('urn:quire:problem:content.media-asset-not-found');
      }
      await http().get(api(ws, '/media/not-a-uuid/usages')).set(bearer(owner)).expect(400);
      const badQuery = await http()
        .get(api(ws, `/media/${x}/usages?filter[title][eq]=x`))
        .set(bearer(owner));
      expect(badQuery.status).toBe(400);
      await http()
        .get(api(ws, `/media/${x}/usages?pageSize=101`))
        .set(bearer(owner))
        .expect(400);
    });

    it('removes a deleted asset from every draft and published version, one revision and one event each', async () => {
      for (const id of [rich, draftOnly, publishedOnly, required, untouched, trashed]) {
        revisionsBefore.set(id, await revisionCount(id));
      }
      const [{ generation: generationBefore }] = await media.sut.dataSource.query(
        `SELECT generation FROM content_delivery_generations WHERE workspace_id = $1`,
        [ws.id],
      );
      await http()
        .delete(api(ws, `/media/${x}`))
        .set(bearer(owner))
        .expect(204);
      await untilRemoved(x);

      const richNow = await h.stored(rich);
      expect(richNow.shared).toEqual({ cover: null });
      expect(richNow.locales.en.draft).toMatchObject({
        gallery: [y],
        blocks: [{ heading: 'One', image: null }, { image: y }],
      });
      expect(richNow.locales.de.draft).toMatchObject({ title: 'Reich', gallery: [] });
      expect(richNow.locales.en.published).toMatchObject({
        cover: null,
        gallery: [y],
        blocks: [{ heading: 'One', image: null }, { image: y }],
      });
      expect((await h.stored(draftOnly)).locales.en.draft).toMatchObject({ seo: { ogImage: null } });
      const publishedOnlyNow = await h.stored(publishedOnly);
      expect(publishedOnlyNow.locales.en).toMatchObject({ draft: { image: y }, published: { image: null } });
      expect((await h.stored(trashed)).shared).toEqual({ cover: null });

      // One reference-removed revision per entry that held it, by the member who deleted the asset.
      for (const id of [rich, draftOnly, publishedOnly, required, trashed]) {
        expect(await revisionCount(id)).toBe(revisionsBefore.get(id)! + 1);
      }
      expect(await revisionCount(untouched)).toBe(revisionsBefore.get(untouched));
      const [latest] = (
        await http()
          .get(api(ws, `/entries/${rich}/revisions?pageSize=1`))
          .set(bearer(owner))
          .expect(200)
      ).body.data;
      expect(latest).toMatchObject({
        kind: 'reference-removed',
        locale: null,
        actor: { type: 'user', id: owner.userId },
      });
      expect(latest.diff).toEqual(
        expect.arrayContaining([
          { path: 'cover', locale: null, before: x, after: null },
          { path: 'gallery', locale: 'de', before: [x], after: [] },
          expect.objectContaining({ path: 'gallery', locale: 'en', before: [x, y], after: [y] }),
          expect.objectContaining({ path: 'gallery', locale: 'en', version: 'published', after: [y] }),
          expect.objectContaining({ path: 'cover', locale: 'en', version: 'published', before: x, after: null }),
        ]),
      );
      const [publishedOnlyRevision] = (
        await http()
          .get(api(ws, `/entries/${publishedOnly}/revisions?pageSize=1`))
          .set(bearer(owner))
          .expect(200)
      ).body.data;
      expect(publishedOnlyRevision).toMatchObject({
        kind: 'reference-removed',
        diff: [{ path: 'image', locale: 'en', before: x, after: null, version: 'published' }],
      });

      // Links, events, delivery and its cache generation.
      expect(await media.sut.dataSource.query(`SELECT 1 FROM content_references WHERE target_id = $1`, [x])).toEqual(
        [],
      );
      expect(await h.references(untouched)).toEqual([
        { locale: 'en', fieldPath: 'gallery', targetKind: 'media', targetId: y },
      ]);
      const events: Array<{ payload: Record<string, unknown>; actor: { id: string } }> =
        await media.sut.dataSource.query(
          `SELECT payload, actor FROM quire_outbox WHERE workspace_id = $1 AND event_name = 'content.entry.media-removed'
              AND payload->>'assetId' = $2
            ORDER BY id`,
          [ws.id, x],
        );
      expect(events.map((e) => e.payload.entryId).sort()).toEqual(
        [rich, draftOnly, publishedOnly, required, trashed].sort(),
      );
      expect(events.find((e) => e.payload.entryId === rich)).toMatchObject({
        payload: {
          contentType: 'post',
          assetId: x,
          fields: ['blocks[0].image', 'cover', 'gallery'],
          publishedLocales: ['en'],
        },
        actor: { id: owner.userId },
      });
      const [{ generation: generationAfter }] = await media.sut.dataSource.query(
        `SELECT generation FROM content_delivery_generations WHERE workspace_id = $1`,
        [ws.id],
      );
      expect(Number(generationAfter)).toBeGreaterThan(Number(generationBefore));
      const delivered = await http().get(`/api/v1/delivery/${ws.slug}/post/${rich}?locale=en`).expect(200);
      expect(JSON.stringify(delivered.body)).not.toContain(x);
      expect(delivered.body.data).toMatchObject({ cover: null, gallery: [y] });
      const deliveredPage = await http().get(`/api/v1/delivery/${ws.slug}/page/${publishedOnly}`).expect(200);
      expect(deliveredPage.body.data).toMatchObject({ image: null });

      // The asset is gone: its usages are a 404.
      await http()
        .get(api(ws, `/media/${x}/usages`))
        .set(bearer(owner))
        .expect(404);
    });

    it('keeps a version that was up to date as published; its required field must be chosen again', async () => {
      const response = await http()
        .get(api(ws, `/entries/${required}?locale=en`))
        .set(bearer(owner))
        .expect(200);
      expect(response.body).toMatchObject({ status: 'published', data: { image: null } });
      const refused = await http()
        .post(api(ws, `/entries/${required}/locales/en/publish`))
        .set(bearer(owner))
        .expect(400);
      expect(refused.body.type).toBe('urn:quire:problem:content.publish-invalid');
      expect(JSON.stringify(refused.body.errors)).toContain('image');
      // A revision from before the removal still names the asset: restoring it is refused, naming the place.
      const restore = await http()
        .post(api(ws, `/entries/${required}/revisions/1/restore`))
        .set(bearer(owner));
      expect(restore.status).toBe(409);
      expect(JSON.stringify(restore.body.errors)).toContain('image');
    });

    it('delivered twice, the deletion event changes nothing more', async () => {
      const [row] = await media.sut.dataSource.query(
        `SELECT id, event_name, workspace_id, payload, actor, request_id, created_at FROM quire_outbox
          WHERE workspace_id = $1 AND event_name = 'media.asset.deleted' AND payload->>'assetId' = $2`,
        [ws.id, x],
      );
      const state = async () => ({
        entries: await Promise.all(
          [rich, draftOnly, publishedOnly, required, untouched, trashed].map(async (id) => ({
            stored: await h.stored(id),
            revisions: await revisionCount(id),
          })),
        ),
        events: (
          await media.sut.dataSource.query(
            `SELECT count(*)::int AS n FROM quire_outbox WHERE workspace_id = $1 AND event_name LIKE 'content.%'`,
            [ws.id],
          )
        )[0].n,
      });
      const before = await state();
      const event = {
        id: row.id,
        name: row.event_name,
        workspaceId: row.workspace_id,
        actor: row.actor,
        requestId: row.request_id,
        payload: row.payload,
        occurredAt: new Date(row.created_at).toISOString(),
      } as QuireEvent<'media.asset.deleted'>;
      const listener = media.sut.app.get(AssetDeletedListener);
      const ctx = RequestContext.system('test').withWorkspace({ id: ws.id, slug: '' });
      await listener.onAssetDeleted(event, ctx);
      expect(await state()).toEqual(before);
      // A payload that names no asset is ignored, not retried forever.
      await listener.onAssetDeleted({ ...event, payload: { assetId: 'x' } } as never, ctx);
      expect(await state()).toEqual(before);
    });
  });
});
