import { subject } from '@casl/ability';
import { BUILT_IN_ROLES, buildAbility, definePermissions } from '@quire/core';
import { workspacesPermissions } from '../workspaces.permissions';
import { builtInRoleRules, isBuiltInRole } from './built-in-role-rules';

const content = definePermissions({
  subjects: ['Entry'],
  actions: ['read', 'update'],
  grants: {
    editor: [{ action: ['read', 'update'], subject: 'Entry' }],
    author: [
      { action: 'read', subject: 'Entry' },
      { action: 'update', subject: 'Entry', conditions: { createdById: '{{actor.id}}' } },
    ],
  },
});
const plugins = [
  { definition: { permissions: workspacesPermissions } },
  { definition: { permissions: content } },
  { definition: {} },
];
const workspace = { id: '0192f0c4-7a3e-7c1d-8e2f-000000000001', slug: 'acme' };
const actor = { type: 'user' as const, id: '0192f0c4-7a3e-7c1d-8e2f-00000000000a' };

describe(builtInRoleRules.name, () => {
  const rules = builtInRoleRules(plugins);
  const abilityOf = (role: keyof typeof rules) => buildAbility(rules[role], { actor, workspace });

  it('has every built-in role, each the union of what the loaded plugins grant it, in load order', () => {
    expect(Object.keys(rules)).toEqual([...BUILT_IN_ROLES]);
    expect(rules.editor).toEqual([...workspacesPermissions.grants!.editor!, ...content.grants!.editor!]);
    expect(rules.auditor).toEqual(workspacesPermissions.grants!.auditor);
  });

  it('lets an author update their own entries only ({{actor.id}} filled per actor)', () => {
    const author = abilityOf('author');
    expect(author.can('update', subject('Entry', { createdById: actor.id }))).toBe(true);
    expect(author.can('update', subject('Entry', { createdById: 'someone-else' }))).toBe(false);
    expect(abilityOf('editor').can('update', subject('Entry', { createdById: 'someone-else' }))).toBe(true);
  });

  it('gives closing a workspace to owners alone, editing it to owners and admins', () => {
    const can = (role: keyof typeof rules, action: string) => abilityOf(role).can(action, 'Workspace');
    expect(BUILT_IN_ROLES.filter((role) => can(role, 'delete'))).toEqual(['owner']);
    expect(BUILT_IN_ROLES.filter((role) => can(role, 'update'))).toEqual(['owner', 'admin']);
    expect(BUILT_IN_ROLES.filter((role) => can(role, 'read'))).toEqual([...BUILT_IN_ROLES]);
  });

  it('lets every member remove themselves but only owners and admins remove others', () => {
    const removes = (role: keyof typeof rules, userId: string) =>
      abilityOf(role).can('delete', subject('WorkspaceMember', { userId }));
    expect(BUILT_IN_ROLES.filter((role) => removes(role, actor.id))).toEqual([...BUILT_IN_ROLES]);
    expect(BUILT_IN_ROLES.filter((role) => removes(role, 'someone-else'))).toEqual(['owner', 'admin']);
  });

  it('knows the built-in roles and nothing else', () => {
    expect(isBuiltInRole('reviewer')).toBe(true);
    expect(isBuiltInRole('superuser')).toBe(false);
    expect(isBuiltInRole('constructor')).toBe(false);
  });
});
