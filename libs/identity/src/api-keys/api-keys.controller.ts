import { Body, Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { ApiProblemResponses, Can, Ctx, UuidParam, type RequestContext } from '@quire/core';
import { API_KEY_SUBJECT } from './api-key.permissions';
import { ApiKeyService } from './api-key.service';
import { CreateApiKeyDto } from './dto/create-api-key.dto';
import { ApiKeyResponse, CreatedApiKeyResponse } from './dto/api-key.response';

@ApiTags('API keys')
@ApiBearerAuth()
@ApiParam({ name: 'workspace', description: 'Workspace slug or id' })
@Controller('workspaces/:workspace/api-keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeyService) {}

  @Post()
  @Can('create', API_KEY_SUBJECT)
  @ApiOperation({
    summary: 'Create an API key',
    description:
      'Creates a key bound to this workspace and answers its secret, the only time it is shown (only its hash is ' +
      'stored). Each scope must be declared by a loaded plugin and held by you without conditions; a delivery key ' +
      'holds read scopes only. Only a signed-in user may create keys: not another key, not an impersonation.',
  })
  @ApiCreatedResponse({ type: CreatedApiKeyResponse })
  @ApiProblemResponses(400, 401, 403, 404, 413, 415)
  create(@Ctx() ctx: RequestContext, @Body() dto: CreateApiKeyDto): Promise<CreatedApiKeyResponse> {
    return this.keys.create(ctx, dto);
  }

  @Get()
  @Can('read', API_KEY_SUBJECT)
  @ApiOperation({
    summary: 'List API keys',
    description:
      'Every key of the workspace, newest first, with its status; revoked and expired keys until retention ' +
      'removes them (90 days). Never a secret: the prefix tells keys apart.',
  })
  @ApiOkResponse({ type: [ApiKeyResponse] })
  @ApiProblemResponses(400, 401, 403, 404)
  list(@Ctx() ctx: RequestContext): Promise<ApiKeyResponse[]> {
    return this.keys.list(ctx);
  }

  @Get(':id')
  @Can('read', API_KEY_SUBJECT)
  @ApiOperation({
    summary: 'Get an API key',
    description: "Another workspace's key id answers 404, like an unknown one.",
  })
  @ApiOkResponse({ type: ApiKeyResponse })
  @ApiProblemResponses(400, 401, 403, 404)
  get(@Ctx() ctx: RequestContext, @UuidParam('id') id: string): Promise<ApiKeyResponse> {
    return this.keys.get(ctx, id);
  }

  @Delete(':id')
  @HttpCode(204)
  @Can('delete', API_KEY_SUBJECT)
  @ApiOperation({
    summary: 'Revoke an API key',
    description:
      'The key is refused from the next request on, on every instance. Revoking a revoked key again answers 204; ' +
      "another workspace's key id answers 404.",
  })
  @ApiNoContentResponse({ description: 'Revoked' })
  @ApiProblemResponses(400, 401, 403, 404)
  revoke(@Ctx() ctx: RequestContext, @UuidParam('id') id: string): Promise<void> {
    return this.keys.revoke(ctx, id);
  }
}
