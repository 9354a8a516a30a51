import type { ContentTypeDefinition } from '../schema';
import { draftIndexName, draftIndexPrefix, draftIndexStatement, wantedDraftIndexes } from './draft-indexes';

const TYPE_ID = '0192f0c4-7a3e-7c1d-8e2f-123456789abc';

const definition: ContentTypeDefinition = {
  apiId: 'post',
  kind: 'collection',
  name: 'Post',
  fields: [
    { name: 'title', type: 'text', indexed: true },
    { name: 'rating', type: 'integer', localized: false, indexed: true },
    { name: 'summary', type: 'text' },
    { name: 'body', type: 'richText' },
    { name: 'done', type: 'boolean', indexed: true },
    { name: 'secret', type: 'text', private: true, indexed: true },
  ],
};

describe('draft indexes', () => {
  it('indexes the indexed scalar fields the list sorts by, private ones too (drafts hold them)', () => {
    expect([...wantedDraftIndexes(TYPE_ID, definition).values()].map((f) => f.name)).toEqual([
      'title',
      'rating',
      'secret',
    ]);
    expect(wantedDraftIndexes(TYPE_ID, { ...definition, kind: 'component' }).size).toBe(0);
  });

  it('names indexes apart from the published-document ones, under 63 bytes, distinct by case', () => {
    expect(draftIndexName(TYPE_ID, 'title')).toBe('content_draft_0192f0c47a3e7c1d8e2f123456789abc_title');
    expect(draftIndexPrefix(TYPE_ID).startsWith('content_idx_')).toBe(false);
    const a = draftIndexName(TYPE_ID, 'publishedDate');
    const b = draftIndexName(TYPE_ID, 'publisheddate');
    expect(a).not.toBe(b);
    expect(draftIndexName(TYPE_ID, 'x'.repeat(60)).length).toBeLessThanOrEqual(63);
  });

  it("uses the list's own expressions: the locale rows for localized fields, the entry rows for shared ones", () => {
    expect(draftIndexStatement(TYPE_ID, definition.fields[0])).toMatch(
      /ON content_entry_locales \(workspace_id, locale, \(draft_data->>'title'\), entry_id\)\s+WHERE content_type_id = '0192f0c4-7a3e-7c1d-8e2f-123456789abc' AND NOT in_trash/,
    );
    expect(draftIndexStatement(TYPE_ID, definition.fields[1])).toMatch(
      /ON content_entries \(workspace_id, \(\(shared_data->>'rating'\)::numeric\), id\)/,
    );
    expect(() => draftIndexStatement("x'; DROP TABLE content_entries; --", definition.fields[0])).toThrow();
    expect(() => draftIndexStatement(TYPE_ID, definition.fields[2])).toThrow();
  });
});
