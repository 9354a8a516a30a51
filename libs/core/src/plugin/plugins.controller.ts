import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../tenancy/tenancy.decorators';
import { PluginRegistry } from './plugin-registry';
import { PluginListResponse } from './plugin-list.response';

@ApiTags('Plugins')
@Controller('plugins')
export class PluginsController {
  constructor(@Inject(PluginRegistry) private readonly registry: PluginRegistry) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'The loaded plugins, their versions and what each contributes' })
  @ApiOkResponse({ type: PluginListResponse })
  list(): PluginListResponse {
    return { data: this.registry.summaries() };
  }
}
