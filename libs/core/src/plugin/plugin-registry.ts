import type { ScheduledJobDeclaration } from '../jobs/job.types';
import { checkAdmin } from './checks/admin.check';
import { readCandidates } from './checks/candidate';
import { checkDependencies } from './checks/dependencies.check';
import { checkEntities } from './checks/entities.check';
import { checkIdentities } from './checks/identity.check';
import { checkDataInventory, checkRetention } from './checks/inventory.check';
import { checkJobs } from './checks/jobs.check';
import { checkPermissions } from './checks/permissions.check';
import { inConfiguredOrder, type PositionedProblem } from './checks/problem';
import { checkPublicEvents } from './checks/public-events.check';
import { checkSchemas } from './checks/schemas.check';
import { loadOrder } from './load-order';
import { PluginRegistryError } from './plugin-registry.errors';
import { toPluginSummary } from './plugin-summary';
import type {
  EntityClass,
  LoadedPluginSummary,
  MigrationClass,
  PublicEventDeclaration,
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
    const read = readCandidates(plugins);
    const identities = checkIdentities(read.candidates);
    const { loaded } = identities;
    // A second plugin of the same name is reported once, above; checking it as well would repeat every clash.
    const distinct = read.candidates.filter(
      (c) => loaded.get(c.definition.name) === c || typeof c.definition.name !== 'string',
    );
    const problems: PositionedProblem[] = [
      ...read.problems,
      ...identities.problems,
      ...checkDependencies(distinct, loaded),
      ...checkSchemas(distinct),
      ...checkPermissions(distinct),
    ];
    const entities = checkEntities(distinct);
    problems.push(
      ...entities.problems,
      ...checkDataInventory(distinct, entities.tables),
      ...checkRetention(distinct, entities.tables),
      ...checkJobs(distinct),
      ...checkPublicEvents(distinct),
      ...checkAdmin(distinct),
    );
    if (problems.length > 0) throw new PluginRegistryError(inConfiguredOrder(problems));

    const ordered = loadOrder(distinct, loaded).map((c): ResolvedPlugin =>
      Object.freeze({
        name: c.definition.name,
        version: c.definition.version,
        definition: c.definition,
        options: c.options,
      }),
    );
    return new PluginRegistry(Object.freeze(ordered), entities.tables.nameOf);
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

  /** Every event the loaded plugins offer to outside systems, in load order, with the plugin offering it. */
  publicEvents(): Array<PublicEventDeclaration & { plugin: string }> {
    return this.plugins.flatMap((p) =>
      (p.definition.publicEvents ?? []).map((event) => ({
        name: event.name,
        description: event.description,
        plugin: p.name,
      })),
    );
  }

  summaries(): LoadedPluginSummary[] {
    return this.plugins.map((p) => toPluginSummary(p, (entity) => this.tableNames.get(entity) ?? entity.name));
  }
}
