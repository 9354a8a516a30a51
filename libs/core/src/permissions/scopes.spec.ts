import { subject } from '@casl/ability';
import { buildAbility } from './ability.factory';
import { formatScope, parseScope, scopesToRules } from './scopes';

const workspace = { id: '01900000-0000-7000-8000-000000000001', slug: 'acme' };
const keyActor = { type: 'api-key' as const, id: '01900000-0000-7000-8000-0000000000aa', workspaceId: workspace.id };

describe(parseScope.name, () => {
  it('reads action and subject of action:Subject', () => {
    expect(parseScope('read:Entry')).toEqual({ action: 'read', subject: 'Entry' });
    expect(parseScope('manage:Media')).toEqual({ action: 'manage', subject: 'Media' });
    expect(parseScope('request-review:ContentType2')).toEqual({ action: 'request-review', subject: 'ContentType2' });
  });

  it.each([
    '',
    'read',
    'read:',
    ':Entry',
    'Read:Entry',
    'read:entry',
    'read:all',
    'read:Entry:extra',
    ' read:Entry',
    'read:Entry ',
    'read-:Entry',
    'read:Entry\n',
    'read::Entry',
    'read:En try',
  ])('refuses %j', (text) => {
    expect(parseScope(text)).toBeNull();
  });

  it('formats what it parses', () => {
    expect(formatScope(parseScope('publish:Entry')!)).toBe('publish:Entry');
  });
});

describe(scopesToRules.name, () => {
  it('grants exactly the listed scopes, unconditionally', () => {
    const rules = scopesToRules(['read:Entry', 'create:Note']);
    expect(rules).toEqual([
      { action: 'read', subject: 'Entry' },
      { action: 'create', subject: 'Note' },
    ]);
    const ability = buildAbility(rules, { actor: keyActor, workspace });
    expect(ability.can('read', 'Entry')).toBe(true);
    expect(ability.can('read', subject('Entry', { createdById: 'anyone' }))).toBe(true);
    expect(ability.can('update', 'Entry')).toBe(false);
    expect(ability.can('read', 'Note')).toBe(false);
    expect(ability.can('create', 'Note')).toBe(true);
  });

  it('lets manage cover every action of its subject only', () => {
    const ability = buildAbility(scopesToRules(['manage:Media']), { actor: keyActor, workspace });
    expect(ability.can('delete', 'Media')).toBe(true);
    expect(ability.can('read', 'Entry')).toBe(false);
  });

  it('grants nothing for malformed scopes (fail closed), including CASL wildcards', () => {
    const rules = scopesToRules(['manage:all', 'read', 'all', '*:*']);
    expect(rules).toEqual([]);
    const ability = buildAbility(rules, { actor: keyActor, workspace });
    expect(ability.can('read', 'Entry')).toBe(false);
  });
});
