import type { EntityManager } from 'typeorm';
import { ident, subjectCondition, type SubjectKeys, type SubjectTable } from '../subject-tables';

/** Rows are read and written this many at a time: memory stays bounded whatever the person holds. */
export const EXPORT_BATCH_SIZE = 1000;

/** Timestamps exported with every row when the table has them, so the person sees when each record arose. */
const TIMESTAMP_COLUMNS = ['created_at', 'updated_at'];

/** The columns of a table an export shows: the row key, the subject column, declared non-sensitive fields, timestamps. */
export function exportedColumns(table: SubjectTable): string[] {
  const declared = table.activity.fields.filter((f) => !f.sensitive).map((f) => f.column);
  const names = [...table.key, table.activity.subjectColumn, ...declared, ...TIMESTAMP_COLUMNS];
  return [...new Set(names)].filter((name) => table.columns.has(name));
}

/**
 * The person's rows of one inventory table, in keyset batches on the primary key (or the row's ctid when there is
 * none), each row with the exported columns only.
 */
export async function* subjectRows(
  manager: EntityManager,
  table: SubjectTable,
  subject: SubjectKeys,
  batchSize = EXPORT_BATCH_SIZE,
): AsyncGenerator<Array<Record<string, unknown>>> {
  const columns = exportedColumns(table);
  const [condition, value] = subjectCondition(table, subject, 1);
  const keyColumns = table.key.length > 0 ? table.key : ['ctid'];
  const keyTypes = table.key.length > 0 ? table.key.map((k) => table.columns.get(k)!.udtName) : ['tid'];
  // Key values travel as text and are cast back, so timestamps keep their microseconds between batches.
  const keyText = keyColumns.map((k, i) => `${ident(k)}::text AS "__key${i}"`);
  const select = [...columns.map(ident), ...keyText].join(', ');
  const order = keyColumns.map(ident).join(', ');
  let last: string[] | null = null;
  for (;;) {
    const after = last ? ` AND (${order}) > (${keyColumns.map((_, i) => `$${i + 2}::${keyTypes[i]}`).join(', ')})` : '';
    const rows = (await manager.query(
      `SELECT ${select} FROM ${ident(table.activity.table)} WHERE ${condition}${after} ORDER BY ${order} LIMIT ${batchSize}`,
      [value, ...(last ?? [])],
    )) as Array<Record<string, unknown>>;
    if (rows.length === 0) return;
    const tail = rows[rows.length - 1]!;
    last = keyColumns.map((_, i) => tail[`__key${i}`] as string);
    yield rows.map((row) => {
      const out: Record<string, unknown> = {};
      for (const name of columns) out[name] = row[name];
      return out;
    });
    if (rows.length < batchSize) return;
  }
}
