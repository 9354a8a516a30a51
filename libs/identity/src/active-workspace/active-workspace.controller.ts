import { Body, Controller, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponses, Ctx, type RequestContext } from '@quire/core';
import { ActiveWorkspaceService } from './active-workspace.service';
import { ActiveWorkspaceResponse } from './dto/active-workspace.response';
import { SwitchActiveWorkspaceDto } from './dto/switch-active-workspace.dto';

@ApiTags('Authentication')
@ApiBearerAuth()
@Controller('me/active-workspace')
export class ActiveWorkspaceController {
  constructor(private readonly activeWorkspace: ActiveWorkspaceService) {}

  @Put()
  @ApiOperation({
    summary: 'Switch my active workspace and team',
    description:
      'Kept on this session only (each signed-in device has its own); `GET /me` shows it. `workspace` is an id or ' +
      'slug of a workspace you may enter (otherwise 404 core.workspace-not-found, as on its routes), or null to ' +
      'work in none; `team` optionally a team of it you are in (otherwise 404 identity.team-not-found). Sessions ' +
      'only: an API key gets 401 identity.session-required.',
  })
  @ApiOkResponse({ type: ActiveWorkspaceResponse })
  @ApiProblemResponses(400, 401, 404, 413, 415)
  switch(@Ctx() ctx: RequestContext, @Body() dto: SwitchActiveWorkspaceDto): Promise<ActiveWorkspaceResponse> {
    return this.activeWorkspace.switch(ctx, dto);
  }
}
