import { Injectable } from '@nestjs/common';
import type { RequestContext } from '@quire/core';
import { effectiveSettings } from './effective-settings';
import { PluginSettingsCatalog } from './plugin-settings-catalog';
import { WorkspaceSettingsStore } from './settings-store';

/**
 * How a plugin reads its settings in the current workspace: `await settings.of<ReviewsSettings>(ctx, 'acme-reviews')`
 * gives the values the workspace set over the plugin's defaults, always valid against its schema (a stored value
 * that a newer schema refuses gives way to its default). One primary-key read, no cache: a change holds from the
 * next call.
 */
@Injectable()
export class WorkspaceSettings {
  constructor(
    private readonly catalog: PluginSettingsCatalog,
    private readonly store: WorkspaceSettingsStore,
  ) {}

  /** `ctx` must be in a workspace (a request under /workspaces/{workspace}, or `ctx.withWorkspace`). */
  async of<T extends object = Record<string, unknown>>(ctx: RequestContext, plugin: string): Promise<T> {
    const declared = this.catalog.find(plugin);
    // A programming error of the calling plugin, not something a request can cause.
    if (!declared)
      throw new Error(`WorkspaceSettings.of: the plugin "${plugin}" is not loaded or declares no settings`);
    const stored = await this.store.of(ctx, plugin);
    return effectiveSettings(declared.declaration.defaults, stored, declared.validate).values as T;
  }
}
