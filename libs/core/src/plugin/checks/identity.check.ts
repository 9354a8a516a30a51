import { coerce, valid } from 'semver';
import type { Candidate } from './candidate';
import { KEBAB, suggestKebab } from './names';
import { problemOn, type PositionedProblem } from './problem';

/** Checks names and versions; returns the loaded plugins by name (first of duplicates wins, the rest are problems). */
export function checkIdentities(candidates: readonly Candidate[]): {
  loaded: Map<string, Candidate>;
  problems: PositionedProblem[];
} {
  const problems: PositionedProblem[] = [];
  const loaded = new Map<string, Candidate>();
  for (const c of candidates) {
    const { name, version } = c.definition;
    if (typeof name !== 'string' || name.length < 2 || name.length > 50 || !KEBAB.test(name)) {
      const suggestion = suggestKebab(typeof name === 'string' ? name : '');
      problems.push(
        problemOn(
          c,
          `name ${JSON.stringify(name)} is not lower-case kebab-case of 2 to 50 characters`,
          `rename the plugin, e.g. "${suggestion.length >= 2 ? suggestion : 'acme-reviews'}"`,
        ),
      );
    }
    if (typeof version !== 'string' || valid(version) === null) {
      const suggestion = typeof version === 'string' ? coerce(version)?.version : undefined;
      problems.push(
        problemOn(
          c,
          `version ${JSON.stringify(version)} is not a valid semantic version`,
          `set version to MAJOR.MINOR.PATCH, e.g. "${suggestion ?? '1.0.0'}"`,
        ),
      );
    }
    if (typeof name !== 'string') continue;
    const first = loaded.get(name);
    if (first === undefined) {
      loaded.set(name, c);
    } else {
      problems.push(
        problemOn(
          c,
          `two plugins are named "${name}" (plugins[${first.index}] and plugins[${c.index}])`,
          `remove one of them from the plugins list, or rename one`,
        ),
      );
    }
  }
  return { loaded, problems };
}
