import { Inject, Injectable } from '@nestjs/common';
import { PluginRegistry, type PermissionDeclaration } from '@quire/core';

/** CASL's wildcard for every action: a custom role may use it; no plugin declares it. */
export const MANAGE = 'manage';

export interface CatalogSubject {
  name: string;
  /** Fields a custom rule's conditions may compare; empty: unconditional rules only. */
  conditionFields: string[];
  /** Fields a custom rule's field restriction may name; empty: no field restriction. */
  restrictableFields: string[];
}

export interface CatalogPlugin {
  plugin: string;
  subjects: CatalogSubject[];
  actions: string[];
}

type Declaring = ReadonlyArray<{ name: string; definition: { permissions?: PermissionDeclaration } }>;

/**
 * What custom roles can be composed from in this installation: every subject and action the loaded plugins
 * declare, per plugin, with the fields each subject lets a rule be narrowed by. Computed once at boot.
 */
@Injectable()
export class PermissionCatalog {
  readonly plugins: CatalogPlugin[];
  /** `manage` and every declared action, each once. */
  readonly actions: string[];
  private readonly subjects: Map<string, CatalogSubject>;

  constructor(@Inject(PluginRegistry) registry: { plugins: Declaring }) {
    this.plugins = registry.plugins.flatMap((plugin) => {
      const permissions = plugin.definition.permissions;
      if (!permissions || permissions.subjects.length + permissions.actions.length === 0) return [];
      return [
        {
          plugin: plugin.name,
          subjects: permissions.subjects.map((name) => ({
            name,
            conditionFields: [...(permissions.subjectFields?.[name]?.conditions ?? [])],
            restrictableFields: [...(permissions.subjectFields?.[name]?.fields ?? [])],
          })),
          actions: [...permissions.actions],
        },
      ];
    });
    this.actions = [MANAGE, ...new Set(this.plugins.flatMap((p) => p.actions))];
    this.subjects = new Map(this.plugins.flatMap((p) => p.subjects.map((s) => [s.name, s] as const)));
  }

  subject(name: string): CatalogSubject | undefined {
    return this.subjects.get(name);
  }

  subjectNames(): string[] {
    return [...this.subjects.keys()];
  }
}
