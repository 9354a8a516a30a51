import { buildMongoQueryMatcher, createMongoAbility, type RawRuleOf } from '@casl/ability';
// The parsing instructions CASL itself is built on: only to enable $and/$or/$nor/$not in conditions.
import { $and, $nor, $not, $or, and, nor, not, or } from '@ucast/mongo2js';
import { Column, DataSource, Entity, PrimaryColumn, type SelectQueryBuilder } from 'typeorm';
import type { AppAbility } from '../context/request-context';
import { applyAbilityToQuery, type SubjectFieldMap } from './ability-to-sql';
import { buildAbility } from './ability.factory';

@Entity('notes')
class Note {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'workspace_id' }) workspaceId!: string;
  @Column('text', { name: 'owner_id', nullable: true }) ownerId!: string | null;
  @Column('text', { nullable: true }) status!: string | null;
  @Column('int', { nullable: true }) score!: number | null;
  @Column('jsonb', { default: {} }) data!: Record<string, unknown>;
}

const FIELDS: SubjectFieldMap = { ownerId: 'ownerId', status: 'status', score: 'score', title: `"data"->>'title'` };

type Rule = RawRuleOf<AppAbility>;
const ability = (rules: Rule[]): AppAbility => createMongoAbility(rules);

describe(applyAbilityToQuery.name, () => {
  let dataSource: DataSource;
  beforeAll(async () => {
    dataSource = new DataSource({ type: 'postgres', entities: [Note] });
    // Metadata without a connection: enough for createQueryBuilder and getQuery.
    await (dataSource as unknown as { buildMetadatas(): Promise<void> }).buildMetadatas();
  });

  const notes = (): SelectQueryBuilder<Note> => dataSource.createQueryBuilder(Note, 'n');
  const whereOf = (qb: SelectQueryBuilder<Note>): string => qb.getQuery().split(' WHERE ')[1] ?? '';
  const apply = (rules: Rule[], qb = notes(), action = 'read') =>
    applyAbilityToQuery(qb, 'n', ability(rules), action, 'Note', FIELDS);

  it('denies everything when no rule allows the action', () => {
    const qb = apply([{ action: 'update', subject: 'Note' }]);
    expect(whereOf(qb)).toBe('(1 = 0)');
    expect(qb.getParameters()).toEqual({});
  });

  it('adds nothing for an unconditional allow', () => {
    const qb = apply([{ action: 'read', subject: 'Note' }]);
    expect(qb.getQuery()).not.toContain('WHERE');
  });

  it('adds nothing for manage/all', () => {
    expect(apply([{ action: 'manage', subject: 'all' }]).getQuery()).not.toContain('WHERE');
  });

  it('turns a condition into a parameterised comparison on the mapped column', () => {
    const qb = apply([{ action: 'read', subject: 'Note', conditions: { ownerId: 'alice' } }]);
    expect(whereOf(qb)).toBe(`("n"."owner_id" = :ab0)`);
    expect(qb.getParameters()).toEqual({ ab0: 'alice' });
  });

  it('ORs two allow rules', () => {
    const qb = apply([
      { action: 'read', subject: 'Note', conditions: { ownerId: 'alice' } },
      { action: 'read', subject: 'Note', conditions: { status: 'published' } },
    ]);
    expect(whereOf(qb)).toBe(`(("n"."status" = :ab0 OR "n"."owner_id" = :ab1))`);
    expect(qb.getParameters()).toEqual({ ab0: 'published', ab1: 'alice' });
  });

  it('bounds an allow by a later forbid rule, keeping rows whose column is NULL', () => {
    const qb = apply([
      { action: 'read', subject: 'Note', conditions: { ownerId: 'alice' } },
      { action: 'read', subject: 'Note', conditions: { status: 'archived' }, inverted: true },
    ]);
    // NOT (status = 'archived') must keep status NULL, as CASL's in-memory check does.
    expect(whereOf(qb)).toBe(`(("n"."owner_id" = :ab0 AND ("n"."status" <> :ab1 OR "n"."status" IS NULL)))`);
    expect(qb.getParameters()).toEqual({ ab0: 'alice', ab1: 'archived' });
  });

  it('bounds an unconditional allow by the forbid rules', () => {
    const qb = apply([
      { action: 'read', subject: 'Note' },
      { action: 'read', subject: 'Note', conditions: { status: { $in: ['archived', 'deleted'] } }, inverted: true },
    ]);
    expect(whereOf(qb)).toBe(`(("n"."status" NOT IN (:ab0, :ab1) OR "n"."status" IS NULL))`);
  });

  it('ignores a forbid rule that an allow of higher priority overrides', () => {
    const qb = apply([
      { action: 'read', subject: 'Note', conditions: { status: 'archived' }, inverted: true },
      { action: 'read', subject: 'Note', conditions: { ownerId: 'alice' } },
    ]);
    expect(whereOf(qb)).toBe(`("n"."owner_id" = :ab0)`);
  });

  it('denies everything below an unconditional forbid', () => {
    const qb = apply([
      { action: 'read', subject: 'Note', conditions: { ownerId: 'alice' } },
      { action: 'read', subject: 'Note', inverted: true },
    ]);
    expect(whereOf(qb)).toBe('(1 = 0)');
  });

  it('binds each $in value as its own parameter and matches NULL when the list holds null', () => {
    const qb = apply([{ action: 'read', subject: 'Note', conditions: { status: { $in: ['draft', null, 'review'] } } }]);
    expect(whereOf(qb)).toBe(`(("n"."status" IN (:ab0, :ab1) OR "n"."status" IS NULL))`);
    expect(qb.getParameters()).toEqual({ ab0: 'draft', ab1: 'review' });
  });

  it('treats an empty $in as no match and an empty $nin as every row', () => {
    expect(whereOf(apply([{ action: 'read', subject: 'Note', conditions: { status: { $in: [] } } }]))).toBe('(1 = 0)');
    expect(apply([{ action: 'read', subject: 'Note', conditions: { status: { $nin: [] } } }]).getQuery()).not.toContain(
      'WHERE',
    );
  });

  it('maps $eq null, $ne null and $exists to IS [NOT] NULL', () => {
    const qb = apply([
      { action: 'read', subject: 'Note', conditions: { ownerId: null } },
      { action: 'read', subject: 'Note', conditions: { status: { $ne: null }, score: { $exists: true } } },
    ]);
    expect(whereOf(qb)).toBe(`((("n"."status" IS NOT NULL AND "n"."score" IS NOT NULL) OR "n"."owner_id" IS NULL))`);
    expect(qb.getParameters()).toEqual({});
  });

  it('casts numbers and gives ranges the meaning CASL gives a null property (null < 5 is true)', () => {
    const qb = apply([{ action: 'read', subject: 'Note', conditions: { score: { $lt: 5, $gt: 2.5 } } }]);
    expect(whereOf(qb)).toBe(
      `((("n"."score" < :ab0::bigint OR "n"."score" IS NULL) AND "n"."score" > :ab1::double precision))`,
    );
    expect(qb.getParameters()).toEqual({ ab0: 5, ab1: 2.5 });
  });

  it('uses expression columns such as jsonb paths', () => {
    const qb = apply([{ action: 'read', subject: 'Note', conditions: { title: 'Hello' } }]);
    expect(whereOf(qb)).toBe(`("n"."data"->>'title' = :ab0)`);
  });

  it('converts nested $and/$or/$nor/$not when the ability parses them', () => {
    const logical = buildMongoQueryMatcher({ $and, $or, $nor, $not }, { and, or, nor, not });
    const nested = createMongoAbility(
      [
        {
          action: 'read',
          subject: 'Note',
          conditions: {
            $or: [{ ownerId: 'alice' }, { $and: [{ status: 'published' }, { score: { $not: { $lt: 3 } } }] }],
            $nor: [{ status: 'spam' }],
          },
        },
      ],
      { conditionsMatcher: logical },
    );
    const qb = applyAbilityToQuery(notes(), 'n', nested, 'read', 'Note', FIELDS);
    expect(whereOf(qb)).toBe(
      `((("n"."owner_id" = :ab0 OR ("n"."status" = :ab1 AND "n"."score" >= :ab2::bigint)) AND ("n"."status" <> :ab3 OR "n"."status" IS NULL)))`,
    );
    expect(qb.getParameters()).toEqual({ ab0: 'alice', ab1: 'published', ab2: 3, ab3: 'spam' });
  });

  it('throws for a condition field with no column, naming the field and the subject', () => {
    expect(() => apply([{ action: 'read', subject: 'Note', conditions: { authorId: 'alice' } }])).toThrow(
      /"Note".*condition field "authorId"/,
    );
  });

  it('throws for an operator with no SQL form', () => {
    expect(() => apply([{ action: 'read', subject: 'Note', conditions: { status: { $regex: '^a' } } }])).toThrow(
      /\$regex has no SQL form/,
    );
  });

  it('keeps row filtering intact next to field-level rules', () => {
    const qb = apply([
      { action: 'read', subject: 'Note', conditions: { ownerId: 'alice' } },
      // Hiding a field does not hide the row; allowing some fields of other rows shows those rows.
      { action: 'read', subject: 'Note', fields: ['score'], inverted: true },
      { action: 'read', subject: 'Note', fields: ['status'], conditions: { status: 'published' } },
    ]);
    expect(whereOf(qb)).toBe(`(("n"."status" = :ab0 OR "n"."owner_id" = :ab1))`);
  });

  it('never widens an existing WHERE and picks fresh parameter names when applied twice', () => {
    const qb = notes().where('n.workspace_id = :ws OR n.workspace_id = :ws2', { ws: 'w1', ws2: 'w2' });
    apply([{ action: 'read', subject: 'Note', conditions: { ownerId: 'alice' } }], qb);
    apply([{ action: 'update', subject: 'Note', conditions: { status: 'draft' } }], qb, 'update');
    expect(whereOf(qb)).toBe(
      `(("n"."workspace_id" = :ws OR "n"."workspace_id" = :ws2) AND ("n"."owner_id" = :ab0)) AND ("n"."status" = :ab1)`,
    );
    expect(qb.getParameters()).toEqual({ ws: 'w1', ws2: 'w2', ab0: 'alice', ab1: 'draft' });
  });

  it('fills {{actor.id}} before converting: the value is a parameter, never SQL text', () => {
    const actor = { type: 'user' as const, id: "x' OR 1=1 --" };
    const filled = buildAbility([{ action: 'read', subject: 'Note', conditions: { ownerId: '{{actor.id}}' } }], {
      actor,
      workspace: { id: '00000000-0000-7000-8000-000000000001', slug: 'acme' },
    });
    const qb = applyAbilityToQuery(notes(), 'n', filled, 'read', 'Note', FIELDS);
    expect(qb.getQuery()).not.toContain('1=1');
    expect(qb.getParameters()).toEqual({ ab0: "x' OR 1=1 --" });
  });
});
