import type { Candidate } from './candidate';
import { problemOn, type PositionedProblem } from './problem';
import { UniqueNames } from './unique-names';

/**
 * A settings form from the schema needs a settings schema, and nav entry ids are unique across plugins.
 * (What a nav entry requires is checked with the permissions it names.)
 */
export function checkAdmin(candidates: readonly Candidate[]): PositionedProblem[] {
  const problems: PositionedProblem[] = [];
  const navIds = new UniqueNames();
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
      const clash = navIds.claim(c, entry.id, `admin nav entry id "${entry.id}"`, 'used');
      if (clash !== undefined) {
        problems.push(problemOn(c, clash, `give the entry another id, e.g. "${c.label}-${entry.id}"`));
      }
    }
  }
  return problems;
}
