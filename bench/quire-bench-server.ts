// The real Quire server for the benchmarks: the kernel's own `bootstrap` (configuration, winston, HTTP stack,
// migrations, listening) with the example-notes plugin and the test fixture tenancy, so that a bearer token
// `fixture-user:editor` is an editor of workspace `bench`. Started by bench/run.mjs as a child process:
//   node -r ./bench/alias-hook.cjs dist/bench/bench/quire-bench-server.js
// with DATABASE_URL, QUIRE_SECRET_KEY and the rest in the environment. When it listens it prints one line
//   BENCH_READY {"url":"http://127.0.0.1:<port>","workspaceId":"<uuid>"}
// on stdout; SIGTERM stops it through bootstrap's graceful shutdown.
import 'reflect-metadata';
import { bootstrap } from '@quire/core';
import { ExampleNotesPlugin } from '@quire/plugin-example-notes';
import { FixtureTenancy, fixtureTenancyPlugin } from '@quire/testing';

export const BENCH_WORKSPACE_SLUG = 'bench';
export const BENCH_USER = 'editor';
const editorRules = [{ action: ['create', 'read', 'update', 'delete'], subject: 'Note' }];

async function main(): Promise<void> {
  const tenancy = new FixtureTenancy();
  const workspace = tenancy.addWorkspace(BENCH_WORKSPACE_SLUG);
  tenancy.grant(workspace, BENCH_USER, editorRules);
  const server = await bootstrap({ plugins: [fixtureTenancyPlugin(tenancy), ExampleNotesPlugin], env: process.env });
  process.stdout.write(`BENCH_READY ${JSON.stringify({ url: server.url, workspaceId: workspace.id })}\n`);
}

void main();
