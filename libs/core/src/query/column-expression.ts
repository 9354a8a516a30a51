import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Turns a spec's column (trusted code, see ListFieldSpec.column) into SQL qualified by the alias.
 * A bare identifier is resolved through the entity metadata when there is some (property → column
 * name) and always quoted, so camelCase columns and camelCase aliases work on PostgreSQL.
 */
export function columnExpression<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  alias: string,
  column: string,
): string {
  const aliasInfo = qb.expressionMap.aliases.find((a) => a.name === alias);
  if (!aliasInfo) throw new Error(`List query: the query builder has no alias "${alias}"`);
  const quotedAlias = qb.escape(alias);
  if (column.includes('{alias}')) return column.replaceAll('{alias}', quotedAlias);
  if (!IDENTIFIER.test(column)) return `${quotedAlias}.${column}`;
  let databaseName = column;
  if (aliasInfo.hasMetadata) {
    const columns = aliasInfo.metadata.findColumnsWithPropertyPath(column);
    if (columns.length === 1) databaseName = columns[0].databaseName;
  }
  return `${quotedAlias}.${qb.escape(databaseName)}`;
}
