import { uuidv7 } from '@quire/core';
import { WorkspacesResolver } from '@quire/workspaces';
import type { TestApp } from '@quire/testing';

/** Small helpers the content type suites share: accounts, workspaces, members, entries written with SQL. */
export interface Account {
  userId: string;
  token: string;
}

let counter = 0;
export const bearer = (account: Account) => ({ Authorization: `Bearer ${account.token}` });

export function contentTypeHelpers(sut: () => TestApp) {
  async function signUp(): Promise<Account> {
    const response = await sut()
      .http.post('/api/v1/auth/sign-up')
      .set('X-Forwarded-For', `203.0.113.${(counter % 250) + 1}`)
      .send({
        email: `types-${Date.now().toString(36)}-${counter++}@example.com`,
        password: 'correct horse battery staple 42',
        displayName: 'T',
      })
      .expect(201);
    return { userId: response.body.user.id, token: response.body.accessToken };
  }

  async function newWorkspace(owner: Account, locales = ['en', 'de']): Promise<{ id: string; slug: string }> {
    const slug = `types-${Date.now().toString(36)}-${counter++}`;
    const response = await sut()
      .http.post('/api/v1/workspaces')
      .set(bearer(owner))
      .send({ name: 'Types', slug })
      .expect(201);
    await sut().dataSource.query(`UPDATE workspaces SET enabled_locales = $2, default_locale = $3 WHERE id = $1`, [
      response.body.id,
      locales,
      locales[0],
    ]);
    return { id: response.body.id, slug };
  }

  async function member(workspace: { id: string }, role: string): Promise<Account> {
    const account = await signUp();
    await sut().app.get(WorkspacesResolver).ensureMember(workspace.id, account.userId, 'viewer');
    await sut().dataSource.query(`UPDATE workspace_members SET role = $3 WHERE workspace_id = $1 AND user_id = $2`, [
      workspace.id,
      account.userId,
      role,
    ]);
    return account;
  }

  /** An entry written straight to the tables (shared values, and per locale a draft and maybe a published document). */
  async function insertEntry(
    workspace: { id: string },
    apiId: string,
    shared: Record<string, unknown>,
    locales: Record<string, { draft: Record<string, unknown>; published?: Record<string, unknown> }>,
    options: { trashed?: boolean } = {},
  ): Promise<string> {
    const [type] = await sut().dataSource.query(
      `SELECT id FROM content_types WHERE workspace_id = $1 AND api_id = $2`,
      [workspace.id, apiId],
    );
    const id = uuidv7();
    await sut().dataSource.query(
      `INSERT INTO content_entries (id, workspace_id, content_type_id, shared_data, deleted_at) VALUES ($1, $2, $3, $4, $5)`,
      [id, workspace.id, type.id, JSON.stringify(shared), options.trashed ? new Date() : null],
    );
    for (const [locale, { draft, published }] of Object.entries(locales)) {
      await sut().dataSource.query(
        `INSERT INTO content_entry_locales (id, workspace_id, entry_id, content_type_id, locale, draft_data, published_data, published_at, in_trash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          uuidv7(),
          workspace.id,
          id,
          type.id,
          locale,
          JSON.stringify(draft),
          published ? JSON.stringify(published) : null,
          published ? new Date() : null,
          options.trashed === true,
        ],
      );
    }
    return id;
  }

  /** What is stored of an entry: shared values and per locale its draft and published document. */
  async function stored(entryId: string) {
    const [entry] = await sut().dataSource.query(`SELECT shared_data, revision FROM content_entries WHERE id = $1`, [
      entryId,
    ]);
    const rows: Array<{ locale: string; draft_data: unknown; published_data: unknown }> = await sut().dataSource.query(
      `SELECT locale, draft_data, published_data FROM content_entry_locales WHERE entry_id = $1 ORDER BY locale`,
      [entryId],
    );
    return {
      shared: entry.shared_data,
      revision: entry.revision as number,
      locales: Object.fromEntries(rows.map((r) => [r.locale, { draft: r.draft_data, published: r.published_data }])),
    };
  }

  return { signUp, newWorkspace, member, insertEntry, stored };
}
