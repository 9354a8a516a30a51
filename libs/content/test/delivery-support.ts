import { uuidv7 } from '@quire/core';
import type { TestApp } from '@quire/testing';
import type { FieldDefinition } from '../src/schema/field-definition';

/**
 * Seeding for the delivery tests with SQL: types, entries and their published locales as publishing leaves them
 * (published_data without private fields, published_at, search_vector weighted A for `title`, B for `body`).
 */

const PASSWORD = 'correct horse battery staple 42';
let counter = 0;

export interface Account {
  userId: string;
  token: string;
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

export async function signUp(sut: TestApp): Promise<Account> {
  const response = await sut.http
    .post('/api/v1/auth/sign-up')
    .set('X-Forwarded-For', `198.51.100.${(counter % 250) + 1}`)
    .send({
      email: `delivery-${Date.now().toString(36)}-${counter++}@example.com`,
      password: PASSWORD,
      displayName: 'D',
    })
    .expect(201);
  return { userId: response.body.user.id, token: response.body.accessToken };
}

export async function newWorkspace(
  sut: TestApp,
  owner: Account,
  locales: { default: string; enabled: string[] } = { default: 'en', enabled: ['en'] },
): Promise<{ id: string; slug: string }> {
  const slug = `delivery-${Date.now().toString(36)}-${counter++}`;
  const response = await sut.http
    .post('/api/v1/workspaces')
    .set(bearer(owner.token))
    .send({ name: 'Delivery', slug })
    .expect(201);
  await sut.dataSource.query(`UPDATE workspaces SET default_locale = $2, enabled_locales = $3 WHERE id = $1`, [
    response.body.id,
    locales.default,
    locales.enabled,
  ]);
  return { id: response.body.id, slug };
}

export async function deliveryKey(sut: TestApp, owner: Account, workspace: string, scopes = ['read:PublishedEntry']) {
  const response = await sut.http
    .post(`/api/v1/workspaces/${workspace}/api-keys`)
    .set(bearer(owner.token))
    .send({ name: 'Website', kind: 'delivery', scopes })
    .expect(201);
  return response.body as { id: string; secret: string };
}

export async function insertType(
  sut: TestApp,
  workspaceId: string,
  apiId: string,
  fields: FieldDefinition[],
  options: { kind?: 'collection' | 'singleton' | 'component'; publicRead?: boolean } = {},
): Promise<string> {
  const id = uuidv7();
  const kind = options.kind ?? 'collection';
  const definition = { apiId, kind, name: apiId, fields, options: { publicRead: options.publicRead ?? false } };
  await sut.dataSource.query(
    `INSERT INTO content_types (id, workspace_id, api_id, kind, name, definition, public_read)
     VALUES ($1, $2, $3, $4, $3, $5, $6)`,
    [id, workspaceId, apiId, kind, JSON.stringify(definition), options.publicRead ?? false],
  );
  await bumpGeneration(sut, workspaceId);
  return id;
}

export interface LocaleSeed {
  /** The published document (null: never published). */
  published: Record<string, unknown> | null;
  draft?: Record<string, unknown>;
  publishedAt?: string;
}

const CONFIGS: Record<string, string> = { en: 'english', de: 'german', fr: 'french' };

export async function insertEntry(
  sut: TestApp,
  workspaceId: string,
  typeId: string,
  locales: Record<string, LocaleSeed>,
  options: { id?: string; trashed?: boolean } = {},
): Promise<string> {
  const id = options.id ?? uuidv7();
  await sut.dataSource.query(
    `INSERT INTO content_entries (id, workspace_id, content_type_id, deleted_at) VALUES ($1, $2, $3, $4)`,
    [id, workspaceId, typeId, options.trashed ? new Date() : null],
  );
  for (const [locale, seed] of Object.entries(locales)) {
    const at = seed.published ? (seed.publishedAt ?? new Date().toISOString()) : null;
    const config = CONFIGS[locale.split('-')[0]] ?? 'simple';
    await sut.dataSource.query(
      `INSERT INTO content_entry_locales (id, workspace_id, entry_id, content_type_id, locale, draft_data,
         published_data, published_at, first_published_at, in_trash, search_vector)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9,
         CASE WHEN $7::jsonb IS NULL THEN NULL ELSE
           setweight(to_tsvector($10::regconfig, coalesce($7::jsonb->>'title', '')), 'A') ||
           setweight(to_tsvector($10::regconfig, coalesce($7::jsonb->>'body', '')), 'B') END)`,
      [
        uuidv7(),
        workspaceId,
        id,
        typeId,
        locale,
        JSON.stringify(seed.draft ?? seed.published ?? {}),
        seed.published ? JSON.stringify(seed.published) : null,
        at,
        options.trashed ?? false,
        config,
      ],
    );
  }
  await bumpGeneration(sut, workspaceId);
  return id;
}

export async function bumpGeneration(sut: TestApp, workspaceId: string): Promise<void> {
  await sut.dataSource.query(
    `INSERT INTO content_delivery_generations (workspace_id, generation) VALUES ($1, 1)
     ON CONFLICT (workspace_id) DO UPDATE SET generation = content_delivery_generations.generation + 1`,
    [workspaceId],
  );
}
