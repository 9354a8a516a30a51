import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { FieldProblemDto, ProblemDetailsDto } from './problem-details.dto';
import { PUBLIC_OPERATION_EXTENSION } from '../tenancy/tenancy.decorators';

export function buildOpenApiDocument(app: INestApplication, version: string): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Quire API')
    .setDescription(
      'The REST API of Quire. Workspace resources live under /api/v1/workspaces/{workspace}; public content under ' +
        '/api/v1/delivery/{workspace}. Errors are RFC 9457 application/problem+json.',
    )
    .setVersion(version)
    .setLicense('UNLICENSED', 'https://quire.invalid/license')
    .addServer('/', 'This server')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'Session access token or API key' })
    .build();
  const document = SwaggerModule.createDocument(app, config, { extraModels: [ProblemDetailsDto, FieldProblemDto] });
  return markPublicOperations(document);
}

/**
 * Authentication is required unless a route is @Public(): the document says so with a root-level bearer
 * requirement, overridden by `security: []` on public operations.
 */
function markPublicOperations(document: OpenAPIObject): OpenAPIObject {
  document.security = [{ bearer: [] }];
  for (const item of Object.values(document.paths)) {
    for (const operation of Object.values(item) as Array<Record<string, unknown>>) {
      if (operation && typeof operation === 'object' && operation[PUBLIC_OPERATION_EXTENSION]) {
        delete operation[PUBLIC_OPERATION_EXTENSION];
        operation.security = [];
      }
    }
  }
  return document;
}

/** Swagger UI at /api/docs and the document at /api/docs-json. */
export function setupOpenApi(app: INestApplication, version: string): OpenAPIObject {
  const document = buildOpenApiDocument(app, version);
  SwaggerModule.setup('api/docs', app, document, {
    jsonDocumentUrl: 'api/docs-json',
    yamlDocumentUrl: 'api/docs-yaml',
    customSiteTitle: 'Quire API',
  });
  return document;
}
