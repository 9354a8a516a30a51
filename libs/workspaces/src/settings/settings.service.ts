import { isDeepStrictEqual } from 'node:util';
import { Injectable } from '@nestjs/common';
import { subject } from '@casl/ability';
import {
  EventBus,
  fieldChanges,
  ForbiddenActionError,
  TenantDataSource,
  ValidationFailedError,
  type RequestContext,
} from '@quire/core';
import { WORKSPACE_SUBJECT } from '../workspaces.permissions';
import type { PluginSettingsResponse } from './dto/plugin-settings.response';
import { effectiveSettings, isPlainObject, mergeSettings, settingsProblem } from './effective-settings';
import { PluginSettingsCatalog, type SettingsPlugin } from './plugin-settings-catalog';
import { WorkspaceSettingsStore } from './settings-store';

/** The settings endpoints: every plugin's settings in a workspace, read and replaced one plugin at a time. */
@Injectable()
export class SettingsService {
  constructor(
    private readonly db: TenantDataSource,
    private readonly catalog: PluginSettingsCatalog,
    private readonly store: WorkspaceSettingsStore,
    private readonly events: EventBus,
  ) {}

  async list(ctx: RequestContext): Promise<PluginSettingsResponse[]> {
    const stored = await this.store.all(ctx);
    return this.catalog.all().map((plugin) => response(plugin, stored[plugin.name]));
  }

  async get(ctx: RequestContext, pluginName: string): Promise<PluginSettingsResponse> {
    const plugin = this.catalog.get(pluginName);
    return response(plugin, await this.store.of(ctx, plugin.name));
  }

  /**
   * Replaces what the workspace set for the plugin: a setting left out takes its default again. The values over
   * the defaults must match the plugin's schema (400 naming each failing setting). No change: no write, no event.
   */
  async replace(ctx: RequestContext, pluginName: string, body: unknown): Promise<PluginSettingsResponse> {
    // A role may allow updating some of the workspace's fields only (custom roles: `fields`, see custom roles).
    if (!ctx.ability.can('update', subject(WORKSPACE_SUBJECT, { id: ctx.workspaceId }), 'settings')) {
      throw new ForbiddenActionError('update', WORKSPACE_SUBJECT, 'You may not change settings of this workspace.');
    }
    const plugin = this.catalog.get(pluginName);
    if (!isPlainObject(body)) {
      throw new ValidationFailedError([{ path: '', message: 'settings must be a JSON object of setting values' }]);
    }
    const { defaults } = plugin.declaration;
    const problems = plugin.validate(mergeSettings(defaults, body));
    if (problems.length > 0) throw new ValidationFailedError(problems.map(settingsProblem));

    return this.db.transaction(ctx, async (tx) => {
      const previous = await this.store.of(tx, plugin.name, true);
      if (isDeepStrictEqual(previous, body)) return response(plugin, previous);
      await this.store.replace(tx, plugin.name, body);
      const before = effectiveSettings(defaults, previous, plugin.validate).values;
      const after = mergeSettings(defaults, body);
      const changed = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
        (key) => !isDeepStrictEqual(before[key], after[key]),
      );
      await this.events.publish(tx, 'workspaces.settings.changed', {
        plugin: plugin.name,
        changed,
        changes: fieldChanges(before, after, changed),
      });
      return response(plugin, body);
    });
  }
}

function response(plugin: SettingsPlugin, stored: unknown): PluginSettingsResponse {
  const { values, ignored } = effectiveSettings(plugin.declaration.defaults, stored, plugin.validate);
  return {
    plugin: plugin.name,
    values,
    overrides: isPlainObject(stored) ? stored : {},
    defaults: plugin.declaration.defaults,
    schema: plugin.declaration.schema,
    ignored,
  };
}
