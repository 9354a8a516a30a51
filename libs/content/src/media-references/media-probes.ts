import { effectiveFields, resolveComponent } from '../schema/effective-fields';
import { MAX_COMPONENT_DEPTH, type ContentTypeDefinition, type FieldDefinition } from '../schema/field-definition';

/**
 * JSON documents, one per place a media field can hold an asset id in a published document of the workspace's
 * types: `{"cover": id}`, `{"gallery": [id]}`, `{"blocks": [{"image": id}]}`, `{"seo": {"ogImage": id}}`. A document
 * holds the id in one of those places exactly when it contains (`@>`) one of them, which the GIN index on
 * `published_data` answers without reading other rows. Both shapes (one id, a list) are listed for every media
 * field, so a field whose `multiple` changed since publishing is still found. Private fields never reach a
 * published document and are skipped. The caller confirms each hit by walking the document with its type.
 */
export function publishedMediaProbes(
  types: Iterable<ContentTypeDefinition>,
  components: ReadonlyMap<string, ContentTypeDefinition>,
  assetId: string,
): string[] {
  const probes = new Set<string>();
  // Ids are stored in lower case since the library checks them; ids saved before may be in upper case.
  const spellings = [...new Set([assetId.toLowerCase(), assetId.toUpperCase()])];
  for (const definition of types) {
    if (definition.kind === 'component') continue;
    for (const id of spellings) {
      for (const shape of shapesOf(effectiveFields(definition), components, id, 0)) probes.add(JSON.stringify(shape));
    }
  }
  return [...probes].sort();
}

function shapesOf(
  fields: readonly FieldDefinition[],
  components: ReadonlyMap<string, ContentTypeDefinition>,
  assetId: string,
  depth: number,
): Array<Record<string, unknown>> {
  const shapes: Array<Record<string, unknown>> = [];
  for (const field of fields) {
    if (field.private === true) continue;
    if (field.type === 'media') {
      shapes.push({ [field.name]: assetId }, { [field.name]: [assetId] });
    } else if (field.type === 'component' && depth < MAX_COMPONENT_DEPTH) {
      const component = resolveComponent(field.component, components);
      if (!component) continue;
      for (const inner of shapesOf(component.fields, components, assetId, depth + 1)) {
        shapes.push({ [field.name]: field.repeatable ? [inner] : inner });
      }
    }
  }
  return shapes;
}
