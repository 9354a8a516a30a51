import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Every English message of the console (messages.json, from `ng extract-i18n admin --format json`) has a German
 * translation with the same placeholders, so the German build never falls back to English or drops a value.
 * German lives in messages.de.json plus one messages.de.<area>.json per console area (angular.json lists them all).
 */
const locale = join(__dirname, '../src/locale');
const read = (file: string) =>
  (JSON.parse(readFileSync(join(locale, file), 'utf8')) as { translations: Record<string, string> }).translations;
const placeholders = (text: string) => (text.match(/\{\$[A-Z_0-9a-z]+\}/g) ?? []).sort();

describe('the console’s German translation', () => {
  const english = read('messages.json');
  const germanFiles = readdirSync(locale).filter((file) => /^messages\.de(\.[a-z-]+)?\.json$/.test(file));
  const german: Record<string, string> = Object.assign({}, ...germanFiles.map(read));

  it('lists every German file in angular.json, and no message twice', () => {
    const angular = JSON.parse(readFileSync(join(__dirname, '../../../angular.json'), 'utf8'));
    const listed = (angular.projects.admin.i18n.locales.de.translation as string[]).map((path) =>
      path.split('/').pop(),
    );
    expect(listed.sort()).toEqual([...germanFiles].sort());
    const ids = germanFiles.flatMap((file) => Object.keys(read(file)));
    expect(ids.filter((id, index) => ids.indexOf(id) !== index)).toEqual([]);
  });

  it('translates every message, and nothing else', () => {
    expect(Object.keys(german).sort()).toEqual(Object.keys(english).sort());
  });

  it('keeps each message’s placeholders', () => {
    const broken = Object.keys(english).filter(
      (id) => JSON.stringify(placeholders(english[id])) !== JSON.stringify(placeholders(german[id] ?? '')),
    );
    expect(broken).toEqual([]);
  });
});
