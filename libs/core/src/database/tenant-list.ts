import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { RequestContext } from '../context/request-context';
import { applyAbilityToQuery, type SubjectFieldMap } from '../permissions/ability-to-sql';
import { fetchPage } from '../query/apply-list-query';
import { parseListQuery } from '../query/parse-list-query';
import type { ListQuerySpec, Page, ParsedListQuery } from '../query/list-query.types';

export interface ListPermission {
  action: string;
  subject: string;
  /** Condition fields of the subject's rules → SQL column expressions. */
  fields: SubjectFieldMap;
}

/**
 * A page of tenant rows for a list endpoint: the request's query validated against the spec (a 400 names
 * what is wrong), the member's permission conditions as SQL, then filters, sort and paging (fetchPage applies the query).
 */
export async function listTenantRows<T extends ObjectLiteral>(
  ctx: RequestContext,
  scoped: SelectQueryBuilder<T>,
  alias: string,
  rawQuery: Record<string, unknown>,
  spec: ListQuerySpec,
  permission: ListPermission,
): Promise<{ page: Page<T>; query: ParsedListQuery }> {
  const query = parseListQuery(rawQuery, spec);
  applyAbilityToQuery(scoped, alias, ctx.ability, permission.action, permission.subject, permission.fields);
  return { page: await fetchPage(scoped, alias, query, spec), query };
}
