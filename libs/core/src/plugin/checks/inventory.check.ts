import type { Candidate } from './candidate';
import type { PluginTables } from './entities.check';
import { afterLastDot } from './names';
import { problemOn, type PositionedProblem } from './problem';
import { UniqueNames } from './unique-names';

/** Each data inventory entry names a table of the plugin's own entities, and columns of that table. */
export function checkDataInventory(candidates: readonly Candidate[], tables: PluginTables): PositionedProblem[] {
  const problems: PositionedProblem[] = [];
  for (const c of candidates) {
    const own = tables.columnsByPlugin.get(c) ?? new Map<string, Set<string>>();
    for (const entry of c.definition.dataInventory ?? []) {
      const columns = tableColumns(own, entry.table);
      if (columns === undefined) {
        problems.push(missingTable(c, own, 'a data inventory entry', entry.table));
        continue;
      }
      const what = `data inventory of table "${entry.table}":`;
      if (!columns.has(entry.subjectColumn)) {
        problems.push(missingColumn(c, `${what} subjectColumn`, entry.subjectColumn, entry.table, columns));
      }
      for (const field of entry.fields ?? []) {
        if (!columns.has(field.column)) {
          problems.push(missingColumn(c, `${what} field`, field.column, entry.table, columns));
        }
      }
    }
  }
  return problems;
}

/** Retention policy names are unique, and each policy ages rows by a column of one of the plugin's own tables. */
export function checkRetention(candidates: readonly Candidate[], tables: PluginTables): PositionedProblem[] {
  const problems: PositionedProblem[] = [];
  const policyNames = new UniqueNames();
  for (const c of candidates) {
    const own = tables.columnsByPlugin.get(c) ?? new Map<string, Set<string>>();
    for (const policy of c.definition.retention ?? []) {
      const clash = policyNames.claim(c, policy.name, `retention policy "${policy.name}"`, 'declared');
      if (clash !== undefined) {
        problems.push(problemOn(c, clash, `rename one of them, e.g. "${c.label}.${afterLastDot(policy.name)}"`));
      }
      const columns = tableColumns(own, policy.table);
      if (columns === undefined) {
        problems.push(missingTable(c, own, `retention policy "${policy.name}"`, policy.table));
      } else if (!columns.has(policy.ageColumn)) {
        problems.push(
          missingColumn(c, `retention policy "${policy.name}": ageColumn`, policy.ageColumn, policy.table, columns),
        );
      }
    }
  }
  return problems;
}

/** The columns of a table that one of the plugin's own entities maps to; also found by its unqualified name. */
function tableColumns(tables: Map<string, Set<string>>, table: string): Set<string> | undefined {
  return tables.get(table) ?? [...tables.entries()].find(([qualified]) => qualified.split('.').pop() === table)?.[1];
}

function missingTable(c: Candidate, tables: Map<string, Set<string>>, what: string, table: string): PositionedProblem {
  const known = [...tables.keys()];
  return problemOn(
    c,
    `${what} names table "${table}", which no entity of "${c.label}" maps to`,
    `add the entity that maps to "${table}" to the entities of "${c.label}", or correct the table name (its tables: ${known.length > 0 ? known.join(', ') : 'none'})`,
  );
}

function missingColumn(
  c: Candidate,
  what: string,
  column: string,
  table: string,
  columns: Set<string>,
): PositionedProblem {
  return problemOn(
    c,
    `${what} "${column}" is not a column of table "${table}" (its columns: ${[...columns].join(', ') || 'none'})`,
    `name one of those columns, or map the entity property to it with @Column({ name: '${column}' })`,
  );
}
