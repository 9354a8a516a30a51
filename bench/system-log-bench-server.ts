// The Quire server of the compliance bench (bench/system-log-purge.mjs): the kernel's own `bootstrap` with every
// plugin apps/api loads (compliance included), configured from the environment as apps/api does. It signs up one
// account through the real API and makes it a platform administrator (as `quire admin` would), so that the bench
// calls the retention routes exactly as an operator does.
// Started as a child process:
//   node -r ./bench/alias-hook.cjs dist/bench/bench/system-log-bench-server.js
// with DATABASE_URL, QUIRE_SECRET_KEY and the rest in the environment. When it listens it prints one line
//   BENCH_READY {"url":"http://127.0.0.1:<port>","accessToken":"<jwt>"}
// on stdout; SIGTERM stops it through bootstrap's graceful shutdown.
import 'reflect-metadata';
import { bootstrap, loadConfig } from '@quire/core';
import { IdentityPlugin, identityOptionsFromConfig } from '@quire/identity';
import { DataSource } from 'typeorm';
import { plugins } from '../apps/api/src/quire.config';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  // An hour-long access token, so that it outlives the run (the default is 10 minutes).
  const installed = plugins(config).map((plugin) =>
    plugin.definition.name === 'identity'
      ? IdentityPlugin.with({ ...identityOptionsFromConfig(config), accessTokenTtlSeconds: 3600 })
      : plugin,
  );
  const server = await bootstrap({ plugins: installed, env: process.env });
  const email = `operator-${Date.now().toString(36)}@example.com`;
  const response = await fetch(`${server.url}/api/v1/auth/sign-up`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, displayName: 'Bench Operator', password: 'violet harbour lantern 42' }),
  });
  if (response.status !== 201) throw new Error(`bench sign-up answered ${response.status}: ${await response.text()}`);
  const body = (await response.json()) as { user: { id: string }; accessToken: string };
  await server.app
    .get(DataSource)
    .query(`UPDATE identity_users SET platform_admin = true, email_verified_at = now() WHERE id = $1`, [body.user.id]);
  process.stdout.write(`BENCH_READY ${JSON.stringify({ url: server.url, accessToken: body.accessToken })}\n`);
}

void main();
