import { uuidv7 } from '@quire/core';
import type { TestApp } from '@quire/testing';
import { WorkspacesResolver } from '@quire/workspaces';
import type { ContentTypeDefinition } from '../src/schema/field-definition';

/**
 * Small helpers for the trash and transfer suites: accounts, workspaces and members through HTTP, and content
 * rows written directly, so that these suites test the trash on exactly the state they describe.
 */
const PASSWORD = 'correct horse battery staple 42';
let counter = 0;

export interface Account {
  userId: string;
  token: string;
}

export interface Workspace {
  id: string;
  slug: string;
}

export const bearer = (account: Account) => ({ Authorization: `Bearer ${account.token}` });

export async function signUp(sut: TestApp, stem = 'trash'): Promise<Account> {
  const response = await sut.http
    .post('/api/v1/auth/sign-up')
    .set('X-Forwarded-For', `198.51.100.${(counter % 250) + 1}`)
    .send({
      email: `${stem}-${Date.now().toString(36)}-${counter++}@example.com`,
      password: PASSWORD,
      displayName: 'Member',
    })
    .expect(201);
  return { userId: response.body.user.id, token: response.body.accessToken };
}

export async function newWorkspace(sut: TestApp, owner: Account, stem = 'trash'): Promise<Workspace> {
  const slug = `${stem}-${Date.now().toString(36)}-${counter++}`;
  const response = await sut.http
    .post('/api/v1/workspaces')
    .set(bearer(owner))
    .send({ name: 'Content', slug, enabledLocales: ['en', 'de'], defaultLocale: 'en' })
    .expect(201);
  return { id: response.body.id, slug };
}

export async function addMember(sut: TestApp, workspace: Workspace, user: Account, role: string): Promise<void> {
  await sut.app.get(WorkspacesResolver).ensureMember(workspace.id, user.userId, 'viewer');
  await sut.dataSource.query(`UPDATE workspace_members SET role = $3 WHERE workspace_id = $1 AND user_id = $2`, [
    workspace.id,
    user.userId,
    role,
  ]);
}

export async function seedType(sut: TestApp, workspace: Workspace, definition: ContentTypeDefinition): Promise<string> {
  const id = uuidv7();
  await sut.dataSource.query(
    `INSERT INTO content_types (id, workspace_id, api_id, kind, name, definition, public_read)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      id,
      workspace.id,
      definition.apiId,
      definition.kind,
      definition.name,
      JSON.stringify(definition),
      definition.options?.publicRead ?? false,
    ],
  );
  return id;
}

export interface SeededEntry {
  shared?: Record<string, unknown>;
  locales: Record<string, { draft: Record<string, unknown>; published?: boolean }>;
  createdBy?: string | null;
  /** Links the entry's draft holds (what the entries service writes to content_references on save). */
  links?: Array<{ locale?: string; field: string; target: string }>;
}

/** An entry row, its locale rows (published ones with published_data = shared + draft) and its references. */
export async function seedEntry(
  sut: TestApp,
  workspace: Workspace,
  typeId: string,
  entry: SeededEntry,
): Promise<string> {
  const id = uuidv7();
  const shared = entry.shared ?? {};
  await sut.dataSource.query(
    `INSERT INTO content_entries (id, workspace_id, content_type_id, shared_data, revision, created_by, updated_by)
     VALUES ($1, $2, $3, $4, 1, $5, $5)`,
    [id, workspace.id, typeId, JSON.stringify(shared), entry.createdBy ?? null],
  );
  for (const [locale, { draft, published }] of Object.entries(entry.locales)) {
    await sut.dataSource.query(
      `INSERT INTO content_entry_locales
         (id, workspace_id, entry_id, content_type_id, locale, draft_data, published_data, published_at, first_published_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)`,
      [
        uuidv7(),
        workspace.id,
        id,
        typeId,
        locale,
        JSON.stringify(draft),
        published ? JSON.stringify({ ...shared, ...draft }) : null,
        published ? new Date() : null,
      ],
    );
  }
  await sut.dataSource.query(
    `INSERT INTO content_revisions (id, workspace_id, entry_id, number, kind, snapshot, actor_type, actor_id)
     VALUES ($1, $2, $3, 1, 'create', $4, 'user', $5)`,
    [
      uuidv7(),
      workspace.id,
      id,
      JSON.stringify({
        shared,
        locales: Object.fromEntries(Object.entries(entry.locales).map(([l, v]) => [l, v.draft])),
      }),
      entry.createdBy ?? null,
    ],
  );
  for (const link of entry.links ?? []) {
    await sut.dataSource.query(
      `INSERT INTO content_references (id, workspace_id, source_entry_id, locale, field_path, target_kind, target_id)
       VALUES ($1, $2, $3, $4, $5, 'entry', $6)`,
      [uuidv7(), workspace.id, id, link.locale ?? '', link.field, link.target],
    );
  }
  return id;
}

export async function eventsOf(sut: TestApp, workspace: Workspace, name: string): Promise<Record<string, unknown>[]> {
  const rows: Array<{ payload: Record<string, unknown> }> = await sut.dataSource.query(
    `SELECT payload FROM quire_outbox WHERE workspace_id = $1 AND event_name = $2 ORDER BY id`,
    [workspace.id, name],
  );
  return rows.map((r) => r.payload);
}

export async function generationOf(sut: TestApp, workspace: Workspace): Promise<number> {
  const rows: Array<{ generation: string }> = await sut.dataSource.query(
    `SELECT generation FROM content_delivery_generations WHERE workspace_id = $1`,
    [workspace.id],
  );
  return Number(rows[0]?.generation ?? 0);
}
