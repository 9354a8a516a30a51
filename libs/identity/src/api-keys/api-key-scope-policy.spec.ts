import { buildAbility, type PermissionRule } from '@quire/core';
import { escalatingScopes, scopeProblems, type DeclaredPermissions } from './api-key-scope-policy';

const declared: DeclaredPermissions = {
  subjects: new Set(['Entry', 'Note', 'Media', 'ApiKey']),
  actions: new Set(['read', 'create', 'update', 'delete', 'publish']),
};

describe(scopeProblems.name, () => {
  it('accepts declared subjects with declared actions or manage', () => {
    expect(scopeProblems('management', ['read:Entry', 'publish:Entry', 'manage:Media'], declared)).toEqual([]);
    expect(scopeProblems('delivery', ['read:Entry', 'read:Media'], declared)).toEqual([]);
  });

  it('names each bad scope by its index', () => {
    expect(
      scopeProblems(
        'management',
        ['read:Entry', 'read:Widget', 'fly:Entry', 'Entry', 'manage:all', 'read:Entry'],
        declared,
      ),
    ).toEqual([
      { path: 'scopes[1]', message: 'no loaded plugin declares the subject "Widget"' },
      { path: 'scopes[2]', message: 'no loaded plugin declares the action "fly"' },
      { path: 'scopes[3]', message: '"Entry" is not a scope; write action:Subject, e.g. read:Entry' },
      { path: 'scopes[4]', message: '"manage:all" is not a scope; write action:Subject, e.g. read:Entry' },
      { path: 'scopes[5]', message: '"read:Entry" is listed twice' },
    ]);
  });

  it('refuses anything but read on a delivery key', () => {
    expect(scopeProblems('delivery', ['read:Entry', 'update:Entry', 'manage:Media'], declared)).toEqual([
      { path: 'scopes[1]', message: 'a delivery key holds read scopes only; "update:Entry" needs a management key' },
      { path: 'scopes[2]', message: 'a delivery key holds read scopes only; "manage:Media" needs a management key' },
    ]);
  });
});

describe(escalatingScopes.name, () => {
  const workspace = { id: '01900000-0000-7000-8000-000000000001', slug: 'acme' };
  const ability = (rules: PermissionRule[]) => buildAbility(rules, { actor: { type: 'user', id: 'alice' }, workspace });

  it('passes scopes the creator holds without conditions, including through manage and all', () => {
    expect(escalatingScopes(ability([{ action: ['read', 'update'], subject: 'Entry' }]), ['read:Entry'])).toEqual([]);
    expect(escalatingScopes(ability([{ action: 'manage', subject: 'Media' }]), ['manage:Media', 'read:Media'])).toEqual(
      [],
    );
    expect(escalatingScopes(ability([{ action: 'manage', subject: 'all' }]), ['manage:Entry', 'read:Note'])).toEqual(
      [],
    );
  });

  it('refuses scopes the creator lacks, and manage when the creator holds only some actions', () => {
    const editor = ability([{ action: ['read', 'update'], subject: 'Entry' }]);
    expect(escalatingScopes(editor, ['read:Entry', 'delete:Entry', 'read:Note', 'manage:Entry'])).toEqual([
      'delete:Entry',
      'read:Note',
      'manage:Entry',
    ]);
  });

  it('refuses a scope the creator holds only on some instances (conditions)', () => {
    const author = ability([
      { action: 'read', subject: 'Note' },
      { action: 'update', subject: 'Note', conditions: { createdById: '{{actor.id}}' } },
    ]);
    expect(escalatingScopes(author, ['read:Note', 'update:Note'])).toEqual(['update:Note']);
  });

  it('refuses a scope the creator holds only on some fields, or with a forbid rule on top', () => {
    expect(
      escalatingScopes(ability([{ action: 'read', subject: 'Entry', fields: ['title'] }]), ['read:Entry']),
    ).toEqual(['read:Entry']);
    const forbidden = ability([
      { action: 'read', subject: 'Entry' },
      { action: 'read', subject: 'Entry', inverted: true, conditions: { status: 'draft' } },
    ]);
    expect(escalatingScopes(forbidden, ['read:Entry'])).toEqual(['read:Entry']);
    const fieldForbidden = ability([
      { action: 'read', subject: 'Entry' },
      { action: 'read', subject: 'Entry', inverted: true, fields: ['secretNotes'] },
    ]);
    expect(escalatingScopes(fieldForbidden, ['read:Entry'])).toEqual(['read:Entry']);
  });

  it('lets a later unconditional allow override an earlier forbid, as CASL does', () => {
    const overridden = ability([
      { action: 'read', subject: 'Entry', inverted: true, conditions: { status: 'draft' } },
      { action: 'read', subject: 'Entry' },
    ]);
    expect(overridden.can('read', 'Entry')).toBe(true);
    expect(escalatingScopes(overridden, ['read:Entry'])).toEqual([]);
  });

  it('refuses everything for a creator without rules', () => {
    expect(escalatingScopes(ability([]), ['read:Entry'])).toEqual(['read:Entry']);
  });
});
