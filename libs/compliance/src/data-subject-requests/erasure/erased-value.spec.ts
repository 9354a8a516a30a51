import type { TableColumn } from '../subject-tables';
import { erasedValueSql } from './erased-value';

const column = (name: string, udtName: string, nullable = false, unique = false): TableColumn => ({
  name,
  dataType: udtName,
  udtName,
  nullable,
  unique,
});

describe('erasedValueSql', () => {
  it('empties nullable columns', () => {
    expect(erasedValueSql(column('avatar_url', 'text', true), 'id')).toBe('NULL');
  });

  it('gives NOT NULL columns a placeholder of their type; addresses stay unique and undeliverable', () => {
    expect(erasedValueSql(column('display_name', 'text'), '"id"::text')).toBe(`'erased'`);
    expect(erasedValueSql(column('email', 'text'), '"id"::text')).toBe(`'erased+' || "id"::text || '@erased.invalid'`);
    expect(erasedValueSql(column('handle', 'text', false, true), '"id"::text')).toBe(`'erased-' || "id"::text`);
    expect(erasedValueSql(column('actor', 'uuid'), 'k')).toBe(`'00000000-0000-0000-0000-000000000000'::uuid`);
    expect(erasedValueSql(column('preferences', 'jsonb'), 'k')).toBe(`'{}'::jsonb`);
    expect(erasedValueSql(column('tags', '_text'), 'k')).toBe(`'{}'`);
    expect(erasedValueSql(column('exif_kept', 'bool'), 'k')).toBe('false');
    expect(erasedValueSql(column('count', 'int4'), 'k')).toBe('0');
    expect(erasedValueSql(column('seen_at', 'timestamptz'), 'k')).toBe(`'epoch'::timestamptz`);
  });

  it('names a column whose type it cannot erase', () => {
    expect(() => erasedValueSql(column('shape', 'geometry'), 'k')).toThrow('column shape of type geometry');
  });
});
