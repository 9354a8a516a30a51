/** The roles every workspace has; custom roles arrive with the workspaces plugin. */
export const BUILT_IN_ROLES = ['owner', 'admin', 'editor', 'author', 'reviewer', 'viewer', 'auditor'] as const;
export type BuiltInRole = (typeof BUILT_IN_ROLES)[number];

/**
 * One CASL rule as data. Conditions are MongoDB-style queries (`{ createdById: '{{actor.id}}' }`);
 * `{{actor.id}}` and `{{workspace.id}}` placeholders are filled in when the ability is built.
 */
export interface PermissionRule {
  action: string | string[];
  subject: string | string[];
  conditions?: Record<string, unknown>;
  fields?: string[];
  inverted?: boolean;
  reason?: string;
}

export interface PermissionDeclaration {
  /** PascalCase singular subjects this plugin owns: `Entry`, `ContentType`. */
  subjects: string[];
  /** Lower-case verbs this plugin's subjects support: `read`, `publish`. */
  actions: string[];
  /** Default rules granted to the built-in roles. */
  grants?: Partial<Record<BuiltInRole, PermissionRule[]>>;
  /**
   * Per subject of this plugin, what a workspace's custom roles may narrow a rule by: `conditions`, the fields a
   * rule's conditions may compare (plain equality or `$in`); `fields`, the fields a rule's field restriction may
   * name. Declare only what the plugin's services enforce: instances checked with
   * `ability.can(action, subject(Type, row))` and lists filtered with `applyAbilityToQuery`, fields with
   * `ability.can(action, row, field)`. A subject not listed takes unconditional, unrestricted custom rules only.
   */
  subjectFields?: Record<string, SubjectFields>;
}

export interface SubjectFields {
  conditions?: string[];
  fields?: string[];
}
