import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { FieldProblemDto, ProblemDetailsDto } from './problem-details.dto';

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
  return SwaggerModule.createDocument(app, config, { extraModels: [ProblemDetailsDto, FieldProblemDto] });
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
