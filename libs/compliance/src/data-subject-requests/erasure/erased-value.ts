import { ident, type TableColumn } from '../subject-tables';

/** What an erased value of a NOT NULL column becomes, by type; nullable columns become NULL. */
export const ERASED_TEXT = 'erased';
export const ERASED_UUID = '00000000-0000-0000-0000-000000000000';
export const ERASED_EMAIL_DOMAIN = 'erased.invalid';

/**
 * The SQL expression an erased column is set to. `rowKey` is a text expression of the row's key, for unique
 * columns: an email becomes `erased+<row key>@erased.invalid` (still a unique, undeliverable address).
 */
export function erasedValueSql(column: TableColumn, rowKey: string): string {
  if (column.nullable) return 'NULL';
  const udt = column.udtName;
  if (udt.startsWith('_')) return `'{}'`;
  switch (udt) {
    case 'text':
    case 'varchar':
    case 'citext':
    case 'bpchar':
      // Addresses are often unique by an expression index (lower(email)) the catalogue shows no column for.
      if (column.name.includes('email')) return `'${ERASED_TEXT}+' || ${rowKey} || '@${ERASED_EMAIL_DOMAIN}'`;
      return column.unique ? `'${ERASED_TEXT}-' || ${rowKey}` : `'${ERASED_TEXT}'`;
    case 'uuid':
      return `'${ERASED_UUID}'::uuid`;
    case 'jsonb':
    case 'json':
      return `'{}'::${udt}`;
    case 'bool':
      return 'false';
    case 'int2':
    case 'int4':
    case 'int8':
    case 'numeric':
    case 'float4':
    case 'float8':
      return '0';
    case 'timestamptz':
    case 'timestamp':
    case 'date':
      return `'epoch'::${udt}`;
    default:
      throw new Error(`No erased value for column ${column.name} of type ${udt}`);
  }
}

/** SQL condition "this column holds no personal data": NULL or one of the erased values above. */
export function isErasedSql(column: string): string {
  const c = `${ident(column)}::text`;
  return (
    `(${ident(column)} IS NULL OR ${c} IN ('${ERASED_TEXT}', '${ERASED_UUID}', '{}', '[]', 'false', '0') ` +
    `OR ${c} LIKE '${ERASED_TEXT}+%@${ERASED_EMAIL_DOMAIN}' OR ${c} LIKE '${ERASED_TEXT}-%' ` +
    `OR ${c} LIKE '1970-01-01%')`
  );
}
