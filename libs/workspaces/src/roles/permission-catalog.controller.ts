import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponses, Can } from '@quire/core';
import { ROLE_SUBJECT } from '../workspaces.permissions';
import { ACTOR_ID_PLACEHOLDER } from './custom-role-rules';
import { PermissionCatalogResponse } from './dto/permission-catalog.response';
import { PermissionCatalog } from './permission-catalog';

@ApiTags('Workspace roles')
@ApiBearerAuth()
@ApiParam({ name: 'workspace', description: 'Workspace slug or id' })
@Controller('workspaces/:workspace/permission-catalog')
export class PermissionCatalogController {
  constructor(private readonly catalog: PermissionCatalog) {}

  @Get()
  @Can('read', ROLE_SUBJECT)
  @ApiOperation({
    summary: 'What custom roles are made of',
    description:
      'Every subject and action the loaded plugins declare, per plugin, with the fields a rule on each subject ' +
      'may be narrowed by (conditions, field restrictions): the vocabulary of the role editor.',
  })
  @ApiOkResponse({ type: PermissionCatalogResponse })
  @ApiProblemResponses(400, 401, 403, 404)
  get(): PermissionCatalogResponse {
    return { plugins: this.catalog.plugins, actions: this.catalog.actions, placeholders: [ACTOR_ID_PLACEHOLDER] };
  }
}
