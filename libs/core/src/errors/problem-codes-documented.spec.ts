import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '../../../..');
const CATALOGUE = readFileSync(join(ROOT, 'docs/errors.md'), 'utf8');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** Every problem code the built-in plugins (libs/*) raise, as `code: '<plugin>.<reason>'`. */
function problemCodes(): Map<string, string> {
  const codes = new Map<string, string>();
  for (const lib of readdirSync(join(ROOT, 'libs'))) {
    if (lib === 'testing') continue;
    for (const file of sourceFiles(join(ROOT, 'libs', lib, 'src'))) {
      for (const match of readFileSync(file, 'utf8').matchAll(/code: '([a-z-]+\.[a-z0-9-]+)'/g)) {
        codes.set(match[1], file.slice(ROOT.length + 1));
      }
    }
  }
  return codes;
}

describe('problem codes of the built-in plugins', () => {
  const codes = problemCodes();

  it('are found in the source (the scan works)', () => {
    for (const code of ['core.rate-limited', 'identity.invalid-credentials', 'workspaces.last-owner']) {
      expect(codes.has(code)).toBe(true);
    }
  });

  it('are each listed in docs/errors.md with their status', () => {
    const row = (code: string) => new RegExp(`\\| \`${code.replace('.', '\\.')}\` +\\| \\d{3} `);
    const undocumented = [...codes]
      .filter(([code]) => !row(code).test(CATALOGUE))
      .map(([code, file]) => `${code} (${file})`);
    expect(undocumented).toEqual([]);
  });
});
