#!/usr/bin/env node
// Summarises a V8 CPU profile (from `node bench/run.mjs --profile`): self time by package (or by project
// folder for Quire's own code) and the hottest functions.
//   node bench/profile-summary.mjs bench/results/logs/<stamp>/CPU.<…>.cpuprofile [--top 25]
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { top: { type: 'string', default: '25' } },
});
if (positionals.length !== 1) {
  console.error('usage: node bench/profile-summary.mjs <file.cpuprofile> [--top 25]');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(positionals[0], 'utf8'));
const top = Number(values.top);

// Self time per node: each sample names the node that was on top of the stack; timeDeltas are in µs.
const selfMicros = new Map();
profile.samples.forEach((id, i) => selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const totalMicros = [...selfMicros.values()].reduce((a, b) => a + b, 0);

function bucket(url, functionName) {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return 'node core';
  const nm = url.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + '/node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  const own = /\/dist\/bench\/((?:libs|plugins|bench)\/[^/]+)/.exec(url);
  return own ? `quire: ${own[1]}` : url;
}

const byBucket = new Map();
const byFunction = new Map();
for (const node of profile.nodes) {
  const micros = selfMicros.get(node.id) ?? 0;
  if (!micros) continue;
  const { url, functionName, lineNumber } = node.callFrame;
  const b = bucket(url, functionName);
  byBucket.set(b, (byBucket.get(b) ?? 0) + micros);
  const key = `${functionName || '(anonymous)'}  ${b}${url ? `:${lineNumber + 1}` : ''}`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + micros);
}

const pct = (micros) => `${((100 * micros) / totalMicros).toFixed(1).padStart(5)}%`;
const print = (title, map) => {
  console.log(`\n${title}`);
  for (const [name, micros] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top))
    console.log(`  ${pct(micros)}  ${name}`);
};
console.log(`${positionals[0]}: ${(totalMicros / 1e6).toFixed(1)} s sampled`);
print('Self time by package', byBucket);
print('Hottest functions (self time)', byFunction);
