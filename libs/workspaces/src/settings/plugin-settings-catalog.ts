import { Inject, Injectable } from '@nestjs/common';
import { compileJsonSchema, PluginRegistry, type JsonSchemaValidator, type SettingsDeclaration } from '@quire/core';
import { PluginSettingsNotFoundError } from '../workspaces.errors';

/** A loaded plugin that declares workspace settings, with its schema compiled once. */
export interface SettingsPlugin {
  name: string;
  declaration: SettingsDeclaration;
  validate: JsonSchemaValidator;
}

/**
 * The loaded plugins that declare `settings`, in load order, each schema compiled once at start (the registry has
 * already refused a schema that does not compile, or defaults that break it).
 */
@Injectable()
export class PluginSettingsCatalog {
  private readonly byName = new Map<string, SettingsPlugin>();

  constructor(@Inject(PluginRegistry) private readonly registry: PluginRegistry) {
    for (const plugin of registry.plugins) {
      const declaration = plugin.definition.settings;
      if (!declaration) continue;
      const compiled = compileJsonSchema(declaration.schema);
      if (!compiled.ok) throw new Error(`Settings schema of "${plugin.name}" does not compile: ${compiled.error}`);
      this.byName.set(plugin.name, {
        name: plugin.name,
        declaration,
        validate: withCheck(compiled.validate, declaration),
      });
    }
  }

  all(): SettingsPlugin[] {
    return [...this.byName.values()];
  }

  find(name: string): SettingsPlugin | undefined {
    return this.byName.get(name);
  }

  /** The plugin, or 404 naming why: not loaded, or no settings. */
  get(name: string): SettingsPlugin {
    const found = this.byName.get(name);
    if (!found) throw new PluginSettingsNotFoundError(name, this.registry.get(name) !== undefined);
    return found;
  }
}

/** The schema first; the plugin's own `check` only on values that match it (it may rely on their shape). */
function withCheck(validate: JsonSchemaValidator, declaration: SettingsDeclaration): JsonSchemaValidator {
  const { check } = declaration;
  if (!check) return validate;
  return (value) => {
    const problems = validate(value);
    return problems.length > 0 ? problems : check.call(declaration, value as Record<string, unknown>);
  };
}
