import type { QuirePlugin, QuirePluginDefinition } from './plugin.types';

/**
 * Declares a plugin. A plugin is a value: nothing happens until the kernel's registry loads it.
 * Options are merged over the declared defaults here and validated by the registry at boot.
 */
export function definePlugin<O = void>(definition: QuirePluginDefinition<O>): QuirePlugin<O> {
  return makePlugin(definition, (definition.options?.defaults ?? undefined) as O);
}

function makePlugin<O>(definition: QuirePluginDefinition<O>, options: O): QuirePlugin<O> {
  return Object.freeze({
    definition,
    options,
    with(overrides: Partial<O>): QuirePlugin<O> {
      return makePlugin(definition, { ...(definition.options?.defaults as O), ...overrides } as O);
    },
  });
}
