import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponses, Can, Ctx, type RequestContext } from '@quire/core';
import { CONTENT_TYPE_SUBJECT } from '../content.permissions';
import { ContentSchemaService } from './content-schema.service';
import {
  ContentSchemaApplyResponse,
  ContentSchemaDiffResponse,
  ContentSchemaSnapshotResponse,
} from './dto/content-schema.response';

const SNAPSHOT_SCHEMA = {
  type: 'object' as const,
  required: ['format', 'formatVersion', 'types'] as string[],
  properties: {
    format: { type: 'string' as const, enum: ['quire.content-schema'] },
    formatVersion: { type: 'integer' as const, enum: [1] },
    types: { type: 'array' as const, items: { type: 'object' as const, additionalProperties: true } },
  },
};

@ApiTags('Content schema')
@ApiBearerAuth()
@ApiParam({ name: 'workspace', description: 'Workspace slug or id' })
@Controller('workspaces/:workspace/content-schema')
export class ContentSchemaController {
  constructor(private readonly schema: ContentSchemaService) {}

  @Get()
  @Can('read', CONTENT_TYPE_SUBJECT)
  @ApiOperation({
    summary: 'Export the content schema',
    description: 'Every content type, components first (each after those it embeds), then by API id.',
  })
  @ApiOkResponse({ type: ContentSchemaSnapshotResponse })
  @ApiProblemResponses(400, 401, 403, 404)
  export(@Ctx() ctx: RequestContext): Promise<ContentSchemaSnapshotResponse> {
    return this.schema.export(ctx);
  }

  @Post('diff')
  @HttpCode(200)
  @Can('read', CONTENT_TYPE_SUBJECT)
  @ApiOperation({
    summary: 'Compare a snapshot with this workspace',
    description:
      'What applying the snapshot would do here: types to create, to update (with their changes) and that ' +
      'the snapshot does not have (deleted by apply with `deleteMissing`). Nothing is written.',
  })
  @ApiBody({ schema: SNAPSHOT_SCHEMA })
  @ApiOkResponse({ type: ContentSchemaDiffResponse })
  @ApiProblemResponses(400, 401, 403, 404, 413, 415)
  diff(@Ctx() ctx: RequestContext, @Body() body: unknown): Promise<ContentSchemaDiffResponse> {
    return this.schema.diff(ctx, body);
  }

  @Post('apply')
  @HttpCode(200)
  @Can('update', CONTENT_TYPE_SUBJECT)
  @ApiOperation({
    summary: 'Apply a snapshot to this workspace',
    description:
      'Creates and updates the snapshot’s types (and with `deleteMissing` deletes the others) in one ' +
      'transaction, components first. Updates follow the rules of PUT content-types/{apiId} (`migration`, ' +
      '409 refusals with reports); one refusal writes nothing. `dryRun: true` answers what would happen. ' +
      'Publishes `content.schema.applied`.',
  })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['snapshot'],
      properties: {
        snapshot: SNAPSHOT_SCHEMA,
        deleteMissing: { type: 'boolean' },
        dryRun: { type: 'boolean' },
        migration: { type: 'string', enum: ['reset-invalid-values', 'drop-data'] },
      },
    },
  })
  @ApiOkResponse({ type: ContentSchemaApplyResponse })
  @ApiProblemResponses(400, 401, 403, 404, 409, 413, 415)
  apply(@Ctx() ctx: RequestContext, @Body() body: unknown): Promise<ContentSchemaApplyResponse> {
    return this.schema.apply(ctx, body);
  }
}
