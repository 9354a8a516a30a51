import type { QuirePluginDefinition } from '../plugin.types';
import { problemOn, type PositionedProblem } from './problem';
import { describeValue, isObject } from './values';

/** An entry of the configured plugins list that at least looks like a plugin value. */
export interface Candidate {
  /** Position in the configured list: the tie-breaker of the load order and of the problem list. */
  readonly index: number;
  /** How problems name it: its name when it has a usable one, else `plugins[i]`. */
  readonly label: string;
  readonly definition: QuirePluginDefinition<unknown>;
  readonly options: unknown;
}

/** The entries that look like plugin values; every other entry (or a list that is no array) is a problem. */
export function readCandidates(plugins: unknown): { candidates: Candidate[]; problems: PositionedProblem[] } {
  const problems: PositionedProblem[] = [];
  if (!Array.isArray(plugins)) {
    problems.push(
      problemOn(
        { index: -1, label: 'plugins' },
        'the plugins list is not an array',
        'pass an array of plugin values, e.g. [WorkspacesPlugin, ContentPlugin]',
      ),
    );
    return { candidates: [], problems };
  }
  const candidates: Candidate[] = [];
  plugins.forEach((plugin: unknown, index) => {
    const definition = isObject(plugin) && isObject(plugin['definition']) ? plugin['definition'] : undefined;
    if (!isObject(plugin) || definition === undefined) {
      problems.push(
        problemOn(
          { index, label: `plugins[${index}]` },
          `plugins[${index}] is ${describeValue(plugin)}, not a plugin value`,
          'pass the value returned by definePlugin({...}) (or its .with(...)), not a Nest module or a bare definition',
        ),
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
  return { candidates, problems };
}

/** Plugins a candidate requires that are loaded (missing ones are reported elsewhere and ignored here). */
export function dependenciesOf(c: Candidate, loaded: ReadonlyMap<string, Candidate>): Candidate[] {
  return requiredNames(c)
    .map((name) => loaded.get(name))
    .filter((d): d is Candidate => d !== undefined);
}

function requiredNames(c: Candidate): string[] {
  return isObject(c.definition.requires) ? Object.keys(c.definition.requires) : [];
}
