import type { RetentionDuration } from '../plugin.types';
import type { Candidate } from './candidate';
import type { PluginTables } from './entities.check';
import { afterLastDot } from './names';
import { problemOn, type PositionedProblem } from './problem';
import { UniqueNames } from './unique-names';
import { describeValue, isObject } from './values';

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

/**
 * Retention policy names are unique; each policy works on one of the plugin's own tables, through columns of that
 * table (age, id, workspace, user, anonymized columns); `anonymize` says how; setting and plan durations name an
 * option of a loaded plugin. The engine builds SQL from these names, so a policy that passes here cannot fail on them.
 */
export function checkRetention(candidates: readonly Candidate[], tables: PluginTables): PositionedProblem[] {
  const problems: PositionedProblem[] = [];
  const policyNames = new UniqueNames();
  const byName = new Map(candidates.map((c) => [c.definition.name, c] as const));
  for (const c of candidates) {
    const own = tables.columnsByPlugin.get(c) ?? new Map<string, Set<string>>();
    for (const policy of c.definition.retention ?? []) {
      const clash = policyNames.claim(c, policy.name, `retention policy "${policy.name}"`, 'declared');
      if (clash !== undefined) {
        problems.push(problemOn(c, clash, `rename one of them, e.g. "${c.label}.${afterLastDot(policy.name)}"`));
      }
      const what = `retention policy "${policy.name}"`;
      const columns = tableColumns(own, policy.table);
      if (columns === undefined) {
        problems.push(missingTable(c, own, what, policy.table));
      } else {
        const named: Array<[string, string | undefined]> = [
          ['ageColumn', policy.ageColumn],
          ['idColumn', policy.idColumn ?? 'id'],
          ['workspaceColumn', policy.workspaceColumn],
          ['userColumn', policy.userColumn],
          ...Object.keys(policy.anonymize ?? {}).map((column): [string, string] => ['anonymize column', column]),
        ];
        for (const [field, column] of named) {
          if (column !== undefined && !columns.has(column)) {
            problems.push(missingColumn(c, `${what}: ${field}`, column, policy.table, columns));
          }
        }
      }
      if (policy.action === 'anonymize' && policy.anonymize === undefined && policy.executor === undefined) {
        problems.push(
          problemOn(
            c,
            `${what} anonymizes but declares neither anonymize nor executor`,
            'add anonymize: { <column>: null | "<replacement>" } for each personal column, or an executor that anonymizes a batch',
          ),
        );
      }
      problems.push(...checkRetentionDuration(c, what, policy.keep, policy.workspaceColumn, byName));
    }
  }
  return problems;
}

/** A setting or plan duration names `<plugin>.<option>` of a loaded plugin, and a plan duration reads a plan. */
function checkRetentionDuration(
  c: Candidate,
  what: string,
  keep: RetentionDuration,
  workspaceColumn: string | undefined,
  byName: ReadonlyMap<string, Candidate>,
): PositionedProblem[] {
  const ref = 'setting' in keep ? keep.setting : 'plan' in keep ? keep.plan : undefined;
  if (ref === undefined) return [];
  const field = 'setting' in keep ? 'keep.setting' : 'keep.plan';
  const problems: PositionedProblem[] = [];
  if ('plan' in keep && workspaceColumn === undefined) {
    problems.push(
      problemOn(
        c,
        `${what}: keep.plan "${ref}" needs a workspaceColumn to read each row's workspace plan`,
        'add workspaceColumn: "<column holding the workspace id>", or keep the rows a fixed number of days',
      ),
    );
  }
  const dot = ref.lastIndexOf('.');
  const owner = dot > 0 ? byName.get(ref.slice(0, dot)) : undefined;
  if (owner === undefined) {
    problems.push(
      problemOn(
        c,
        `${what}: ${field} "${ref}" does not name an option of a loaded plugin`,
        `name it "<plugin>.<option>", e.g. "${c.label}.${dot > 0 ? ref.slice(dot + 1) : ref}", and load that plugin`,
      ),
    );
    return problems;
  }
  const key = ref.slice(dot + 1);
  const value = isObject(owner.options) ? owner.options[key] : undefined;
  const fits =
    'setting' in keep
      ? typeof value === 'number' && value > 0
      : isObject(value) &&
        typeof value['default'] === 'number' &&
        Object.values(value).every((days) => typeof days === 'number' && days > 0);
  if (!fits) {
    problems.push(
      problemOn(
        c,
        `${what}: ${field} "${ref}" is ${value === undefined ? 'not an option of plugin "' + owner.label + '"' : describeValue(value) + ', not ' + ('setting' in keep ? 'a positive number of days' : 'a map { default: days, <plan>: days }')}`,
        'setting' in keep
          ? `declare the option "${key}" (days, a positive number) in the options of "${owner.label}"`
          : `declare the option "${key}" as { default: <days>, <plan>: <days> } in the options of "${owner.label}"`,
      ),
    );
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
