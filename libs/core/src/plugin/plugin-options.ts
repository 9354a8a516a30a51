import { Inject } from '@nestjs/common';

/** The injection token of a plugin's validated options. */
export function pluginOptionsToken(pluginName: string): string {
  return `quire:plugin-options:${pluginName}`;
}

/** Injects the options a plugin was loaded with (`MyPlugin.with({...})`), already validated and merged. */
export const InjectPluginOptions = (pluginName: string): ParameterDecorator => Inject(pluginOptionsToken(pluginName));
