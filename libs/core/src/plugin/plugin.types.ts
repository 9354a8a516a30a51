import type { Type } from '@nestjs/common';
import type { EntityManager, MigrationInterface } from 'typeorm';
import type { PermissionDeclaration } from '../permissions/permission.types';
import type { QuireConfig } from '../config/config.schema';
import type { RequestContext } from '../context/request-context';
import type { ScheduledJobDeclaration } from '../jobs/job.types';

/** A JSON Schema document (draft 2020-12 subset that ajv understands). Kept loose on purpose: ajv validates it at boot. */
export type JsonSchema = Record<string, unknown>;

export type MigrationClass = new () => MigrationInterface;
// TypeORM entities are plain decorated classes; `Function` is what TypeORM's own metadata storage keys on.
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export type EntityClass = Function;

/** Categories of personal data, as a record of processing activities (GDPR art. 30) names them. */
export type PersonalDataCategory =
  | 'identity'
  | 'contact'
  | 'credentials'
  | 'profile'
  | 'technical'
  | 'usage'
  | 'content'
  | 'financial'
  | 'communication'
  | 'consent';

export type LegalBasis =
  'contract' | 'consent' | 'legitimate-interest' | 'legal-obligation' | 'vital-interest' | 'public-task';

/** One table that holds personal data, and what the operator may promise about it. */
export interface DataInventoryEntry {
  /** Table name as created by the plugin's migrations. */
  table: string;
  /** Column that links a row to the person it is about (used by export and erasure). */
  subjectColumn: string;
  fields: Array<{ column: string; category: PersonalDataCategory; sensitive?: boolean; description?: string }>;
  purpose: string;
  legalBasis: LegalBasis;
  /** Human-readable retention rule; the machine rule lives in `retention`. */
  retention: string;
  /** What erasure does with these rows. */
  onErasure: 'delete' | 'anonymize' | 'keep';
}

/**
 * An organisation outside the installation that personal data is sent to (a processor under GDPR art. 28, a recipient
 * in the record of processing), as the installation is configured: an SMTP relay, an S3 bucket, an AI provider.
 */
export interface OutsideProcessor {
  /** What it is, for the record: `SMTP mail server`, `S3-compatible object storage`. */
  name: string;
  /** Where it is, without credentials: a host name, an endpoint, a region. */
  location: string;
  purpose: string;
  /** Categories of personal data it receives. */
  categories: PersonalDataCategory[];
}

/** What a plugin's `processors` sees: the installation's validated configuration and the plugin's own options. */
export interface ProcessorContext<O = unknown> {
  config: QuireConfig;
  options: O;
}

/** How long a retention policy keeps rows. */
export type RetentionDuration =
  { days: number } | { setting: string; defaultDays: number } | { plan: string; defaultDays: number };

export interface RetentionPolicy {
  name: string;
  table: string;
  /** Column whose age is measured (timestamptz). */
  ageColumn: string;
  /** Extra SQL condition on the rows, without user input (e.g. "closed_at IS NOT NULL"). */
  condition?: string;
  action: 'delete' | 'anonymize';
  keep: RetentionDuration;
  description: string;
  /** The row's key, by which batches are selected and changed. Default `id`. */
  idColumn?: string;
  /** Column tying a row to a workspace: a legal hold on that workspace spares the row; plan durations read its plan. */
  workspaceColumn?: string;
  /** Column tying a row to a person (a user id): a legal hold on that user spares the row. */
  userColumn?: string;
  /** For `anonymize`: each column and what it becomes (`null` or a fixed replacement text). */
  anonymize?: Record<string, string | null>;
  /**
   * For rows whose removal needs more than one SQL statement (files in storage, events, other tables): a provider of
   * the declaring plugin's module that applies the action to a batch of due rows. Without it the engine runs a plain
   * DELETE, or an UPDATE from `anonymize`.
   */
  executor?: Type<RetentionExecutor>;
}

/** One batch of a retention policy's due rows, as an executor receives it, inside the batch's transaction. */
export interface RetentionBatch {
  policy: RetentionPolicy;
  /** Values of the policy's id column. */
  ids: string[];
  /** The batch's transaction: a system context, as jobs have (`TenantDataSource.manager(tx)`, `EventBus.publish(tx…)`). */
  tx: RequestContext;
  /** The transaction's entity manager. */
  manager: EntityManager;
}

