import { ValidationFailedError } from '@quire/core';
import { MAX_REPORTED_PROBLEMS, readContentExport, refusal } from './content-export-format';

const ID = '0192f0c4-7a3e-7c1d-8e2f-00000000000a';
const valid = () => ({
  format: 'quire.content-export',
  formatVersion: 1,
  exportedAt: '2026-11-23T10:00:00.000Z',
  schema: { format: 'quire.content-schema', formatVersion: 1, types: [] },
  entries: [
    {
      id: ID,
      contentType: 'post',
      shared: {},
      locales: {
        en: { draft: { title: 'Hi' }, published: { title: 'Hi' }, publishedAt: '2026-11-20T09:00:00Z' },
        de: { draft: {}, published: null, publishedAt: null },
      },
    },
  ],
});

function pathsOf(body: unknown): string[] {
  try {
    readContentExport(body);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationFailedError);
    return ((error as ValidationFailedError).errors ?? []).map((e) => e.path);
  }
  return [];
}

describe('readContentExport', () => {
  it('accepts an export as GET content-export writes it', () => {
    expect(readContentExport(valid()).entries).toHaveLength(1);
    expect(pathsOf({ ...valid(), dryRun: true })).toEqual([]);
  });

  it('names every problem of the envelope at once', () => {
    expect(pathsOf(null)).toEqual(['']);
    expect(
      pathsOf({ format: 'x', formatVersion: 2, exportedAt: 'yesterday', schema: [], entries: {}, extra: 1 }).sort(),
    ).toEqual(['entries', 'exportedAt', 'extra', 'format', 'formatVersion', 'schema']);
  });

  it('names problems of entries with entries[i] paths', () => {
    const body = valid() as { entries: unknown[] };
    body.entries.push(
      { ...(body.entries[0] as object) },
      {
        id: 'nope',
        contentType: '',
        shared: [] as never,
        locales: {
          en: { draft: 'x' as never, published: { a: 1 }, publishedAt: null },
          de: { draft: {}, published: null, publishedAt: '2026-01-01T00:00:00Z' },
        },
      },
    );
    expect(pathsOf(body).sort()).toEqual([
      'entries[1].id',
      'entries[2].contentType',
      'entries[2].id',
      'entries[2].locales.de.publishedAt',
      'entries[2].locales.en.draft',
      'entries[2].locales.en.publishedAt',
      'entries[2].shared',
    ]);
    expect(pathsOf({ ...valid(), entries: [{ id: ID, contentType: 'post', locales: {} }] })).toEqual([
      'entries[0].locales',
    ]);
  });

  it('caps the listed problems and says how many there were', () => {
    const problems = Array.from({ length: MAX_REPORTED_PROBLEMS + 5 }, (_, i) => ({ path: `p${i}`, message: 'm' }));
    const error = refusal(problems);
    expect(error.errors).toHaveLength(MAX_REPORTED_PROBLEMS);
    expect(error.detail).toContain(`${MAX_REPORTED_PROBLEMS + 5}`);
  });
});
