import { Body, Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { ApiProblemResponses, Can, Ctx, UuidParam, type RequestContext } from '@quire/core';
import { AddSsoDomainDto } from './dto/add-sso-domain.dto';
import { SsoDomainResponse } from './dto/sso-domain.response';
import { SsoDomainService } from './sso-domain.service';

@ApiTags('Single sign-on')
@ApiParam({ name: 'workspace', description: 'Workspace slug or id' })
@Controller('workspaces/:workspace/sso/domains')
export class SsoDomainsController {
  constructor(private readonly domains: SsoDomainService) {}

  @Get()
  @Can('manage', 'SsoDomain')
  @ApiOperation({ summary: 'List SSO email domains', description: 'With the TXT record each one must publish.' })
  @ApiOkResponse({ type: [SsoDomainResponse] })
  @ApiProblemResponses(404)
  list(@Ctx() ctx: RequestContext): Promise<SsoDomainResponse[]> {
    return this.domains.list(ctx);
  }

  @Post()
  @Can('manage', 'SsoDomain')
  @ApiOperation({
    summary: 'Add an SSO email domain',
    description:
      'Only addresses at a verified domain may sign in (and be added as members) through this workspace’s ' +
      'SSO. Answers the TXT record to publish: `_quire-verification.<domain>` = `quire-verification=<token>`; ' +
      'then call verify. 409 identity.sso-domain-exists when already added here, identity.sso-domain-claimed ' +
      'when another workspace has verified it.',
  })
  @ApiCreatedResponse({ type: SsoDomainResponse })
  @ApiProblemResponses(400, 404, 409, 413, 415)
  add(@Ctx() ctx: RequestContext, @Body() dto: AddSsoDomainDto): Promise<SsoDomainResponse> {
    return this.domains.add(ctx, dto.domain);
  }

  @Post(':id/verify')
  @HttpCode(200)
  @Can('manage', 'SsoDomain')
  @ApiOperation({
    summary: 'Verify an SSO email domain',
    description:
      'Looks the TXT record up in DNS. 422 identity.sso-domain-verification-failed (`reason`: record-not-found ' +
      'or token-mismatch), 409 identity.sso-domain-claimed when another workspace verified it first, 502 ' +
      'identity.sso-dns-unavailable when DNS does not answer.',
  })
  @ApiOkResponse({ type: SsoDomainResponse })
  @ApiProblemResponses(400, 404, 409, 422, 502)
  verify(@Ctx() ctx: RequestContext, @UuidParam('id') id: string): Promise<SsoDomainResponse> {
    return this.domains.verify(ctx, id);
  }

  @Delete(':id')
  @HttpCode(204)
  @Can('manage', 'SsoDomain')
  @ApiOperation({ summary: 'Remove an SSO email domain', description: 'Its addresses can no longer use SSO here.' })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiProblemResponses(400, 404)
  remove(@Ctx() ctx: RequestContext, @UuidParam('id') id: string): Promise<void> {
    return this.domains.remove(ctx, id);
  }
}
