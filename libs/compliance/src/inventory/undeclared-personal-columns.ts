import type { EntityClass, ResolvedPlugin } from '@quire/core';
import { DataSource } from 'typeorm';
import { ConnectionMetadataBuilder } from 'typeorm/connection/ConnectionMetadataBuilder';
import { looksPersonal } from './personal-column';

/** A table an entity maps to and its stored columns, as TypeORM builds them for the running app. */
export interface EntityTable {
  entity: EntityClass;
  /** `schema.table` when the entity sets a schema. */
  table: string;
  columns: string[];
}

/** A column whose name looks personal, of a table no data inventory entry covers it in. */
export interface UndeclaredPersonalColumn {
  plugin: string;
  entity: string;
  table: string;
  column: string;
}

/**
 * The tables and columns of entities as TypeORM maps them (naming strategy, inheritance, join columns), without a
 * database connection.
 */
export async function readEntityTables(entities: readonly EntityClass[]): Promise<EntityTable[]> {
  const dataSource = new DataSource({ type: 'postgres', entities: [...entities] });
  const metadata = await new ConnectionMetadataBuilder(dataSource).buildEntityMetadatas([...entities]);
  return metadata
    .filter((m) => m.tableType !== 'view' && typeof m.target === 'function')
    .map((m) => ({
      entity: m.target as EntityClass,
      table: m.tablePath,
      columns: m.columns.map((c) => c.databaseName),
    }));
}

/**
 * Every column of the plugins' entities that looks personal (`looksPersonal`) and that no data inventory entry of any
 * loaded plugin names as a field or subject column. `ignore` lists `table.column`s a test has judged not personal.
 */
export function findUndeclaredPersonalColumns(
  plugins: readonly Pick<ResolvedPlugin, 'name' | 'definition'>[],
  tables: readonly EntityTable[],
  ignore: readonly string[] = [],
): UndeclaredPersonalColumn[] {
  const declared = new Set<string>();
  for (const plugin of plugins) {
    for (const entry of plugin.definition.dataInventory ?? []) {
      declared.add(`${entry.table}.${entry.subjectColumn}`);
      for (const field of entry.fields) declared.add(`${entry.table}.${field.column}`);
    }
  }
  const covered = (table: string, column: string): boolean =>
    [table, unqualified(table)].some(
      (name) => declared.has(`${name}.${column}`) || ignore.includes(`${name}.${column}`),
    );

  const found: UndeclaredPersonalColumn[] = [];
  for (const plugin of plugins) {
    const own = new Set(plugin.definition.entities ?? []);
    for (const { entity, table, columns } of tables.filter((t) => own.has(t.entity))) {
      for (const column of columns) {
        if (looksPersonal(unqualified(table), column) && !covered(table, column)) {
          found.push({ plugin: plugin.name, entity: entity.name, table, column });
        }
      }
    }
  }
  return found;
}

function unqualified(table: string): string {
  return table.split('.').pop() ?? table;
}
