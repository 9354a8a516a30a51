import type { PluginProblem } from '../plugin-registry.errors';

/**
 * A problem as a check reports it, with the configured position of the plugin it is on. The position orders
 * the final list; the label cannot, since two plugins may share a name.
 */
export interface PositionedProblem {
  readonly index: number;
  readonly problem: PluginProblem;
}

export function problemOn(on: { index: number; label: string }, problem: string, fix: string): PositionedProblem {
  return { index: on.index, problem: { plugin: on.label, problem, fix } };
}

/** Grouped by plugin in configured order, so each plugin's problems read together (stable: as found within one). */
export function inConfiguredOrder(problems: readonly PositionedProblem[]): PluginProblem[] {
  return [...problems].sort((a, b) => a.index - b.index).map((item) => item.problem);
}
