import { satisfies, valid, validRange } from 'semver';
import { dependenciesOf, type Candidate } from './candidate';
import { pluginConstName } from './names';
import { problemOn, type PositionedProblem } from './problem';

/** Requires (loaded, in range), conflicts, and cycles among the requirements. */
export function checkDependencies(
  candidates: readonly Candidate[],
  loaded: ReadonlyMap<string, Candidate>,
): PositionedProblem[] {
  const problems: PositionedProblem[] = [];
  const reportedConflicts = new Set<string>();
  for (const c of candidates) {
    for (const [dependency, range] of Object.entries(c.definition.requires ?? {})) {
      const target = loaded.get(dependency);
      if (typeof range !== 'string' || validRange(range) === null) {
        problems.push(
          problemOn(
            c,
            `requires "${dependency}" with ${JSON.stringify(range)}, which is not a valid semver range`,
            `write a range such as "^1.0.0" in requires.${quoteKey(dependency)}`,
          ),
        );
      } else if (target === undefined) {
        problems.push(
          problemOn(
            c,
            `requires "${dependency}" ${range}, which is not loaded`,
            `add the "${dependency}" plugin (e.g. ${pluginConstName(dependency)}) to the plugins list, or remove "${dependency}" from the requires of "${c.label}"`,
          ),
        );
      } else if (
        valid(target.definition.version) !== null &&
        !satisfies(target.definition.version, range, { includePrerelease: true })
      ) {
        problems.push(
          problemOn(
            c,
            `requires "${dependency}" ${range}, but "${dependency}" ${target.definition.version} is loaded`,
            `load a version of "${dependency}" that satisfies ${range}, or widen requires.${quoteKey(dependency)} of "${c.label}" to include ${target.definition.version}`,
          ),
        );
      }
    }
    for (const other of Array.isArray(c.definition.conflicts) ? c.definition.conflicts : []) {
      const pair = [c.label, other].sort().join('\u0000');
      if (other === c.definition.name || !loaded.has(other) || reportedConflicts.has(pair)) continue;
      reportedConflicts.add(pair);
      problems.push(
        problemOn(
          c,
          `conflicts with "${other}", which is also loaded`,
          `remove either "${c.label}" or "${other}" from the plugins list`,
        ),
      );
    }
  }
  for (const cycle of findCycles(loaded)) {
    const [start] = cycle;
    const last = cycle[cycle.length - 2];
    problems.push(
      problemOn(
        start,
        `its requirements form a cycle: ${cycle.map((c) => c.label).join(' -> ')}`,
        `break the cycle by removing one requirement (e.g. "${start.label}" from the requires of "${last.label}"); move what they share into a plugin both require`,
      ),
    );
  }
  return problems;
}

/**
 * One cycle per strongly connected component (Tarjan), as a closed path `a, b, c, a` starting at the member
 * configured first, so that each cycle is reported once, on a predictable plugin.
 */
function findCycles(loaded: ReadonlyMap<string, Candidate>): Candidate[][] {
  const nodes = [...loaded.values()];
  const state = new Map<Candidate, { index: number; low: number; onStack: boolean }>();
  const stack: Candidate[] = [];
  const components: Candidate[][] = [];
  let counter = 0;

  const visit = (node: Candidate): void => {
    const s = { index: counter, low: counter, onStack: true };
    counter += 1;
    state.set(node, s);
    stack.push(node);
    for (const next of dependenciesOf(node, loaded)) {
      const t = state.get(next);
      if (t === undefined) {
        visit(next);
        s.low = Math.min(s.low, state.get(next)!.low);
      } else if (t.onStack) {
        s.low = Math.min(s.low, t.index);
      }
    }
    if (s.low === s.index) {
      const component: Candidate[] = [];
      let member: Candidate;
      do {
        member = stack.pop()!;
        state.get(member)!.onStack = false;
        component.push(member);
      } while (member !== node);
      components.push(component);
    }
  };
  for (const node of nodes) if (!state.has(node)) visit(node);

  const cycles: Candidate[][] = [];
  for (const component of components) {
    const start = component.reduce((a, b) => (a.index <= b.index ? a : b));
    const selfLoop = dependenciesOf(start, loaded).includes(start);
    if (component.length === 1 && !selfLoop) continue;
    cycles.push(shortestCycleFrom(start, new Set(component), loaded));
  }
  return cycles.sort((a, b) => a[0].index - b[0].index);
}

function shortestCycleFrom(
  start: Candidate,
  component: Set<Candidate>,
  loaded: ReadonlyMap<string, Candidate>,
): Candidate[] {
  // Breadth-first from start's dependencies back to start, staying inside the component.
  const previous = new Map<Candidate, Candidate>();
  const queue: Candidate[] = [start];
  while (queue.length > 0) {
    const node = queue.shift()!;
    for (const next of dependenciesOf(node, loaded)) {
      if (!component.has(next)) continue;
      if (next === start) {
        const path = [node];
        for (let at = node; at !== start;) {
          at = previous.get(at)!;
          path.unshift(at);
        }
        return [...path, start];
      }
      if (!previous.has(next)) {
        previous.set(next, node);
        queue.push(next);
      }
    }
  }
  return [start, start]; // unreachable for a real component; keeps the type total
}

function quoteKey(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? key : `[${JSON.stringify(key)}]`;
}
