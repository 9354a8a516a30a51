import { subject } from '@casl/ability';
import { buildAbility, type PermissionRule } from '@quire/core';
import fc from 'fast-check';
import { firstUncoveredRule } from './rule-coverage';

const actor = { type: 'user' as const, id: '0192f0c4-7a3e-7c1d-8e2f-00000000000a' };
const workspace = { id: '0192f0c4-7a3e-7c1d-8e2f-000000000001', slug: 'acme' };
const scope = { actorId: actor.id, workspaceId: workspace.id };

/** The giver's rules as the request's ability holds them: placeholders filled. */
const held = (rules: PermissionRule[]) => buildAbility(rules, { actor, workspace }).rules;
const gap = (role: PermissionRule[], giver: PermissionRule[]) => firstUncoveredRule(role, held(giver), scope);

describe(firstUncoveredRule.name, () => {
  it('covers a rule by the same action and subject, or by manage and all', () => {
    expect(gap([{ action: 'read', subject: 'Team' }], [{ action: 'read', subject: 'Team' }])).toBeNull();
    expect(gap([{ action: 'delete', subject: 'Team' }], [{ action: 'manage', subject: 'Team' }])).toBeNull();
    expect(gap([{ action: 'manage', subject: 'Team' }], [{ action: 'manage', subject: 'all' }])).toBeNull();
    expect(
      gap(
        [{ action: ['read', 'update'], subject: ['Team', 'Role'] }],
        [{ action: 'manage', subject: ['Team', 'Role'] }],
      ),
    ).toBeNull();
  });

  it('names the first rule, action, subject and field not held', () => {
    expect(
      gap(
        [
          { action: 'read', subject: 'Team' },
          { action: 'delete', subject: 'Workspace' },
        ],
        [{ action: 'read', subject: ['Team', 'Workspace'] }],
      ),
    ).toEqual({ index: 1, action: 'delete', subject: 'Workspace' });
    // Holding every action one by one is not manage: manage includes actions declared later.
    expect(
      gap(
        [{ action: 'manage', subject: 'Team' }],
        [{ action: ['read', 'create', 'update', 'delete'], subject: 'Team' }],
      ),
    ).toEqual({ index: 0, action: 'manage', subject: 'Team' });
    expect(gap([{ action: 'read', subject: 'Team' }], [])).toEqual({ index: 0, action: 'read', subject: 'Team' });
  });

  it('needs an unrestricted rule for an unrestricted one, and the field for a restricted one', () => {
    const giver: PermissionRule[] = [{ action: 'update', subject: 'Workspace', fields: ['name', 'timeZone'] }];
    expect(gap([{ action: 'update', subject: 'Workspace', fields: ['name'] }], giver)).toBeNull();
    expect(gap([{ action: 'update', subject: 'Workspace', fields: ['name', 'slug'] }], giver)).toEqual({
      index: 0,
      action: 'update',
      subject: 'Workspace',
      field: 'slug',
    });
    expect(gap([{ action: 'update', subject: 'Workspace' }], giver)).toEqual({
      index: 0,
      action: 'update',
      subject: 'Workspace',
    });
    expect(
      gap([{ action: 'update', subject: 'Workspace', fields: ['slug'] }], [{ action: 'update', subject: 'Workspace' }]),
    ).toBeNull();
  });

  it('needs conditions at least as narrow as the giver’s: the same fields, a subset of the values', () => {
    const giver: PermissionRule[] = [
      { action: 'update', subject: 'Team', conditions: { name: { $in: ['Blog', 'News'] } } },
    ];
    expect(gap([{ action: 'update', subject: 'Team', conditions: { name: 'Blog' } }], giver)).toBeNull();
    expect(
      gap([{ action: 'update', subject: 'Team', conditions: { name: { $in: ['News', 'Blog'] }, id: 'x' } }], giver),
    ).toBeNull();
    expect(
      gap([{ action: 'update', subject: 'Team', conditions: { name: { $in: ['Blog', 'Ads'] } } }], giver),
    ).not.toBeNull();
    expect(gap([{ action: 'update', subject: 'Team', conditions: { id: 'x' } }], giver)).not.toBeNull();
    expect(gap([{ action: 'update', subject: 'Team' }], giver)).not.toBeNull();
    // An unconditional permission covers any condition.
    expect(
      gap([{ action: 'update', subject: 'Team', conditions: { id: 'x' } }], [{ action: 'update', subject: 'Team' }]),
    ).toBeNull();
  });

  it('fills {{actor.id}} for both sides: "their own" is covered by "my own", not by someone else’s', () => {
    const own: PermissionRule = {
      action: 'delete',
      subject: 'WorkspaceMember',
      conditions: { userId: '{{actor.id}}' },
    };
    expect(gap([own], [own])).toBeNull();
    expect(
      gap([own], [{ action: 'delete', subject: 'WorkspaceMember', conditions: { userId: 'someone-else' } }]),
    ).not.toBeNull();
    expect(firstUncoveredRule([own], held([own]), { actorId: null, workspaceId: null })).not.toBeNull();
  });

  it('fails closed on a forbid rule of the giver that may touch the rule; ignores the role’s own forbid rules', () => {
    const giver: PermissionRule[] = [
      { action: 'manage', subject: 'Team' },
      { action: 'delete', subject: 'Team', inverted: true },
    ];
    expect(gap([{ action: 'read', subject: 'Team' }], giver)).toBeNull();
    expect(gap([{ action: 'delete', subject: 'Team' }], giver)).not.toBeNull();
    expect(gap([{ action: 'manage', subject: 'Team' }], giver)).not.toBeNull();
    expect(
      gap(
        [
          { action: 'read', subject: 'Team' },
          { action: 'delete', subject: 'Team', inverted: true },
        ],
        [{ action: 'read', subject: 'Team' }],
      ),
    ).toBeNull();
  });

  it('repeats a condition with another operator only exactly', () => {
    const giver: PermissionRule[] = [{ action: 'read', subject: 'Note', conditions: { status: { $ne: 'secret' } } }];
    expect(gap([{ action: 'read', subject: 'Note', conditions: { status: { $ne: 'secret' } } }], giver)).toBeNull();
    expect(gap([{ action: 'read', subject: 'Note', conditions: { status: 'public' } }], giver)).not.toBeNull();
  });

  describe('is sound: whatever a covered role allows, the giver allows too', () => {
    const actions = ['read', 'update', 'manage'] as const;
    const subjects = ['Team', 'Note'] as const;
    const fields = ['name', 'title'] as const;
    const values = ['a', 'b', 'c', '{{actor.id}}'] as const;
    const condition = fc.oneof(
      fc.constantFrom(...values),
      fc.record(
        { $in: fc.uniqueArray(fc.constantFrom(...values), { minLength: 1, maxLength: 3 }) },
        { noNullPrototype: true },
      ),
    );
    const rule = fc.record(
      {
        action: fc.constantFrom(...actions),
        subject: fc.constantFrom(...subjects),
        conditions: fc.dictionary(fc.constantFrom('owner', 'status'), condition, {
          minKeys: 1,
          maxKeys: 2,
          noNullPrototype: true,
        }),
        fields: fc.uniqueArray(fc.constantFrom(...fields), { minLength: 1, maxLength: 2 }),
      },
      { requiredKeys: ['action', 'subject'], noNullPrototype: true },
    ) as fc.Arbitrary<PermissionRule>;
    const record = fc.record({
      owner: fc.constantFrom('a', 'b', 'c', actor.id),
      status: fc.constantFrom('a', 'b', 'c', actor.id),
    });

    /** A giver holding the role's rules, some broadened (no conditions, no fields, manage), and more. */
    const broadened = (role: PermissionRule[]) =>
      fc
        .tuple(
          fc.array(fc.record({ conditions: fc.boolean(), fields: fc.boolean(), manage: fc.boolean() }), {
            minLength: role.length,
            maxLength: role.length,
          }),
          fc.array(rule, { maxLength: 2 }),
        )
        .map(([changes, extra]) => [
          ...role.map((r, i) => ({
            ...r,
            ...(changes[i].manage ? { action: 'manage' } : {}),
            ...(changes[i].conditions ? { conditions: undefined } : {}),
            ...(changes[i].fields ? { fields: undefined } : {}),
          })),
          ...extra,
        ]);
    const roleAndGiver = fc.oneof(
      fc.tuple(fc.array(rule, { maxLength: 3 }), fc.array(rule, { maxLength: 4 })),
      fc.array(rule, { minLength: 1, maxLength: 3 }).chain((role) => fc.tuple(fc.constant(role), broadened(role))),
    );
    const request = fc.tuple(
      fc.constantFrom('read', 'update', 'delete'),
      fc.constantFrom(...subjects),
      record,
      fc.option(fc.constantFrom(...fields), { nil: undefined }),
    );

    it('for random roles and givers', () => {
      let covered = 0;
      fc.assert(
        fc.property(roleAndGiver, fc.array(request, { minLength: 5, maxLength: 5 }), ([role, giver], requests) => {
          if (gap(role, giver) !== null) return;
          covered++;
          const roleAbility = buildAbility(role, { actor, workspace });
          const giverAbility = buildAbility(giver, { actor, workspace });
          for (const [action, type, row, field] of requests) {
            const target = subject(type, { ...row });
            if (roleAbility.can(action, target, field)) expect(giverAbility.can(action, target, field)).toBe(true);
          }
        }),
        { numRuns: 2000 },
      );
      // The property says something: many generated roles are covered (mostly the broadened ones).
      expect(covered).toBeGreaterThan(500);
    });
  });
});
