/**
 * The content model as data: what a workspace defines at run time through the API and what every other part of
 * the content plugin (validation, storage, delivery, the console's type builder) reads. Stored as JSON in
 * `content_types.definition`; validated by `validateTypeDefinition` before it is stored.
 */

/** Every field type the API supports. */
export const FIELD_TYPES = [
  'text',
  'longText',
  'richText',
  'integer',
  'decimal',
  'boolean',
  'date',
  'datetime',
  'enum',
  'email',
  'url',
  'slug',
  'json',
  'media',
  'relation',
  'component',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** What a collection, a singleton or a reusable component is. Components hold fields but no entries. */
export type ContentTypeKind = 'collection' | 'singleton' | 'component';

/** What happens to entries that point at an entry being deleted (moved to trash). */
export type RelationOnDelete = 'restrict' | 'detach';

interface FieldBase {
  /** camelCase, unique in its type: the key in an entry's data and in the delivery API. */
  name: string;
  label?: string;
  description?: string;
  /** Must hold a value before a locale is published (drafts may leave it empty). */
  required?: boolean;
  /** Unique among the type's entries (per locale for a localized field). */
  unique?: boolean;
  /** One value per locale (default) or one value shared by every locale. */
  localized?: boolean;
  /** Never in the delivery API: not returned, not filterable, not sortable, not searchable. */
  private?: boolean;
  /** Filterable and sortable in the delivery API through an expression index. */
  indexed?: boolean;
  /** Value given to a new entry that does not set the field. */
  default?: unknown;
}

export interface TextField extends FieldBase {
  type: 'text' | 'longText';
  minLength?: number;
  maxLength?: number;
  /** ECMAScript regular expression (unicode) the whole value must match. */
  pattern?: string;
}
export interface RichTextField extends FieldBase {
  type: 'richText';
  /** Cap on the plain-text length of the document. */
  maxLength?: number;
}
export interface NumberField extends FieldBase {
  type: 'integer' | 'decimal';
  min?: number;
  max?: number;
}
export interface PlainField extends FieldBase {
  type: 'boolean' | 'date' | 'datetime' | 'email' | 'url' | 'json';
}
export interface EnumField extends FieldBase {
  type: 'enum';
  values: string[];
}
export interface SlugField extends FieldBase {
  type: 'slug';
  /** The text field a slug is generated from when the entry does not set one. */
  sourceField?: string;
}
export interface MediaField extends FieldBase {
  type: 'media';
  multiple?: boolean;
  /** Allowed MIME type families (`image`, `video`, `audio`, `application/pdf`…); checked once media exists. */
  allowedTypes?: string[];
}
export interface RelationField extends FieldBase {
  type: 'relation';
  /** API id of the target type (a collection or singleton of the same workspace). */
  target: string;
  multiple?: boolean;
  /** Default `restrict`: an entry that others point at cannot be trashed; `detach` removes the links. */
  onDelete?: RelationOnDelete;
}
export interface ComponentField extends FieldBase {
  type: 'component';
  /** API id of a type of kind `component`. */
  component: string;
  repeatable?: boolean;
  minItems?: number;
  maxItems?: number;
}

export type FieldDefinition =
  | TextField
  | RichTextField
  | NumberField
  | PlainField
  | EnumField
  | SlugField
  | MediaField
  | RelationField
  | ComponentField;

export interface ContentTypeOptions {
  /** Anonymous readers may read the type's published entries through the delivery API. */
  publicRead?: boolean;
  /** Revisions kept per entry; the oldest beyond the cap are deleted on save. Default 100. */
  revisionCap?: number;
  /** Adds the built-in `seo` block (title, meta description, canonical URL, open-graph image). */
  seo?: boolean;
  /**
   * Where the console opens a preview of an entry: an http(s) URL with placeholders from {id}, {locale}, {slug},
   * {token}, {contentType}, e.g. `https://site.example/preview/{locale}/{slug}?token={token}`.
   */
  previewUrl?: string;
}

/** A content type as the API accepts and returns it. */
export interface ContentTypeDefinition {
  /** kebab-case, unique in the workspace: `blog-post`; the path segment of the delivery API. */
  apiId: string;
  kind: ContentTypeKind;
  name: string;
  description?: string;
  fields: FieldDefinition[];
  options?: ContentTypeOptions;
}

/** Built-in metadata keys of an entry; no field may use them as its name. */
export const RESERVED_FIELD_NAMES = [
  'id',
  'locale',
  'locales',
  'status',
  'createdAt',
  'updatedAt',
  'publishedAt',
  'firstPublishedAt',
  'createdById',
  'updatedById',
  'contentType',
] as const;

/** How deep components may nest inside components (a type's own fields are depth 0). */
export const MAX_COMPONENT_DEPTH = 3;

/** The name of the built-in SEO block's field when `options.seo` is on. */
export const SEO_FIELD_NAME = 'seo';

/** Field types whose values are one per locale unless the field says `localized: false`; others are shared. */
export const LOCALIZED_BY_DEFAULT: ReadonlySet<FieldType> = new Set<FieldType>([
  'text',
  'longText',
  'richText',
  'slug',
  'media',
  'component',
]);

/** Whether a field holds one value per locale: its own `localized`, else the default of its type. */
export function isLocalizedField(field: FieldDefinition): boolean {
  return field.localized ?? LOCALIZED_BY_DEFAULT.has(field.type);
}
