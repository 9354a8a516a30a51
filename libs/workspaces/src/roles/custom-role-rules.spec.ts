import { definePermissions } from '@quire/core';
import { workspacesPermissions } from '../workspaces.permissions';
import { checkCustomRules, storedRules } from './custom-role-rules';
import { PermissionCatalog } from './permission-catalog';

const notes = definePermissions({
  subjects: ['Note'],
  actions: ['read', 'update', 'publish'],
  subjectFields: { Note: { conditions: ['createdById', 'status'], fields: ['title', 'body'] } },
});
const catalog = new PermissionCatalog({
  plugins: [
    { name: 'core', definition: {} },
    { name: 'workspaces', definition: { permissions: workspacesPermissions } },
    { name: 'notes', definition: { permissions: notes } },
  ],
});

const problemsOf = (rules: unknown[]) => checkCustomRules(rules, catalog).problems;
const pathsOf = (rules: unknown[]) => problemsOf(rules).map((p) => p.path);

describe(PermissionCatalog.name, () => {
  it('lists each declaring plugin with its subjects, their narrowing fields, and its actions', () => {
    expect(catalog.plugins.map((p) => p.plugin)).toEqual(['workspaces', 'notes']);
    expect(catalog.plugins[1]).toEqual({
      plugin: 'notes',
      subjects: [{ name: 'Note', conditionFields: ['createdById', 'status'], restrictableFields: ['title', 'body'] }],
      actions: ['read', 'update', 'publish'],
    });
    expect(catalog.subject('Team')).toEqual({
      name: 'Team',
      conditionFields: ['id', 'name'],
      restrictableFields: ['name', 'memberIds'],
    });
    expect(catalog.subject('Role')).toEqual({ name: 'Role', conditionFields: [], restrictableFields: [] });
  });

  it('offers manage and every declared action once', () => {
    expect(catalog.actions).toEqual(['manage', ...new Set([...workspacesPermissions.actions, ...notes.actions])]);
  });
});

