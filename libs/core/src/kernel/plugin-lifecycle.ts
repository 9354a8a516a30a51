import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { PluginRegistry, type ResolvedPlugin } from '../plugin/plugin-registry';
import type { PluginContext } from '../plugin/plugin.types';

/**
 * Calls the plugins' hooks: bootstrap in dependency order, shutdown in reverse (before the database closes,
 * so hooks can still use it). A failing bootstrap hook stops the start.
 */
@Injectable()
export class PluginLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(PluginLifecycle.name);

  constructor(
    private readonly registry: PluginRegistry,
    private readonly moduleRef: ModuleRef,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const plugin of this.registry.plugins) {
      const hook = plugin.definition.hooks?.onBootstrap;
      if (!hook) continue;
      try {
        await hook(this.contextFor(plugin));
      } catch (error) {
        // Never swallowed: a plugin that cannot initialise must not leave a half-working server.
        throw new Error(`Plugin "${plugin.name}" failed in onBootstrap: ${(error as Error).message}`, { cause: error });
      }
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    for (const plugin of [...this.registry.plugins].reverse()) {
      try {
        await plugin.definition.hooks?.onShutdown?.(this.contextFor(plugin));
      } catch (error) {
        this.logger.error(`Plugin "${plugin.name}" failed in onShutdown: ${(error as Error).message}`);
      }
    }
  }

  /** Seeds demo data: each plugin's onSeedDemo, in dependency order. */
  async seedDemo(): Promise<void> {
    for (const plugin of this.registry.plugins) {
      await plugin.definition.hooks?.onSeedDemo?.(this.contextFor(plugin));
    }
  }

  contextFor(plugin: ResolvedPlugin): PluginContext {
    return {
      plugin: { name: plugin.name, version: plugin.version },
      options: plugin.options,
      get: <T>(token: unknown) => this.moduleRef.get<T>(token as never, { strict: false }),
    };
  }
}
