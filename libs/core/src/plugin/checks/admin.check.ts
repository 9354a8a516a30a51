import type { Candidate } from './candidate';
import { problemOn, type PositionedProblem } from './problem';

/**
 * A settings form from the schema needs a settings schema, and nav entry ids are unique across plugins.
 * (What a nav entry requires is checked with the permissions it names.)
 */
export function checkAdmin(candidates: readonly Candidate[]): PositionedProblem[] {
  const problems: PositionedProblem[] = [];
  const navOwners = new Map<string, Candidate>();
  for (const c of candidates) {
    const admin = c.definition.admin;
    if (admin?.settingsForm === 'from-schema' && c.definition.settings === undefined) {
      problems.push(
        problemOn(
          c,
          'admin.settingsForm is "from-schema", but the plugin declares no settings schema',
          'declare settings: { schema, defaults }, or remove admin.settingsForm',
        ),
      );
    }
    for (const entry of admin?.nav ?? []) {
      const owner = navOwners.get(entry.id);
      if (owner === undefined) {
        navOwners.set(entry.id, c);
      } else {
        problems.push(
          problemOn(
            c,
            owner === c
              ? `admin nav entry id "${entry.id}" is used twice`
              : `admin nav entry id "${entry.id}" is also used by plugin "${owner.label}"`,
            `give the entry another id, e.g. "${c.label}-${entry.id}"`,
          ),
        );
      }
    }
  }
  return problems;
}
