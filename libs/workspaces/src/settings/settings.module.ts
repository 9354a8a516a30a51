import { Global, Module } from '@nestjs/common';
import { PluginSettingsCatalog } from './plugin-settings-catalog';
import { SettingsController } from './settings.controller';
import { SettingsService } from './settings.service';
import { WorkspaceSettingsStore } from './settings-store';
import { WorkspaceSettings } from './workspace-settings';

/** Per-plugin workspace settings. Global, so that any plugin requiring workspaces can inject `WorkspaceSettings`. */
@Global()
@Module({
  controllers: [SettingsController],
  providers: [PluginSettingsCatalog, WorkspaceSettingsStore, WorkspaceSettings, SettingsService],
  exports: [WorkspaceSettings],
})
export class WorkspaceSettingsModule {}
