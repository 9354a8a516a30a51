export type {
  FieldType,
  FilterOp,
  FilterScalar,
  ListFieldSpec,
  ListQuerySpec,
  Page,
  ParsedFilter,
  ParsedListQuery,
  ParsedSort,
} from './list-query.types';
export { ListQueryError, type ListQueryIssue } from './list-query.errors';
export { FILTER_OPS, MAX_IN_VALUES, MAX_SORT_KEYS, OPS_BY_TYPE } from './filter-operators';
export { parseListQuery } from './parse-list-query';
export { applyListQuery, fetchPage, fetchRawPage } from './apply-list-query';
export { selectFields } from './select-fields';
