// The real Quire server for the benchmarks: the kernel's own `bootstrap` (configuration, winston, HTTP stack,
// migrations, listening) with the identity, workspaces, content, media and example-notes plugins, as an
// installation runs them (media with its options from the environment, as apps/api does; the workspace quota from
// BENCH_MEDIA_QUOTA_BYTES, default 10 GiB, so that the 1 GB upload of `media-memory` fits).
// It signs up two accounts through the real API: the first creates a new workspace (its owner), the second
// joins it as an editor; the editor's access token (a session JWT) is what the `notes` and `me` scenarios send,
// so every request goes through the real tenant resolution (workspace, membership, role rules). The owner also
// creates a delivery API key (`read:PublishedEntry`) for the `delivery` scenarios.
// Started by bench/run.mjs as a child process:
//   node -r ./bench/alias-hook.cjs dist/bench/bench/quire-bench-server.js
// with DATABASE_URL, QUIRE_SECRET_KEY and the rest in the environment. When it listens it prints one line
//   BENCH_READY {"url":"http://127.0.0.1:<port>","workspaceId":"<uuid>","workspaceSlug":"…","accessToken":"<jwt>",
//                "deliveryKey":"qk_…"}
// on stdout; SIGTERM stops it through bootstrap's graceful shutdown.
import 'reflect-metadata';
import { bootstrap, loadConfig } from '@quire/core';
import { IdentityPlugin } from '@quire/identity';
import { WorkspacesPlugin, WorkspacesResolver } from '@quire/workspaces';
import { ExampleNotesPlugin } from '@quire/plugin-example-notes';
import { ContentPlugin } from '@quire/content';
import { mediaOptionsFromConfig, MediaPlugin } from '@quire/media';

async function main(): Promise<void> {
  // An hour-long access token, so that it outlives the run (the default is 10 minutes).
  const identity = IdentityPlugin.with({ accessTokenTtlSeconds: 3600 });
  const media = MediaPlugin.with({
    ...mediaOptionsFromConfig(loadConfig(process.env)),
    quotaBytes: { default: Number(process.env.BENCH_MEDIA_QUOTA_BYTES ?? 10 * 1024 ** 3) },
  });
  const server = await bootstrap({
    plugins: [identity, WorkspacesPlugin, ContentPlugin, media, ExampleNotesPlugin],
    env: process.env,
  });
  // New accounts and a new workspace per run: the bench database is kept between runs.
  const run = Date.now().toString(36);
  const owner = await signUp(server.url, `owner-${run}@example.com`);
  const editor = await signUp(server.url, `editor-${run}@example.com`);
  const created = await fetch(`${server.url}/api/v1/workspaces`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${owner.accessToken}` },
    body: JSON.stringify({ name: 'Bench', slug: `bench-${run}` }),
  });
  if (created.status !== 201) throw new Error(`bench workspace answered ${created.status}: ${await created.text()}`);
  const workspace = (await created.json()) as { id: string; slug: string };
  await server.app.get(WorkspacesResolver).ensureMember(workspace.id, editor.userId, 'editor');
  const key = await fetch(`${server.url}/api/v1/workspaces/${workspace.slug}/api-keys`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${owner.accessToken}` },
    body: JSON.stringify({ name: 'Bench delivery', kind: 'delivery', scopes: ['read:PublishedEntry'] }),
  });
  if (key.status !== 201) throw new Error(`bench delivery key answered ${key.status}: ${await key.text()}`);
  const deliveryKey = ((await key.json()) as { secret: string }).secret;
  process.stdout.write(
    `BENCH_READY ${JSON.stringify({
      url: server.url,
      workspaceId: workspace.id,
      workspaceSlug: workspace.slug,
      accessToken: editor.accessToken,
      deliveryKey,
    })}\n`,
  );
}

async function signUp(url: string, email: string): Promise<{ userId: string; accessToken: string }> {
  const response = await fetch(`${url}/api/v1/auth/sign-up`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, displayName: 'Load Test', password: 'violet harbour lantern 42' }),
  });
  if (response.status !== 201) throw new Error(`bench sign-up answered ${response.status}: ${await response.text()}`);
  const body = (await response.json()) as { user: { id: string }; accessToken: string };
  return { userId: body.user.id, accessToken: body.accessToken };
}

void main();
