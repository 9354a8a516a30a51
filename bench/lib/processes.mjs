// The child processes of a bench script: free ports, servers started as children that announce themselves with a
// `BENCH_READY {json}` line, and stopping them all (once, also on Ctrl-C or SIGTERM).
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
/** Every child started by startServer in this process, stopped by stopChildren. */
const children = [];

/** A TCP port nothing listens on at the moment (on 127.0.0.1). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts a server as a child process and resolves with its BENCH_READY payload and pid. Its stdout and stderr go
 * straight to `<logsDir>/<name>.log` (as a container's would go to a log driver), so that a server's per-request
 * log lines cost this process, which drives the load, nothing.
 */
export function startServer({ name, command = process.execPath, args, env, logsDir, timeoutMs = 120_000 }) {
  const logPath = join(logsDir, `${name}.log`);
  const fd = openSync(logPath, 'w');
  const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  const entry = { name, child, exited: false };
  children.push(entry);
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = setInterval(() => {
      const ready = readFileSync(logPath, 'utf8')
        .split('\n')
        .find((line) => line.startsWith('BENCH_READY '));
      if (ready) {
        clearInterval(poll);
        resolve({ ...JSON.parse(ready.slice('BENCH_READY '.length)), pid: child.pid });
      } else if (Date.now() - started > timeoutMs) {
        clearInterval(poll);
        reject(new Error(`${name} did not report ready within ${timeoutMs / 1000} s (see ${logPath})`));
      }
    }, 100);
    child.on('exit', (code, signal) => {
      entry.exited = true;
      clearInterval(poll);
      reject(new Error(`${name} exited (${signal ?? code}) before it was ready; see ${logPath}`));
    });
  });
}

/**
 * A Quire bench server (`bench/<server>.ts`, compiled by buildBenchServers into dist/bench) as a child: path
 * aliases resolved by bench/alias-hook.cjs; `nodeArgs` go before it (e.g. --cpu-prof).
 */
export function startQuire({ name = 'quire', server, nodeArgs = [], env, logsDir, timeoutMs }) {
  const args = [...nodeArgs, '-r', './bench/alias-hook.cjs', `dist/bench/bench/${server}.js`];
  return startServer({ name, args, env, logsDir, timeoutMs });
}

async function stopChild(entry) {
  if (entry.exited || entry.child.exitCode !== null) return;
  const exited = new Promise((resolve) => entry.child.once('exit', resolve));
  entry.child.kill('SIGTERM');
  const timer = setTimeout(() => entry.child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

/**
 * The script's cleanup: stops every child, then runs `release` (stop PostgreSQL, remove scratch folders). Runs
 * once however often it is called; on SIGINT or SIGTERM it says `stopping <what>`, runs, and exits with 130.
 */
export function cleanupOnExit(what, release) {
  let cleaningUp = null;
  const cleanup = () => {
    cleaningUp ??= (async () => {
      await Promise.all(children.map((entry) => stopChild(entry).catch(() => undefined)));
      await release();
    })();
    return cleaningUp;
  };
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      console.error(`\n${signal}: stopping ${what}`);
      void cleanup().then(() => process.exit(130));
    });
  }
  return cleanup;
}
