import { subject } from '@casl/ability';
import {
  applyAbilityToQuery,
  buildAbility,
  type PermissionRule,
  type SubjectFieldMap,
  type WorkspaceRef,
} from '@quire/core';
import { createTestApp, FixtureTenancy, fixtureTenancyPlugin, type TestApp } from '@quire/testing';
import fc from 'fast-check';

/**
 * The list SQL keeps exactly the rows CASL's in-memory check allows: for random rule sets, the ids a
 * query returns equal the rows for which `ability.can('read', row)` holds, NULL columns included.
 */

interface Row {
  id: string;
  workspaceId: string;
  ownerId: string | null;
  status: string | null;
  score: number | null;
}

const FIELDS: SubjectFieldMap = { ownerId: 'owner_id', status: 'status', score: 'score' };
const OWNERS = ['alice', 'bob', 'carol'];
const STATUSES = ['draft', 'review', 'published', 'archived'];

const rowArbitrary = (workspaceId: string): fc.Arbitrary<Row> =>
  fc.record({
    id: fc.uuid({ version: 4 }),
    workspaceId: fc.constant(workspaceId),
    ownerId: fc.option(fc.constantFrom(...OWNERS), { nil: null }),
    status: fc.option(fc.constantFrom(...STATUSES), { nil: null }),
    score: fc.option(fc.integer({ min: -3, max: 12 }), { nil: null }),
  });

// Plain objects only: CASL reads a null-prototype `{ $eq: x }` as a value to compare, not as an operator.
const plain = { noNullPrototype: true } as const;

/** Conditions on one field: a bare value or one operator, with `{{actor.id}}` among the owners. */
function conditionOn<V>(values: fc.Arbitrary<V>, ranges: boolean): fc.Arbitrary<unknown> {
  const list = fc.array(values, { maxLength: 3 });
  const options: fc.Arbitrary<unknown>[] = [
    values,
    fc.record({ $eq: values }, plain),
    fc.record({ $ne: values }, plain),
    fc.record({ $in: list }, plain),
    fc.record({ $nin: list }, plain),
  ];
  if (ranges) {
    const bound = fc.integer({ min: -4, max: 13 });
    options.push(
      fc.record({ $lt: bound, $gte: bound }, { ...plain, requiredKeys: ['$lt'] }),
      fc.record({ $lte: bound }, plain),
      fc.record({ $gt: bound }, plain),
      fc.record({ $gte: bound }, plain),
    );
  }
  return fc.oneof(...options);
}

const conditions = fc.record(
  {
    ownerId: conditionOn(fc.constantFrom<string | null>(...OWNERS, '{{actor.id}}', null), false),
    status: conditionOn(fc.constantFrom<string | null>(...STATUSES, null), false),
    score: conditionOn(fc.option(fc.integer({ min: -3, max: 12 }), { nil: null }), true),
  },
  { ...plain, requiredKeys: [] },
);

const rule: fc.Arbitrary<PermissionRule> = fc.record(
  {
    action: fc.constantFrom('read', 'read', 'manage', 'update'),
    subject: fc.constantFrom('Row', 'all'),
    conditions,
    inverted: fc.boolean(),
    // Field-level rules must not change which rows are listed, only which fields are shown.
    fields: fc.constantFrom(['status'], ['score', 'ownerId']),
  },
  { ...plain, requiredKeys: ['action', 'subject'] },
);

describe(`${applyAbilityToQuery.name} on PostgreSQL`, () => {
  let sut: TestApp;
  let acme: WorkspaceRef;
  let rows: Row[];

  beforeAll(async () => {
    const tenancy = new FixtureTenancy();
    acme = tenancy.addWorkspace('acme');
    const other = tenancy.addWorkspace('other');
    sut = await createTestApp({ plugins: [fixtureTenancyPlugin(tenancy)] });
    await sut.dataSource.query(
      `CREATE TABLE perm_rows (id uuid PRIMARY KEY, workspace_id uuid NOT NULL, owner_id text, status text, score int)`,
    );
    rows = fc.sample(rowArbitrary(acme.id), { numRuns: 200, seed: 4242 });
    // Rows of another workspace that the same rules would allow: the tenant scope must keep them out.
    const foreign = fc.sample(rowArbitrary(other.id), { numRuns: 40, seed: 99 });
    for (const r of [...rows, ...foreign]) {
      await sut.dataSource.query(
        `INSERT INTO perm_rows (id, workspace_id, owner_id, status, score) VALUES ($1, $2, $3, $4, $5)`,
        [r.id, r.workspaceId, r.ownerId, r.status, r.score],
      );
    }
  });

  afterAll(() => sut?.close());

  async function listedIds(
    rules: PermissionRule[],
    actorId: string | null,
  ): Promise<{ sql: string[]; memory: string[] }> {
    const ability = buildAbility(rules, { actor: { type: 'user', id: actorId }, workspace: acme });
    const qb = sut.dataSource
      .createQueryBuilder()
      .select('r.id', 'id')
      .from('perm_rows', 'r')
      .where('r.workspace_id = :ws', { ws: acme.id });
    applyAbilityToQuery(qb, 'r', ability, 'read', 'Row', FIELDS);
    const listed = await qb.getRawMany<{ id: string }>();
    const allowed = rows.filter((r) => ability.can('read', subject('Row', { ...r })));
    return { sql: listed.map((r) => r.id).sort(), memory: allowed.map((r) => r.id).sort() };
  }

  it('returns exactly the rows CASL allows in memory, for random rule sets', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(rule, { minLength: 1, maxLength: 5 }),
        fc.constantFrom<string | null>(...OWNERS, null),
        async (rules, actorId) => {
          const { sql, memory } = await listedIds(rules, actorId);
          expect(sql).toEqual(memory);
        },
      ),
      { numRuns: 50 },
    );
  });

  it('keeps rows with NULL columns that a forbid rule does not match', async () => {
    const { sql, memory } = await listedIds(
      [
        { action: 'read', subject: 'Row' },
        { action: 'read', subject: 'Row', inverted: true, conditions: { status: 'archived' } },
        {
          action: 'read',
          subject: 'Row',
          inverted: true,
          conditions: { ownerId: { $nin: ['{{actor.id}}'] }, score: { $lt: 0 } },
        },
      ],
      'alice',
    );
    expect(sql).toEqual(memory);
    expect(sql).toEqual(
      expect.arrayContaining(rows.filter((r) => r.status === null && r.ownerId === 'alice').map((r) => r.id)),
    );
  });

  it('lists nothing without a rule and everything in the workspace for an unconditional allow', async () => {
    expect((await listedIds([], 'alice')).sql).toEqual([]);
    expect((await listedIds([{ action: 'read', subject: 'Row' }], 'alice')).sql).toEqual(rows.map((r) => r.id).sort());
  });
});
