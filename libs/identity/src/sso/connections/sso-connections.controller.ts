import { Body, Controller, Delete, Get, HttpCode, Patch, Post } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { ApiProblemResponses, Can, Ctx, UuidParam, type RequestContext } from '@quire/core';
import { CreateSsoConnectionDto } from './dto/create-sso-connection.dto';
import { SsoConnectionResponse } from './dto/sso-connection.response';
import { UpdateSsoConnectionDto } from './dto/update-sso-connection.dto';
import { SsoConnectionService } from './sso-connection.service';

@ApiTags('Single sign-on')
@ApiParam({ name: 'workspace', description: 'Workspace slug or id' })
@Controller('workspaces/:workspace/sso/connections')
export class SsoConnectionsController {
  constructor(private readonly connections: SsoConnectionService) {}

  @Get()
  @Can('manage', 'SsoConnection')
  @ApiOperation({ summary: 'List SSO connections', description: 'Client secrets are never returned.' })
  @ApiOkResponse({ type: [SsoConnectionResponse] })
  @ApiProblemResponses(404)
  list(@Ctx() ctx: RequestContext): Promise<SsoConnectionResponse[]> {
    return this.connections.list(ctx);
  }

  @Post()
  @Can('manage', 'SsoConnection')
  @ApiOperation({
    summary: 'Create an SSO connection',
    description:
      'A generic OpenID Connect provider (`kind: oidc`), Google or GitHub (`kind: oidc` with a `preset`), or a ' +
      'SAML 2.0 identity provider (`kind: saml`). Invalid settings answer 400 naming each field ' +
      '(`config.issuer`, `config.idpCert`, `clientSecret`, …). The client secret is stored encrypted and never ' +
      'returned (`clientSecretSet`). The answer says what to register at the provider (`serviceProvider`).',
  })
  @ApiCreatedResponse({ type: SsoConnectionResponse })
  @ApiProblemResponses(400, 404, 413, 415)
  create(@Ctx() ctx: RequestContext, @Body() dto: CreateSsoConnectionDto): Promise<SsoConnectionResponse> {
    return this.connections.create(ctx, dto);
  }

  @Get(':id')
  @Can('manage', 'SsoConnection')
  @ApiOperation({ summary: 'Get an SSO connection' })
  @ApiOkResponse({ type: SsoConnectionResponse })
  @ApiProblemResponses(400, 404)
  get(@Ctx() ctx: RequestContext, @UuidParam('id') id: string): Promise<SsoConnectionResponse> {
    return this.connections.get(ctx, id);
  }

  @Patch(':id')
  @Can('manage', 'SsoConnection')
  @ApiOperation({
    summary: 'Change an SSO connection',
    description:
      'Name, enabled, default role, settings (merged over the stored ones, then checked whole) and the client ' +
      'secret. Kind and preset cannot change.',
  })
  @ApiOkResponse({ type: SsoConnectionResponse })
  @ApiProblemResponses(400, 404, 413, 415)
  update(
    @Ctx() ctx: RequestContext,
    @UuidParam('id') id: string,
    @Body() dto: UpdateSsoConnectionDto,
  ): Promise<SsoConnectionResponse> {
    return this.connections.update(ctx, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @Can('manage', 'SsoConnection')
  @ApiOperation({ summary: 'Delete an SSO connection', description: 'Sign-ins under way through it then fail.' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblemResponses(400, 404)
  remove(@Ctx() ctx: RequestContext, @UuidParam('id') id: string): Promise<void> {
    return this.connections.remove(ctx, id);
  }
}
