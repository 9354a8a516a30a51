import { IdentityPlugin } from '@quire/identity';
import { WorkspacesPlugin } from '@quire/workspaces';
import { createTestApp, type TestApp } from '@quire/testing';
import { ContentPlugin } from '../src/content.plugin';
import type { ContentTypeDefinition } from '../src/schema/field-definition';
import { bearer, entriesHelpers, type Account, type Workspace } from './entries-support';

const ARTICLE: ContentTypeDefinition = {
  apiId: 'article',
  kind: 'collection',
  name: 'Article',
  options: { publicRead: true },
  fields: [
    { name: 'title', type: 'text', required: true },
    { name: 'body', type: 'richText' },
  ],
};

/** Hostile rich text through the whole path: saved as a draft, published, delivered as JSON and HTML. */
describe('Rich text with scripts and event handlers', () => {
  let sut: TestApp;
  const h = entriesHelpers(() => sut);
  let owner: Account;
  let ws: Workspace;

  beforeAll(async () => {
    sut = await createTestApp({ plugins: [IdentityPlugin, WorkspacesPlugin, ContentPlugin] });
    owner = await h.signUp();
    ws = await h.newWorkspace(owner, ['en']);
    await h.seedType(ws, ARTICLE);
  });
  afterAll(async () => {
    await sut?.close();
  });

  const hostile = {
    type: 'doc',
    content: [
      { type: 'script', content: [{ type: 'text', text: 'alert(1)' }] },
      {
        type: 'paragraph',
        attrs: { onclick: 'alert(2)', style: 'background:url(javascript:alert(3))' },
        content: [
          { type: 'text', text: '<script>alert(4)</script> and ' },
          {
            type: 'text',
            text: 'a link',
            marks: [{ type: 'link', attrs: { href: 'javascript:alert(5)', onmouseover: 'alert(6)' } }],
          },
          { type: 'text', text: ' and ' },
          { type: 'text', text: 'a safe one', marks: [{ type: 'link', attrs: { href: 'https://example.com/' } }] },
        ],
      },
    ],
  };

  it('strips them on save, and delivers only inert JSON and HTML', async () => {
    const created = await sut.http
      .post(`/api/v1/workspaces/${ws.slug}/content-types/article/entries`)
      .set(bearer(owner))
      .send({ data: { title: 'Hostile', body: hostile } })
      .expect(201);
    const saved = JSON.stringify(created.body.data.body);
    expect(saved).not.toMatch(/script"|onclick|onmouseover|style|javascript:/);
    expect(saved).toContain('https://example.com/');
    // The text itself is kept as text.
    expect(saved).toContain('<script>alert(4)</script> and ');

    await sut.http
      .post(`/api/v1/workspaces/${ws.slug}/entries/${created.body.id}/locales/en/publish`)
      .set(bearer(owner))
      .expect(200);
    const delivered = await sut.http.get(`/api/v1/delivery/${ws.slug}/article/${created.body.id}`).expect(200);
    const { json, html } = delivered.body.data.body as { json: unknown; html: string };
    expect(JSON.stringify(json)).not.toMatch(/onclick|onmouseover|javascript:/);
    expect(html).not.toMatch(/<script|onclick|onmouseover|javascript:|style=/i);
    expect(html).toContain('&lt;script&gt;alert(4)&lt;/script&gt;');
    expect(html).toContain('href="https://example.com/"');
  });

  it('refuses a value that is not a rich-text document, naming the field', async () => {
    const refused = await sut.http
      .post(`/api/v1/workspaces/${ws.slug}/content-types/article/entries`)
      .set(bearer(owner))
      .send({ data: { title: 'Not a doc', body: '<p onclick="x">html is not accepted</p>' } })
      .expect(400);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body.errors).toEqual([{ path: 'body', message: expect.any(String) }]);
  });
});
