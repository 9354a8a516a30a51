import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@quire/testing';

/**
 * The server as an operator runs it: `npm start` (scripts/start.mjs builds what is stale, then runs the
 * compiled server on the embedded PostgreSQL with no environment set), and the same binary refusing bad
 * configuration. Slow on a fresh clone (it builds); fast once dist/ is current.
 */
const root = join(__dirname, '../../..');
jest.setTimeout(600_000);

async function waitFor(url: string, child: ChildProcess, output: () => string, timeoutMs = 240_000): Promise<Response> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output()}`);
    try {
      const res = await fetch(url);
      if (res.status === 200) return res;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${url}:\n${output()}`);
}

describe('the server process', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'quire-server-e2e-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('npm start: builds if needed, starts the embedded PostgreSQL, serves health, API, docs and console, and stops cleanly', async () => {
    const port = await freePort();
    const pgPort = await freePort();
    let output = '';
    // The only variables set are where to put things, so the test does not collide with a developer's server.
    const env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PORT: String(port),
      EMBEDDED_POSTGRES_PORT: String(pgPort),
      QUIRE_DATA_DIR: dataDir,
    };
    const child = spawn(process.execPath, [join(root, 'scripts/start.mjs')], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    try {
      const base = `http://127.0.0.1:${port}`;
      const ready = await waitFor(`${base}/health/ready`, child, () => output);
      expect(await ready.json()).toMatchObject({
        status: 'ok',
        info: { database: { status: 'up' }, queue: { status: 'up' } },
      });
      const admin = await fetch(`${base}/admin/`);
      expect(admin.status).toBe(200);
      expect(await admin.text()).toMatch(/<base href="\/admin\/"\/?>/);
      const deepLink = await fetch(`${base}/admin/plugins`);
      expect(deepLink.status).toBe(200);
      const plugins = await fetch(`${base}/api/v1/plugins`);
      expect(plugins.status).toBe(200);
      const docs = await fetch(`${base}/api/docs-json`);
      expect(docs.status).toBe(200);
      expect(admin.headers.get('x-content-type-options')).toBe('nosniff');

      // The demo administrator, whose random password only the credentials file holds, signs in.
      const credentials = readFileSync(join(dataDir, 'demo-credentials.txt'), 'utf8');
      const [, email] = /^email: (.+)$/m.exec(credentials)!;
      const [, password] = /^password: (.+)$/m.exec(credentials)!;
      expect(output).not.toContain(password);
      const signIn = await fetch(`${base}/api/v1/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password }),
      });
      expect(signIn.status).toBe(200);
      const { accessToken } = (await signIn.json()) as { accessToken: string };
      const me = await fetch(`${base}/api/v1/me`, { headers: { authorization: `Bearer ${accessToken}` } });
      expect(await me.json()).toMatchObject({ email: 'admin@demo.quire.local', emailVerified: true });
      // ...and owns the demo workspace.
      const workspaces = await fetch(`${base}/api/v1/workspaces`, {
        headers: { authorization: `Bearer ${accessToken}` },
      });
      expect(await workspaces.json()).toMatchObject([{ slug: 'demo', name: 'Demo', role: 'owner' }]);
      // The demo blog answers the README's curl of the delivery API, anonymously.
      const posts = await fetch(
        `${base}/api/v1/delivery/demo/post?locale=de&pageSize=2&populate=author&fields=title,slug,author`,
      );
      expect(posts.status).toBe(200);
      const delivered = (await posts.json()) as {
        data: Array<{ locale: string; author: { name: string } }>;
        meta: unknown;
      };
      expect(delivered.meta).toEqual({ page: 1, pageSize: 2, total: 6, pageCount: 3 });
      expect(delivered.data.map((post) => post.locale)).toEqual(['de', 'de']);
      expect(typeof delivered.data[0].author.name).toBe('string');
    } finally {
      const exited =
        child.exitCode !== null
          ? Promise.resolve(child.exitCode)
          : new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      const code = await exited;
      expect({ code, output: code === 0 ? '' : output }).toEqual({ code: 0, output: '' });
    }
    expect(output).toContain('draining requests and stopping');
    expect(output).toContain('Embedded PostgreSQL stopped');
    // The database stops last: nothing may lose its connection while the server drains.
    expect(output).not.toMatch(/terminating connection due to administrator command/);
  });

  it('refuses a wrong environment variable with one clear line and exit status 1', () => {
    const result = spawnSync(process.execPath, [join(root, 'dist/apps/api/apps/api/src/main.js')], {
      cwd: root,
      env: { PATH: process.env.PATH, PORT: 'eighty', LOG_LEVEL: 'loud', QUIRE_DATA_DIR: dataDir },
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(
      'Invalid configuration: PORT must be an integer between 0 and 65535 (got "eighty"); LOG_LEVEL must be one of error, warn, info, debug (got "loud")',
    );
  });
});
