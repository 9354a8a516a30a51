import { endpointsOf, groupEndpoints, type OpenApiDocument } from '../src/app/pages/integrations/openapi-catalog';

/** The API explorer's reading of the OpenAPI document: parameters, example bodies, search and grouping. */
describe('the API explorer’s endpoint catalog', () => {
  const document: OpenApiDocument = {
    paths: {
      '/api/v1/workspaces/{workspace}/webhooks': {
        parameters: [],
        get: {
          tags: ['webhooks'],
          summary: 'List webhooks',
          parameters: [
            { name: 'workspace', in: 'path', required: true, description: 'Workspace slug or id' },
            { name: 'page', in: 'query', required: false },
          ],
        },
        post: {
          tags: ['webhooks'],
          summary: 'Create a webhook',
          parameters: [{ name: 'workspace', in: 'path', required: true }],
          requestBody: {
            content: { 'application/json': { schema: { $ref: '#/components/schemas/CreateWebhookDto' } } },
          },
        },
      },
      '/api/v1/me': { get: { tags: ['account'], summary: 'Who am I' } },
    },
    components: {
      schemas: {
        CreateWebhookDto: {
          type: 'object',
          required: ['url', 'events', 'enabled', 'filter'],
          properties: {
            url: { type: 'string', example: 'https://hooks.example.com/quire' },
            events: { type: 'array', items: { type: 'string', example: 'content.entry.*' } },
            enabled: { type: 'boolean', default: true },
            description: { type: 'string' },
            filter: { allOf: [{ $ref: '#/components/schemas/Filter' }] },
          },
        },
        Filter: { type: 'object', properties: { limit: { type: 'integer' }, kind: { enum: ['a', 'b'] } } },
      },
    },
  };
  const endpoints = endpointsOf(document);

  it('lists each operation with its path and query parameters', () => {
    const list = endpoints.find((endpoint) => endpoint.id === 'GET /api/v1/workspaces/{workspace}/webhooks');
    expect(list).toMatchObject({
      method: 'GET',
      tag: 'webhooks',
      summary: 'List webhooks',
      pathParameters: [{ name: 'workspace', required: true, description: 'Workspace slug or id' }],
      queryParameters: [{ name: 'page', required: false, description: '' }],
      hasBody: false,
      exampleBody: '',
    });
  });

  it('builds an example body from the schema: examples, defaults, required members, references', () => {
    const create = endpoints.find((endpoint) => endpoint.id === 'POST /api/v1/workspaces/{workspace}/webhooks');
    expect(create?.hasBody).toBe(true);
    expect(JSON.parse(create!.exampleBody)).toEqual({
      url: 'https://hooks.example.com/quire',
      events: ['content.entry.*'],
      enabled: true,
      filter: { limit: 0, kind: 'a' },
    });
  });

  it('finds endpoints by every word of the search, grouped by tag in order', () => {
    expect(groupEndpoints(endpoints, '').map((group) => group.tag)).toEqual(['account', 'webhooks']);
    expect(groupEndpoints(endpoints, 'create WEBHOOK')).toEqual([
      { tag: 'webhooks', endpoints: [expect.objectContaining({ method: 'POST' })] },
    ]);
    expect(groupEndpoints(endpoints, 'nothing like this')).toEqual([]);
  });
});
