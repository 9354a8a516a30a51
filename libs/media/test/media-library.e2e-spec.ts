import { expectValidationProblem } from '@quire/testing';
import {
  bearer,
  createMediaTestApp,
  eventsOf,
  libraryRows,
  mediaPath,
  member,
  newWorkspace,
  signUp,
  type Account,
  type MediaTestApp,
  type Workspace,
} from './media-support';
import { pdf, png, svg } from './media-files';

const UNKNOWN_ID = '0192f0c4-7a3e-7c1d-8e2f-123456789abc';
let seed = 1000;

describe.each(['local', 's3'] as const)('Media library: metadata, folders, search, bulk (%s storage)', (driver) => {
  let media: MediaTestApp;
  let owner: Account;

  beforeAll(async () => {
    media = await createMediaTestApp(driver);
    owner = await signUp(media.sut);
  });
  afterAll(() => media?.close());

  const http = () => media.sut.http;
  const folders = (w: Workspace, rest = '') => `/api/v1/workspaces/${w.slug}/media-folders${rest}`;

  async function uploadPng(w: Workspace, name: string, fields: Record<string, string> = {}, as: Account = owner) {
    let request = http().post(mediaPath(w)).set(bearer(as));
    for (const [key, value] of Object.entries(fields)) request = request.field(key, value);
    const response = await request.attach('file', await png(8, 8, seed++), name).expect(201);
    return response.body as { id: string; fileName: string; checksum: string; folderId: string | null };
  }

  async function createFolder(w: Workspace, name: string, parentId?: string) {
    const response = await http()
      .post(folders(w))
      .set(bearer(owner))
      .send(parentId ? { name, parentId } : { name })
      .expect(201);
    return response.body as { id: string; name: string; parentId: string | null };
  }

  describe('metadata', () => {
    let w: Workspace;
    beforeAll(async () => {
      w = await newWorkspace(media.sut, owner);
    });

    it('edits title, alt text, caption, focal point, tags, file name and visibility, with one event', async () => {
      const asset = await uploadPng(w, 'before.png');
      const response = await http()
        .patch(mediaPath(w, `/${asset.id}`))
        .set(bearer(owner))
        .send({
          title: 'Board',
          altText: 'The board at the lake',
          caption: 'Line one\nline two',
          focalPoint: { x: 0.25, y: 0.75 },
          tags: [' Lake ', 'board', 'lake'],
          fileName: 'after.PNG',
          visibility: 'private',
        })
        .expect(200);
      expect(response.body).toMatchObject({
        title: 'Board',
        altText: 'The board at the lake',
        caption: 'Line one\nline two',
        focalPoint: { x: 0.25, y: 0.75 },
        tags: ['lake', 'board'],
        fileName: 'after.PNG',
        visibility: 'private',
        url: null,
      });
      expect(
        (
          await http()
            .get(mediaPath(w, `/${asset.id}`))
            .set(bearer(owner))
            .expect(200)
        ).body,
      ).toEqual(response.body);
      expect(await eventsOf(media.sut, w, 'media.asset.updated')).toContainEqual({
        assetId: asset.id,
        changed: ['title', 'altText', 'caption', 'tags', 'visibility', 'fileName', 'focalPoint'],
        previousPublicUrl: expect.stringMatching(new RegExp(`/media/${asset.id}/original/before\\.png$`)),
      });
      const cleared = await http()
        .patch(mediaPath(w, `/${asset.id}`))
        .set(bearer(owner))
        .send({ title: null, focalPoint: null, fileName: 'no-extension' })
        .expect(200);
      expect(cleared.body).toMatchObject({ title: null, focalPoint: null, fileName: 'no-extension.png' });
    });

    it('refuses bad edits, changing nothing', async () => {
      const asset = await uploadPng(w, 'keep.png');
      const before = await libraryRows(media.sut, w);
      const bad = await http()
        .patch(mediaPath(w, `/${asset.id}`))
        .set(bearer(owner))
        .send({
          focalPoint: { x: 2, y: -1 },
          tags: ['x'.repeat(65)],
          title: 'a\u0000b',
          visibility: 'hidden',
          extra: 1,
        });
      expectValidationProblem(bad, ['focalPoint.x', 'focalPoint.y', 'tags', 'title', 'visibility', 'extra']);
      const renamed = await http()
        .patch(mediaPath(w, `/${asset.id}`))
        .set(bearer(owner))
        .send({ fileName: 'keep.pdf' });
      expect(renamed.body).toMatchObject({ status: 400, type: 'urn:quire:problem:media.type-mismatch' });
      const html = await http()
        .patch(mediaPath(w, `/${asset.id}`))
        .set(bearer(owner))
        .send({ fileName: 'keep.html' });
      expect(html.body.type).toBe('urn:quire:problem:media.type-mismatch');
      const folder = await http()
        .patch(mediaPath(w, `/${asset.id}`))
        .set(bearer(owner))
        .send({ folderId: UNKNOWN_ID });
      expectValidationProblem(folder, ['folderId']);
      await http()
        .patch(mediaPath(w, `/${UNKNOWN_ID}`))
        .set(bearer(owner))
        .send({ title: 'x' })
        .expect(404);
      await http().patch(mediaPath(w, '/not-a-uuid')).set(bearer(owner)).send({ title: 'x' }).expect(400);
      expect(await libraryRows(media.sut, w)).toEqual(before);
    });

    it('lets authors edit and delete only what they uploaded; reviewers and viewers only read', async () => {
      const author = await member(media.sut, w, 'author');
      const theirs = await uploadPng(w, 'author-own.png', {}, author);
      const others = await uploadPng(w, 'owner-own.png');
      await http()
        .patch(mediaPath(w, `/${theirs.id}`))
        .set(bearer(author))
        .send({ title: 'mine' })
        .expect(200);
      const refused = await http()
        .patch(mediaPath(w, `/${others.id}`))
        .set(bearer(author))
        .send({ title: 'not mine' });
      expect(refused.body).toMatchObject({ status: 403, type: 'urn:quire:problem:core.forbidden' });
      await http()
        .delete(mediaPath(w, `/${others.id}`))
        .set(bearer(author))
        .expect(403);
      for (const role of ['reviewer', 'viewer']) {
        const reader = await member(media.sut, w, role);
        await http()
          .get(mediaPath(w, `/${others.id}`))
          .set(bearer(reader))
          .expect(200);
        await http()
          .get(mediaPath(w, `/${others.id}/file`))
          .set(bearer(reader))
          .expect(200);
        await http()
          .patch(mediaPath(w, `/${others.id}`))
          .set(bearer(reader))
          .send({ title: 'x' })
          .expect(403);
        await http()
          .delete(mediaPath(w, `/${others.id}`))
          .set(bearer(reader))
          .expect(403);
      }
      const auditor = await member(media.sut, w, 'auditor');
      await http().get(mediaPath(w)).set(bearer(auditor)).expect(403);
      await http()
        .delete(mediaPath(w, `/${theirs.id}`))
        .set(bearer(author))
        .expect(204);
    });

    it("hides another workspace's assets and folders behind 404s", async () => {
      const other = await newWorkspace(media.sut, owner);
      const asset = await uploadPng(other, 'other.png');
      const folder = await createFolder(other, 'Other');
      const stranger = await signUp(media.sut);
      const mine = await newWorkspace(media.sut, stranger);
      await http()
        .get(mediaPath(mine, `/${asset.id}`))
        .set(bearer(stranger))
        .expect(404);
      await http()
        .get(mediaPath(mine, `/${asset.id}/file`))
        .set(bearer(stranger))
        .expect(404);
      await http()
        .patch(mediaPath(mine, `/${asset.id}`))
        .set(bearer(stranger))
        .send({ title: 'x' })
        .expect(404);
      await http()
        .delete(mediaPath(mine, `/${asset.id}`))
        .set(bearer(stranger))
        .expect(404);
      await http()
        .get(folders(mine, `/${folder.id}`))
        .set(bearer(stranger))
        .expect(404);
      const moved = await http()
        .post(mediaPath(mine, '/bulk/move'))
        .set(bearer(stranger))
        .send({ ids: [asset.id], folderId: null });
      expect(moved.body.type).toBe('urn:quire:problem:media.bulk-unknown-assets');
      const own = await uploadPng(mine, 'mine.png', {}, stranger);
      const intoTheirs = await http()
        .patch(mediaPath(mine, `/${own.id}`))
        .set(bearer(stranger))
        .send({ folderId: folder.id });
      expectValidationProblem(intoTheirs, ['folderId']);
      await http()
        .get(mediaPath(other, `/${asset.id}`))
        .set(bearer(stranger))
        .expect(404);
      const list = await http().get(mediaPath(mine)).set(bearer(stranger)).expect(200);
      expect(list.body.data.map((a: { id: string }) => a.id)).toEqual([own.id]);
    });
  });

  describe('folders', () => {
    let w: Workspace;
    beforeAll(async () => {
      w = await newWorkspace(media.sut, owner);
    });

    it('builds a tree with names unique per parent regardless of case', async () => {
      const photos = await createFolder(w, 'Photos');
      const dupe = await http().post(folders(w)).set(bearer(owner)).send({ name: 'photos' });
      expect(dupe.body).toMatchObject({
        status: 409,
        type: 'urn:quire:problem:media.folder-name-taken',
        folderId: photos.id,
      });
      const team = await createFolder(w, 'Team', photos.id);
      await createFolder(w, 'Photos', photos.id); // same name, other parent
      const got = await http()
        .get(folders(w, `/${team.id}`))
        .set(bearer(owner))
        .expect(200);
      expect(got.body).toMatchObject({ name: 'Team', parentId: photos.id, path: [{ id: photos.id, name: 'Photos' }] });
      const roots = await http()
        .get(folders(w))
        .query({ 'filter[parentId][null]': 'true' })
        .set(bearer(owner))
        .expect(200);
      expect(roots.body.data.map((f: { name: string }) => f.name)).toEqual(['Photos']);
      const bad = await http().post(folders(w)).set(bearer(owner)).send({ name: 'a/b', parentId: UNKNOWN_ID });
      expectValidationProblem(bad, ['name']);
      const orphan = await http().post(folders(w)).set(bearer(owner)).send({ name: 'Orphan', parentId: UNKNOWN_ID });
      expectValidationProblem(orphan, ['parentId']);
      expect(await eventsOf(media.sut, w, 'media.folder.created')).toContainEqual({
        folderId: team.id,
        parentId: photos.id,
      });
    });

    it('renames and moves folders, refusing cycles', async () => {
      const a = await createFolder(w, 'A');
      const b = await createFolder(w, 'B', a.id);
      const c = await createFolder(w, 'C', b.id);
      for (const parentId of [a.id, c.id]) {
        const cycle = await http()
          .patch(folders(w, `/${a.id}`))
          .set(bearer(owner))
          .send({ parentId });
        expect(cycle.body).toMatchObject({ status: 409, type: 'urn:quire:problem:media.folder-cycle' });
      }
      const moved = await http()
        .patch(folders(w, `/${c.id}`))
        .set(bearer(owner))
        .send({ parentId: null, name: 'C2' })
        .expect(200);
      expect(moved.body).toMatchObject({ parentId: null, name: 'C2' });
      expect(await eventsOf(media.sut, w, 'media.folder.moved')).toContainEqual({
        folderId: c.id,
        fromParentId: b.id,
        toParentId: null,
      });
      const clash = await http()
        .patch(folders(w, `/${b.id}`))
        .set(bearer(owner))
        .send({ parentId: null, name: 'c2' });
      expect(clash.body.type).toBe('urn:quire:problem:media.folder-name-taken');
    });

    it('deletes an empty folder, refuses a non-empty one, and deletes contents only when asked', async () => {
      const empty = await createFolder(w, 'Empty');
      await http()
        .delete(folders(w, `/${empty.id}`))
        .set(bearer(owner))
        .expect(204);
      const full = await createFolder(w, 'Full');
      const sub = await createFolder(w, 'Sub', full.id);
      const inFull = await uploadPng(w, 'in-full.png', { folderId: full.id });
      const inSub = await uploadPng(w, 'in-sub.png', { folderId: sub.id });
      const refused = await http()
        .delete(folders(w, `/${full.id}`))
        .set(bearer(owner));
      expect(refused.body).toMatchObject({
        status: 409,
        type: 'urn:quire:problem:media.folder-not-empty',
        assets: 2,
        folders: 1,
      });
      const keys = await media.storedKeys();
      expect(keys.filter((key) => key.endsWith(inFull.id) || key.endsWith(inSub.id))).toHaveLength(2);
      await http()
        .delete(folders(w, `/${full.id}`))
        .query({ recursive: 'maybe' })
        .set(bearer(owner))
        .expect(400);
      await http()
        .delete(folders(w, `/${full.id}`))
        .query({ recursive: 'true' })
        .set(bearer(owner))
        .expect(204);
      await http()
        .get(mediaPath(w, `/${inSub.id}`))
        .set(bearer(owner))
        .expect(404);
      expect((await media.storedKeys()).filter((key) => key.endsWith(inFull.id) || key.endsWith(inSub.id))).toEqual([]);
      const deleted = await eventsOf(media.sut, w, 'media.asset.deleted');
      expect(deleted.map((e) => e.assetId)).toEqual(expect.arrayContaining([inFull.id, inSub.id]));
      expect(await eventsOf(media.sut, w, 'media.folder.deleted')).toEqual(
        expect.arrayContaining([
          { folderId: sub.id, recursive: true },
          { folderId: full.id, recursive: true },
        ]),
      );
    });

    it('refuses a recursive delete when the caller may not delete every asset in it', async () => {
      const editor = await member(media.sut, w, 'editor');
      const folder = await createFolder(w, 'Guarded');
      const asset = await uploadPng(w, 'guarded.png', { folderId: folder.id });
      const author = await member(media.sut, w, 'author');
      await http()
        .delete(folders(w, `/${folder.id}`))
        .query({ recursive: 'true' })
        .set(bearer(author))
        .expect(403);
      await http()
        .get(mediaPath(w, `/${asset.id}`))
        .set(bearer(editor))
        .expect(200);
      await http()
        .delete(folders(w, `/${folder.id}`))
        .query({ recursive: 'true' })
        .set(bearer(editor))
        .expect(204);
    });
  });

  describe('search', () => {
    let w: Workspace;
    let logo: { id: string };
    let team: { id: string };
    let report: { id: string };
    let folderId: string;

    beforeAll(async () => {
      w = await newWorkspace(media.sut, owner);
      folderId = (await createFolder(w, 'Brand')).id;
      logo = (
        await http()
          .post(mediaPath(w))
          .set(bearer(owner))
          .field('tags', 'brand')
          .field('folderId', folderId)
          .attach('file', svg(), 'Logo.svg')
          .expect(201)
      ).body;
      team = await uploadPng(w, 'team-photo.png', { tags: 'people,brand', title: 'Our team' });
      report = (
        await http()
          .post(mediaPath(w))
          .set(bearer(owner))
          .field('caption', 'Annual numbers')
          .attach('file', pdf('annual'), 'report-2026.pdf')
          .expect(201)
      ).body;
    });

    const ids = async (query: Record<string, string>) => {
      const response = await http().get(mediaPath(w)).query(query).set(bearer(owner)).expect(200);
      return response.body.data.map((a: { id: string }) => a.id);
    };

    it('filters by name, tags, kind, type, folder and date, newest first', async () => {
      expect(await ids({})).toEqual([report.id, team.id, logo.id]);
      expect(await ids({ 'filter[fileName][contains]': 'LOGO' })).toEqual([logo.id]);
      expect(await ids({ 'filter[tags][eq]': 'Brand' })).toEqual([team.id, logo.id]);
      expect(await ids({ 'filter[tags][in]': 'people,nothing' })).toEqual([team.id]);
      expect(await ids({ 'filter[tags][ne]': 'brand' })).toEqual([report.id]);
      expect(await ids({ 'filter[tags][null]': 'true' })).toEqual([report.id]);
      expect(await ids({ 'filter[tags][contains]': 'peo' })).toEqual([team.id]);
      expect(await ids({ 'filter[kind][eq]': 'image' })).toEqual([team.id, logo.id]);
      expect(await ids({ 'filter[mimeType][eq]': 'application/pdf' })).toEqual([report.id]);
      expect(await ids({ 'filter[folderId][eq]': folderId })).toEqual([logo.id]);
      expect(await ids({ 'filter[folderId][null]': 'true' })).toEqual([report.id, team.id]);
      expect(
        await ids({
          'filter[createdAt][gte]': '2000-01-01T00:00:00Z',
          'filter[createdAt][lt]': '2001-01-01T00:00:00Z',
        }),
      ).toEqual([]);
      expect(await ids({ q: 'annual' })).toEqual([report.id]);
      expect(await ids({ q: 'our team' })).toEqual([team.id]);
      expect(await ids({ sort: 'fileName' })).toEqual([logo.id, report.id, team.id]);
      expect(await ids({ sort: '-size', pageSize: '1' })).toHaveLength(1);
    });

    it('selects fields and refuses unknown fields and operators', async () => {
      const response = await http()
        .get(mediaPath(w))
        .query({ fields: 'id,fileName,url' })
        .set(bearer(owner))
        .expect(200);
      expect(Object.keys(response.body.data[0]).sort()).toEqual(['fileName', 'id', 'url']);
      expect(response.body.meta).toMatchObject({ total: 3, page: 1 });
      const bad = await http()
        .get(mediaPath(w))
        .query({ 'filter[storageKey][eq]': 'x', sort: 'tags' })
        .set(bearer(owner));
      expectValidationProblem(bad, ['filter[storageKey]', 'sort']);
      const ordered = await http().get(mediaPath(w)).query({ 'filter[tags][gt]': 'a' }).set(bearer(owner));
      expectValidationProblem(ordered, ['filter[tags][gt]']);
    });
  });

  describe('bulk', () => {
    let w: Workspace;
    beforeAll(async () => {
      w = await newWorkspace(media.sut, owner);
    });

    it('moves, tags and deletes many assets, all or nothing', async () => {
      const folder = await createFolder(w, 'Bulk');
      const a = await uploadPng(w, 'a.png', { tags: 'old' });
      const b = await uploadPng(w, 'b.png');
      const before = await libraryRows(media.sut, w);
      const unknown = await http()
        .post(mediaPath(w, '/bulk/move'))
        .set(bearer(owner))
        .send({ ids: [a.id, UNKNOWN_ID, b.id], folderId: folder.id });
      expect(unknown.body).toMatchObject({
        status: 400,
        type: 'urn:quire:problem:media.bulk-unknown-assets',
        ids: [UNKNOWN_ID],
        errors: [{ path: 'ids[1]', message: `no asset ${UNKNOWN_ID} in this workspace` }],
      });
      expectValidationProblem(
        await http().post(mediaPath(w, '/bulk/move')).set(bearer(owner)).send({ ids: [], folderId: null }),
        ['ids'],
      );
      expectValidationProblem(
        await http()
          .post(mediaPath(w, '/bulk/move'))
          .set(bearer(owner))
          .send({ ids: [a.id, a.id], folderId: null }),
        ['ids'],
      );
      expectValidationProblem(
        await http()
          .post(mediaPath(w, '/bulk/move'))
          .set(bearer(owner))
          .send({ ids: [a.id], folderId: UNKNOWN_ID }),
        ['folderId'],
      );
      expect(await libraryRows(media.sut, w)).toEqual(before);

      const moved = await http()
        .post(mediaPath(w, '/bulk/move'))
        .set(bearer(owner))
        .send({ ids: [a.id, b.id], folderId: folder.id })
        .expect(200);
      expect(moved.body).toEqual({ affected: 2, ids: [a.id, b.id] });
      expect(await eventsOf(media.sut, w, 'media.asset.moved')).toEqual(
        expect.arrayContaining([
          { assetId: a.id, fromFolderId: null, toFolderId: folder.id },
          { assetId: b.id, fromFolderId: null, toFolderId: folder.id },
        ]),
      );
      const tagged = await http()
        .post(mediaPath(w, '/bulk/tags'))
        .set(bearer(owner))
        .send({ ids: [a.id, b.id], add: ['New', 'shared'], remove: ['old'] })
        .expect(200);
      expect(tagged.body.affected).toBe(2);
      expect(
        (
          await http()
            .get(mediaPath(w, `/${a.id}`))
            .set(bearer(owner))
        ).body.tags,
      ).toEqual(['new', 'shared']);
      expect(
        (
          await http()
            .get(mediaPath(w, `/${b.id}`))
            .set(bearer(owner))
        ).body.tags,
      ).toEqual(['new', 'shared']);

      const author = await member(media.sut, w, 'author');
      const own = await uploadPng(w, 'author.png', {}, author);
      const forbidden = await http()
        .post(mediaPath(w, '/bulk/delete'))
        .set(bearer(author))
        .send({ ids: [own.id, a.id] });
      expect(forbidden.body).toMatchObject({
        status: 403,
        type: 'urn:quire:problem:media.bulk-forbidden',
        ids: [a.id],
      });
      await http()
        .get(mediaPath(w, `/${own.id}`))
        .set(bearer(author))
        .expect(200);

      const keys = await media.storedKeys();
      const deleted = await http()
        .post(mediaPath(w, '/bulk/delete'))
        .set(bearer(owner))
        .send({ ids: [a.id, b.id] })
        .expect(200);
      expect(deleted.body).toEqual({ affected: 2, ids: [a.id, b.id] });
      expect(await media.storedKeys()).toEqual(keys.filter((key) => !key.endsWith(a.id) && !key.endsWith(b.id)));
      await http()
        .get(mediaPath(w, `/${a.id}`))
        .set(bearer(owner))
        .expect(404);
    });
  });
});
