import { subject } from '@casl/ability';
import { buildAbility } from './ability.factory';

const workspace = { id: '01900000-0000-7000-8000-000000000001', slug: 'acme' };

describe(buildAbility.name, () => {
  it('fills actor and workspace placeholders', () => {
    const sut = buildAbility(
      [
        {
          action: 'update',
          subject: 'Note',
          conditions: { createdById: '{{actor.id}}', workspaceId: '{{workspace.id}}' },
        },
      ],
      {
        actor: { type: 'user', id: 'alice' },
        workspace,
      },
    );
    expect(sut.can('update', subject('Note', { createdById: 'alice', workspaceId: workspace.id }))).toBe(true);
    expect(sut.can('update', subject('Note', { createdById: 'bob', workspaceId: workspace.id }))).toBe(false);
  });

  it('drops an allow rule whose placeholder has no value, instead of matching ownerless rows', () => {
    const sut = buildAbility([{ action: 'read', subject: 'Note', conditions: { createdById: '{{actor.id}}' } }], {
      actor: { type: 'anonymous', id: null },
      workspace,
    });
    expect(sut.can('read', subject('Note', { createdById: null }))).toBe(false);
    expect(sut.can('read', 'Note')).toBe(false);
  });

  it('turns a forbid rule whose placeholder has no value into an unconditional forbid', () => {
    const sut = buildAbility(
      [
        { action: 'read', subject: 'Note' },
        { action: 'read', subject: 'Note', inverted: true, conditions: { createdById: { $ne: '{{actor.id}}' } } },
      ],
      { actor: { type: 'anonymous', id: null }, workspace },
    );
    expect(sut.can('read', subject('Note', { createdById: 'x' }))).toBe(false);
  });
});
