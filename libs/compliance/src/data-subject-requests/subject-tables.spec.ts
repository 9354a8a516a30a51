import type { InventoryActivity } from '../inventory/data-inventory';
import { childrenFirst, subjectCondition, subjectKeys, type SubjectTable, type TableColumn } from './subject-tables';

const column = (name: string, udtName: string, dataType = udtName): TableColumn => ({
  name,
  dataType,
  udtName,
  nullable: true,
  unique: false,
});

function table(name: string, references: string[] = [], subject = column('user_id', 'uuid')): SubjectTable {
  const activity = {
    plugin: 'p',
    table: name,
    subjectColumn: subject.name,
    fields: [],
  } as unknown as InventoryActivity;
  return { activity, columns: new Map([[subject.name, subject]]), key: ['id'], references: new Set(references) };
}

describe('childrenFirst', () => {
  it('puts every table before the tables it references, keeping the rest in order', () => {
    const users = table('users');
    const members = table('members', ['users', 'workspaces']);
    const teamMembers = table('team_members', ['members']);
    const notes = table('notes');
    const order = childrenFirst([users, members, notes, teamMembers]).map((t) => t.activity.table);
    expect(order.indexOf('team_members')).toBeLessThan(order.indexOf('members'));
    expect(order.indexOf('members')).toBeLessThan(order.indexOf('users'));
    expect(order).toHaveLength(4);
  });

  it('survives a cycle and a table declared twice', () => {
    const a = table('a', ['b']);
    const b = table('b', ['a']);
    const again = table('a');
    expect(childrenFirst([a, b, again])).toHaveLength(3);
  });
});

describe('subjectCondition', () => {
  const keys = subjectKeys('0193f0c2-0000-7000-8000-000000000001', 'Ada@Example.com');

  it('matches uuid subject columns by user id and text ones by id or address', () => {
    expect(subjectCondition(table('t'), keys, 1)).toEqual(['"user_id" = $1::uuid', keys.userId]);
    const [sql, value] = subjectCondition(table('t', [], column('recipient', 'text')), keys, 2);
    expect(sql).toBe('"recipient" = ANY($2::text[])');
    expect(value).toEqual([keys.userId, 'Ada@Example.com', 'ada@example.com']);
  });

  it('refuses a subject column the table does not have', () => {
    const broken = table('t');
    broken.columns.clear();
    expect(() => subjectCondition(broken, keys, 1)).toThrow('Inventory table t has no column user_id');
  });
});
