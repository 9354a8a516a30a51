/** The declared type of a list field: decides how filter values parse and which operators apply. */
export type FieldType = 'string' | 'text' | 'uuid' | 'integer' | 'number' | 'boolean' | 'datetime' | 'enum';

/**
 * One field of a list endpoint. Every capability is opt-in: a field is only filterable, sortable or
 * selectable when the spec says so.
 */
export interface ListFieldSpec {
  type: FieldType;
  /**
   * SQL expression relative to the query alias; trusted, written in code, never from a request.
   * - a bare identifier (`title`, `publishedAt`) is qualified and quoted; an entity property name is
   *   mapped to its database column (`"e"."published_at"`);
   * - an expression starting with a column (`data->>'title'`) gets the quoted alias prefixed;
   * - anything else uses `{alias}` where the alias goes: `({alias}.data->>'rating')::int`.
   * The expression must evaluate to the SQL type matching `type` (cast jsonb text in the expression),
   * because filter values bind as parameters whose type PostgreSQL infers from the expression.
   */
  column: string;
  filterable?: boolean;
  sortable?: boolean;
  selectable?: boolean;
  /** Required for `enum`: the allowed values, compared case-sensitively. */
  enumValues?: readonly string[];
}

/** The allow-list of a list endpoint. Treated as immutable: it is validated once, on first use. */
export interface ListQuerySpec {
  fields: Record<string, ListFieldSpec>;
  /** Used when the request has no `sort`, e.g. `-publishedAt`; may name any declared field. */
  defaultSort?: string;
  /** Defaults to 20. */
  defaultPageSize?: number;
  /** Defaults to 100; a larger `pageSize` is a 400, never silently reduced. */
  maxPageSize?: number;
  /** Other query parameters this endpoint reads itself (e.g. `locale`); passed through in `extra`. */
  extraParams?: string[];
  /** Field used as the last sort key so that paging is stable, e.g. `id`. */
  tieBreaker?: string;
}

export type FilterOp = 'eq' | 'ne' | 'in' | 'lt' | 'lte' | 'gt' | 'gte' | 'contains' | 'null';

export type FilterScalar = string | number | boolean | Date;

export interface ParsedFilter {
  field: string;
  op: FilterOp;
  /** Typed by the field: a list for `in`, a boolean for `null` (true = IS NULL). */
  value: FilterScalar | null | FilterScalar[];
}

export interface ParsedSort {
  field: string;
  direction: 'ASC' | 'DESC';
}

export interface ParsedListQuery {
  page: number;
  pageSize: number;
  sort: ParsedSort[];
  filters: ParsedFilter[];
  /** Requested fields, or null when the client asked for the default shape. */
  fields: string[] | null;
  /** Values of the spec's `extraParams` that were present. */
  extra: Record<string, string>;
}

export interface Page<T> {
  data: T[];
  meta: { page: number; pageSize: number; total: number; pageCount: number };
}
