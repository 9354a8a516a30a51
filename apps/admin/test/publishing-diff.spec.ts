import { readableValue } from '../src/app/pages/publishing/field-value';
import { formatInZone, wallClockIn } from '../src/app/pages/publishing/release-time';
import { diffRows } from '../src/app/pages/publishing/revision-diff';

describe('the publishing screens’ pure helpers', () => {
  it('reads rich text as its paragraphs, JSON indented, empty values as empty', () => {
    const doc = {
      type: 'doc',
      content: [
        { type: 'heading', content: [{ type: 'text', text: 'Title' }] },
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'One ' },
            { type: 'text', text: 'two' },
          ],
        },
        {
          type: 'bulletList',
          content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'a' }] }] }],
        },
      ],
    };
    expect(readableValue(doc)).toBe('Title\nOne two\na');
    expect(readableValue({ heading: 'Hi', count: 2 })).toBe('{\n  "heading": "Hi",\n  "count": 2\n}');
    expect(readableValue(['x'])).toBe('[\n  "x"\n]');
    expect(readableValue(4)).toBe('4');
    expect(readableValue(null)).toBe('');
    expect(readableValue(undefined)).toBe('');
  });

  it('lists every field of both snapshots in the type’s order, marking what changed', () => {
    const rows = diffRows(
      { shared: { author: 'a1' }, locales: { en: { title: 'Old', blocks: [{ heading: 'x' }] } } },
      { shared: { author: 'a1' }, locales: { en: { title: 'New', blocks: [{ heading: 'y' }] }, de: { title: 'Neu' } } },
      [
        { path: 'title', locale: 'en' },
        { path: 'blocks[0].heading', locale: 'en' },
        { path: 'title', locale: 'de' },
      ],
      ['title', 'author', 'blocks'],
    );
    expect(rows.map((row) => [row.field, row.locale, row.changed])).toEqual([
      ['author', null, false],
      ['title', 'de', true],
      ['title', 'en', true],
      ['blocks', 'en', true],
    ]);
    expect(rows.find((row) => row.field === 'blocks')?.innerPaths).toEqual(['blocks[0].heading']);
    expect(rows.find((row) => row.locale === 'de')).toMatchObject({ before: '', after: 'Neu' });
  });

  it('compares the first revision with nothing and ignores changes to published versions', () => {
    const rows = diffRows(null, { shared: {}, locales: { en: { title: 'First' } } }, [], []);
    expect(rows).toEqual([{ field: 'title', locale: 'en', before: '', after: 'First', changed: true, innerPaths: [] }]);
    const same = diffRows(
      { shared: {}, locales: { en: { image: 'm1' } } },
      { shared: {}, locales: { en: { image: 'm1' } } },
      [{ path: 'image', locale: 'en', version: 'published' }],
      [],
    );
    expect(same[0].changed).toBe(false);
  });

  it('gives a schedule’s wall-clock time in its zone, and shows the zone', () => {
    expect(wallClockIn('2026-12-01T08:00:00.000Z', 'Europe/Berlin')).toBe('2026-12-01T09:00');
    expect(wallClockIn('2026-07-01T08:00:00.000Z', 'Europe/Berlin')).toBe('2026-07-01T10:00');
    expect(formatInZone('2026-12-01T08:00:00.000Z', 'Europe/Berlin', 'en-GB')).toBe(
      '1 Dec 2026, 09:00 (Europe/Berlin)',
    );
  });
});
