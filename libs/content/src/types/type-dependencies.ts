import type { ContentTypeDefinition, FieldDefinition } from '../schema/field-definition';

/** The types a definition points at: components it embeds and relation targets, from its own fields. */
export function dependenciesOf(definition: ContentTypeDefinition): { components: string[]; relationTargets: string[] } {
  const components = new Set<string>();
  const relationTargets = new Set<string>();
  const visit = (field: FieldDefinition) => {
    if (field.type === 'component') components.add(field.component);
    if (field.type === 'relation') relationTargets.add(field.target);
  };
  definition.fields.forEach(visit);
  return { components: [...components].sort(), relationTargets: [...relationTargets].sort() };
}

/**
 * Definitions in the order they can be created: components first, each after the components it embeds, then
 * the other types by API id. Relations may form cycles (post → author → post), so they do not order anything:
 * the targets of a batch are known to the validator up front.
 */
export function dependencyOrder(definitions: readonly ContentTypeDefinition[]): ContentTypeDefinition[] {
  const byApiId = new Map(definitions.map((d) => [d.apiId, d]));
  const ordered: ContentTypeDefinition[] = [];
  const placed = new Set<string>();
  const visiting = new Set<string>();
  const place = (definition: ContentTypeDefinition) => {
    if (placed.has(definition.apiId) || visiting.has(definition.apiId)) return;
    visiting.add(definition.apiId);
    for (const component of dependenciesOf(definition).components) {
      const dependency = byApiId.get(component);
      if (dependency) place(dependency);
    }
    visiting.delete(definition.apiId);
    placed.add(definition.apiId);
    ordered.push(definition);
  };
  const sorted = [...definitions].sort((a, b) => (a.apiId < b.apiId ? -1 : a.apiId > b.apiId ? 1 : 0));
  sorted.filter((d) => d.kind === 'component').forEach(place);
  sorted.filter((d) => d.kind !== 'component').forEach(place);
  return ordered;
}

/** Which of `definitions` embed `apiId` as a component or point relations at it (themselves excluded). */
export function usersOf(
  apiId: string,
  definitions: readonly ContentTypeDefinition[],
): { relationsFrom: string[]; embeddedBy: string[] } {
  const relationsFrom: string[] = [];
  const embeddedBy: string[] = [];
  for (const definition of definitions) {
    if (definition.apiId === apiId) continue;
    const { components, relationTargets } = dependenciesOf(definition);
    if (components.includes(apiId)) embeddedBy.push(definition.apiId);
    if (relationTargets.includes(apiId)) relationsFrom.push(definition.apiId);
  }
  return { relationsFrom: relationsFrom.sort(), embeddedBy: embeddedBy.sort() };
}

/** Every type that embeds one of `components`, directly or through other components. */
export function embeddersOf(components: readonly string[], definitions: readonly ContentTypeDefinition[]): string[] {
  const found = new Set<string>();
  let frontier = new Set(components);
  while (frontier.size) {
    const next = new Set<string>();
    for (const definition of definitions) {
      if (found.has(definition.apiId)) continue;
      if (dependenciesOf(definition).components.some((c) => frontier.has(c))) {
        found.add(definition.apiId);
        next.add(definition.apiId);
      }
    }
    frontier = next;
  }
  return [...found].sort();
}
