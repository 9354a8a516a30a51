import type { PluginContext, QuirePlugin } from '@quire/core';
import { ContentPlugin } from '@quire/content';
import { IdentityPlugin } from '@quire/identity';
import { WorkspacesPlugin } from '@quire/workspaces';
import { createTestApp, type TestApp } from '@quire/testing';
import { addMember } from './trash-fixtures';

/**
 * The demo seed as `npm start` runs it into a fresh installation (bootstrap calls each plugin's onSeedDemo in
 * dependency order): identity's administrator, workspaces' `demo` workspace, then content's blog.
 */
describe('Content demo seed', () => {
  let sut: TestApp;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const plugins: QuirePlugin<any>[] = [IdentityPlugin, WorkspacesPlugin, ContentPlugin];

  beforeAll(async () => {
    sut = await createTestApp({ plugins });
  });
  afterAll(async () => {
    await sut?.close();
  });

  async function seedDemo(): Promise<void> {
    for (const plugin of plugins) {
      const context: PluginContext = {
        plugin: { name: plugin.definition.name, version: plugin.definition.version },
        options: plugin.options,
        get: (token) => sut.app.get(token as never, { strict: false }),
      };
      await plugin.definition.hooks?.onSeedDemo?.(context);
    }
  }

  /** A member of the demo workspace (its owner is the demo administrator, whose password only a file holds). */
  async function ownerToken(): Promise<string> {
    const response = await sut.http
      .post('/api/v1/auth/sign-up')
      .set('X-Forwarded-For', '198.51.100.77')
      .send({
        email: `seed-reader-${Date.now().toString(36)}@example.com`,
        password: 'correct horse battery staple 42',
        displayName: 'R',
      })
      .expect(201);
    const [{ id }] = await sut.dataSource.query(`SELECT id FROM workspaces WHERE slug = 'demo'`);
    await addMember(sut, { id, slug: 'demo' }, { userId: response.body.user.id, token: '' }, 'admin');
    return response.body.accessToken;
  }

  it('seeds a bilingual blog once, readable through the management and delivery APIs', async () => {
    await seedDemo();
    const [workspace] = await sut.dataSource.query(
      `SELECT id, default_locale, enabled_locales FROM workspaces WHERE slug = 'demo'`,
    );
    expect(workspace).toMatchObject({ default_locale: 'en', enabled_locales: ['en', 'de'] });
    const counts = await sut.dataSource.query(
      `SELECT t.api_id, count(e.id)::int AS n FROM content_types t LEFT JOIN content_entries e ON e.content_type_id = t.id
        WHERE t.workspace_id = $1 GROUP BY t.api_id ORDER BY t.api_id`,
      [workspace.id],
    );
    expect(counts).toEqual([
      { api_id: 'author', n: 3 },
      { api_id: 'category', n: 4 },
      { api_id: 'post', n: 12 },
    ]);
    const published = await sut.dataSource.query(
      `SELECT l.locale, count(*)::int AS n FROM content_entry_locales l JOIN content_types t ON t.id = l.content_type_id
        WHERE t.workspace_id = $1 AND t.api_id = 'post' AND l.published_data IS NOT NULL GROUP BY l.locale ORDER BY l.locale`,
      [workspace.id],
    );
    expect(published).toEqual([
      { locale: 'de', n: 6 },
      { locale: 'en', n: 9 },
    ]);
    // Real edits: every entry has revisions and its links are recorded.
    const [{ withoutRevisions }] = await sut.dataSource.query(
      `SELECT count(*)::int AS "withoutRevisions" FROM content_entries e
        WHERE e.workspace_id = $1 AND NOT EXISTS (SELECT 1 FROM content_revisions r WHERE r.entry_id = e.id)`,
      [workspace.id],
    );
    expect(withoutRevisions).toBe(0);
    const [{ links }] = await sut.dataSource.query(
      `SELECT count(*)::int AS links FROM content_references WHERE workspace_id = $1 AND target_kind = 'entry'`,
      [workspace.id],
    );
    expect(links).toBe(12 * 3);

    // Seeding again adds nothing.
    await seedDemo();
    const [{ total }] = await sut.dataSource.query(
      `SELECT count(*)::int AS total FROM content_entries WHERE workspace_id = $1`,
      [workspace.id],
    );
    expect(total).toBe(19);

    const token = await ownerToken();
    const list = await sut.http
      .get('/api/v1/workspaces/demo/content-types/post/entries')
      .query({ locale: 'de', pageSize: 50 })
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    expect(list.body.meta.total).toBe(12);
    const statuses = list.body.data.map((e: { status: string }) => e.status).sort();
    expect(statuses.filter((s: string) => s === 'published')).toHaveLength(6);

    const delivered = await sut.http.get('/api/v1/delivery/demo/post').query({ locale: 'de' }).expect(200);
    expect(delivered.body.meta.total).toBe(6);
    const titles = delivered.body.data.map((p: { title: string }) => p.title);
    expect(titles).toContain('Hallo von Quire');
    const english = await sut.http.get('/api/v1/delivery/demo/post').query({ locale: 'en' }).expect(200);
    expect(english.body.meta.total).toBe(9);
  });
});
