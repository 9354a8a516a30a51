import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Every English message of the console (messages.json, from `ng extract-i18n admin --format json`) has a German
 * translation with the same placeholders, so the German build never falls back to English or drops a value.
 */
const locale = join(__dirname, '../src/locale');
const read = (file: string) =>
  (JSON.parse(readFileSync(join(locale, file), 'utf8')) as { translations: Record<string, string> }).translations;
const placeholders = (text: string) => (text.match(/\{\$[A-Z_0-9a-z]+\}/g) ?? []).sort();

describe('the console’s German translation', () => {
  const english = read('messages.json');
  const german = read('messages.de.json');

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
