import { createMongoAbility, type RawRuleOf } from '@casl/ability';
import fc from 'fast-check';
import { Column, DataSource, Entity, PrimaryColumn } from 'typeorm';
import type { AppAbility } from '../context/request-context';
import { applyAbilityToQuery, type SubjectFieldMap } from './ability-to-sql';

// Whether the SQL keeps the same rows as CASL is a property of the database: libs/core/test/permissions.int-spec.ts.

@Entity('notes')
class Note {
  @PrimaryColumn('uuid') id!: string;
  @Column('text', { name: 'owner_id', nullable: true }) ownerId!: string | null;
  @Column('text', { nullable: true }) status!: string | null;
  @Column('int', { nullable: true }) score!: number | null;
}

const FIELDS: SubjectFieldMap = { ownerId: 'ownerId', status: 'status', score: 'score' };
type Rule = RawRuleOf<AppAbility>;

// Values that cannot occur in SQL text by accident, so finding one there means it was concatenated.
const text = fc.stringMatching(/^[a-z]{5}$/).map((s) => `val_${s}`);
const number = fc.oneof(
  fc.integer({ min: 1_000_000, max: 9_999_999 }),
  fc.double({ min: 1_000_001, max: 9_999_999, noNaN: true }),
);
const value = fc.oneof(text, number, fc.constant(null));
const comparable = fc.oneof(text, number);

// Plain objects only: CASL reads a null-prototype `{ $eq: x }` as a value to compare, not as an operator.
const plain = { noNullPrototype: true } as const;
const fieldCondition = fc.oneof(
  value,
  fc.record({ $eq: value }, plain),
  fc.record({ $ne: value }, plain),
  fc.record({ $in: fc.array(value, { maxLength: 4 }) }, plain),
  fc.record({ $nin: fc.array(value, { maxLength: 4 }) }, plain),
  fc.record({ $lt: comparable, $gte: comparable }, { ...plain, requiredKeys: ['$lt'] }),
  fc.record({ $gt: comparable, $lte: comparable }, { ...plain, requiredKeys: ['$gt'] }),
  fc.record({ $exists: fc.boolean() }, plain),
);

const rule: fc.Arbitrary<Rule> = fc.record(
  {
    action: fc.constantFrom('read', 'update'),
    subject: fc.constantFrom('Note', 'all'),
    conditions: fc.dictionary(fc.constantFrom('ownerId', 'status', 'score'), fieldCondition, { ...plain, maxKeys: 3 }),
    inverted: fc.boolean(),
    fields: fc.constantFrom(['status'], ['score', 'ownerId']),
  },
  { ...plain, requiredKeys: ['action', 'subject'] },
);

function collectValues(input: unknown, into: Array<string | number> = []): Array<string | number> {
  if (typeof input === 'string' || typeof input === 'number') into.push(input);
  else if (input && typeof input === 'object') Object.values(input).forEach((v) => collectValues(v, into));
  return into;
}

describe(`${applyAbilityToQuery.name} (properties)`, () => {
  let dataSource: DataSource;
  beforeAll(async () => {
    dataSource = new DataSource({ type: 'postgres', entities: [Note] });
    await (dataSource as unknown as { buildMetadatas(): Promise<void> }).buildMetadatas();
  });

  it('never puts a condition value into SQL text and never throws for valid rules, even applied twice', () => {
    fc.assert(
      fc.property(fc.array(rule, { maxLength: 6 }), fc.array(rule, { maxLength: 6 }), (first, second) => {
        const qb = dataSource.createQueryBuilder(Note, 'n').where('n.id IS NOT NULL');
        applyAbilityToQuery(qb, 'n', createMongoAbility(first), 'read', 'Note', FIELDS);
        applyAbilityToQuery(qb, 'n', createMongoAbility(second), 'read', 'Note', FIELDS);

        const sql = qb.getQuery();
        const parameters = qb.getParameters();
        for (const v of collectValues(conditionsOf([...first, ...second]))) {
          expect(sql).not.toContain(String(v));
        }
        // Every placeholder is a bound, uniquely named parameter, and every parameter is used.
        const placeholders = [...sql.matchAll(/:(ab\d+)/g)].map((m) => m[1]);
        expect(new Set(placeholders).size).toBe(placeholders.length);
        expect(placeholders.sort()).toEqual(Object.keys(parameters).sort());
      }),
      { numRuns: 300 },
    );
  });
});

function conditionsOf(rules: Rule[]): unknown[] {
  return rules.map((r) => r.conditions);
}
