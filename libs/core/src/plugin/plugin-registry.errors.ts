/** One thing wrong with one plugin's declaration, and what the developer should change. */
export interface PluginProblem {
  /** The plugin the problem is reported on (its declared name, or `plugins[i]` when it has none). */
  plugin: string;
  /** What is wrong, without a trailing full stop. */
  problem: string;
  /** What to change, without a trailing full stop. */
  fix: string;
}

/**
 * Thrown by `PluginRegistry.resolve` when any declaration is wrong. It lists every problem at once,
 * so that a developer fixes the configuration in one pass instead of one boot per mistake.
 */
export class PluginRegistryError extends Error {
  override readonly name = 'PluginRegistryError';
  readonly problems: PluginProblem[];

  constructor(problems: PluginProblem[]) {
    super(formatPluginProblems(problems));
    this.problems = problems.map((p) => ({ ...p }));
  }
}

/** `Quire cannot start: 2 plugin declaration problems.` then one `Plugin "x": … Fix: ….` line per problem. */
export function formatPluginProblems(problems: readonly PluginProblem[]): string {
  const count = problems.length;
  const header = `Quire cannot start: ${count} plugin declaration ${count === 1 ? 'problem' : 'problems'}.`;
  return [header, ...problems.map(formatPluginProblem)].join('\n');
}

export function formatPluginProblem(p: PluginProblem): string {
  return `Plugin "${p.plugin}": ${withoutFinalStop(p.problem)}. Fix: ${withoutFinalStop(p.fix)}.`;
}

// The line format adds the full stops; a stray one in a check's wording would print "..".
function withoutFinalStop(text: string): string {
  return text.replace(/\.+$/, '');
}
