import type { EntityManager } from 'typeorm';
import type { InventoryActivity } from '../../inventory/data-inventory';
import { ident, subjectCondition, type SubjectKeys, type SubjectTable } from '../subject-tables';
import { erasedValueSql } from './erased-value';

/** Rows changed per transaction: short locks, bounded memory. */
export const ERASURE_BATCH_SIZE = 1000;

export interface ErasedTable {
  plugin: string;
  table: string;
  subjectColumn: string;
  action: 'delete' | 'anonymize';
  rows: number;
  /** For anonymize: the columns set to NULL or an erased value. */
  columns?: string[];
}

export interface KeptTable {
  plugin: string;
  table: string;
  rows: number;
  reason: string;
}

/**
 * The declared fields erasure changes in an anonymized row: all of them, except `content` fields when the row's
 * link to the person (its subject column) is itself cut. Those are the workspace's shared work (entry values,
 * revisions, media titles) that other members keep using; once nothing points to the person they are not about them.
 */
export function anonymizedColumns(table: SubjectTable): string[] {
  const { activity } = table;
  const declared = activity.fields.map((f) => f.column);
  const linkCut = declared.includes(activity.subjectColumn);
  return activity.fields
    .filter((f) => !(linkCut && f.category === 'content'))
    .map((f) => f.column)
    .filter((column) => table.columns.has(column) && !table.key.includes(column));
}

/** Why a kept table was kept, from its declaration: purpose, legal basis and retention. */
export function keptReason(activity: InventoryActivity): string {
  return `${activity.purpose} (legal basis: ${activity.legalBasis}; retention: ${activity.retention})`;
}

/**
 * Erases one batch of the person's rows of one table, in the caller's transaction: the next rows after `after`
 * (keyset on the primary key, or ctid), locked, then deleted or anonymized. Answers how many rows and the last key
 * (null when there were none).
 */
export async function eraseBatch(
  manager: EntityManager,
  table: SubjectTable,
  subject: SubjectKeys,
  after: string[] | null,
  batchSize = ERASURE_BATCH_SIZE,
): Promise<{ rows: number; last: string[] | null }> {
  const name = ident(table.activity.table);
  const [condition, value] = subjectCondition(table, subject, 1);
  const keyColumns = table.key.length > 0 ? table.key : ['ctid'];
  const keyTypes = table.key.length > 0 ? table.key.map((k) => table.columns.get(k)!.udtName) : ['tid'];
  const order = keyColumns.map(ident).join(', ');
  const keyText = keyColumns.map((k, i) => `${ident(k)}::text AS "__key${i}"`).join(', ');
  const afterSql = after
    ? ` AND (${order}) > (${keyColumns.map((_, i) => `$${i + 2}::${keyTypes[i]}`).join(', ')})`
    : '';
  const rows = (await manager.query(
    `SELECT ctid::text AS "__ctid", ${keyText} FROM ${name}
      WHERE ${condition}${afterSql} ORDER BY ${order} LIMIT ${batchSize} FOR UPDATE`,
    [value, ...(after ?? [])],
  )) as Array<Record<string, string>>;
  if (rows.length === 0) return { rows: 0, last: null };
  const ctids = rows.map((row) => row['__ctid']);
  if (table.activity.onErasure === 'delete') {
    await manager.query(`DELETE FROM ${name} WHERE ctid = ANY($1::tid[])`, [ctids]);
  } else {
    const rowKey = table.key.length > 0 ? table.key.map((k) => `${ident(k)}::text`).join(` || '-' || `) : 'ctid::text';
    const assignments = anonymizedColumns(table).map(
      (column) => `${ident(column)} = ${erasedValueSql(table.columns.get(column)!, rowKey)}`,
    );
    if (assignments.length > 0) {
      await manager.query(`UPDATE ${name} SET ${assignments.join(', ')} WHERE ctid = ANY($1::tid[])`, [ctids]);
    }
  }
  const tail = rows[rows.length - 1]!;
  return { rows: rows.length, last: keyColumns.map((_, i) => tail[`__key${i}`]!) };
}

/** Rows of the person a kept table still holds (for the result). */
export async function countSubjectRows(
  manager: EntityManager,
  table: SubjectTable,
  subject: SubjectKeys,
): Promise<number> {
  const [condition, value] = subjectCondition(table, subject, 1);
  const [row] = (await manager.query(
    `SELECT count(*)::int AS n FROM ${ident(table.activity.table)} WHERE ${condition}`,
    [value],
  )) as [{ n: number }];
  return row.n;
}
