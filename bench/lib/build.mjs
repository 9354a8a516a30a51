// Compiling the TypeScript bench servers (`npx tsc -p bench/tsconfig.json` → dist/bench) before a bench runs.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;

/**
 * Runs tsc on bench/tsconfig.json. tsc still emits on type errors; the benchmark measures the emitted JavaScript,
 * so it goes on, loudly, as long as every file of `emitted` (relative to the repository) exists.
 */
export function buildBenchServers(emitted) {
  console.log('> npx tsc -p bench/tsconfig.json');
  const result = spawnSync('npx', ['tsc', '-p', 'bench/tsconfig.json'], { cwd: root, encoding: 'utf8' });
  const output = `${result.stdout}${result.stderr}`
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('npm warn'))
    .join('\n');
  if (result.status !== 0) {
    if (!emitted.every((file) => existsSync(join(root, file)))) {
      throw new Error(`tsc failed and emitted nothing:\n${output}`);
    }
    console.warn(`warning: tsc reported type errors (benchmarking the emitted JavaScript anyway):\n${output}`);
  }
}
