import {
  SEO_FIELD_NAME,
  type ComponentField,
  type ContentTypeDefinition,
  type FieldDefinition,
} from './field-definition';

/**
 * API id of the built-in SEO component. Not a valid kebab-case API id (`$`), so no workspace component can take
 * it, and `validateTypeDefinition` refuses a field that names it: only `options.seo` brings the block in.
 */
export const SEO_COMPONENT_API_ID = '$seo';

/** The built-in SEO block: what `options.seo` adds to a type as the localized field `seo`. */
export const SEO_COMPONENT: ContentTypeDefinition = Object.freeze({
  apiId: SEO_COMPONENT_API_ID,
  kind: 'component',
  name: 'SEO',
  description: 'Search-engine and social-sharing metadata (built in).',
  fields: Object.freeze([
    { name: 'title', label: 'Title', type: 'text', maxLength: 70, localized: true },
    { name: 'metaDescription', label: 'Meta description', type: 'longText', maxLength: 160, localized: true },
    { name: 'canonicalUrl', label: 'Canonical URL', type: 'url', localized: true },
    { name: 'ogImage', label: 'Open-graph image', type: 'media', multiple: false, localized: true },
  ]) as unknown as FieldDefinition[],
}) as ContentTypeDefinition;

/** The field `options.seo` adds. */
export const SEO_FIELD: ComponentField = Object.freeze({
  name: SEO_FIELD_NAME,
  label: 'SEO',
  type: 'component',
  component: SEO_COMPONENT_API_ID,
  localized: true,
}) as ComponentField;

/** The type's fields as entries hold them: its own plus, with `options.seo`, the built-in `seo` block (last). */
export function effectiveFields(definition: ContentTypeDefinition): FieldDefinition[] {
  const fields = [...definition.fields];
  if (definition.options?.seo === true && definition.kind !== 'component') fields.push(SEO_FIELD);
  return fields;
}

/**
 * The component a component field embeds: the built-in SEO block or a workspace component (undefined when the
 * workspace has none of that API id, or when the type found is not a component).
 */
export function resolveComponent(
  apiId: string,
  components: ReadonlyMap<string, ContentTypeDefinition>,
): ContentTypeDefinition | undefined {
  if (apiId === SEO_COMPONENT_API_ID) return SEO_COMPONENT;
  const found = components.get(apiId);
  return found?.kind === 'component' ? found : undefined;
}
