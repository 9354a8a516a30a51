#!/usr/bin/env node
// `npm start`: builds what is out of date (the API with `nest build`, the console with `ng build`), then runs
// the server. The first start builds (a minute or two); later starts skip both builds when nothing changed.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const apiEntry = join(root, 'dist/apps/api/apps/api/src/main.js');
const adminEntry = join(root, 'dist/admin/browser/index.html');

function newestMtime(paths) {
  let newest = 0;
  const visit = (path) => {
    if (!existsSync(path)) return;
    const stat = statSync(path);
    if (stat.isDirectory()) {
      for (const name of readdirSync(path)) if (name !== 'node_modules' && name !== 'test') visit(join(path, name));
    } else if (!/\.(spec|int-spec|e2e-spec|property-spec|browser-spec)\.ts$/.test(path)) {
      newest = Math.max(newest, stat.mtimeMs);
    }
  };
  paths.forEach((p) => visit(join(root, p)));
  return newest;
}

function isStale(output, sources) {
  return !existsSync(output) || statSync(output).mtimeMs < newestMtime(sources);
}

function run(command, args) {
  console.log(`> ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (
  isStale(apiEntry, [
    'apps/api/src',
    'libs',
    'plugins',
    'tsconfig.json',
    'apps/api/tsconfig.app.json',
    'package-lock.json',
  ])
) {
  run('npx', ['nest', 'build', 'api']);
}
if (
  !process.argv.includes('--migrate-only') &&
  isStale(adminEntry, ['apps/admin/src', 'angular.json', 'apps/admin/tsconfig.app.json'])
) {
  run('npx', ['ng', 'build', 'admin']);
}

const server = spawn(process.execPath, ['--enable-source-maps', apiEntry, ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
