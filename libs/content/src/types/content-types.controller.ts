import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { ApiListQuery, ApiProblemResponses, Can, Ctx, type RequestContext } from '@quire/core';
import { CONTENT_TYPE_SUBJECT } from '../content.permissions';
import { ContentTypeService, contentTypeListSpec } from './content-type.service';
import { ContentTypeListResponse, ContentTypeResponse, DEFINITION_SCHEMA } from './dto/content-type.response';
import { ContentTypeVersionResponse } from './dto/content-type-version.response';
import { SchemaChangePreviewResponse } from './dto/schema-change.response';

const API_ID_PARAM = { name: 'apiId', description: 'API id of the content type, e.g. `blog-post`' } as const;

@ApiTags('Content types')
@ApiBearerAuth()
@ApiParam({ name: 'workspace', description: 'Workspace slug or id' })
@Controller('workspaces/:workspace/content-types')
export class ContentTypesController {
  constructor(private readonly types: ContentTypeService) {}

  @Get()
  @Can('read', CONTENT_TYPE_SUBJECT)
  @ApiOperation({
    summary: 'List content types',
    description:
      'Every type the caller may read, by API id unless sorted otherwise; `?kind=component` (or ' +
      '`filter[kind]=…`) keeps one kind.',
  })
  @ApiListQuery(contentTypeListSpec)
  @ApiOkResponse({ type: ContentTypeListResponse })
  @ApiProblemResponses(400, 401, 403, 404)
  list(@Ctx() ctx: RequestContext, @Query() query: Record<string, unknown>): Promise<ContentTypeListResponse> {
    return this.types.list(ctx, query);
  }

  @Post()
  @Can('create', CONTENT_TYPE_SUBJECT)
  @ApiOperation({
    summary: 'Create a content type',
    description:
      'The body is the definition. Every problem is listed in one 400 (`errors[].path` names the member, e.g. ' +
      '`fields[2].maxLength`); a taken API id is 409 content.type-exists. Publishes `content.type.created`.',
  })
  @ApiBody({ schema: DEFINITION_SCHEMA })
  @ApiCreatedResponse({ type: ContentTypeResponse })
  @ApiProblemResponses(400, 401, 403, 404, 409, 413, 415)
  create(@Ctx() ctx: RequestContext, @Body() body: unknown): Promise<ContentTypeResponse> {
    return this.types.create(ctx, body);
  }

  @Get(':apiId')
  @Can('read', CONTENT_TYPE_SUBJECT)
  @ApiParam(API_ID_PARAM)
  @ApiOperation({ summary: 'Get a content type', description: 'Its definition, version, timestamps and entry counts.' })
  @ApiOkResponse({ type: ContentTypeResponse })
  @ApiProblemResponses(400, 401, 403, 404)
  get(@Ctx() ctx: RequestContext, @Param('apiId') apiId: string): Promise<ContentTypeResponse> {
    return this.types.get(ctx, apiId);
  }

  @Put(':apiId')
  @Can('update', CONTENT_TYPE_SUBJECT)
  @ApiParam(API_ID_PARAM)
  @ApiExtraModels(ContentTypeResponse, SchemaChangePreviewResponse)
  @ApiOperation({
    summary: 'Change a content type',
    description:
      'Replaces the definition (the API id stays). `renames` maps old field names to new ones so that values ' +
      'follow; a field missing without a rename is removed. Existing entries are carried over in the same ' +
      'transaction: a change that would drop values is refused with 409 content.schema-change-orphans-data, one ' +
      'that would make values invalid with 409 content.schema-change-invalidates-entries, each with a report of ' +
      'the entries — unless `migration` says `drop-data` (drop values of removed fields) or ' +
      '`reset-invalid-values` (also reset invalid values to the default, or remove them). A field made unique ' +
      'while entries share values is refused with 409 content.schema-change-duplicate-values (the duplicates ' +
      'listed; no option resets them). Renames, removals and fields made private are applied set-based to all ' +
      'entries (no per-entry revision); only entries a rule change rewrites get one. `dryRun: true` ' +
      'answers what would happen and writes nothing. Each change adds a version and publishes `content.type.updated`.',
  })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['definition'],
      properties: {
        definition: DEFINITION_SCHEMA,
        renames: { type: 'object', additionalProperties: { type: 'string' }, example: { body: 'content' } },
        migration: { type: 'string', enum: ['reset-invalid-values', 'drop-data'] },
        dryRun: { type: 'boolean' },
      },
    },
  })
  @ApiOkResponse({
    description: 'The changed type (with `changes` and `migrated`), or with `dryRun` the preview',
    schema: {
      oneOf: [{ $ref: getSchemaPath(ContentTypeResponse) }, { $ref: getSchemaPath(SchemaChangePreviewResponse) }],
    },
  })
  @ApiProblemResponses(400, 401, 403, 404, 409, 413, 415)
  update(
    @Ctx() ctx: RequestContext,
    @Param('apiId') apiId: string,
    @Body() body: unknown,
  ): Promise<ContentTypeResponse | SchemaChangePreviewResponse> {
    return this.types.update(ctx, apiId, body);
  }

  @Delete(':apiId')
  @HttpCode(204)
  @Can('delete', CONTENT_TYPE_SUBJECT)
  @ApiParam(API_ID_PARAM)
  @ApiOperation({
    summary: 'Delete a content type',
    description:
      'Refused with 409 content.type-in-use while it has entries (trash included), another type relates to it ' +
      'or embeds it. Its versions go with it. Publishes `content.type.deleted`.',
  })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblemResponses(400, 401, 403, 404, 409)
  remove(@Ctx() ctx: RequestContext, @Param('apiId') apiId: string): Promise<void> {
    return this.types.remove(ctx, apiId);
  }

  @Get(':apiId/versions')
  @Can('read', CONTENT_TYPE_SUBJECT)
  @ApiParam(API_ID_PARAM)
  @ApiOperation({ summary: 'List the versions of a content type', description: 'Newest first: changes and actor.' })
  @ApiOkResponse({ type: [ContentTypeVersionResponse] })
  @ApiProblemResponses(400, 401, 403, 404)
  versions(@Ctx() ctx: RequestContext, @Param('apiId') apiId: string): Promise<ContentTypeVersionResponse[]> {
    return this.types.versions(ctx, apiId);
  }

  @Get(':apiId/versions/:version')
  @Can('read', CONTENT_TYPE_SUBJECT)
  @ApiParam(API_ID_PARAM)
  @ApiParam({ name: 'version', description: 'Version number (1 is the type as created)' })
  @ApiOperation({ summary: 'Get one version of a content type', description: 'With the definition it had.' })
  @ApiOkResponse({ type: ContentTypeVersionResponse })
  @ApiProblemResponses(400, 401, 403, 404)
  version(
    @Ctx() ctx: RequestContext,
    @Param('apiId') apiId: string,
    @Param('version') version: string,
  ): Promise<ContentTypeVersionResponse> {
    return this.types.version(ctx, apiId, version);
  }
}
