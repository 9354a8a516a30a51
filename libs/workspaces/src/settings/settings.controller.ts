import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponses, Can, Ctx, type RequestContext } from '@quire/core';
import { WORKSPACE_SUBJECT } from '../workspaces.permissions';
import { PluginSettingsResponse } from './dto/plugin-settings.response';
import { SettingsService } from './settings.service';

const PLUGIN_PARAM = {
  name: 'plugin',
  description: 'Name of a loaded plugin that declares settings, e.g. `acme-reviews`',
} as const;

@ApiTags('Workspace settings')
@ApiBearerAuth()
@ApiParam({ name: 'workspace', description: 'Workspace slug or id' })
@Controller('workspaces/:workspace/settings')
export class SettingsController {
  constructor(private readonly settings: SettingsService) {}

  @Get()
  @Can('read', WORKSPACE_SUBJECT)
  @ApiOperation({
    summary: 'List plugin settings',
    description:
      'Every loaded plugin that declares workspace settings, in load order: its effective values (set here, over ' +
      'its defaults), what this workspace set, its defaults and its JSON Schema (render the form from it).',
  })
  @ApiOkResponse({ type: [PluginSettingsResponse] })
  @ApiProblemResponses(400, 401, 403, 404)
  list(@Ctx() ctx: RequestContext): Promise<PluginSettingsResponse[]> {
    return this.settings.list(ctx);
  }

  @Get(':plugin')
  @Can('read', WORKSPACE_SUBJECT)
  @ApiParam(PLUGIN_PARAM)
  @ApiOperation({
    summary: 'Get one plugin’s settings',
    description: 'A plugin that is not loaded or declares no settings answers 404 workspaces.settings-not-found.',
  })
  @ApiOkResponse({ type: PluginSettingsResponse })
  @ApiProblemResponses(400, 401, 403, 404)
  get(@Ctx() ctx: RequestContext, @Param('plugin') plugin: string): Promise<PluginSettingsResponse> {
    return this.settings.get(ctx, plugin);
  }

  @Put(':plugin')
  @Can('update', WORKSPACE_SUBJECT)
  @ApiParam(PLUGIN_PARAM)
  @ApiOperation({
    summary: 'Replace one plugin’s settings',
    description:
      'The body is the object of settings this workspace sets; a setting left out takes its default again. The ' +
      'values over the defaults must match the plugin’s schema: otherwise 400 core.validation-failed with one ' +
      'error per failing setting (`path` names it, `message` the rule). Owners and admins. Publishes ' +
      '`workspaces.settings.changed` when something changed.',
  })
  @ApiBody({
    description: 'Setting values, checked against the plugin’s settings schema',
    schema: { type: 'object', additionalProperties: true, example: { maxStars: 10 } },
  })
  @ApiOkResponse({ type: PluginSettingsResponse })
  @ApiProblemResponses(400, 401, 403, 404, 413, 415)
  replace(
    @Ctx() ctx: RequestContext,
    @Param('plugin') plugin: string,
    @Body() body: unknown,
  ): Promise<PluginSettingsResponse> {
    return this.settings.replace(ctx, plugin, body);
  }
}
