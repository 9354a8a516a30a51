import { applyDecorators } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';
import { OPS_BY_TYPE } from '../query/filter-operators';
import type { ListQuerySpec } from '../query/list-query.types';

/** Documents the list query language of an endpoint from its allow-list: paging, sort, fields and filters. */
export function ApiListQuery(spec: ListQuerySpec): MethodDecorator {
  const entries = Object.entries(spec.fields);
  const sortable = entries.filter(([, f]) => f.sortable).map(([name]) => name);
  const selectable = entries.filter(([, f]) => f.selectable).map(([name]) => name);
  const filterable = entries
    .filter(([, f]) => f.filterable)
    .map(([name, f]) => `${name} (${f.type}: ${OPS_BY_TYPE[f.type].join(', ')})`);
  return applyDecorators(
    ApiQuery({ name: 'page', required: false, schema: { type: 'integer', minimum: 1, default: 1 } }),
    ApiQuery({
      name: 'pageSize',
      required: false,
      schema: { type: 'integer', minimum: 1, maximum: spec.maxPageSize ?? 100, default: spec.defaultPageSize ?? 20 },
    }),
    ApiQuery({
      name: 'sort',
      required: false,
      description: `Comma-separated fields, "-" for descending. Sortable: ${sortable.join(', ') || 'none'}.`,
      schema: { type: 'string', example: spec.defaultSort },
    }),
    ApiQuery({
      name: 'fields',
      required: false,
      description: `Comma-separated fields to return. Selectable: ${selectable.join(', ') || 'none'}.`,
      schema: { type: 'string' },
    }),
    ApiQuery({
      name: 'filter',
      required: false,
      style: 'deepObject',
      explode: true,
      description: `filter[field][op]=value. Filterable: ${filterable.join('; ') || 'none'}. Unknown fields or operators are a 400.`,
      schema: { type: 'object', additionalProperties: { type: 'object', additionalProperties: { type: 'string' } } },
    }),
  ) as MethodDecorator;
}
