/**
 * The endpoints of the API's OpenAPI document (`/api/docs-json`) in the shape the explorer needs: grouped by tag,
 * with their path and query parameters and an example body built from the request schema.
 */

type Schema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  example?: unknown;
  default?: unknown;
  enum?: unknown[];
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  nullable?: boolean;
};

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  description?: string;
  schema?: Schema;
}

interface OperationObject {
  tags?: string[];
  summary?: string;
  description?: string;
  operationId?: string;
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OperationObject | Parameter[] | undefined>>;
  components?: { schemas?: Record<string, Schema> };
}

export interface ExplorerParameter {
  name: string;
  required: boolean;
  description: string;
}

export interface Endpoint {
  /** `GET /api/v1/workspaces/{workspace}/members` */
  id: string;
  method: string;
  path: string;
  tag: string;
  summary: string;
  description: string;
  pathParameters: ExplorerParameter[];
  queryParameters: ExplorerParameter[];
  /** The example JSON body (pretty printed), '' for an operation without a JSON body. */
  exampleBody: string;
  hasBody: boolean;
}

export interface EndpointGroup {
  tag: string;
  endpoints: Endpoint[];
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

export function endpointsOf(document: OpenApiDocument): Endpoint[] {
  const schemas = document.components?.schemas ?? {};
  const endpoints: Endpoint[] = [];
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    const shared = (item['parameters'] as Parameter[] | undefined) ?? [];
    for (const method of METHODS) {
      const operation = item[method] as OperationObject | undefined;
      if (!operation) continue;
      const parameters = [...shared, ...(operation.parameters ?? [])];
      const bodySchema = operation.requestBody?.content?.['application/json']?.schema;
      const example = bodySchema ? exampleOf(bodySchema, schemas, 0) : undefined;
      endpoints.push({
        id: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        tag: operation.tags?.[0] ?? 'other',
        summary: operation.summary ?? '',
        description: operation.description ?? '',
        pathParameters: parameters.filter((p) => p.in === 'path').map(toExplorerParameter),
        queryParameters: parameters.filter((p) => p.in === 'query').map(toExplorerParameter),
        exampleBody: example === undefined ? '' : JSON.stringify(example, null, 2),
        hasBody: bodySchema !== undefined,
      });
    }
  }
  return endpoints;
}

/** Endpoints whose path, summary or tag contain every word of the search, grouped by tag (tags in A–Z order). */
export function groupEndpoints(endpoints: readonly Endpoint[], search: string): EndpointGroup[] {
  const words = search.toLowerCase().split(/\s+/).filter(Boolean);
  const groups = new Map<string, Endpoint[]>();
  for (const endpoint of endpoints) {
    const text = `${endpoint.method} ${endpoint.path} ${endpoint.summary} ${endpoint.tag}`.toLowerCase();
    if (!words.every((word) => text.includes(word))) continue;
    groups.set(endpoint.tag, [...(groups.get(endpoint.tag) ?? []), endpoint]);
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([tag, list]) => ({ tag, endpoints: list }));
}

function toExplorerParameter(parameter: Parameter): ExplorerParameter {
  return {
    name: parameter.name,
    required: parameter.in === 'path' || parameter.required === true,
    description: parameter.description ?? '',
  };
}

/**
 * An example value for a schema: its own example or default, else one built from its properties (the required
 * ones, or all when none is required), a few levels deep. Good enough to start editing, never a guarantee.
 */
function exampleOf(schema: Schema, schemas: Record<string, Schema>, depth: number): unknown {
  const resolved = resolve(schema, schemas);
  if (resolved.example !== undefined) return resolved.example;
  if (resolved.default !== undefined) return resolved.default;
  if (resolved.enum?.length) return resolved.enum[0];
  if (depth > 3) return null;
  const type = Array.isArray(resolved.type) ? resolved.type.find((t) => t !== 'null') : resolved.type;
  if (type === 'object' || resolved.properties) {
    const properties = resolved.properties ?? {};
    const names = resolved.required?.length ? resolved.required : Object.keys(properties);
    return Object.fromEntries(
      names.filter((name) => properties[name]).map((name) => [name, exampleOf(properties[name], schemas, depth + 1)]),
    );
  }
  if (type === 'array') return resolved.items ? [exampleOf(resolved.items, schemas, depth + 1)] : [];
  if (type === 'integer' || type === 'number') return 0;
  if (type === 'boolean') return false;
  if (type === 'string') return '';
  return null;
}

function resolve(schema: Schema, schemas: Record<string, Schema>): Schema {
  if (schema.$ref) return schemas[schema.$ref.split('/').pop() ?? ''] ?? {};
  const [single] = schema.allOf ?? schema.oneOf ?? schema.anyOf ?? [];
  return single && !schema.properties ? { ...resolve(single, schemas), ...withoutCombinators(schema) } : schema;
}

function withoutCombinators(schema: Schema): Schema {
  const rest = { ...schema };
  delete rest.allOf;
  delete rest.oneOf;
  delete rest.anyOf;
  return rest;
}
