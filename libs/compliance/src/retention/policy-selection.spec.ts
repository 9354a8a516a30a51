import { describe, expect, it } from '@jest/globals';
import type { RetentionPolicy } from '@quire/core';
import { PolicySelection } from './policy-selection';
import { resolveDuration } from './retention-duration';

const policy: RetentionPolicy = {
  name: 'acme.old-notes',
  table: 'acme_notes',
  ageColumn: 'written_at',
  condition: "status = 'archived'",
  action: 'delete',
  keep: { days: 30 },
  description: 'Old notes',
};

describe(PolicySelection.name, () => {
  it('selects due, unheld rows oldest first, in locked batches, with every name quoted and every value a parameter', () => {
    const sut = new PolicySelection(policy, resolveDuration(policy.keep, []), 50);

    const { sql, params } = sut.nextBatch(undefined);

    expect(sql).toContain('FROM "acme_notes" t WHERE t."written_at" < now() - make_interval(days => $1::int)');
    expect(sql).toContain("AND (status = 'archived')");
    expect(sql).toContain('ORDER BY t."written_at", t."id" LIMIT $2 FOR UPDATE OF t SKIP LOCKED');
    expect(params).toEqual([30, 50]);
  });

  it('resumes after the cursor, so a batch an executor left in place is not selected again', () => {
    const sut = new PolicySelection(policy, resolveDuration(policy.keep, []));

    const { sql, params } = sut.nextBatch({ age: '2020-01-01 00:00:00+00', id: 'abc' });

    expect(sql).toContain('t."written_at" >= $2 AND (t."written_at" > $2 OR t."id" > $3)');
    expect(params).toEqual([30, '2020-01-01 00:00:00+00', 'abc', 1000]);
  });

  it('spares rows under time-range holds always, and under workspace and user holds only through declared columns', () => {
    const bare = new PolicySelection(policy, resolveDuration(policy.keep, [])).nextBatch(undefined).sql;
    expect(bare).toContain("h.scope = 'time-range'");
    expect(bare).toContain('h.workspace_id IS NULL)');
    expect(bare).not.toContain("h.scope = 'workspace'");
    expect(bare).not.toContain("h.scope = 'user'");

    const tied = { ...policy, workspaceColumn: 'workspace_id', userColumn: 'author_id' };
    const held = new PolicySelection(tied, resolveDuration(tied.keep, [])).nextBatch(undefined).sql;
    expect(held).toContain(`(h.scope = 'workspace' AND h.workspace_id::text = t."workspace_id"::text)`);
    expect(held).toContain(`(h.scope = 'user' AND h.user_id::text = t."author_id"::text)`);
    expect(held).toContain(`(h.workspace_id IS NULL OR h.workspace_id::text = t."workspace_id"::text)`);
  });

  it("reads a plan duration per row from its workspace's plan, and a setting from the plugin's options", () => {
    const byPlan: RetentionPolicy = {
      ...policy,
      keep: { plan: 'acme.keepDays', defaultDays: 9 },
      workspaceColumn: 'workspace_id',
    };
    const plugins = [
      {
        name: 'acme',
        version: '1.0.0',
        definition: { name: 'acme', version: '1.0.0' },
        options: { keepDays: { default: 14, scale: 60 }, days: 7 },
      },
    ];
    const plan = new PolicySelection(byPlan, resolveDuration(byPlan.keep, plugins)).count();
    expect(plan.sql).toContain(
      'COALESCE((SELECT ($1::jsonb ->> w.plan)::int FROM workspaces w WHERE w.id = t."workspace_id"), $2::int)',
    );
    expect(plan.params).toEqual([JSON.stringify({ scale: 60 }), 14]);

    expect(resolveDuration({ setting: 'acme.days', defaultDays: 3 }, plugins)).toEqual({
      kind: 'days',
      days: 7,
      source: 'setting',
    });
    expect(resolveDuration({ setting: 'acme.missing', defaultDays: 3 }, plugins)).toMatchObject({ days: 3 });
  });

  it('anonymizes with an UPDATE from the declared map, values as parameters', () => {
    const anonymizing: RetentionPolicy = {
      ...policy,
      action: 'anonymize',
      anonymize: { author_name: null, author_email: 'erased@example.invalid' },
    };

    const { sql, params } = new PolicySelection(anonymizing, resolveDuration(policy.keep, [])).apply(['a', 'b']);

    expect(sql).toBe('UPDATE "acme_notes" SET "author_name" = $1, "author_email" = $2 WHERE "id" = ANY($3)');
    expect(params).toEqual([null, 'erased@example.invalid', ['a', 'b']]);
  });
});
