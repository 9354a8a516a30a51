import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponses, Can, Ctx, type RequestContext } from '@quire/core';
import { WORKSPACE_SUBJECT } from '../workspaces.permissions';
import { MyAbilityResponse } from './dto/my-ability.response';

/** The rules the API checks this member against, so a client (the admin console) hides what it would refuse. */
@ApiTags('Workspaces')
@ApiBearerAuth()
@ApiParam({ name: 'workspace', description: 'Workspace slug (any case, or a former slug) or id' })
@Controller('workspaces/:workspace/my-ability')
export class MyAbilityController {
  @Get()
  @Can('read', WORKSPACE_SUBJECT)
  @ApiOperation({
    summary: 'My permissions in a workspace',
    description:
      'The CASL rules of your role (or of the API key’s scopes) in this workspace, with `{{actor.id}}` and ' +
      '`{{workspace.id}}` filled in: the same rules every route checks. For display only; the API still decides.',
  })
  @ApiOkResponse({ type: MyAbilityResponse })
  @ApiProblemResponses(400, 401, 403, 404)
  get(@Ctx() ctx: RequestContext): MyAbilityResponse {
    return { rules: ctx.ability.rules as MyAbilityResponse['rules'] };
  }
}
