import type { EntityManager } from 'typeorm';
import type { InventoryActivity } from '../inventory/data-inventory';

/** A column of an inventory table as PostgreSQL has it. */
export interface TableColumn {
  name: string;
  /** `information_schema.columns.data_type`: `uuid`, `text`, `jsonb`, `timestamp with time zone`, … */
  dataType: string;
  /** The type's name as a cast takes it: `uuid`, `timestamptz`, `int8`, … */
  udtName: string;
  nullable: boolean;
  /** The only column of a unique index or constraint. */
  unique: boolean;
}

/** What export and erasure need to know about one inventory table. */
export interface SubjectTable {
  activity: InventoryActivity;
  columns: Map<string, TableColumn>;
  /** Primary key columns, in key order; empty when the table has none (then rows are paged by ctid). */
  key: string[];
  /** Tables (of the inventory) this one references by foreign key. */
  references: Set<string>;
}

/** Text-like columns can hold an email address; uuid ones only an id. */
export function isTextual(column: TableColumn): boolean {
  return ['text', 'character varying', 'citext', 'character'].includes(column.dataType);
}

/** Reads the shape of every inventory table from the catalogue (the schema is fixed once migrations ran). */
export async function readSubjectTables(
  manager: EntityManager,
  activities: readonly InventoryActivity[],
): Promise<SubjectTable[]> {
  const tables = [...new Set(activities.map((a) => a.table))];
  const columns = (await manager.query(
    `SELECT c.table_name, c.column_name, c.data_type, c.udt_name, c.is_nullable = 'YES' AS nullable
       FROM information_schema.columns c
      WHERE c.table_schema = current_schema() AND c.table_name = ANY($1)`,
    [tables],
  )) as Array<{ table_name: string; column_name: string; data_type: string; udt_name: string; nullable: boolean }>;
  // Primary keys and single-column unique indexes, from pg_index (unique indexes need not be constraints).
  const indexes = (await manager.query(
    `SELECT t.relname AS table_name, i.indisprimary AS primary, i.indisunique AS unique,
            array_agg(a.attname::text ORDER BY k.ord) AS columns, i.indpred IS NOT NULL AS partial
       FROM pg_index i
       JOIN pg_class t ON t.oid = i.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = current_schema()
       CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
       JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
      WHERE t.relname = ANY($1) AND (i.indisprimary OR i.indisunique)
      GROUP BY t.relname, i.indexrelid, i.indisprimary, i.indisunique, i.indpred`,
    [tables],
  )) as Array<{ table_name: string; primary: boolean; unique: boolean; columns: string[]; partial: boolean }>;
  const foreignKeys = (await manager.query(
    `SELECT child.relname AS child, parent.relname AS parent
       FROM pg_constraint c
       JOIN pg_class child ON child.oid = c.conrelid
       JOIN pg_class parent ON parent.oid = c.confrelid
      WHERE c.contype = 'f' AND child.relname = ANY($1) AND parent.relname = ANY($1) AND child.oid <> parent.oid`,
    [tables],
  )) as Array<{ child: string; parent: string }>;

  return activities.map((activity) => {
    const own = new Map<string, TableColumn>();
    for (const row of columns.filter((c) => c.table_name === activity.table)) {
      own.set(row.column_name, {
        name: row.column_name,
        dataType: row.data_type,
        udtName: row.udt_name,
        nullable: row.nullable,
        unique: false,
      });
    }
    const tableIndexes = indexes.filter((i) => i.table_name === activity.table);
    for (const index of tableIndexes) {
      const only = index.columns.length === 1 && !index.partial ? own.get(index.columns[0]!) : undefined;
      if (only) only.unique = true;
    }
    const key = tableIndexes.find((i) => i.primary)?.columns ?? [];
    const references = new Set(foreignKeys.filter((f) => f.child === activity.table).map((f) => f.parent));
    return { activity, columns: own, key, references };
  });
}

/** A double-quoted SQL identifier (names come from declarations and the catalogue, never from requests). */
export function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * The SQL condition "this row is about the person" and its parameter: uuid subject columns match the user id; text
 * ones (an actor id, an invitation's or a mail's address) match the user id or the account's email address.
 */
export function subjectCondition(table: SubjectTable, subject: SubjectKeys, parameter: number): [string, unknown] {
  const column = table.columns.get(table.activity.subjectColumn);
  if (!column) throw new Error(`Inventory table ${table.activity.table} has no column ${table.activity.subjectColumn}`);
  const name = ident(column.name);
  if (column.dataType === 'uuid') return [`${name} = $${parameter}::uuid`, subject.userId];
  if (isTextual(column)) return [`${name} = ANY($${parameter}::text[])`, subject.values];
  return [`${name}::text = ANY($${parameter}::text[])`, subject.values];
}

/** The values identifying the person in subject columns. */
export interface SubjectKeys {
  userId: string;
  /** The user id and the email address as stored and lower-cased. */
  values: string[];
}

export function subjectKeys(userId: string, email: string | null): SubjectKeys {
  const values = [userId];
  if (email) values.push(email, email.toLowerCase());
  return { userId, values: [...new Set(values)] };
}

/**
 * Orders tables so that a table referencing another comes first (children are deleted before their parents);
 * tables in a cycle keep their inventory order.
 */
export function childrenFirst(tables: SubjectTable[]): SubjectTable[] {
  const byName = new Map<string, SubjectTable[]>();
  for (const table of tables) byName.set(table.activity.table, [...(byName.get(table.activity.table) ?? []), table]);
  const ordered: SubjectTable[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  // Depth-first on "is referenced by": a table is emitted after every table referencing it.
  const referencedBy = (name: string) => tables.filter((t) => t.references.has(name)).map((t) => t.activity.table);
  const visit = (name: string) => {
    if (state.get(name)) return;
    state.set(name, 'visiting');
    for (const child of referencedBy(name)) visit(child);
    state.set(name, 'done');
    ordered.push(...(byName.get(name) ?? []));
  };
  for (const table of tables) visit(table.activity.table);
  return ordered;
}
