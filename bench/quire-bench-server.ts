// The real Quire server for the benchmarks: the kernel's own `bootstrap` (configuration, winston, HTTP stack,
// migrations, listening) with the identity and example-notes plugins and the test fixture tenancy, so that a
// bearer token `fixture-user:editor` is an editor of workspace `bench`. It also signs up one account through
// the real API, whose access token (a session JWT) the `me` scenario sends. Started by bench/run.mjs as a child process:
//   node -r ./bench/alias-hook.cjs dist/bench/bench/quire-bench-server.js
// with DATABASE_URL, QUIRE_SECRET_KEY and the rest in the environment. When it listens it prints one line
//   BENCH_READY {"url":"http://127.0.0.1:<port>","workspaceId":"<uuid>","accessToken":"<jwt>"}
// on stdout; SIGTERM stops it through bootstrap's graceful shutdown.
import 'reflect-metadata';
import { bootstrap } from '@quire/core';
import { IdentityPlugin } from '@quire/identity';
import { ExampleNotesPlugin } from '@quire/plugin-example-notes';
import { FixtureTenancy, fixtureTenancyPlugin } from '@quire/testing';

export const BENCH_WORKSPACE_SLUG = 'bench';
export const BENCH_USER = 'editor';
const editorRules = [{ action: ['create', 'read', 'update', 'delete'], subject: 'Note' }];

async function main(): Promise<void> {
  const tenancy = new FixtureTenancy();
  const workspace = tenancy.addWorkspace(BENCH_WORKSPACE_SLUG);
  tenancy.grant(workspace, BENCH_USER, editorRules);
  // An hour-long access token, so that it outlives the run (the default is 10 minutes).
  const identity = IdentityPlugin.with({ accessTokenTtlSeconds: 3600 });
  const server = await bootstrap({
    plugins: [identity, fixtureTenancyPlugin(tenancy), ExampleNotesPlugin],
    env: process.env,
  });
  const signUp = await fetch(`${server.url}/api/v1/auth/sign-up`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    // A new account per run: the bench database is kept between runs.
    body: JSON.stringify({
      email: `load-${Date.now()}@example.com`,
      displayName: 'Load Test',
      password: 'violet harbour lantern 42',
    }),
  });
  if (signUp.status !== 201) throw new Error(`bench sign-up answered ${signUp.status}: ${await signUp.text()}`);
  const { accessToken } = (await signUp.json()) as { accessToken: string };
  process.stdout.write(`BENCH_READY ${JSON.stringify({ url: server.url, workspaceId: workspace.id, accessToken })}\n`);
}

void main();
