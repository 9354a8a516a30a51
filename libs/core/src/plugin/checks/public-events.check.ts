import { isEventName } from '../../events/event-name';
import type { Candidate } from './candidate';
import { afterLastDot, suggestKebab } from './names';
import { problemOn, type PositionedProblem } from './problem';
import { UniqueNames } from './unique-names';

/**
 * Public events are named `<plugin>.<subject>.<past-tense-verb>` after the plugin that declares them (a plugin offers
 * only its own events), each once across the installation, with a description for the people who subscribe.
 */
export function checkPublicEvents(candidates: readonly Candidate[]): PositionedProblem[] {
  const problems: PositionedProblem[] = [];
  const names = new UniqueNames();
  for (const c of candidates) {
    const declared: unknown = c.definition.publicEvents;
    if (declared === undefined) continue;
    if (!Array.isArray(declared)) {
      problems.push(problemOn(c, 'publicEvents is not an array', 'declare publicEvents: [{ name, description }, ...]'));
      continue;
    }
    for (const event of declared as Array<{ name?: unknown; description?: unknown }>) {
      const name = typeof event?.name === 'string' ? event.name : undefined;
      if (name === undefined) {
        problems.push(problemOn(c, 'a public event has no name', 'give every public event a name string'));
        continue;
      }
      const prefix = `${c.label}.`;
      if (!name.startsWith(prefix)) {
        problems.push(
          problemOn(
            c,
            `public event "${name}" is not named after the plugin ("${prefix}<subject>.<past-tense-verb>")`,
            `offer only the plugin's own events, e.g. "${prefix}${suggestKebab(name.split('.').slice(-2, -1)[0] ?? '') || 'item'}.${afterLastDot(name) || 'created'}"`,
          ),
        );
      } else if (!isEventName(name)) {
        problems.push(
          problemOn(
            c,
            `public event "${name}" is not "<plugin>.<subject>.<past-tense-verb>" in kebab-case`,
            `name what happened in the past tense, e.g. "${prefix}item.created" or "${prefix}item.stage-changed"`,
          ),
        );
      }
      const clash = names.claim(c, name, `public event "${name}"`, 'declared');
      if (clash !== undefined) problems.push(problemOn(c, clash, 'declare each public event once'));
      if (typeof event.description !== 'string' || event.description.trim() === '') {
        problems.push(
          problemOn(
            c,
            `public event "${name}" has no description`,
            'describe what happened in a sentence, for the people who subscribe to it',
          ),
        );
      }
    }
  }
  return problems;
}
