import { IdentityPlugin } from '@quire/identity';
import { WorkspacesPlugin } from '@quire/workspaces';
import { createTestApp, type TestApp } from '@quire/testing';
import { ContentPlugin } from '../src/content.plugin';
import type { ContentTypeDefinition } from '../src/schema/field-definition';
import { bearer, entriesHelpers, type Account, type Workspace } from './entries-support';

const AUTHOR: ContentTypeDefinition = {
  apiId: 'author',
  kind: 'collection',
  name: 'Author',
  fields: [{ name: 'name', type: 'text' }],
};
const POST: ContentTypeDefinition = {
  apiId: 'post',
  kind: 'collection',
  name: 'Post',
  fields: [
    { name: 'title', type: 'text' },
    { name: 'author', type: 'relation', target: 'author', localized: false },
  ],
};

/**
 * A save that links to an entry racing the trash of that entry (`onDelete: restrict`): one of the two must lose,
 * never both win (a live post linking to a trashed author).
 */
describe('Linking to an entry while it is being trashed', () => {
  let sut: TestApp;
  const h = entriesHelpers(() => sut);
  let owner: Account;
  let ws: Workspace;

  beforeAll(async () => {
    sut = await createTestApp({ plugins: [IdentityPlugin, WorkspacesPlugin, ContentPlugin] });
    owner = await h.signUp();
    ws = await h.newWorkspace(owner, ['en']);
    for (const type of [AUTHOR, POST]) await h.seedType(ws, type);
  });
  afterAll(async () => {
    await sut?.close();
  });

  const base = () => `/api/v1/workspaces/${ws.slug}`;

  it('lets exactly one of the two win, round after round', async () => {
    const post = (await sut.http.post(`${base()}/content-types/post/entries`).set(bearer(owner)).send({ data: {} }))
      .body.id as string;
    for (let round = 0; round < 8; round++) {
      const author = (
        await sut.http
          .post(`${base()}/content-types/author/entries`)
          .set(bearer(owner))
          .send({ data: { name: `A${round}` } })
          .expect(201)
      ).body.id as string;
      await sut.http
        .patch(`${base()}/entries/${post}`)
        .set(bearer(owner))
        .send({ locale: 'en', data: { author: null } })
        .expect(200);

      const [link, trash] = await Promise.all([
        sut.http.patch(`${base()}/entries/${post}`).set(bearer(owner)).send({ locale: 'en', data: { author } }),
        sut.http.delete(`${base()}/entries/${author}`).set(bearer(owner)),
      ]);
      const linked = link.status === 200;
      const trashed = trash.status === 200;
      expect({ round, linked, trashed }).toEqual({ round, linked: !trashed, trashed: !linked });
      expect(linked ? trash.status : link.status).toBe(linked ? 409 : 400);

      const [{ dangling }] = await sut.dataSource.query(
        `SELECT count(*)::int AS dangling FROM content_references r JOIN content_entries t ON t.id = r.target_id
          WHERE r.source_entry_id = $1 AND t.deleted_at IS NOT NULL`,
        [post],
      );
      expect(dangling).toBe(0);
    }
  });
});
