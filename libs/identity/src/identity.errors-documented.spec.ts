import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const SOURCE = join(__dirname);
const CATALOGUE = readFileSync(join(__dirname, '../../../docs/errors.md'), 'utf8');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

describe('identity problem codes', () => {
  const codes = new Set(
    sourceFiles(SOURCE).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/code: '(identity\.[a-z0-9-]+)'/g)].map((match) => match[1]),
    ),
  );

  it('are found in the source (the scan works)', () => {
    expect(codes.size).toBeGreaterThan(30);
    expect(codes).toContain('identity.invalid-credentials');
  });

  it('are each listed in docs/errors.md, with their status', () => {
    const undocumented = [...codes].filter(
      (code) => !new RegExp(`\\| \`${code.replace('.', '\\.')}\` +\\| \\d{3} `).test(CATALOGUE),
    );
    expect(undocumented).toEqual([]);
  });
});
