import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import {
  PluginRegistry,
  RequestContext,
  TenantDataSource,
  ValidationFailedError,
  type RetentionPolicy,
} from '@quire/core';
import type { RetentionPolicyResponse } from './dto/retention-policy.response';
import type { RetentionPolicyOutcome, RetentionRunResponse } from './dto/retention-run.response';
import type { RetentionRunStatus, RetentionTrigger } from './entities/retention-run.entity';
import { PolicySelection } from './policy-selection';
import { RetentionBatchRunner } from './retention-batch-runner';
import { resolveDuration, type ResolvedDuration } from './retention-duration';
import { RetentionRunRecorder } from './retention-run-recorder';
import { RetentionExecutorMissingError } from './retention-executor-missing.error';

/** One loaded policy, with the plugin that declares it and its duration resolved from the options. */
export interface LoadedRetentionPolicy {
  plugin: string;
  policy: RetentionPolicy;
  duration: ResolvedDuration;
}

export interface RetentionRunRequest {
  trigger: RetentionTrigger;
  dryRun: boolean;
  /** Policy names; every policy when omitted. */
  policies?: string[];
  requestedBy?: string | null;
  /** Aborted on shutdown or timeout: the run stops at the next batch boundary. */
  signal?: AbortSignal;
}

/**
 * The retention engine: runs every loaded plugin's retention policies (in load order), each to its end in batches,
 * sparing rows under legal hold, and records each run. A failing policy is recorded with its error and the others
 * still run. A dry run counts what the run would change, with the same selection, without locking or changing rows.
 */
@Injectable()
export class RetentionEngine implements OnModuleInit {
  private readonly logger = new Logger(RetentionEngine.name);
  private readonly ctx = RequestContext.system('compliance.retention');
  readonly policies: readonly LoadedRetentionPolicy[];

  constructor(
    @Inject(PluginRegistry) registry: PluginRegistry,
    private readonly db: TenantDataSource,
    private readonly runner: RetentionBatchRunner,
    private readonly recorder: RetentionRunRecorder,
    private readonly moduleRef: ModuleRef,
  ) {
    this.policies = registry.plugins.flatMap((plugin) =>
      (plugin.definition.retention ?? []).map((policy) => ({
        plugin: plugin.name,
        policy,
        duration: resolveDuration(policy.keep, registry.plugins),
      })),
    );
  }

  /** Every executor must be a provider of some module: checked at boot, not at 3 a.m. on the first due row. */
  onModuleInit(): void {
    for (const { plugin, policy } of this.policies) {
      if (!policy.executor) continue;
      try {
        this.moduleRef.get(policy.executor, { strict: false });
      } catch {
        throw new RetentionExecutorMissingError(plugin, policy.name, policy.executor.name);
      }
    }
  }

  catalog(): RetentionPolicyResponse[] {
    return this.policies.map(({ plugin, policy, duration }) => ({
      name: policy.name,
      plugin,
      table: policy.table,
      ageColumn: policy.ageColumn,
      action: policy.action,
      keep:
        duration.kind === 'plan'
          ? { kind: 'plan', option: 'plan' in policy.keep ? policy.keep.plan : undefined, byPlan: duration.byPlan }
          : duration.source === 'setting'
            ? {
                kind: 'setting',
                days: duration.days,
                option: 'setting' in policy.keep ? policy.keep.setting : undefined,
              }
            : { kind: 'fixed', days: duration.days },
      description: policy.description,
      holdsByWorkspace: policy.workspaceColumn !== undefined,
      holdsByUser: policy.userColumn !== undefined,
    }));
  }

  /** The policies named (each must exist: `policies[i]` is named in the 400 otherwise), or all of them. */
  select(names: string[] | undefined): LoadedRetentionPolicy[] {
    if (names === undefined) return [...this.policies];
    const problems = names.flatMap((name, index) =>
      this.policies.some((loaded) => loaded.policy.name === name)
        ? []
        : [{ path: `policies[${index}]`, message: `"${name}" is not a retention policy of this installation` }],
    );
    if (problems.length > 0) throw new ValidationFailedError(problems);
    return this.policies.filter((loaded) => names.includes(loaded.policy.name));
  }

  async run(request: RetentionRunRequest): Promise<RetentionRunResponse> {
    const selected = this.select(request.policies);
    const signal = request.signal ?? new AbortController().signal;
    const run = await this.recorder.start(request.trigger, request.dryRun, request.requestedBy ?? null);
    let status: RetentionRunStatus = 'succeeded';
    for (const loaded of selected) {
      if (signal.aborted) {
        status = 'interrupted';
        break;
      }
      const outcome = await this.runPolicy(loaded, request.dryRun, signal);
      await this.recorder.record(run.id, outcome);
      if (outcome.error !== null) status = 'failed';
    }
    if (signal.aborted && status === 'succeeded') status = 'interrupted';
    await this.recorder.finish(run.id, status);
    return this.recorder.get(run.id);
  }

  private async runPolicy(
    { policy, duration }: LoadedRetentionPolicy,
    dryRun: boolean,
    signal: AbortSignal,
  ): Promise<RetentionPolicyOutcome> {
    const started = performance.now();
    const outcome: RetentionPolicyOutcome = {
      policy: policy.name,
      action: policy.action,
      rowsAffected: 0,
      rowsHeld: 0,
      durationMs: 0,
      error: null,
    };
    try {
      const selection = new PolicySelection(policy, duration);
      const count = selection.count();
      const [counted]: Array<{ due: string; held: string }> = await this.db
        .manager(this.ctx)
        .query(count.sql, count.params);
      outcome.rowsHeld = Number(counted?.held ?? 0);
      if (dryRun) outcome.rowsAffected = Number(counted?.due ?? 0);
      else await this.runner.run(this.ctx, selection, signal, (rows) => (outcome.rowsAffected += rows));
    } catch (error) {
      this.logger.error(`Retention policy ${policy.name} failed`, error instanceof Error ? error.stack : error);
      outcome.error = error instanceof Error ? error.message : String(error);
    }
    outcome.durationMs = Math.round(performance.now() - started);
    return outcome;
  }
}
