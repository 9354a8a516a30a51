import { BUILT_IN_ROLES } from '../../permissions/permission.types';
import type { Candidate } from './candidate';
import { KEBAB, suggestKebab, suggestPascal } from './names';
import { problemOn, type PositionedProblem } from './problem';

/** CASL's wildcards: allowed in grants, never declared by a plugin. */
const ALL_SUBJECTS = 'all';
const ALL_ACTIONS = 'manage';

const PASCAL_CASE = /^[A-Z][A-Za-z0-9]*$/;

/**
 * Declared subjects and actions (well named, subjects owned by one plugin), then what refers to them: grants
 * and admin nav entries, which may name what any loaded plugin declares.
 */
export function checkPermissions(candidates: readonly Candidate[]): PositionedProblem[] {
  const problems: PositionedProblem[] = [];
  const subjectOwners = new Map<string, Candidate>();
  const knownActions = new Set<string>([ALL_ACTIONS]);
  for (const c of candidates) {
    const permissions = c.definition.permissions;
    if (permissions === undefined) continue;
    for (const subject of permissions.subjects ?? []) {
      if (!PASCAL_CASE.test(subject)) {
        problems.push(
          problemOn(
            c,
            `permission subject "${subject}" is not PascalCase`,
            `rename it, e.g. "${suggestPascal(subject) || 'Entry'}"`,
          ),
        );
      }
      const owner = subjectOwners.get(subject);
      if (owner === undefined) {
        subjectOwners.set(subject, c);
      } else if (owner === c) {
        problems.push(
          problemOn(
            c,
            `permission subject "${subject}" is declared twice`,
            `remove the second "${subject}" from permissions.subjects`,
          ),
        );
      } else {
        problems.push(
          problemOn(
            c,
            `permission subject "${subject}" is declared by both "${owner.label}" and "${c.label}"`,
            `rename the subject of "${c.label}", e.g. "${suggestPascal(c.label)}${subject}"`,
          ),
        );
      }
    }
    for (const action of permissions.actions ?? []) {
      if (action === ALL_ACTIONS) {
        problems.push(
          problemOn(
            c,
            `permission action "manage" is CASL's wildcard for every action and cannot be declared`,
            'remove "manage" from permissions.actions; grants may still use it',
          ),
        );
      } else if (!KEBAB.test(action)) {
        problems.push(
          problemOn(
            c,
            `permission action "${action}" is not a lower-case verb (kebab-case allowed)`,
            `rename it, e.g. "${suggestKebab(action) || 'read'}"`,
          ),
        );
      }
      knownActions.add(action);
    }
    for (const subject of Object.keys(permissions.subjectFields ?? {})) {
      if (!(permissions.subjects ?? []).includes(subject)) {
        problems.push(
          problemOn(
            c,
            `permissions.subjectFields names subject "${subject}", which this plugin does not declare`,
            `declare "${subject}" in permissions.subjects, or describe only this plugin's own subjects`,
          ),
        );
      }
    }
  }

  const roles = new Set<string>(BUILT_IN_ROLES);
  const knownSubject = (s: string): boolean => s === ALL_SUBJECTS || subjectOwners.has(s);
  for (const c of candidates) {
    for (const [role, rules] of Object.entries(c.definition.permissions?.grants ?? {})) {
      if (!roles.has(role)) {
        problems.push(
          problemOn(
            c,
            `grants name role "${role}", which is not a built-in role`,
            `use one of ${BUILT_IN_ROLES.join(', ')}; custom roles are created per workspace, not declared by plugins`,
          ),
        );
      }
      for (const rule of rules ?? []) {
        for (const subject of asList(rule.subject).filter((s) => !knownSubject(s))) {
          problems.push(
            problemOn(
              c,
              `a grant to "${role}" names subject "${subject}", which no loaded plugin declares`,
              `declare "${subject}" in permissions.subjects, load the plugin that declares it, or correct the name`,
            ),
          );
        }
        for (const action of asList(rule.action).filter((a) => !knownActions.has(a))) {
          problems.push(
            problemOn(
              c,
              `a grant to "${role}" names action "${action}", which no loaded plugin declares`,
              `declare "${action}" in permissions.actions, load the plugin that declares it, or correct the name`,
            ),
          );
        }
      }
    }
    for (const entry of c.definition.admin?.nav ?? []) {
      if (entry.requires === undefined) continue;
      const [action, subject] = entry.requires;
      if (!knownActions.has(action) || !knownSubject(subject)) {
        problems.push(
          problemOn(
            c,
            `admin nav entry "${entry.id}" requires ["${action}", "${subject}"], which no loaded plugin declares`,
            'name an action and a subject declared in permissions (or "manage"/"all")',
          ),
        );
      }
    }
  }
  return problems;
}

function asList(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}
