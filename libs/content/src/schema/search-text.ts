import type { ContentTypeDefinition } from './field-definition';
import { effectiveFields, SEO_FIELD } from './effective-fields';
import { forEachFieldValue } from './field-walk';
import { richTextPlainText } from './rich-text';

/** Longest text kept per weight: PostgreSQL's tsvector holds at most 1 MB, and ranking does not need more. */
const MAX_SEARCH_TEXT = 200_000;

/**
 * The searchable text of one locale's published document: `primary` from the type's own `text` fields (weighted
 * higher), `secondary` from slugs (words), long text, rich text (plain text) and text inside components. Private fields
 * are left out at every depth, and so is the SEO block (it repeats the title and is not content).
 */
export function searchText(
  definition: ContentTypeDefinition,
  components: ReadonlyMap<string, ContentTypeDefinition>,
  doc: Record<string, unknown>,
): { primary: string; secondary: string } {
  const primary: string[] = [];
  const secondary: string[] = [];
  const privatePaths: string[] = [];
  const fields = effectiveFields(definition).filter((f) => f !== SEO_FIELD);
  forEachFieldValue(fields, components, doc, (field, value, path) => {
    if (field.private === true || privatePaths.some((p) => path.startsWith(`${p}.`) || path.startsWith(`${p}[`))) {
      if (field.type === 'component') privatePaths.push(path);
      return;
    }
    const topLevel = !path.includes('.') && !path.includes('[');
    if (field.type === 'text' && typeof value === 'string' && value !== '') {
      (topLevel ? primary : secondary).push(value);
    } else if (field.type === 'slug' && typeof value === 'string' && value !== '') {
      secondary.push(value.replace(/-/g, ' '));
    } else if (field.type === 'longText' && typeof value === 'string' && value !== '') {
      secondary.push(value);
    } else if (field.type === 'richText' && value !== null && value !== undefined) {
      try {
        const text = richTextPlainText(value);
        if (text !== '') secondary.push(text);
      } catch {
        // not a document: nothing to index
      }
    }
  });
  return {
    primary: primary.join('\n').slice(0, MAX_SEARCH_TEXT),
    secondary: secondary.join('\n').slice(0, MAX_SEARCH_TEXT),
  };
}
