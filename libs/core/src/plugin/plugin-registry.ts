import Ajv2020 from 'ajv/dist/2020';
import type { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { CronTime } from 'cron';
import { coerce, satisfies, valid, validRange } from 'semver';
import { DefaultNamingStrategy, getMetadataArgsStorage } from 'typeorm';
import type { ScheduledJobDeclaration } from '../jobs/job.types';
import { BUILT_IN_ROLES } from '../permissions/permission.types';
import { PluginRegistryError, type PluginProblem } from './plugin-registry.errors';
import { toPluginSummary } from './plugin-summary';
import type {
  EntityClass,
  JsonSchema,
  LoadedPluginSummary,
  MigrationClass,
  QuirePlugin,
  QuirePluginDefinition,
} from './plugin.types';

/** A plugin that passed every check, with the options it runs with. */
export interface ResolvedPlugin {
  name: string;
  version: string;
  definition: QuirePluginDefinition<unknown>;
  options: unknown;
}

/**
 * The set of loaded plugins, validated and in dependency order. Built once at boot by `resolve`,
 * which refuses the whole configuration (listing every problem) rather than booting half of it.
 */
export class PluginRegistry {
  private constructor(
    readonly plugins: readonly ResolvedPlugin[],
    private readonly tableNames: ReadonlyMap<EntityClass, string>,
  ) {}

  /** Validates every declaration and resolves the load order; throws PluginRegistryError listing EVERY problem found. */
  // `any`: a list mixes plugins with unrelated option types, and O appears in both in and out positions of QuirePlugin.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  static resolve(plugins: readonly QuirePlugin<any>[]): PluginRegistry {
    const problems = new ProblemList();
    const candidates = readCandidates(plugins, problems);
    const loaded = checkIdentities(candidates, problems);
    // A second plugin of the same name is reported once, above; checking it as well would repeat every clash.
    const distinct = candidates.filter(
      (c) => loaded.get(c.definition.name) === c || typeof c.definition.name !== 'string',
    );
    checkDependencies(distinct, loaded, problems);
    for (const candidate of distinct) {
      checkOptions(candidate, problems);
      checkSettings(candidate, problems);
    }
    checkPermissions(distinct, problems);
    const tables = checkEntities(distinct, problems);
    checkDataInventory(distinct, tables, problems);
    checkRetention(distinct, tables, problems);
    checkJobs(distinct, problems);
    checkAdmin(distinct, problems);
    problems.throwIfAny();

    const ordered = loadOrder(distinct, loaded).map((c): ResolvedPlugin =>
      Object.freeze({
        name: c.definition.name,
        version: c.definition.version,
        definition: c.definition,
        options: c.options,
      }),
    );
    return new PluginRegistry(Object.freeze(ordered), tables.nameOf);
  }

  get(name: string): ResolvedPlugin | undefined {
    return this.plugins.find((plugin) => plugin.name === name);
  }

  /** All plugins' entities, in load order. */
  entities(): EntityClass[] {
    return this.plugins.flatMap((p) => p.definition.entities ?? []);
  }

  /** All plugins' migrations, in load order (a plugin's tables exist before a dependent plugin references them). */
  migrations(): MigrationClass[] {
    return this.plugins.flatMap((p) => p.definition.migrations ?? []);
  }

  permissionSubjects(): string[] {
    return this.plugins.flatMap((p) => p.definition.permissions?.subjects ?? []);
  }

  /** Actions are shared verbs (`read` is declared by many plugins), so each appears once. */
  permissionActions(): string[] {
    return [...new Set(this.plugins.flatMap((p) => p.definition.permissions?.actions ?? []))];
  }

  jobs(): Array<ScheduledJobDeclaration & { plugin: string }> {
    return this.plugins.flatMap((p) => (p.definition.jobs ?? []).map((job) => ({ ...job, plugin: p.name })));
  }

  summaries(): LoadedPluginSummary[] {
    return this.plugins.map((p) => toPluginSummary(p, (entity) => this.tableNames.get(entity) ?? entity.name));
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Problems

/** An entry of the configured plugins list that at least looks like a plugin value. */
interface Candidate {
  /** Position in the configured list: the tie-breaker of the load order and of the problem list. */
  readonly index: number;
  /** How problems name it: its name when it has a usable one, else `plugins[i]`. */
  readonly label: string;
  readonly definition: QuirePluginDefinition<unknown>;
  readonly options: unknown;
}

class ProblemList {
  private readonly items: Array<{ order: number; problem: PluginProblem }> = [];

  add(on: Candidate | { index: number; label: string }, problem: string, fix: string): void {
    this.items.push({ order: on.index, problem: { plugin: on.label, problem, fix } });
  }

  throwIfAny(): void {
    if (this.items.length === 0) return;
    // Grouped by plugin in configured order, so each plugin's problems read together.
    const sorted = [...this.items].sort((a, b) => a.order - b.order).map((item) => item.problem);
    throw new PluginRegistryError(sorted);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Identity: shape, name, version, duplicates

const KEBAB = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
const PASCAL_CASE = /^[A-Z][A-Za-z0-9]*$/;

function readCandidates(plugins: unknown, problems: ProblemList): Candidate[] {
  if (!Array.isArray(plugins)) {
    problems.add(
      { index: -1, label: 'plugins' },
      'the plugins list is not an array',
      'pass an array of plugin values, e.g. [WorkspacesPlugin, ContentPlugin]',
    );
    return [];
  }
  const candidates: Candidate[] = [];
  plugins.forEach((plugin: unknown, index) => {
    const definition = isObject(plugin) && isObject(plugin['definition']) ? plugin['definition'] : undefined;
    if (!isObject(plugin) || definition === undefined) {
      problems.add(
        { index, label: `plugins[${index}]` },
        `plugins[${index}] is ${describeValue(plugin)}, not a plugin value`,
        'pass the value returned by definePlugin({...}) (or its .with(...)), not a Nest module or a bare definition',
      );
      return;
    }
    const name = definition['name'];
    const label = typeof name === 'string' && name.length > 0 ? name : `plugins[${index}]`;
    candidates.push({
      index,
      label,
      definition: definition as unknown as QuirePluginDefinition<unknown>,
      options: plugin['options'],
    });
  });
  return candidates;
}

/** Checks names and versions; returns the loaded plugins by name (first of duplicates wins, the rest are problems). */
function checkIdentities(candidates: Candidate[], problems: ProblemList): Map<string, Candidate> {
  const loaded = new Map<string, Candidate>();
  for (const c of candidates) {
    const { name, version } = c.definition;
    if (typeof name !== 'string' || name.length < 2 || name.length > 50 || !KEBAB.test(name)) {
      const suggestion = suggestKebab(typeof name === 'string' ? name : '');
      problems.add(
        c,
        `name ${JSON.stringify(name)} is not lower-case kebab-case of 2 to 50 characters`,
        `rename the plugin, e.g. "${suggestion.length >= 2 ? suggestion : 'acme-reviews'}"`,
      );
    }
    if (typeof version !== 'string' || valid(version) === null) {
      const suggestion = typeof version === 'string' ? coerce(version)?.version : undefined;
      problems.add(
        c,
        `version ${JSON.stringify(version)} is not a valid semantic version`,
        `set version to MAJOR.MINOR.PATCH, e.g. "${suggestion ?? '1.0.0'}"`,
      );
    }
    if (typeof name !== 'string') continue;
    const first = loaded.get(name);
    if (first === undefined) {
      loaded.set(name, c);
    } else {
      problems.add(
        c,
        `two plugins are named "${name}" (plugins[${first.index}] and plugins[${c.index}])`,
        `remove one of them from the plugins list, or rename one`,
      );
    }
  }
  return loaded;
}

// ---------------------------------------------------------------------------------------------------------------
// Dependencies: requires, conflicts, cycles, load order

function requiredNames(c: Candidate): string[] {
  return isObject(c.definition.requires) ? Object.keys(c.definition.requires) : [];
}

function checkDependencies(candidates: Candidate[], loaded: Map<string, Candidate>, problems: ProblemList): void {
  const reportedConflicts = new Set<string>();
  for (const c of candidates) {
    for (const [dependency, range] of Object.entries(c.definition.requires ?? {})) {
      const target = loaded.get(dependency);
      if (typeof range !== 'string' || validRange(range) === null) {
        problems.add(
          c,
          `requires "${dependency}" with ${JSON.stringify(range)}, which is not a valid semver range`,
          `write a range such as "^1.0.0" in requires.${quoteKey(dependency)}`,
        );
      } else if (target === undefined) {
        problems.add(
          c,
          `requires "${dependency}" ${range}, which is not loaded`,
          `add the "${dependency}" plugin (e.g. ${pluginConstName(dependency)}) to the plugins list, or remove "${dependency}" from the requires of "${c.label}"`,
        );
      } else if (
        valid(target.definition.version) !== null &&
        !satisfies(target.definition.version, range, { includePrerelease: true })
      ) {
        problems.add(
          c,
          `requires "${dependency}" ${range}, but "${dependency}" ${target.definition.version} is loaded`,
          `load a version of "${dependency}" that satisfies ${range}, or widen requires.${quoteKey(dependency)} of "${c.label}" to include ${target.definition.version}`,
        );
      }
    }
    for (const other of Array.isArray(c.definition.conflicts) ? c.definition.conflicts : []) {
      const pair = [c.label, other].sort().join('\u0000');
      if (other === c.definition.name || !loaded.has(other) || reportedConflicts.has(pair)) continue;
      reportedConflicts.add(pair);
      problems.add(
        c,
        `conflicts with "${other}", which is also loaded`,
        `remove either "${c.label}" or "${other}" from the plugins list`,
      );
    }
  }
  for (const cycle of findCycles(loaded)) {
    const [start] = cycle;
    const last = cycle[cycle.length - 2];
    problems.add(
      start,
      `its requirements form a cycle: ${cycle.map((c) => c.label).join(' -> ')}`,
      `break the cycle by removing one requirement (e.g. "${start.label}" from the requires of "${last.label}"); move what they share into a plugin both require`,
    );
  }
}

/** Plugins a candidate requires that are loaded (missing ones are reported elsewhere and ignored here). */
function dependenciesOf(c: Candidate, loaded: Map<string, Candidate>): Candidate[] {
  return requiredNames(c)
    .map((name) => loaded.get(name))
    .filter((d): d is Candidate => d !== undefined);
}

/**
 * One cycle per strongly connected component (Tarjan), as a closed path `a, b, c, a` starting at the member
 * configured first, so that each cycle is reported once, on a predictable plugin.
 */
function findCycles(loaded: Map<string, Candidate>): Candidate[][] {
  const nodes = [...loaded.values()];
  const state = new Map<Candidate, { index: number; low: number; onStack: boolean }>();
  const stack: Candidate[] = [];
  const components: Candidate[][] = [];
  let counter = 0;

  const visit = (node: Candidate): void => {
    const s = { index: counter, low: counter, onStack: true };
    counter += 1;
    state.set(node, s);
    stack.push(node);
    for (const next of dependenciesOf(node, loaded)) {
      const t = state.get(next);
      if (t === undefined) {
        visit(next);
        s.low = Math.min(s.low, state.get(next)!.low);
      } else if (t.onStack) {
        s.low = Math.min(s.low, t.index);
      }
    }
    if (s.low === s.index) {
      const component: Candidate[] = [];
      let member: Candidate;
      do {
        member = stack.pop()!;
        state.get(member)!.onStack = false;
        component.push(member);
      } while (member !== node);
      components.push(component);
    }
  };
  for (const node of nodes) if (!state.has(node)) visit(node);

  const cycles: Candidate[][] = [];
  for (const component of components) {
    const start = component.reduce((a, b) => (a.index <= b.index ? a : b));
    const selfLoop = dependenciesOf(start, loaded).includes(start);
    if (component.length === 1 && !selfLoop) continue;
    cycles.push(shortestCycleFrom(start, new Set(component), loaded));
  }
  return cycles.sort((a, b) => a[0].index - b[0].index);
}

function shortestCycleFrom(start: Candidate, component: Set<Candidate>, loaded: Map<string, Candidate>): Candidate[] {
  // Breadth-first from start's dependencies back to start, staying inside the component.
  const previous = new Map<Candidate, Candidate>();
  const queue: Candidate[] = [start];
  while (queue.length > 0) {
    const node = queue.shift()!;
    for (const next of dependenciesOf(node, loaded)) {
      if (!component.has(next)) continue;
      if (next === start) {
        const path = [node];
        for (let at = node; at !== start;) {
          at = previous.get(at)!;
          path.unshift(at);
        }
        return [...path, start];
      }
      if (!previous.has(next)) {
        previous.set(next, node);
        queue.push(next);
      }
    }
  }
  return [start, start]; // unreachable for a real component; keeps the type total
}

/**
 * Dependencies first; whenever several plugins are ready, the one configured first goes first (Kahn's algorithm
 * with the configured position as priority), so a list already in a valid order is kept as it is.
 */
function loadOrder(candidates: Candidate[], loaded: Map<string, Candidate>): Candidate[] {
  const placed = new Set<Candidate>();
  const order: Candidate[] = [];
  while (order.length < candidates.length) {
    const next = candidates.find((c) => !placed.has(c) && dependenciesOf(c, loaded).every((d) => placed.has(d)));
    if (next === undefined) break; // only with a cycle, which resolve has already refused
    placed.add(next);
    order.push(next);
  }
  return order;
}

// ---------------------------------------------------------------------------------------------------------------
// Options and settings (JSON Schema via ajv)

type Compiled = { ok: true; validate: ValidateFunction } | { ok: false; error: string };

let schemaCompiler: Ajv2020 | undefined;

function compileSchema(schema: JsonSchema): Compiled {
  // One ajv for the process: compiling the meta-schema is the costly part. Strict schemas, so that a typo
  // such as `minimun` fails at boot instead of silently dropping the rule.
  const ajv = (schemaCompiler ??= createSchemaCompiler());
  try {
    return { ok: true, validate: ajv.compile(schema) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  } finally {
    // Forget the schema (and its `$id`): two plugins, or two registries in one test run, may reuse an `$id`.
    if (isObject(schema)) ajv.removeSchema(schema);
  }
}

function createSchemaCompiler(): Ajv2020 {
  const ajv = new Ajv2020({
    allErrors: true,
    strictSchema: true,
    strictTypes: false,
    strictTuples: false,
    strictRequired: false,
  });
  addFormats(ajv);
  return ajv;
}

/** `{ path: 'limits.maxSize', rule: 'must be <= 10' }` from one ajv error. */
function describeSchemaError(error: ErrorObject): { path: string; rule: string } {
  const segments = error.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  let rule = error.message ?? `fails "${error.keyword}"`;
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'required' && typeof params['missingProperty'] === 'string') {
    segments.push(params['missingProperty']);
    rule = 'is required';
  } else if (error.keyword === 'additionalProperties' && typeof params['additionalProperty'] === 'string') {
    segments.push(params['additionalProperty']);
    rule = 'is not declared in the schema';
  } else if (error.keyword === 'enum' && Array.isArray(params['allowedValues'])) {
    rule = `must be one of ${params['allowedValues'].map((v) => JSON.stringify(v)).join(', ')}`;
  }
  const path = segments.reduce((acc, s) => (/^\d+$/.test(s) ? `${acc}[${s}]` : acc === '' ? s : `${acc}.${s}`), '');
  return { path, rule };
}

function checkOptions(c: Candidate, problems: ProblemList): void {
  const declared = c.definition.options;
  if (declared === undefined) {
    if (c.options !== undefined && !isEmptyObject(c.options)) {
      problems.add(
        c,
        'options were given with .with(...), but the plugin declares no options schema',
        `remove the .with(...) call on "${c.label}", or declare options: { schema, defaults } in its definePlugin`,
      );
    }
    return;
  }
  const compiled = compileSchema(declared.schema);
  if (!compiled.ok) {
    problems.add(
      c,
      `its options schema does not compile (${compiled.error})`,
      'correct options.schema in definePlugin: it must be valid JSON Schema 2020-12',
    );
    return;
  }
  if (compiled.validate(c.options)) return;
  // Values are never echoed: options may hold secrets such as API keys.
  for (const error of compiled.validate.errors ?? []) {
    const { path, rule } = describeSchemaError(error);
    problems.add(
      c,
      path === '' ? `options ${rule}` : `option "${path}" ${rule}`,
      path === ''
        ? `pass an options object that matches the options schema of "${c.label}"`
        : `pass a valid "${path}" in ${pluginConstName(c.label)}.with({...}), or correct options.defaults of "${c.label}"`,
    );
  }
}

function checkSettings(c: Candidate, problems: ProblemList): void {
  const settings = c.definition.settings;
  if (settings === undefined) return;
  const compiled = compileSchema(settings.schema);
  if (!compiled.ok) {
    problems.add(
      c,
      `its settings schema does not compile (${compiled.error})`,
      'correct settings.schema: it must be valid JSON Schema 2020-12',
    );
    return;
  }
  if (compiled.validate(settings.defaults)) return;
  for (const error of compiled.validate.errors ?? []) {
    const { path, rule } = describeSchemaError(error);
    problems.add(
      c,
      path === '' ? `settings defaults ${rule}` : `settings default "${path}" ${rule}`,
      path === ''
        ? 'make settings.defaults an object that matches settings.schema'
        : `change settings.defaults.${path} so it matches settings.schema`,
    );
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Permissions

/** CASL's wildcards: allowed in grants, never declared by a plugin. */
const ALL_SUBJECTS = 'all';
const ALL_ACTIONS = 'manage';

function checkPermissions(candidates: Candidate[], problems: ProblemList): void {
  const subjectOwners = new Map<string, Candidate>();
  const knownActions = new Set<string>([ALL_ACTIONS]);
  for (const c of candidates) {
    const permissions = c.definition.permissions;
    if (permissions === undefined) continue;
    for (const subject of permissions.subjects ?? []) {
      if (!PASCAL_CASE.test(subject)) {
        problems.add(
          c,
          `permission subject "${subject}" is not PascalCase`,
          `rename it, e.g. "${suggestPascal(subject) || 'Entry'}"`,
        );
      }
      const owner = subjectOwners.get(subject);
      if (owner === undefined) {
        subjectOwners.set(subject, c);
      } else if (owner === c) {
        problems.add(
          c,
          `permission subject "${subject}" is declared twice`,
          `remove the second "${subject}" from permissions.subjects`,
        );
      } else {
        problems.add(
          c,
          `permission subject "${subject}" is declared by both "${owner.label}" and "${c.label}"`,
          `rename the subject of "${c.label}", e.g. "${suggestPascal(c.label)}${subject}"`,
        );
      }
    }
    for (const action of permissions.actions ?? []) {
      if (action === ALL_ACTIONS) {
        problems.add(
          c,
          `permission action "manage" is CASL's wildcard for every action and cannot be declared`,
          'remove "manage" from permissions.actions; grants may still use it',
        );
      } else if (!KEBAB.test(action)) {
        problems.add(
          c,
          `permission action "${action}" is not a lower-case verb (kebab-case allowed)`,
          `rename it, e.g. "${suggestKebab(action) || 'read'}"`,
        );
      }
      knownActions.add(action);
    }
  }

  const roles = new Set<string>(BUILT_IN_ROLES);
  const knownSubject = (s: string): boolean => s === ALL_SUBJECTS || subjectOwners.has(s);
  for (const c of candidates) {
    for (const [role, rules] of Object.entries(c.definition.permissions?.grants ?? {})) {
      if (!roles.has(role)) {
        problems.add(
          c,
          `grants name role "${role}", which is not a built-in role`,
          `use one of ${BUILT_IN_ROLES.join(', ')}; custom roles are created per workspace, not declared by plugins`,
        );
      }
      for (const rule of rules ?? []) {
        for (const subject of asList(rule.subject).filter((s) => !knownSubject(s))) {
          problems.add(
            c,
            `a grant to "${role}" names subject "${subject}", which no loaded plugin declares`,
            `declare "${subject}" in permissions.subjects, load the plugin that declares it, or correct the name`,
          );
        }
        for (const action of asList(rule.action).filter((a) => !knownActions.has(a))) {
          problems.add(
            c,
            `a grant to "${role}" names action "${action}", which no loaded plugin declares`,
            `declare "${action}" in permissions.actions, load the plugin that declares it, or correct the name`,
          );
        }
      }
    }
    for (const entry of c.definition.admin?.nav ?? []) {
      if (entry.requires === undefined) continue;
      const [action, subject] = entry.requires;
      if (!knownActions.has(action) || !knownSubject(subject)) {
        problems.add(
          c,
          `admin nav entry "${entry.id}" requires ["${action}", "${subject}"], which no loaded plugin declares`,
          'name an action and a subject declared in permissions (or "manage"/"all")',
        );
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Entities and their tables (from TypeORM's decorator metadata)

interface PluginTables {
  /** Table name of every entity (qualified as `schema.table` when the entity sets a schema). */
  nameOf: Map<EntityClass, string>;
  /** Per plugin: the tables its own entities map to, with their column names. */
  columnsByPlugin: Map<Candidate, Map<string, Set<string>>>;
}

const naming = new DefaultNamingStrategy();

/** What TypeORM will create for a class, or undefined when the class has no `@Entity` (or `@ChildEntity`). */
function entityTable(
  entity: EntityClass,
): { table: string; sharesParentTable: boolean; columns: Set<string> } | undefined {
  const storage = getMetadataArgsStorage();
  const own = storage.tables.find((t) => t.target === entity);
  if (own === undefined) return undefined;
  const tree = inheritanceTree(entity);
  // Single-table inheritance: a child entity lives in the table of its closest decorated ancestor.
  const holder =
    own.type === 'entity-child'
      ? (tree
          .slice(1)
          .map((t) => storage.tables.find((x) => x.target === t))
          .find((t) => t !== undefined) ?? own)
      : own;
  const holderName = typeof holder.target === 'function' ? holder.target.name : String(holder.target);
  const name = naming.tableName(holderName, holder.name);
  const table = holder.schema ? `${holder.schema}.${name}` : name;

  const columns = new Set<string>();
  for (const column of storage.filterColumns(tree)) {
    // Computed on read, not stored: a data inventory cannot point at them.
    const computed =
      column.mode === 'virtual-property' || column.mode === 'treeChildrenCount' || column.mode === 'treeLevel';
    if (!computed) columns.add(naming.columnName(column.propertyName, column.options.name ?? '', []));
  }
  for (const relation of storage.filterRelations(tree)) {
    // Only the owning side of a relation has a column: many-to-one always, one-to-one when it has @JoinColumn.
    const joinColumns = storage.filterJoinColumns(relation.target, relation.propertyName);
    const owning =
      relation.relationType === 'many-to-one' || (relation.relationType === 'one-to-one' && joinColumns.length > 0);
    if (!owning) continue;
    for (const jc of joinColumns.length > 0 ? joinColumns : [{ name: undefined, referencedColumnName: undefined }]) {
      columns.add(jc.name ?? naming.joinColumnName(relation.propertyName, jc.referencedColumnName ?? 'id'));
    }
  }
  return { table, sharesParentTable: holder !== own, columns };
}

function inheritanceTree(entity: EntityClass): EntityClass[] {
  const tree: EntityClass[] = [];
  for (let at: unknown = entity; typeof at === 'function' && at.name !== ''; at = Object.getPrototypeOf(at)) {
    tree.push(at);
  }
  return tree;
}

function checkEntities(candidates: Candidate[], problems: ProblemList): PluginTables {
  const nameOf = new Map<EntityClass, string>();
  const columnsByPlugin = new Map<Candidate, Map<string, Set<string>>>();
  const tableOwners = new Map<string, { plugin: Candidate; entity: EntityClass }>();
  for (const c of candidates) {
    const tables = new Map<string, Set<string>>();
    columnsByPlugin.set(c, tables);
    (c.definition.entities ?? []).forEach((entity: unknown, i) => {
      if (typeof entity !== 'function') {
        problems.add(
          c,
          `entities[${i}] is ${describeValue(entity)}, not an entity class`,
          'check the import of that entity (a circular import between files yields undefined)',
        );
        return;
      }
      const described = entityTable(entity);
      if (described === undefined) {
        problems.add(
          c,
          `entity class ${entity.name} has no @Entity() decorator, so TypeORM maps it to no table`,
          `add @Entity({ name: '${naming.tableName(entity.name, undefined)}' }) to ${entity.name}, or remove it from entities`,
        );
        return;
      }
      nameOf.set(entity, described.table);
      const columns = tables.get(described.table) ?? new Set<string>();
      described.columns.forEach((col) => columns.add(col));
      tables.set(described.table, columns);
      if (described.sharesParentTable) return;
      const owner = tableOwners.get(described.table);
      if (owner === undefined) {
        tableOwners.set(described.table, { plugin: c, entity });
      } else if (owner.entity === entity) {
        problems.add(
          c,
          owner.plugin === c
            ? `entity ${entity.name} is listed twice in entities`
            : `entity ${entity.name} is also listed by plugin "${owner.plugin.label}"`,
          owner.plugin === c
            ? `remove the second ${entity.name} from entities`
            : `list ${entity.name} only in the plugin that owns its table`,
        );
      } else {
        problems.add(
          c,
          `entity ${entity.name} maps to table "${described.table}", which entity ${owner.entity.name} of plugin "${owner.plugin.label}" already maps to`,
          `give ${entity.name} its own table with @Entity({ name: '${suggestTable(c.label, described.table)}' }), or remove one of the two entities`,
        );
      }
    });
  }
  return { nameOf, columnsByPlugin };
}

/** The columns of a table that one of the plugin's own entities maps to; also found by its unqualified name. */
function tableColumns(tables: Map<string, Set<string>>, table: string): Set<string> | undefined {
  return tables.get(table) ?? [...tables.entries()].find(([qualified]) => qualified.split('.').pop() === table)?.[1];
}

function missingTable(
  c: Candidate,
  tables: Map<string, Set<string>>,
  what: string,
  table: string,
  problems: ProblemList,
): void {
  const known = [...tables.keys()];
  problems.add(
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
  problems: ProblemList,
): void {
  problems.add(
    c,
    `${what} "${column}" is not a column of table "${table}" (its columns: ${[...columns].join(', ') || 'none'})`,
    `name one of those columns, or map the entity property to it with @Column({ name: '${column}' })`,
  );
}

function checkDataInventory(candidates: Candidate[], tables: PluginTables, problems: ProblemList): void {
  for (const c of candidates) {
    const own = tables.columnsByPlugin.get(c) ?? new Map<string, Set<string>>();
    for (const entry of c.definition.dataInventory ?? []) {
      const columns = tableColumns(own, entry.table);
      if (columns === undefined) {
        missingTable(c, own, 'a data inventory entry', entry.table, problems);
        continue;
      }
      const what = `data inventory of table "${entry.table}":`;
      if (!columns.has(entry.subjectColumn)) {
        missingColumn(c, `${what} subjectColumn`, entry.subjectColumn, entry.table, columns, problems);
      }
      for (const field of entry.fields ?? []) {
        if (!columns.has(field.column)) missingColumn(c, `${what} field`, field.column, entry.table, columns, problems);
      }
    }
  }
}

function checkRetention(candidates: Candidate[], tables: PluginTables, problems: ProblemList): void {
  const policyOwners = new Map<string, Candidate>();
  for (const c of candidates) {
    const own = tables.columnsByPlugin.get(c) ?? new Map<string, Set<string>>();
    for (const policy of c.definition.retention ?? []) {
      const owner = policyOwners.get(policy.name);
      if (owner === undefined) {
        policyOwners.set(policy.name, c);
      } else {
        problems.add(
          c,
          owner === c
            ? `retention policy "${policy.name}" is declared twice`
            : `retention policy "${policy.name}" is also declared by plugin "${owner.label}"`,
          `rename one of them, e.g. "${c.label}.${afterLastDot(policy.name)}"`,
        );
      }
      const columns = tableColumns(own, policy.table);
      if (columns === undefined) {
        missingTable(c, own, `retention policy "${policy.name}"`, policy.table, problems);
      } else if (!columns.has(policy.ageColumn)) {
        missingColumn(
          c,
          `retention policy "${policy.name}": ageColumn`,
          policy.ageColumn,
          policy.table,
          columns,
          problems,
        );
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Jobs and admin contributions

function checkJobs(candidates: Candidate[], problems: ProblemList): void {
  const jobOwners = new Map<string, Candidate>();
  for (const c of candidates) {
    for (const job of c.definition.jobs ?? []) {
      const prefix = `${c.label}.`;
      const rest = job.name.startsWith(prefix) ? job.name.slice(prefix.length) : undefined;
      if (rest === undefined || !KEBAB.test(rest)) {
        problems.add(
          c,
          `job "${job.name}" is not named "${c.label}.<kebab-name>"`,
          `rename it to "${prefix}${suggestKebab(afterLastDot(job.name)) || 'job'}"`,
        );
      }
      const owner = jobOwners.get(job.name);
      if (owner === undefined) {
        jobOwners.set(job.name, c);
      } else {
        problems.add(
          c,
          owner === c
            ? `job "${job.name}" is declared twice`
            : `job "${job.name}" is also declared by plugin "${owner.label}"`,
          'give each job its own name',
        );
      }
      const cronError = cronProblem(job.cron);
      if (cronError !== undefined) {
        problems.add(
          c,
          `job "${job.name}" has an invalid cron expression ${JSON.stringify(job.cron)} (${cronError})`,
          'write five fields (minute hour day-of-month month day-of-week) or six with seconds first, e.g. "0 3 * * *"',
        );
      }
    }
  }
}

function cronProblem(expression: unknown): string | undefined {
  if (typeof expression !== 'string') return 'not a string';
  try {
    new CronTime(expression);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

function checkAdmin(candidates: Candidate[], problems: ProblemList): void {
  const navOwners = new Map<string, Candidate>();
  for (const c of candidates) {
    const admin = c.definition.admin;
    if (admin?.settingsForm === 'from-schema' && c.definition.settings === undefined) {
      problems.add(
        c,
        'admin.settingsForm is "from-schema", but the plugin declares no settings schema',
        'declare settings: { schema, defaults }, or remove admin.settingsForm',
      );
    }
    for (const entry of admin?.nav ?? []) {
      const owner = navOwners.get(entry.id);
      if (owner === undefined) {
        navOwners.set(entry.id, c);
      } else {
        problems.add(
          c,
          owner === c
            ? `admin nav entry id "${entry.id}" is used twice`
            : `admin nav entry id "${entry.id}" is also used by plugin "${owner.label}"`,
          `give the entry another id, e.g. "${c.label}-${entry.id}"`,
        );
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Small helpers

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isEmptyObject(value: unknown): boolean {
  return isObject(value) && Object.keys(value).length === 0;
}

function asList(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value === 'function') return `the class or function ${value.name || '(anonymous)'}`;
  return Array.isArray(value) ? 'an array' : `a ${typeof value}`;
}

function afterLastDot(name: string): string {
  return name.slice(name.lastIndexOf('.') + 1);
}

function quoteKey(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? key : `[${JSON.stringify(key)}]`;
}

function words(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== '')
    .map((w) => w.toLowerCase());
}

function suggestKebab(text: string): string {
  return words(text)
    .join('-')
    .replace(/^[^a-z]+/, '')
    .slice(0, 50);
}

function suggestPascal(text: string): string {
  return words(text)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('')
    .replace(/^[^A-Z]+/, '');
}

/** The conventional export name of a plugin value: `acme-reviews` → `AcmeReviewsPlugin`. */
function pluginConstName(name: string): string {
  return `${suggestPascal(name)}Plugin`;
}

function suggestTable(plugin: string, table: string): string {
  const bare = table.split('.').pop() ?? table;
  return `${words(plugin).join('_')}_${bare}`;
}
