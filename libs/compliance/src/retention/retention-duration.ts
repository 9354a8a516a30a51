import type { ResolvedPlugin, RetentionDuration, RetentionPolicy } from '@quire/core';
import { quoteIdent } from './sql-identifier';
import type { SqlParams } from './sql-params';

/** How long a policy keeps rows, with its settings and plans read from the loaded plugins' options. */
export type ResolvedDuration =
  | { kind: 'days'; days: number; source: 'fixed' | 'setting' }
  | { kind: 'plan'; byPlan: Record<string, number> & { default: number } };

/**
 * Resolves `keep`: fixed days; a setting (`<plugin>.<option>`, a number of days); or a plan map
 * (`<plugin>.<option>` = `{ default, <plan>: days }`) read per row from its workspace's plan. The registry checked at
 * boot that the options exist and have these shapes; `defaultDays` covers an option left unset.
 */
export function resolveDuration(keep: RetentionDuration, plugins: readonly ResolvedPlugin[]): ResolvedDuration {
  if ('days' in keep) return { kind: 'days', days: keep.days, source: 'fixed' };
  if ('setting' in keep) {
    const value = optionValue(plugins, keep.setting);
    return { kind: 'days', days: typeof value === 'number' ? value : keep.defaultDays, source: 'setting' };
  }
  const value = optionValue(plugins, keep.plan);
  const map = typeof value === 'object' && value !== null ? (value as Record<string, number>) : {};
  return { kind: 'plan', byPlan: { ...map, default: map['default'] ?? keep.defaultDays } };
}

function optionValue(plugins: readonly ResolvedPlugin[], ref: string): unknown {
  const dot = ref.lastIndexOf('.');
  const plugin = plugins.find((p) => p.name === ref.slice(0, dot));
  const options = plugin?.options as Record<string, unknown> | undefined;
  return options?.[ref.slice(dot + 1)];
}

/**
 * The SQL interval rows are kept, for the row aliased `row`: a constant, or the days of the row's workspace plan
 * (a scalar subquery, so the policy's own condition still sees only the policy's table).
 */
export function keptIntervalSql(
  duration: ResolvedDuration,
  policy: RetentionPolicy,
  row: string,
  params: SqlParams,
): string {
  if (duration.kind === 'days') return `make_interval(days => ${params.add(duration.days)}::int)`;
  const { default: defaultDays, ...perPlan } = duration.byPlan;
  const workspace = `${row}.${quoteIdent(policy.workspaceColumn ?? 'workspace_id')}`;
  return (
    `make_interval(days => COALESCE((SELECT (${params.add(JSON.stringify(perPlan))}::jsonb ->> w.plan)::int ` +
    `FROM workspaces w WHERE w.id = ${workspace}), ${params.add(defaultDays)}::int))`
  );
}