/** Applies a retention policy's action to one batch (see `RetentionPolicy.executor`). */
export interface RetentionExecutor {
  /**
   * Returns how many rows it deleted or anonymized when that is not every id of the batch (an executor may leave a
   * row it must keep, e.g. one that would break a hash chain); nothing means all of them.
   */
  apply(batch: RetentionBatch): Promise<number | void>;
}

/**
 * An event a plugin offers to systems outside the installation (webhook subscriptions, integrations): part of the
 * plugin's public contract, so its name and payload change only with the plugin's major version.
 */
export interface PublicEventDeclaration {
  /** `<plugin>.<subject>.<past-tense-verb>`, one of the plugin's own events (QuireEvents). */
  name: string;
  /** What happened, for people choosing events to subscribe to. */
  description: string;
}

export interface SettingsDeclaration<S = Record<string, unknown>> {
  schema: JsonSchema;
  defaults: S;
  /**
   * Rules JSON Schema cannot say (unique names, cross-field rules), run on the merged values once they match the
   * schema: each broken rule with its path (`variantPresets[2].quality`) and rule (`must be at most 100`).
   */
  check?(values: S): Array<{ path: string; rule: string }>;
}

export interface AdminNavEntry {
  id: string;
  label: string;
  icon?: string;
  /** Console path relative to the current workspace: `reviews` opens /admin/w/<slug>/reviews. */
  route: string;
  /** [action, subject]: the entry is shown only to members whose ability allows it. */
  requires?: [string, string];
}

export interface AdminContribution {
  nav?: AdminNavEntry[];
  /** Render the plugin's workspace settings form from its settings JSON Schema. */
  settingsForm?: 'from-schema';
}

/** What a plugin's hooks receive. */
export interface PluginContext {
  readonly plugin: { name: string; version: string };
  readonly options: unknown;
  /** Resolve a provider from the running application (strict: false). */
  get<T>(token: Type<T> | string | symbol): T;
}

export interface PluginHooks {
  onBootstrap?(context: PluginContext): Promise<void> | void;
  onShutdown?(context: PluginContext): Promise<void> | void;
  onSeedDemo?(context: PluginContext): Promise<void> | void;
}

export interface QuirePluginDefinition<O = void> {
  /** Lower-case kebab-case, unique in an installation: `content`, `acme-reviews`. */
  name: string;
  /** Semantic version of the plugin. */
  version: string;
  description?: string;
  /** Plugins this one needs, with semver ranges: `{ workspaces: '^1.0.0' }`. */
  requires?: Record<string, string>;
  /** Plugins that cannot be loaded together with this one. */
  conflicts?: string[];
  /** Typed options: validated against `schema` (ajv), merged over `defaults`, injected with `@InjectPluginOptions`. */
  options?: { schema: JsonSchema; defaults: O };
  /** The Nest module with the plugin's controllers and providers. */
  module?: Type<unknown>;
  entities?: EntityClass[];
  migrations?: MigrationClass[];
  permissions?: PermissionDeclaration;
  dataInventory?: DataInventoryEntry[];
  /** The outside processors this plugin sends personal data to, as configured (none when not configured). */
  processors?(context: ProcessorContext<O>): OutsideProcessor[];
  retention?: RetentionPolicy[];
  jobs?: ScheduledJobDeclaration[];
  /** Events offered to outside systems (webhooks); each must be named after this plugin. */
  publicEvents?: PublicEventDeclaration[];
  settings?: SettingsDeclaration;
  admin?: AdminContribution;
  hooks?: PluginHooks;
}

/** A plugin value: its declaration plus the options it is loaded with. */
export interface QuirePlugin<O = void> {
  readonly definition: QuirePluginDefinition<O>;
  readonly options: O;
  /** A copy of this plugin loaded with other options (merged over the defaults). */
  with(options: Partial<O>): QuirePlugin<O>;
}

/** What `GET /api/v1/plugins` says about each loaded plugin. */
export interface LoadedPluginSummary {
  name: string;
  version: string;
  description?: string;
  requires: Record<string, string>;
  contributes: {
    permissions: { subjects: string[]; actions: string[] };
    tables: string[];
    jobs: string[];
    retention: string[];
    dataInventory: string[];
    settings: boolean;
    admin: AdminContribution;
  };
}
