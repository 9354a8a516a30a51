import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { loadConfig, type QuirePlugin } from '@quire/core';
import { MediaPlugin, mediaOptionsFromConfig } from '@quire/media';
import { createTestApp, startS3Server, type S3TestServer, type TestApp } from '@quire/testing';
import { WorkspacesResolver } from '@quire/workspaces';
import { plugins } from '../../../apps/api/src/quire.config';

/**
 * The installation's plugins (apps/api) on a real PostgreSQL and a real storage driver — a temporary folder for
 * `local`, an s3rver on loopback for `s3` — with what the suites need to check that nothing is left behind.
 */
export interface MediaTestApp {
  sut: TestApp;
  driver: 'local' | 's3';
  /** Every object key in storage (for local: files under the root, work-in-progress files included). */
  storedKeys(): Promise<string[]>;
  close(): Promise<void>;
}

export const GIB = 1024 ** 3;

export async function createMediaTestApp(
  driver: 'local' | 's3' = 'local',
  env: Record<string, string> = {},
  quotaBytes: Record<string, number> & { default: number } = { default: 10 * GIB },
): Promise<MediaTestApp> {
  const root = await mkdtemp(join(tmpdir(), 'quire-media-'));
  let s3: S3TestServer | null = null;
  if (driver === 's3') s3 = await startS3Server();
  const fullEnv = { ...(s3 ? s3.env : { MEDIA_STORAGE: 'local', MEDIA_LOCAL_ROOT: root }), ...env };
  const config = loadConfig(fullEnv);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const installed: QuirePlugin<any>[] = plugins(config).map((plugin) =>
    plugin.definition.name === 'media' ? MediaPlugin.with({ ...mediaOptionsFromConfig(config), quotaBytes }) : plugin,
  );
  const sut = await createTestApp({ plugins: installed, env: fullEnv });
  const client = s3
    ? new S3Client({
        endpoint: s3.endpoint,
        region: s3.region,
        forcePathStyle: true,
        credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
      })
    : null;
  return {
    sut,
    driver,
    async storedKeys() {
      if (client && s3) {
        const listed = await client.send(new ListObjectsV2Command({ Bucket: s3.bucket }));
        return (listed.Contents ?? []).map((object) => object.Key as string).sort();
      }
      return (await walk(root)).map((path) => relative(root, path)).sort();
    },
    async close() {
      await sut.close();
      client?.destroy();
      await s3?.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}

async function walk(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const nested = await Promise.all(
    entries.map((entry) => (entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)])),
  );
  return nested.flat();
}

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

export async function signUp(sut: TestApp): Promise<Account> {
  const response = await sut.http
    .post('/api/v1/auth/sign-up')
    .set('X-Forwarded-For', `203.0.113.${(counter % 250) + 1}`)
    .send({
      email: `media-${Date.now().toString(36)}-${counter++}@example.com`,
      password: 'correct horse battery staple 42',
      displayName: 'Media',
    })
    .expect(201);
  return { userId: response.body.user.id, token: response.body.accessToken };
}

export async function newWorkspace(sut: TestApp, owner: Account): Promise<Workspace> {
  const slug = `media-${Date.now().toString(36)}-${counter++}`;
  const response = await sut.http
    .post('/api/v1/workspaces')
    .set(bearer(owner))
    .send({ name: 'Media', slug })
    .expect(201);
  return { id: response.body.id, slug };
}

export async function member(sut: TestApp, workspace: Workspace, role: string): Promise<Account> {
  const account = await signUp(sut);
  await sut.app.get(WorkspacesResolver).ensureMember(workspace.id, account.userId, 'viewer');
  await sut.dataSource.query(`UPDATE workspace_members SET role = $3 WHERE workspace_id = $1 AND user_id = $2`, [
    workspace.id,
    account.userId,
    role,
  ]);
  return account;
}

/** Rows of the workspace's library, to compare before and after a refused request. */
export async function libraryRows(sut: TestApp, workspace: Workspace) {
  return {
    assets: await sut.dataSource.query(
      `SELECT id, file_name, title, folder_id, tags, updated_at FROM media_assets WHERE workspace_id = $1 ORDER BY id`,
      [workspace.id],
    ),
    folders: await sut.dataSource.query(
      `SELECT id, name, parent_id, updated_at FROM media_folders WHERE workspace_id = $1 ORDER BY id`,
      [workspace.id],
    ),
  };
}

/** Events of a kind published in the workspace, oldest first. */
export async function eventsOf(
  sut: TestApp,
  workspace: Workspace,
  name: string,
): Promise<Array<Record<string, unknown>>> {
  const rows: Array<{ payload: Record<string, unknown> }> = await sut.dataSource.query(
    `SELECT payload FROM quire_outbox WHERE workspace_id = $1 AND event_name = $2 ORDER BY id`,
    [workspace.id, name],
  );
  return rows.map((row) => row.payload);
}

export function mediaPath(workspace: Workspace, rest = ''): string {
  return `/api/v1/workspaces/${workspace.slug}/media${rest}`;
}

/** supertest parser that keeps the body as bytes. */
export function binary(response: unknown, done: (error: Error | null, body: unknown) => void): void {
  const stream = response as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
  stream.on('error', (error: Error) => done(error, null));
}
