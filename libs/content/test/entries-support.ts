import { uuidv7 } from '@quire/core';
import type { TestApp } from '@quire/testing';
import { WorkspacesResolver } from '@quire/workspaces';
import type { ContentTypeDefinition } from '../src/schema/field-definition';

/**
 * Helpers of the entries suites: accounts, workspaces and members through HTTP; content types written straight
 * to the table (the entries API is under test here, not the types API).
 */
export interface Account {
  userId: string;
  token: string;
}

export interface Workspace {
  id: string;
  slug: string;
}

let counter = 0;
export const bearer = (account: Account) => ({ Authorization: `Bearer ${account.token}` });

export function entriesHelpers(sut: () => TestApp) {
  async function signUp(): Promise<Account> {
    const response = await sut()
      .http.post('/api/v1/auth/sign-up')
      .set('X-Forwarded-For', `192.0.2.${(counter % 250) + 1}`)
      .send({
        email: `entries-${Date.now().toString(36)}-${counter++}@example.com`,
        password: 'correct horse battery staple 42',
        displayName: 'E',
      })
      .expect(201);
    return { userId: response.body.user.id, token: response.body.accessToken };
  }

  async function newWorkspace(owner: Account, locales = ['en', 'de', 'fr']): Promise<Workspace> {
    const slug = `entries-${Date.now().toString(36)}-${counter++}`;
    const response = await sut()
      .http.post('/api/v1/workspaces')
      .set(bearer(owner))
      .send({ name: 'Entries', slug, enabledLocales: locales, defaultLocale: locales[0] })
      .expect(201);
    return { id: response.body.id, slug };
  }

  async function member(workspace: Workspace, role: string): Promise<Account> {
    const account = await signUp();
    await sut().app.get(WorkspacesResolver).ensureMember(workspace.id, account.userId, 'viewer');
    await sut().dataSource.query(`UPDATE workspace_members SET role = $3 WHERE workspace_id = $1 AND user_id = $2`, [
      workspace.id,
      account.userId,
      role,
    ]);
    return account;
  }

  /** A content type row as the types API would store it. */
  async function seedType(workspace: Workspace, definition: ContentTypeDefinition): Promise<string> {
    const id = uuidv7();
    await sut().dataSource.query(
      `INSERT INTO content_types (id, workspace_id, api_id, kind, name, definition, public_read)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        id,
        workspace.id,
        definition.apiId,
        definition.kind,
        definition.name,
        JSON.stringify(definition),
        definition.options?.publicRead === true,
      ],
    );
    return id;
  }

  /** What is stored of an entry: shared values, revision, and per locale the draft and published document. */
  async function stored(entryId: string) {
    const [entry] = await sut().dataSource.query(
      `SELECT shared_data, revision, deleted_at FROM content_entries WHERE id = $1`,
      [entryId],
    );
    const rows: Array<{
      locale: string;
      draft_data: Record<string, unknown>;
      published_data: Record<string, unknown> | null;
      has_vector: boolean;
    }> = await sut().dataSource.query(
      `SELECT locale, draft_data, published_data, search_vector IS NOT NULL AS has_vector
         FROM content_entry_locales WHERE entry_id = $1 ORDER BY locale`,
      [entryId],
    );
    return {
      shared: entry?.shared_data as Record<string, unknown>,
      revision: entry?.revision as number,
      locales: Object.fromEntries(
        rows.map((r) => [r.locale, { draft: r.draft_data, published: r.published_data, hasVector: r.has_vector }]),
      ),
    };
  }

  async function references(entryId: string) {
    return sut().dataSource.query(
      `SELECT locale, field_path AS "fieldPath", target_kind AS "targetKind", target_id AS "targetId"
         FROM content_references WHERE source_entry_id = $1 ORDER BY locale, field_path, target_id`,
      [entryId],
    ) as Promise<Array<{ locale: string; fieldPath: string; targetKind: string; targetId: string }>>;
  }

  return { signUp, newWorkspace, member, seedType, stored, references };
}
