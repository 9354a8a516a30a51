import { dependenciesOf, type Candidate } from './checks/candidate';

/**
 * Dependencies first; whenever several plugins are ready, the one configured first goes first (Kahn's algorithm
 * with the configured position as priority), so a list already in a valid order is kept as it is.
 */
export function loadOrder(candidates: readonly Candidate[], loaded: ReadonlyMap<string, Candidate>): Candidate[] {
  const placed = new Set<Candidate>();
  const order: Candidate[] = [];
  while (order.length < candidates.length) {
    const next = candidates.find((c) => !placed.has(c) && dependenciesOf(c, loaded).every((d) => placed.has(d)));
    if (next === undefined) break; // only with a cycle, which resolve has already refused
    placed.add(next);
    order.push(next);
  }
  return order;
}