describe(checkCustomRules.name, () => {
  it('accepts declared actions (and manage) on declared subjects, with conditions and fields, normalized', () => {
    const input = [
      { action: 'read', subject: 'Note' },
      { action: 'update', subject: 'Note', conditions: { createdById: '{{actor.id}}' }, fields: ['title'] },
      { action: 'publish', subject: 'Note', conditions: { status: { $in: ['draft', 'review'] } } },
      { action: 'manage', subject: 'Team', conditions: { name: 'Blog' } },
      { action: 'update', subject: 'Workspace', fields: ['name', 'timeZone'] },
    ];
    expect(checkCustomRules(input, catalog)).toEqual({ rules: input, problems: [] });
  });

  it.each([
    ['an undeclared action', { action: 'approve', subject: 'Note' }, 'rules[0].action'],
    ['an action that is not a string', { action: ['read'], subject: 'Note' }, 'rules[0].action'],
    ['an undeclared subject', { action: 'read', subject: 'Invoice' }, 'rules[0].subject'],
    ["CASL's all", { action: 'read', subject: 'all' }, 'rules[0].subject'],
    ['a missing subject', { action: 'read' }, 'rules[0].subject'],
    ['a forbid rule', { action: 'read', subject: 'Note', inverted: true }, 'rules[0].inverted'],
    ['an unknown member', { action: 'read', subject: 'Note', reason: 'x' }, 'rules[0].reason'],
    ['$where', { action: 'read', subject: 'Note', conditions: { $where: 'true' } }, 'rules[0].conditions.$where'],
    ['$or', { action: 'read', subject: 'Note', conditions: { $or: [{ status: 'a' }] } }, 'rules[0].conditions.$or'],
    ['$ne', { action: 'read', subject: 'Note', conditions: { status: { $ne: 'x' } } }, 'rules[0].conditions.status'],
    [
      '$regex',
      { action: 'read', subject: 'Note', conditions: { status: { $regex: '.*' } } },
      'rules[0].conditions.status',
    ],
    [
      'a nested object',
      { action: 'read', subject: 'Note', conditions: { status: { a: 1 } } },
      'rules[0].conditions.status',
    ],
    [
      'a function-like string',
      { action: 'read', subject: 'Note', conditions: { status: '{{process.env}}' } },
      'rules[0].conditions.status',
    ],
    ['null', { action: 'read', subject: 'Note', conditions: { status: null } }, 'rules[0].conditions.status'],
    [
      'an array value',
      { action: 'read', subject: 'Note', conditions: { status: ['a'] } },
      'rules[0].conditions.status',
    ],
    [
      'an undeclared condition field',
      { action: 'read', subject: 'Note', conditions: { title: 'x' } },
      'rules[0].conditions.title',
    ],
    [
      '__proto__ as a field',
      JSON.parse('{"action":"read","subject":"Note","conditions":{"__proto__":"x"}}'),
      'rules[0].conditions.__proto__',
    ],
    ['empty conditions', { action: 'read', subject: 'Note', conditions: {} }, 'rules[0].conditions'],
    [
      'conditions on a subject that takes none',
      { action: 'read', subject: 'Role', conditions: { key: 'x' } },
      'rules[0].conditions',
    ],
    [
      'an empty $in',
      { action: 'read', subject: 'Note', conditions: { status: { $in: [] } } },
      'rules[0].conditions.status.$in',
    ],
    [
      'an object in $in',
      { action: 'read', subject: 'Note', conditions: { status: { $in: ['a', {}] } } },
      'rules[0].conditions.status.$in[1]',
    ],
    ['a field that is not a string', { action: 'update', subject: 'Note', fields: ['title', 3] }, 'rules[0].fields[1]'],
    ['an undeclared field', { action: 'update', subject: 'Note', fields: ['secret'] }, 'rules[0].fields[0]'],
    ['a field twice', { action: 'update', subject: 'Note', fields: ['title', 'title'] }, 'rules[0].fields[1]'],
    ['empty fields', { action: 'update', subject: 'Note', fields: [] }, 'rules[0].fields'],
    [
      'fields on a subject that takes none',
      { action: 'update', subject: 'ApiKeyLike', fields: ['x'] },
      'rules[0].subject',
    ],
    ['fields on Role', { action: 'update', subject: 'Role', fields: ['name'] }, 'rules[0].fields'],
    ['a rule that is no object', 'read:Note', 'rules[0]'],
  ])('refuses %s, naming %s', (_, rule, path) => {
    expect(pathsOf([rule])).toContain(path);
    expect(problemsOf([rule]).every((p) => p.message.length > 0)).toBe(true);
  });

  it('names every failing rule by its index, and each problem of one rule', () => {
    expect(
      pathsOf([
        { action: 'read', subject: 'Note' },
        { action: 'fly', subject: 'Plane' },
        { action: 'read', subject: 'Note', conditions: { status: 'x', $where: 'y' } },
      ]),
    ).toEqual(['rules[1].action', 'rules[1].subject', 'rules[2].conditions.$where']);
  });

  it('tells which actions and subjects exist', () => {
    const [problem] = problemsOf([{ action: 'read', subject: 'Invoice' }]);
    expect(problem.message).toMatch(
      /^subject "Invoice" is not declared by any loaded plugin; use one of: Workspace, WorkspaceMember, Team, Role, .*Note$/,
    );
  });

  it('refuses more than 100 rules', () => {
    const many = Array.from({ length: 101 }, () => ({ action: 'read', subject: 'Note' }));
    expect(pathsOf(many)).toEqual(['rules']);
  });
});

describe(storedRules.name, () => {
  it('reads well-formed rules and drops anything else rather than reading it more broadly', () => {
    expect(
      storedRules([
        { action: 'read', subject: 'Note' },
        { action: 'update', subject: 'Note', conditions: { status: 'draft' }, fields: ['title'] },
        { action: 'delete', subject: 'Note', inverted: true },
        { action: 'update', subject: 'Note', conditions: 'broken' },
        { action: 'update', subject: 'Note', fields: [1] },
        { action: ['read'], subject: 'Note' },
        'read:Note',
      ]),
    ).toEqual([
      { action: 'read', subject: 'Note' },
      { action: 'update', subject: 'Note', conditions: { status: 'draft' }, fields: ['title'] },
    ]);
    expect(storedRules(null)).toEqual([]);
    expect(storedRules({ action: 'read' })).toEqual([]);
  });
});
